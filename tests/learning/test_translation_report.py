from io import BytesIO
from urllib.parse import urlencode

import openpyxl
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


def test_editors_see_the_report_with_its_downloads(client, editor, course):
    client.force_login(editor)

    response = client.get(reverse("kelola_translation_report"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Module 1" in html
    assert '<span class="w-status" data-state="missing">ID: Missing</span>' in html
    assert "Download CSV" in html
    assert "Download XLSX" in html


@pytest.mark.parametrize("who", ["learner", "mentor"])
def test_learners_and_mentors_are_sent_to_the_admin_login(client, request, who, course):
    client.force_login(request.getfixturevalue(who))
    url = reverse("kelola_translation_report")

    for asked in (url, f"{url}?export=csv"):
        response = client.get(asked)
        assert response.status_code == 302
        assert (
            response["Location"] == f"{reverse('wagtailadmin_login')}?{urlencode({'next': asked}, safe='/')}"
        )


def test_the_csv_download_lists_the_pages_that_need_work(client, editor, course, lessons, indonesian):
    builders.add_lesson(lessons[0].get_parent(), "Brand new")
    client.force_login(editor)

    response = client.get(reverse("kelola_translation_report"), {"export": "csv"})

    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="translations.csv"'
    assert b"".join(response.streaming_content).decode() == (
        "Page,Type,Bahasa Indonesia\r\nBrand new,Lesson,Missing\r\n"
    )


def test_the_xlsx_download_lists_every_page_when_asked(client, editor, course, lessons, indonesian):
    lessons[1].save_revision().publish()
    client.force_login(editor)

    response = client.get(reverse("kelola_translation_report"), {"show": "all", "export": "xlsx"})

    sheet = openpyxl.load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert response["Content-Disposition"] == 'attachment; filename="translations.xlsx"'
    assert rows[0] == ("Page", "Type", "Bahasa Indonesia")
    assert len(rows) == 1 + len(translation_report())
    assert (lessons[0].title, "Lesson", "Translated") in rows
    assert (lessons[1].title, "Lesson", "Original changed since") in rows
