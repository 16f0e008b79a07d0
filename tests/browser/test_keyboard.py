"""The main journeys with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrow keys; never a click): sign in,
complete a lesson, take a quiz to its result, add a project, ask for a review, and a mentor comments and decides.
Every element the keyboard reaches on the way shows where the focus is (an outline of its own), and the skip link
takes the keyboard past the navigation."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from learning.models import LessonCompletion, LessonPage, QuizAttempt, QuizPage
from mentoring.mentorships import accept, invite
from mentoring.models import ReviewComment, ReviewRequest, ReviewState
from portfolio.models import Project
from tests.factories import PASSWORD, learner, mentor

# What the focused element looks like: its name, and whether it shows an outline of at least 2px on screen.
FOCUS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return {
    name: (element.getAttribute("aria-label") || element.innerText || element.name || element.id || "")
      .trim().slice(0, 60),
    outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    on_screen: box.width > 0 && box.height > 0 && style.visibility !== "hidden",
  };
}"""


def focus_of(page) -> dict | None:
    return page.evaluate(FOCUS)


def tab_to(page, target, *, key: str = "Tab", limit: int = 150) -> None:
    """Press `key` until `target` has the focus, checking that each element reached on the way shows its focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        focus = focus_of(page)
        assert focus is not None, f"{key} left the focus nowhere"
        assert focus["outlined"] and focus["on_screen"], f"no visible focus: {focus}"
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{key} never reached {target}")


def type_into(page, target, text: str, **keys) -> None:
    tab_to(page, target, **keys)
    page.keyboard.type(text)


def press_on(page, target, key: str = "Enter", **keys) -> None:
    tab_to(page, target, **keys)
    page.keyboard.press(key)


def focus_shot(page, name: str) -> None:
    """With FOCUS_SCREENSHOTS set to a folder, a picture of the screen as the focus leaves it, to look at."""
    folder = os.environ.get("FOCUS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.evaluate("document.activeElement.scrollIntoView({block: 'center', behavior: 'instant'})")
        page.screenshot(path=str(Path(folder) / f"{name}-{page.viewport_size['width']}px.png"))


def sign_in(page, username: str, language: str) -> None:
    """From the home page: the skip link first, past the navigation to the page's own "Log in"; then the form,
    whose first field has the focus already, sent with Enter."""
    page.goto(f"/{language}/")
    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    assert focus_of(page)["outlined"] and skip_link.is_visible()
    focus_shot(page, f"skip-link-{language}")
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")  # the first link in the page, not in the navigation
    expect(page.locator("main a").first).to_be_focused()
    press_on(page, page.locator(f'main a[href="/{language}/accounts/login/"]'))
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type(username)
    focus_shot(page, f"username-{language}")
    type_into(page, page.locator("#id_password"), PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)


def answer_the_quiz(page) -> None:
    """Each question from the keyboard: Space ticks a box or picks a choice, the arrow keys move to the next choice."""
    for number, question in enumerate(page.locator("fieldset.quiz-question").all()):
        text = question.locator("textarea")
        if text.count():
            type_into(page, text, "Next time I answer in public first, then follow up privately.")
            continue
        choices = question.locator("input")
        press_on(page, choices.first, "Space")
        if number == 0:
            focus_shot(page, "quiz-choice")
        if choices.first.get_attribute("type") == "radio":
            page.keyboard.press("ArrowDown")  # a radio group: the arrow picks the next choice instead
            expect(choices.nth(1)).to_be_checked()


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("id", 390)])
def test_a_learner_signs_in_completes_a_lesson_and_takes_a_quiz_by_keyboard(
    browser, live_server, curriculum, language, width
):
    learner(username="lina", first_name="Lina")
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in(page, "lina", language)
        expect(page).to_have_url(re.compile(f"/{language}/dashboard/$"))

        lesson = LessonPage.objects.live().filter(locale__language_code=language).order_by("path").first()
        page.goto(lesson.get_parent().url)
        press_on(page, page.locator(f'main a[href="{lesson.url}"]').first)
        expect(page).to_have_url(re.compile(f"{lesson.url}$"))
        complete = page.locator('button[name="action"][value="complete"]')
        tab_to(page, complete)
        focus_shot(page, f"mark-complete-{language}")
        page.keyboard.press("Enter")
        expect(page.locator('button[name="action"][value="undo"]')).to_be_visible()
        assert LessonCompletion.objects.filter(lesson_key=lesson.translation_key).count() == 1

        quiz = QuizPage.objects.live().filter(locale__language_code=language).order_by("path").first()
        page.goto(quiz.url)
        answer_the_quiz(page)
        press_on(page, page.locator('main form [type="submit"]').last)
        expect(page).to_have_url(re.compile(rf"/{language}/learn/attempts/\d+/$"))
        assert QuizAttempt.objects.filter(quiz_key=quiz.translation_key).count() == 1
        focus_shot(page, f"quiz-result-{language}")
    finally:
        context.close()


def test_a_learner_adds_a_project_and_asks_for_a_review_and_the_mentor_decides_by_keyboard(
    browser, live_server, site_pages
):
    lina = learner(username="lina", first_name="Lina", last_name="Wijaya")
    maya = mentor(username="maya", first_name="Maya", last_name="Halim")
    accept(invite(learner=lina, identifier="maya"), mentor=maya)
    contexts = [
        browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}) for _ in "lm"
    ]
    page, mentor_page = (context.new_page() for context in contexts)
    try:
        sign_in(page, "lina", "en")
        page.goto("/en/portfolio/")
        press_on(page, page.get_by_role("link", name="Add a project"))
        expect(page).to_have_url(re.compile(r"/en/portfolio/projects/new/$"))
        type_into(page, page.locator("#id_title"), "Bandung Board Gamers")
        tab_to(page, page.locator("#id_community_type"))
        page.keyboard.press("ArrowDown")  # a select: the arrow keys choose, without opening it
        focus_shot(page, "project-select")
        expect(page.locator("#id_community_type")).not_to_have_value("")
        type_into(page, page.locator("#id_role"), "Volunteer host")
        tab_to(page, page.locator("#id_start_date"))
        page.keyboard.type("03012024")  # month, day, year, as the English date field asks
        expect(page.locator("#id_start_date")).to_have_value("2024-03-01")
        for field, text in [
            ("situation", "Quiet."),
            ("actions", "Weekly game nights."),
            ("outcome", "Lively."),
        ]:
            type_into(page, page.locator(f"#id_{field}"), text)
        # Back to the title with Shift+Tab, to make it more precise.
        tab_to(page, page.locator("#id_title"), key="Shift+Tab")
        page.keyboard.press("End")
        page.keyboard.type(" club")
        press_on(page, page.get_by_role("button", name="Save project"))
        expect(page.get_by_text("“Bandung Board Gamers club” is saved.")).to_be_visible()
        project = Project.objects.get(profile__user=lina)

        press_on(page, page.get_by_role("link", name=f"Review {project.title}"))
        expect(page).to_have_url(re.compile(r"/en/portfolio/reviews/new/"))
        type_into(page, page.get_by_label("What would you like feedback on?"), "Is the outcome convincing?")
        press_on(page, page.get_by_role("button", name="Send the request"))
        expect(page.get_by_test_id("review-state")).to_have_text("Waiting for review")
        review = ReviewRequest.objects.get(learner=lina)

        sign_in(mentor_page, "maya", "en")
        expect(mentor_page).to_have_url(re.compile(r"/en/mentoring/$"))
        press_on(mentor_page, mentor_page.locator(".review-queue").get_by_role("link", name=project.title))
        expect(mentor_page).to_have_url(re.compile(rf"/en/portfolio/reviews/{review.pk}/$"))
        comment = mentor_page.get_by_label(f"Comment on “{project.title}”")
        type_into(mentor_page, comment, "Which numbers show the nights fill up?")
        press_on(mentor_page, mentor_page.get_by_role("button", name="Post the comment").first)
        expect(mentor_page.get_by_text("Your comment is posted.")).to_be_visible()
        type_into(mentor_page, mentor_page.get_by_label("A note (optional)"), "Add one number, please.")
        tab_to(mentor_page, mentor_page.get_by_role("button", name="Request changes"))
        focus_shot(mentor_page, "mentor-decision")
        mentor_page.keyboard.press("Enter")
        expect(mentor_page.get_by_test_id("review-state")).to_have_text("Changes requested")
        review.refresh_from_db()
        assert (review.state, ReviewComment.objects.filter(request=review).count()) == (
            ReviewState.CHANGES_REQUESTED,
            1,
        )
    finally:
        for context in contexts:
            context.close()
