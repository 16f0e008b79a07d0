"""An editor sets a quiz's question bank in the admin: the draw is checked against the bank, and saving a quiz warns
about the cues test-wise learners use."""

import re

from playwright.sync_api import expect

from learning.models import QuizPage
from tests.factories import PASSWORD, moderator


def open_the_rules_of_the_moderation_quiz(page, log_in):
    moderator(username="dewi")
    log_in("dewi", PASSWORD)
    quiz = QuizPage.objects.get(slug="moderation-quiz", locale__language_code="en")
    page.goto(f"/admin/pages/{quiz.pk}/edit/")
    page.get_by_role("tab", name="Rules").click()
    return quiz


def test_a_draw_the_bank_cannot_support_is_refused_with_the_numbers(
    page, curriculum, log_in, screenshot, settings
):
    # The editor's own "Save draft" is what is tested: Wagtail's autosave, sending the refused draw again while the
    # editor types, would race it (and on a busy machine win).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    quiz = open_the_rules_of_the_moderation_quiz(page, log_in)
    moderation = page.get_by_label("Questions to ask").first
    expect(moderation).to_have_value("6")

    moderation.fill("7")
    page.get_by_role("button", name="Save draft").click()

    expect(
        page.get_by_text(
            "Moderation: asking 7 needs at least 14 scored questions of this skill in the bank; it has 13."
        )
    ).to_be_visible()
    screenshot(page, "admin-quiz-bank-refused")
    assert quiz.draws.get(skill__slug="moderation").count == 6

    page.get_by_role("tab", name="Rules").click()
    page.get_by_label("Questions to ask").first.fill("5")
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_text(re.compile("Page 'Check yourself: moderation' has been updated"))).to_be_visible()
    draft = QuizPage.objects.get(pk=quiz.pk).get_latest_revision_as_object()
    assert {draw.skill.slug: draw.count for draw in draft.draws.all()} == {
        "moderation": 5,
        "communication": 2,
    }
