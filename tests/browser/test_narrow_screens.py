"""No page scrolls sideways on a 390 px phone, nor cuts anything off, in either language; and none on a 1280 px
screen either. Every main page is visited as the person who uses it: a learner with a full portfolio, goals and a
mentor, that mentor, and a visitor who is not signed in."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect
from wagtail.models import Page

from learning.levels import SkillLevel
from learning.models import CourseIndexPage, LessonPage, ModulePage, QuizAttempt, QuizPage
from learning.progress import mark_complete
from learning.skill_evidence import framework_skills
from learning.tracker import save_goals
from mentoring import reviews
from mentoring.endorsements import endorse
from mentoring.mentorships import accept, invite
from portfolio.models import Visibility
from portfolio.portfolios import set_visibility
from tests.browser.conftest import PASSWORD_LABEL
from tests.factories import PASSWORD, learner, mentor
from tests.learning.test_quizzes import answers
from tests.portfolio.builders import full_portfolio

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# What does not fit: the page wider than the window, or an element reaching past the window's edges or scrolling
# sideways inside its own box (a table cut off at the edge, a framed document wider than its frame). Returns the page's and window's widths and the
# offending elements, named by tag, id and classes.
LAYOUT_PROBLEMS = """() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].map((c) => "." + c).join("");
  const problems = new Set();
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") continue;
    if (["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      problems.add(name(el) + " scrolls sideways");
    }
    if (el.tagName === "IFRAME" && el.contentDocument) {
      const root = el.contentDocument.documentElement;
      if (root.scrollWidth > root.clientWidth + 1) problems.add(name(el) + " cuts its document off");
    }
    const box = el.getBoundingClientRect();
    if (box.width > 1 && box.height > 1 && (box.right > width + 1 || box.left < -1)) {
      problems.add(name(el) + " reaches past the edge");
    }
  }
  return {page: document.documentElement.scrollWidth, window: window.innerWidth, problems: [...problems]};
}"""


def in_language(language: str, model):
    return model.objects.filter(pk__in=Page.objects.filter(locale__language_code=language)).first().url


@pytest.fixture
def people(curriculum):
    """Sari, a learner with a public portfolio, a lesson done, a quiz taken, goals, a mentor and a review under way;
    Maya, her mentor, who only mentors."""
    sari = learner(username="sari", first_name="Sari", last_name="Wulandari")
    maya = mentor(username="maya", first_name="Maya", last_name="Halim")
    skills = list(framework_skills())
    profile = full_portfolio(sari, projects=2, skills=skills[:2])
    set_visibility(profile, Visibility.PUBLIC)
    mark_complete(user=sari, lesson=LessonPage.objects.filter(locale__language_code="en").first())
    save_goals(
        user=sari,
        targets={skill: (SkillLevel.PROFICIENT, date(2031, 6, 30)) for skill in skills[:3]},
    )
    accept(invite(learner=sari, identifier="maya", message="Could you review my projects?"), mentor=maya)
    project = profile.projects.order_by("sort_order").first()
    review = reviews.submit(learner=sari, mentor=maya, project=project, message="Is the outcome convincing?")
    first = reviews.comment(review, author=maya, body="Which numbers show it?", project=project)
    reviews.comment(review, author=sari, body="Members per month, since March.", reply_to=first)
    endorse(
        mentor=maya, learner=sari, skill=skills[0], level=SkillLevel.PRACTISING, reason="Calm moderation."
    )
    quiz = QuizPage.objects.filter(locale__language_code="en").first()
    client = Client()
    client.force_login(sari)
    assert client.post(quiz.url, answers(quiz, right=False)).status_code == 302
    attempt = QuizAttempt.objects.get(user=sari)
    return {
        "sari": sari,
        "maya": maya,
        "profile": profile,
        "project": project,
        "review": review,
        "attempt": attempt,
    }


def pages_of(language: str, people) -> dict[str | None, dict[str, str]]:
    """The pages to check, by who opens them (None: a visitor who is not signed in)."""
    sari, profile = people["sari"], people["profile"]
    with translation.override(language):
        return {
            None: {
                "home": f"/{language}/",
                "login": reverse("login"),
                "signup": reverse("signup"),
                "public-portfolio": reverse("portfolio:shared", args=[profile.public_token]),
            },
            "sari": {
                "course": in_language(language, CourseIndexPage),
                "module": in_language(language, ModulePage),
                "lesson": in_language(language, LessonPage),
                "quiz": in_language(language, QuizPage),
                "quiz-result": reverse("learning:quiz_attempt", args=[people["attempt"].pk]),
                "search": f"{reverse('search')}?q=community",
                "dashboard": reverse("dashboard"),
                "goals": reverse("learning:skill_goals"),
                "portfolio": reverse("portfolio:portfolio"),
                "project-new": reverse("portfolio:add_project"),
                "project-edit": reverse("portfolio:edit_project", args=[people["project"].pk]),
                "profile-form": reverse("portfolio:edit_profile"),
                "background-form": reverse("portfolio:edit_background"),
                "resume": reverse("portfolio:resume"),
                "notifications": reverse("notifications"),
                "mentors": reverse("mentoring:mentors"),
                "review-learner": reverse("mentoring:review", args=[people["review"].pk]),
                "account": reverse("account"),
            },
            "maya": {
                "mentoring": reverse("mentoring:home"),
                "review-mentor": reverse("mentoring:review", args=[people["review"].pk]),
                "mentee-skills": reverse("mentoring:learner_skills", args=[sari.pk]),
            },
        }


def open_as(browser, live_server, username: str | None, viewport: dict):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if username:
        page.goto("/en/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    return context, page


def misfit(page, screenshot_path) -> dict | None:
    """What does not fit on the page as it is now (with a screenshot to look at), or None."""
    layout = page.evaluate(LAYOUT_PROBLEMS)
    if layout["page"] <= layout["window"] and not layout["problems"]:
        return None
    page.screenshot(path=str(screenshot_path), full_page=True)
    return layout


@pytest.mark.parametrize("language", ["en", "id"])
def test_every_main_page_fits_a_phone_and_a_desktop_screen(browser, live_server, people, tmp_path, language):
    misfits = {}
    for width, viewport in (("390", PHONE), ("1280", DESKTOP)):
        for username, pages in pages_of(language, people).items():
            context, page = open_as(browser, live_server, username, viewport)
            for name, url in pages.items():
                response = page.goto(url)
                assert response.status == 200, url
                misfits[f"{width} {name}"] = misfit(page, tmp_path / f"{width}-{name}-{language}.png")
            if viewport is PHONE:  # the menu, opened, on the last page
                page.locator(".navbar-toggler").click()
                page.wait_for_selector("#site-nav.show")
                name = f"menu-{username or 'visitor'}"
                misfits[f"{width} {name}"] = misfit(page, tmp_path / f"{width}-{name}-{language}.png")
            context.close()
    assert {name: layout for name, layout in misfits.items() if layout} == {}
