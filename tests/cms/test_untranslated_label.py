"""Indonesian pages that are still aliases of the English original say so, beside the title and in listings."""

import pytest
from wagtail.models import Locale, Page

from learning.models import LessonPage, ModulePage
from tests.learning import builders

pytestmark = pytest.mark.django_db

LABEL = ' <span class="badge text-bg-light border untranslated-label">Belum tersedia dalam Bahasa Indonesia</span>'


@pytest.fixture
def course(db):
    """The home page, course and module translated; the module's first lesson translated, the others aliases."""
    course = builders.course(modules=1, lessons=2)
    indonesian = Locale.objects.get(language_code="id")
    home = course.get_parent().specific
    builders.translate(home, hero_heading="Beranda", hero_text="Teks")
    builders.translate(course, title="Kursus")
    module = ModulePage.objects.get(locale__language_code="en")
    builders.translate(module, title="Modul")
    first, second = LessonPage.objects.filter(locale__language_code="en").order_by("path")
    builders.translate(first, title="Pelajaran diterjemahkan")
    second.create_alias(parent=module.get_translation(indonesian), update_locale=indonesian)
    return course


def alias():
    return LessonPage.objects.get(locale__language_code="id", alias_of__isnull=False)


def test_an_alias_lesson_says_so_beside_its_title_in_indonesian(client, course):
    html = client.get(alias().url).content.decode()

    assert f"{alias().title}{LABEL}</h1>" in html


def test_a_translated_lesson_has_no_label(client, course):
    translated = LessonPage.objects.get(locale__language_code="id", alias_of__isnull=True)

    html = client.get(translated.url).content.decode()

    assert '<h1 id="lesson-title">Pelajaran diterjemahkan</h1>' in html
    assert "untranslated-label" not in html


def test_the_module_s_lesson_list_labels_the_alias_only(client, course):
    module = ModulePage.objects.get(locale__language_code="id")

    html = client.get(module.url).content.decode()

    assert html.count(LABEL) == 1
    assert f">{alias().title}</a>{LABEL}" in html


def test_search_results_label_the_alias(client, course):
    html = client.get(f"/id/search/?q={alias().title}").content.decode()

    assert f">{alias().title}</a>{LABEL}" in html


def test_english_pages_never_show_the_label(client, course):
    english = Page.objects.get(pk=alias().alias_of_id)

    html = client.get(english.url).content.decode()

    assert f'<h1 id="lesson-title">{english.title}</h1>' in html
    assert "untranslated-label" not in html
