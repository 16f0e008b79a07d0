"""axe-core finds no WCAG 2.1 A/AA problem on the main pages, in either language."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect
from wagtail.models import Locale

from learning import quizzes
from learning.models import LessonPage, ModulePage, QuizPage
from learning.skill_evidence import framework_skills
from mentoring import reviews
from mentoring.mentorships import accept, invite
from portfolio.models import Visibility
from portfolio.portfolios import set_visibility
from tests.factories import editor, learner, mentor
from tests.learning import builders
from tests.portfolio.builders import full_portfolio

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Only what failed comes back: the passes would cost a second a page to send.
    "resultTypes": ["violations"],
}


# Problems of Wagtail's admin, reported to Wagtail, that no template of ours can fix: (rule, what the element's HTML
# holds, where it is reported). Only these elements are let off, and only on the admin pages that ask.
WAGTAIL_KNOWN = [
    # Draftail's text box has no accessible name: its <label> points at the hidden input it replaces.
    (
        "aria-input-field-name",
        "public-DraftEditor-content",
        "https://github.com/wagtail/wagtail/issues/14205",
    ),
]


# A message fading in, measured mid-way, shows colours the page never settles on: transitions (under 2 s) are waited
# for; longer or endless animations (the admin's 25 s "ping" on a badge) are part of the page.
ANIMATIONS_SETTLED = """() => document.getAnimations().every(
    (animation) => animation.playState !== "running" || animation.effect.getComputedTiming().endTime > 2000
)"""


def violations(page, *, known=()) -> list[str]:
    page.wait_for_function(ANIMATIONS_SETTLED)
    results = Axe().run(page, options=WCAG_AA)
    found = []
    for violation in results.response["violations"]:
        nodes = [
            node
            for node in violation["nodes"]
            if not any(violation["id"] == rule and part in node["html"] for rule, part, _where in known)
        ]
        if nodes:
            found.append(
                f"{violation['id']}: {violation['help']} ({len(nodes)}x, e.g. {nodes[0]['html'][:120]})"
            )
    return found


@pytest.mark.parametrize(
    "path",
    ["/en/", "/id/", "/en/accounts/signup/", "/id/accounts/login/", "/en/about/", "/en/search/?q=community"],
)
def test_public_pages_have_no_accessibility_violations(page, site_pages, path):
    assert page.goto(path).status == 200
    expect(page.get_by_role("heading", level=1)).to_have_count(1)

    assert violations(page) == []


def test_signup_form_with_errors_has_no_accessibility_violations(page, site_pages):
    page.goto("/en/accounts/signup/")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_text("This field is required.").first).to_be_visible()
    assert violations(page) == []


def test_signed_in_pages_have_no_accessibility_violations(page, site_pages, log_in):
    learner(username="lina")
    log_in("lina", "correct-horse-battery")

    for path in ("/en/", "/en/accounts/me/", "/id/accounts/password_change/"):
        assert page.goto(path).status == 200, path
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert violations(page) == [], path


# Every page type, signed in, in both languages: each person's pages in one browser context of their own, signed in
# once (a session made on the server, as `force_login` makes it), one page per type and language.


def signed_in_context(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    return context


def problems_here(page, status: int, *, known=()) -> list[str]:
    """What is wrong with the page shown: its status if not 200, its h1s if not one, its WCAG problems."""
    headings = page.get_by_role("heading", level=1).count()
    problems = [f"status {status}"] if status != 200 else []
    problems += [f"{headings} h1"] if headings != 1 else []
    return problems + violations(page, known=known)


def problems_on(context, paths: list[str]) -> dict[str, list[str]]:
    """{path: what is wrong with it} for each of `paths` with anything wrong."""
    page = context.new_page()
    page.set_default_timeout(10_000)
    found = {path: problems_here(page, page.goto(path).status) for path in paths}
    return {path: problems for path, problems in found.items() if problems}


def in_both_languages(paths: list[str]) -> list[str]:
    return [f"/{language}{path}" for language in ("en", "id") for path in paths]


def page_path(page, language: str) -> str:
    return page.get_translation(Locale.objects.get(language_code=language)).url


@pytest.fixture
def world(curriculum):
    """A learner with a mentor, a portfolio under review with a comment, a quiz result and notifications; an
    editor."""
    lina = learner(username="lina", first_name="Lina", last_name="Wijaya")
    maya = mentor(username="maya", first_name="Maya", last_name="Halim")
    accept(invite(learner=lina, identifier="maya", message="Could you review my projects?"), mentor=maya)
    profile = full_portfolio(lina, projects=1, skills=list(framework_skills()[:2]))
    set_visibility(profile, Visibility.MENTORS)
    project = profile.projects.get()
    review = reviews.submit(learner=lina, mentor=maya, project=project, message="Is the outcome convincing?")
    reviews.comment(review, author=maya, body="Which numbers show the server runs itself?", project=project)
    quiz = QuizPage.objects.live().filter(locale__language_code="en").order_by("path").first()
    bank = quizzes.localized_questions(quiz)
    questions = quizzes.questions_for_attempt(bank, quiz=quiz, user=lina, number=1)
    attempt = quizzes.submit_attempt(user=lina, quiz=quiz, number=1, questions=questions, responses={})
    lesson = LessonPage.objects.live().filter(locale__language_code="en").order_by("path").first()
    return {
        "lina": lina,
        "maya": maya,
        "eko": editor(username="eko", first_name="Eko"),
        "project": project,
        "review": review,
        "attempt": attempt,
        "pages": [lesson.get_parent().get_parent(), lesson.get_parent(), lesson, quiz],
    }


def test_a_learner_s_pages_have_no_accessibility_violations(browser, live_server, world):
    project, review, attempt = world["project"], world["review"], world["attempt"]
    paths = in_both_languages(
        [
            "/dashboard/",
            "/search/?q=community",
            f"/learn/attempts/{attempt.pk}/",
            "/learn/skills/goals/",
            "/learn/skills/levels/",
            "/portfolio/",
            "/portfolio/preview/",
            "/portfolio/profile/",
            "/portfolio/background/",
            "/portfolio/projects/new/",
            f"/portfolio/projects/{project.pk}/",
            f"/portfolio/projects/{project.pk}/delete/",
            "/portfolio/resume/",
            "/portfolio/import/",
            "/portfolio/mentors/",
            "/portfolio/reviews/new/",
            f"/portfolio/reviews/{review.pk}/",
            "/notifications/",
            "/accounts/me/",
        ]
    ) + [page_path(page, language) for language in ("en", "id") for page in world["pages"]]
    context = signed_in_context(browser, live_server, world["lina"])
    try:
        assert problems_on(context, paths) == {}
    finally:
        context.close()


def test_a_mentor_s_pages_have_no_accessibility_violations(browser, live_server, world):
    lina = world["lina"]
    paths = in_both_languages(
        [
            "/mentoring/",
            f"/portfolio/reviews/{world['review'].pk}/",
            f"/portfolio/learners/{lina.pk}/",
            f"/learn/learners/{lina.pk}/skills/",
            "/notifications/",
        ]
    )
    context = signed_in_context(browser, live_server, world["maya"])
    try:
        assert problems_on(context, paths) == {}
    finally:
        context.close()


CUE_QUESTION = builders.choice_question(
    prompt="First reply?",
    choices=[
        {"text": "Thank them, name the problem and say when you will report back", "correct": True},
        {"text": "Ban"},
        {"text": "Wait"},
    ],
)


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_editors_reports_have_no_accessibility_violations(browser, live_server, world, language):
    """The translation report, and the question review: the warnings a quiz's page shows its editor on saving."""
    module = ModulePage.objects.filter(locale__language_code="en").order_by("path").first()
    quiz = builders.add_quiz(module, slug="cue-quiz", questions=[CUE_QUESTION])
    context = signed_in_context(browser, live_server, world["eko"])
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    try:
        page = context.new_page()
        found = {"report": problems_here(page, page.goto("/admin/reports/translations/").status)}
        status = page.goto(f"/admin/pages/{quiz.pk}/edit/").status
        page.locator("button.action-save").first.click()  # "Save draft"
        expect(page.locator(".messages .warning")).to_have_count(1)
        found["question review"] = problems_here(page, status, known=WAGTAIL_KNOWN)
        assert found == {"report": [], "question review": []}
    finally:
        context.close()
