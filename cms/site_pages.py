"""The site pages (home, about, help…) from `fixtures/site.yaml`, in both languages."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Site

from .content_loader import (
    markdown_to_richtext,
    publish_new_child,
    publish_translation,
    read_yaml,
    stream_json,
)
from .models import HomePage, StandardPage

FIXTURES_DIR = settings.BASE_DIR / "fixtures"

STANDARD_PAGE_BLOCKS = {
    "text": ("paragraph", markdown_to_richtext),
    "callout": (
        "callout",
        lambda value: {**value, "text": markdown_to_richtext(value["text"])},
    ),
    "quote": ("quote", lambda value: value),
}


def home_fields(content: dict) -> dict:
    return {
        "title": content["title"],
        "hero_heading": content["hero_heading"],
        "hero_text": content["hero_text"],
        "offers": stream_json(
            [{"feature": offer} for offer in content["offers"]], {"feature": ("feature", dict)}
        ),
        "steps": stream_json([{"step": step} for step in content["steps"]], {"step": ("step", dict)}),
    }


def standard_page_fields(content: dict) -> dict:
    return {
        "title": content["title"],
        "seo_title": content.get("seo_title", ""),
        "intro": content.get("intro", ""),
        "body": stream_json(content.get("body", []), STANDARD_PAGE_BLOCKS),
    }


@transaction.atomic
def load_site_pages(*, path=FIXTURES_DIR / "site.yaml") -> HomePage:
    """Fill the home page (still the placeholder from the migration) and add the site pages, in both languages."""
    data = read_yaml(path)
    home = Site.objects.get(is_default_site=True).root_page.specific
    if not home.offers:
        for name, value in home_fields(data["home"]["en"]).items():
            setattr(home, name, value)
        home.save_revision().publish()
    publish_translation(source=home, language_code="id", fields=home_fields(data["home"]["id"]))

    for spec in data["pages"]:
        page = home.get_children().filter(slug=spec["slug"]).specific().first()
        if page is None:
            page = publish_new_child(
                parent=home,
                page=StandardPage(slug=spec["slug"], show_in_menus=True, **standard_page_fields(spec["en"])),
            )
        publish_translation(source=page, language_code="id", fields=standard_page_fields(spec["id"]))
    return home
