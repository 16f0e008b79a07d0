"""Turns the shipped content files (YAML with Markdown text) into published, translated Wagtail pages.

Used by `load_demo` for the site pages and the curriculum. A page that exists already is left as it is, so
re-running the loader never duplicates pages nor overwrites what editors have changed in the admin.
"""

import json
from pathlib import Path
from typing import Any

import markdown
import yaml
from django.conf import settings
from wagtail.models import Locale, Page


def read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def markdown_to_richtext(text: str) -> str:
    """Markdown as Wagtail rich text HTML (paragraphs, headings, lists, bold and italic)."""
    return markdown.markdown(text.strip(), output_format="html")


def stream_json(blocks: list[dict], converters: dict[str, Any]) -> str:
    """A StreamField's raw JSON from YAML blocks written as one-key mappings: `- text: ...`, `- callout: {...}`.

    `converters` maps each YAML block name to `(stream block name, function turning the YAML value into the
    block's raw value)`.
    """
    stream = []
    for item in blocks:
        ((name, value),) = item.items()
        block_type, convert = converters[name]
        stream.append({"type": block_type, "value": convert(value)})
    return json.dumps(stream)


def publish_new_child(*, parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish_translation(*, source: Page, language_code: str, fields: dict[str, Any]) -> Page:
    """The source page's translation into `language_code`, created and published with `fields` if missing."""
    locale = Locale.objects.get(language_code=language_code)
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = source.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def translation_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def ensure_page(*, parent: Page, page_class: type[Page], spec: dict, fields, **extra) -> Page:
    """The parent's child with the spec's slug; created from the spec, and translated, if missing.

    `spec` holds a `slug` and one content mapping per language code; `fields(content)` turns one language's content
    into page fields; `extra` holds the fields that do not depend on the language.
    """
    page = parent.get_children().filter(slug=spec["slug"]).specific().first()
    if page is None:
        default = settings.LANGUAGE_CODE
        page = publish_new_child(
            parent=parent, page=page_class(slug=spec["slug"], **extra, **fields(spec[default]))
        )
    for language_code in translation_languages():
        publish_translation(source=page, language_code=language_code, fields=fields(spec[language_code]))
    return page


def ensure_snippet_translation(source, *, language_code: str, fields: dict[str, Any]):
    """The snippet's translation into `language_code`, created with `fields` if missing."""
    existing = source.get_translation_or_none(Locale.objects.get(language_code=language_code))
    if existing is not None:
        return existing
    translation = source.copy_for_translation(Locale.objects.get(language_code=language_code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation
