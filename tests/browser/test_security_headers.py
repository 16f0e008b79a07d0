"""The Content-Security-Policy in a real browser: no page of ours breaks a rule of it, in either language, and the
Wagtail admin's page editor still works under the admin's policy."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect
from wagtail.models import Locale

from learning.models import CourseIndexPage, LessonPage, QuizPage
from tests.factories import PASSWORD, editor, learner

# Registered before any page script runs: every violation the browser reports, on the page and in its frames.
COLLECT_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


POLICY_MESSAGES = re.compile(
    "Content Security Policy|Content-Security-Policy|Permissions-Policy|Permissions Policy"
)


@pytest.fixture
def watched(page):
    """The page, with every CSP violation it meets recorded (events and console messages alike), and the browser's
    complaints about either policy header (a feature it does not know, a directive it cannot read)."""
    page.add_init_script(COLLECT_VIOLATIONS)
    page.console_messages_about_the_policy = []
    page.on(
        "console",
        lambda message: (
            POLICY_MESSAGES.search(message.text)
            and page.console_messages_about_the_policy.append(message.text)
        ),
    )
    return page


def violations(page) -> list[str]:
    reported = [
        violation for frame in page.frames for violation in frame.evaluate("window.cspViolations || []")
    ]
    return reported + page.console_messages_about_the_policy


def visit(page, path: str) -> None:
    response = page.goto(path)
    assert response.status == 200, path
    assert "script-src 'self';" in response.headers["content-security-policy"] + ";"
    page.wait_for_load_state("load")


def addresses(language: str, *names: str) -> list[str]:
    with translation.override(language):
        return [reverse(name) for name in names]


def course_pages(language: str) -> list[str]:
    """The course, a lesson and a quiz, in `language`."""
    locale = Locale.objects.get(language_code=language)
    lesson = LessonPage.objects.get(slug="what-community-managers-do", locale=locale)
    return [
        page.url
        for page in (
            CourseIndexPage.objects.get(locale=locale),
            lesson,
            QuizPage.objects.filter(locale=locale).first(),
        )
    ]


@pytest.mark.parametrize("language", ["en", "id"])
def test_public_and_personal_pages_break_no_rule_of_the_policy(watched, curriculum, log_in, language):
    for path in [f"/{language}/", *course_pages(language), *addresses(language, "search", "signup", "login")]:
        visit(watched, path)
    learner(username="lina")
    log_in("lina", PASSWORD)
    expect(watched.get_by_role("heading", level=1)).to_be_visible()
    personal = addresses(
        language,
        "dashboard",
        "learning:skill_goals",
        "portfolio:portfolio",
        "portfolio:edit_profile",
        "portfolio:add_project",
        "portfolio:resume",
        "mentoring:mentors",
        "notifications",
        "account",
    )
    for path in [*course_pages(language), *personal]:
        visit(watched, path)
    assert violations(watched) == []


def test_an_editor_sees_the_wagtail_user_bar_on_a_page_without_a_violation(watched, curriculum, log_in):
    editor(username="eka")
    log_in("eka", PASSWORD)
    visit(watched, CourseIndexPage.objects.get(locale__language_code="en").url)
    expect(watched.locator("wagtail-userbar")).to_have_count(1)
    assert violations(watched) == []


def test_the_admin_page_editor_saves_a_draft_under_the_admins_policy(watched, curriculum, log_in):
    lesson = LessonPage.objects.get(slug="what-community-managers-do", locale__language_code="en")
    editor(username="eka")
    log_in("eka", PASSWORD)

    response = watched.goto(f"/admin/pages/{lesson.pk}/edit/")
    assert "script-src 'self' 'unsafe-inline'" in response.headers["content-security-policy"]
    summary = watched.get_by_role("textbox", name="Summary")
    summary.fill("What the job is, day to day: edited under the policy.")
    watched.get_by_role("button", name="Save draft").click()

    expect(
        watched.get_by_text(re.compile(f"Page '{re.escape(lesson.title)}' has been updated"))
    ).to_be_visible()
    draft = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    assert draft.summary == "What the job is, day to day: edited under the policy."
    assert violations(watched) == []
