"""Every page's <title> is "<page name> · Kelola": base.html adds the site name, so a page's own title block must not."""

import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from learning.models import LessonPage, ModulePage
from learning.quizzes import attempts_of, submit_attempt
from mentoring import reviews
from mentoring.mentorships import accept, invite
from portfolio.models import ResumeExport
from tests import factories
from tests.learning import builders
from tests.portfolio.builders import full_portfolio

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def title_of(client, url: str, *, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return html.unescape(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1))


def test_no_page_template_names_the_site_in_its_own_title():
    """base.html adds " · Kelola"; a page's title block that adds it too shows it twice."""
    blocks = {
        path.relative_to(TEMPLATES).as_posix(): block
        for path in TEMPLATES.rglob("*.html")
        for block in re.findall(r"{% block title %}(.*?){% endblock %}", path.read_text(), re.S)
    }
    assert len(blocks) >= 30  # the page templates were found
    assert [name for name, block in blocks.items() if "Kelola" in block] == []


@pytest.fixture
def mentorship(learner, mentor):
    return accept(invite(learner=learner, identifier="maya"), mentor=mentor)


@pytest.fixture
def world(site_pages, learner, mentor, mentorship):
    """A translated course with a quiz, and a learner with a mentor, a review, a quiz result and a résumé export."""
    course = builders.course(modules=1, lessons=1, skills=[builders.skill(indonesian="Komunikasi")])
    module = ModulePage.objects.get(locale__language_code="en")
    quiz = builders.add_quiz(module, questions=[builders.choice_question()])
    builders.translate_course(course)
    project = full_portfolio(learner, projects=1).projects.get()
    questions = quiz.question_list()
    attempt = submit_attempt(
        user=learner,
        quiz=quiz,
        number=attempts_of(learner, quiz).count() + 1,
        questions=questions,
        responses={question.id: question.choices[0].id for question in questions},
    )
    return {
        "module": module,
        "lesson": LessonPage.objects.get(locale__language_code="en"),
        "quiz": quiz,
        "attempt": attempt,
        "review": reviews.submit(learner=learner, mentor=mentor, project=project),
        # Still being prepared, so its page shows (a ready one redirects to the PDF).
        "export": ResumeExport.objects.create(
            user=learner, options={}, html="", digest="", filename="Lina.pdf"
        ),
    }


# (URL name, or a path under the language prefix; the page name in English; in Indonesian)
ANONYMOUS_PAGES = [
    ("/", "Learn community management", "Belajar community management"),
    ("/about/", "About us", "Tentang kami"),  # its page title, "About Kelola", already names the site
    ("search", "Search the course", "Cari di kursus"),
    ("login", "Log in", "Masuk"),
    ("signup", "Sign up", "Daftar"),
    ("password_reset", "Reset your password", "Atur ulang kata sandi"),
    ("/no-such-page/", "Page not found", "Halaman tidak ditemukan"),
]

LEARNER_PAGES = [
    ("dashboard", "My learning", "Belajar saya"),
    ("learning:skill_goals", "Your goals", "Target Anda"),
    ("learning:skill_levels_help", "How skill levels are worked out", "Cara tingkat keterampilan ditentukan"),
    ("portfolio:portfolio", "Portfolio", "Portofolio"),
    ("mentoring:mentors", "Your mentors", "Mentor Anda"),
    ("notifications", "Notifications", "Notifikasi"),
    ("portfolio:resume", "Résumé", "CV"),
    ("mentoring:request_review", "Ask for a review", "Minta tinjauan"),
    ("account", "My account", "Akun saya"),
    ("password_change", "Change password", "Ganti kata sandi"),
]


def url_in(language: str, where: str) -> str:
    with translation.override(language):
        return f"/{language}{where}" if where.startswith("/") else reverse(where)


@pytest.mark.usefixtures("site_pages")
class TestSitePageTitles:
    """Tests that share the site pages, built once."""

    @pytest.mark.parametrize("language", ["en", "id"])
    @pytest.mark.parametrize(("where", "english", "indonesian"), ANONYMOUS_PAGES)
    def test_an_anonymous_page_names_kelola_once(
        self, client, site_pages, language, where, english, indonesian
    ):
        name = english if language == "en" else indonesian
        status = 404 if where == "/no-such-page/" else 200
        assert title_of(client, url_in(language, where), status=status) == f"{name} · Kelola"

    @pytest.mark.parametrize("language", ["en", "id"])
    @pytest.mark.parametrize(("where", "english", "indonesian"), LEARNER_PAGES)
    def test_a_learners_page_names_kelola_once(
        self, client, site_pages, mentorship, learner, language, where, english, indonesian
    ):
        factories.ProfileFactory(user=learner)  # the résumé is for a portfolio that was saved
        client.force_login(learner)
        name = english if language == "en" else indonesian
        assert title_of(client, url_in(language, where)) == f"{name} · Kelola"


@pytest.mark.parametrize(
    ("language", "names"),
    [
        (
            "en",
            {
                "course": "Course",
                "module": "Module 1",
                "lesson": "Lesson 1.1",
                "quiz": "Quiz",
                "attempt": "Your result: Quiz",
                "review": "Review",
                "export": "Your résumé",
            },
        ),
        (
            "id",
            {
                "course": "Course (ID)",
                "module": "Module 1 (ID)",
                "lesson": "Lesson 1.1 (ID)",
                "quiz": "Quiz (ID)",
                "attempt": "Hasil Anda: Quiz",  # the title the quiz had where it was taken
                "review": "Tinjauan",
                "export": "CV Anda",
            },
        ),
    ],
)
def test_course_and_record_pages_name_kelola_once(client, world, learner, language, names):
    client.force_login(learner)
    with translation.override(language):
        urls = {
            "course": world["module"].get_parent().localized.url,
            "module": world["module"].localized.url,
            "lesson": world["lesson"].localized.url,
            "quiz": world["quiz"].localized.url,
            "attempt": reverse("learning:quiz_attempt", args=[world["attempt"].pk]),
            "review": reverse("mentoring:review", args=[world["review"].pk]),
            "export": reverse("portfolio:resume_export", args=[world["export"].pk]),
        }
    assert {key: title_of(client, url) for key, url in urls.items()} == {
        key: f"{name} · Kelola" for key, name in names.items()
    }


@pytest.mark.parametrize(("language", "review"), [("en", "Review"), ("id", "Tinjauan")])
def test_a_mentors_pages_name_kelola_once(client, world, learner, mentor, language, review):
    client.force_login(mentor)
    with translation.override(language):
        skills_url = reverse("mentoring:learner_skills", args=[learner.pk])
        review_url = reverse("mentoring:review", args=[world["review"].pk])
    expected_skills = f"{learner}'s skills" if language == "en" else f"Keterampilan {learner}"
    assert title_of(client, skills_url) == f"{expected_skills} · Kelola"
    assert title_of(client, review_url) == f"{review} · Kelola"
