"""Which pages are translated, for the editors' "Translations" report."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page


class TranslationState(models.TextChoices):
    TRANSLATED = "translated", _("Translated")
    OUTDATED = "outdated", _("Original changed since")
    ALIAS = "alias", _("Not translated (shows the original)")
    MISSING = "missing", _("Missing")


@dataclass(frozen=True)
class TranslationRow:
    page: Page
    states: dict[str, tuple[TranslationState, Page | None]]

    @property
    def needs_work(self) -> bool:
        return any(state is not TranslationState.TRANSLATED for state, _page in self.states.values())


def target_languages() -> list[tuple[str, str]]:
    """The languages pages are translated into: (code, name) of each but the default."""
    default = Locale.get_default().language_code
    return [(code, name) for code, name in settings.LANGUAGES if code != default]


def translation_report(*, only_needing_work: bool = False) -> list[TranslationRow]:
    """Every page of the default language with the state of its translation into each other language.

    A translation is outdated when its original was published after it.
    """
    default = Locale.get_default()
    originals = list(Page.objects.filter(locale=default, depth__gt=1).order_by("path").specific(defer=True))
    targets = [code for code, _name in target_languages()]
    translations = {
        (page.translation_key, page.locale.language_code): page
        for page in Page.objects.filter(
            translation_key__in=[page.translation_key for page in originals],
            locale__language_code__in=targets,
        ).select_related("locale")
    }
    rows = []
    for original in originals:
        states = {
            code: _state(original, translations.get((original.translation_key, code))) for code in targets
        }
        row = TranslationRow(page=original, states=states)
        if row.needs_work or not only_needing_work:
            rows.append(row)
    return rows


def _state(original: Page, translation: Page | None) -> tuple[TranslationState, Page | None]:
    if translation is None:
        return TranslationState.MISSING, None
    if translation.alias_of_id is not None:
        return TranslationState.ALIAS, translation
    if (
        original.last_published_at
        and translation.last_published_at
        and original.last_published_at > translation.last_published_at
    ):
        return TranslationState.OUTDATED, translation
    return TranslationState.TRANSLATED, translation
