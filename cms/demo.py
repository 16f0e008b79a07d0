"""Demo content and demo accounts for README command 1 (`manage.py load_demo`)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Site

from learning.models import LessonPage
from learning.progress import mark_complete, record_visit

from .content_loader import (
    markdown_to_richtext,
    publish_new_child,
    publish_translation,
    read_yaml,
    stream_json,
)
from .models import HomePage, StandardPage

FIXTURES_DIR = settings.BASE_DIR / "fixtures"
DEMO_PASSWORD = "kelola-demo"  # noqa: S105 - documented in the README; demo machines only.

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


# The demo learner's history: lessons finished (by module folder and lesson number), the last one opened.
DEMO_LEARNER_COMPLETED = {"the-job": [1, 2, 3], "moderation": [1]}


@transaction.atomic
def load_demo_learner_history(*, course, username: str = "learner") -> None:
    """Give the demo learner some course history, so a tester sees progress straight away."""
    user = get_user_model().objects.get(username=username)
    for module_slug, numbers in DEMO_LEARNER_COMPLETED.items():
        lessons = list(
            LessonPage.objects.child_of(course.get_children().get(slug=module_slug)).order_by("path")
        )
        for number in numbers:
            mark_complete(user=user, lesson=lessons[number - 1])
            record_visit(user=user, lesson=lessons[number - 1])


@transaction.atomic
def load_demo_accounts(*, path=FIXTURES_DIR / "demo_accounts.yaml", password: str = DEMO_PASSWORD) -> list:
    """Create the demo accounts that are missing; existing accounts keep their password and details."""
    User = get_user_model()
    users = []
    for spec in read_yaml(path):
        superuser = spec.get("superuser", False)
        user, created = User.objects.get_or_create(
            username=spec["username"],
            defaults={
                "first_name": spec["first_name"],
                "last_name": spec["last_name"],
                "email": spec["email"],
                "is_superuser": superuser,
                "is_staff": superuser,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(*Group.objects.filter(name__in=spec["roles"]))
        users.append(user)
    return users
