import pytest
from django.urls import reverse

from learning.translation_status import TranslationState, translation_report
from tests.learning import builders

pytestmark = pytest.mark.django_db


def state_of(page) -> TranslationState:
    row = next(row for row in translation_report() if row.page.pk == page.pk)
    return row.states["id"][0]


def test_each_translation_state(course, lessons, indonesian):
    lessons[1].save_revision().publish()  # the original changes after its translation
    indonesian_locale = indonesian[course.pk].locale
    indonesian[lessons[2].pk].delete()
    lessons[2].copy_for_translation(indonesian_locale, alias=True)
    missing = builders.add_lesson(lessons[0].get_parent(), "Brand new")

    assert state_of(lessons[0]) is TranslationState.TRANSLATED
    assert state_of(lessons[1]) is TranslationState.OUTDATED
    assert state_of(lessons[2]) is TranslationState.ALIAS
    assert state_of(missing) is TranslationState.MISSING


def test_report_lists_only_pages_that_need_work_by_default(course, lessons, indonesian):
    builders.add_lesson(lessons[0].get_parent(), "Brand new")

    rows = translation_report(only_needing_work=True)

    assert [row.page.title for row in rows] == ["Brand new"]


def test_editors_see_the_report_and_learners_do_not(client, editor, learner, course):
    url = reverse("kelola_translation_report")

    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert "Module 1" in response.content.decode()

    client.force_login(learner)
    assert client.get(url).status_code == 302
