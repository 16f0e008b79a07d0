"""An account that only mentors lands on its mentoring tasks, not on empty learner panels; a mentor who also learns
keeps the learner dashboard, with their mentoring on it."""

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cms.accounts.roles import Role, assign_role
from cms.navigation import is_mentor_only
from learning.models import CourseBookmark, LessonCompletion, LessonPage, QuizAttempt, SkillGoal
from learning.progress import mark_complete
from mentoring import reviews
from mentoring.mentor_tasks import RECENT_COMMENTS, mentor_tasks
from mentoring.mentorships import accept, end_mentorship, invite
from tests import factories
from tests.learning import builders
from tests.portfolio.builders import full_portfolio
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def url_in(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def main_content(html: str) -> str:
    return html[html.index('<main id="main"') : html.index("</main>")]


def headings(html: str) -> list[str]:
    return re.findall(r"<h[12][^>]*>(.*?)</h[12]>", main_content(html))


def main_menu(html: str) -> list[str]:
    menu = html[html.index('<ul class="navbar-nav me-auto">') :]
    return re.findall(r'<a class="nav-link[^"]*" href="[^"]*"[^>]*>([^<]+)</a>', menu[: menu.index("</ul>")])


@pytest.fixture
def learning_mentor(db):
    """A mentor who is also taking the course: one lesson done."""
    person = factories.UserFactory(username="tono", first_name="Tono", roles=["Mentors", "Learners"])
    LessonCompletion.objects.create(user=person, lesson_key=uuid.uuid4())
    return person


def mentee_with_reviews(mentor, *, username: str, comment: str = "Members per month, since March."):
    """A mentee of `mentor` with two projects: one waiting for review, one sent back for changes, and a comment."""
    learner = factories.learner(username=username, first_name=username.title(), last_name="Learner")
    accept(invite(learner=learner, identifier=mentor.username), mentor=mentor)
    first, second = full_portfolio(learner, projects=2).projects.order_by("sort_order")
    waiting = reviews.submit(learner=learner, mentor=mentor, project=first, message="Is it clear?")
    sent_back = reviews.submit(learner=learner, mentor=mentor, project=second)
    reviews.request_changes(sent_back, mentor=mentor, note="Add numbers.")
    reviews.comment(waiting, author=learner, body=comment, project=first)
    return learner, waiting, sent_back


# Who only mentors


def add_lesson_completion(user):
    LessonCompletion.objects.create(user=user, lesson_key=uuid.uuid4())


def add_quiz_attempt(user):
    QuizAttempt.objects.create(
        user=user, quiz_key=uuid.uuid4(), quiz_title="Quiz", number=1, earned=1, possible=2, pass_mark=70
    )


def add_goal(user):
    SkillGoal.objects.create(user=user, skill=builders.skill(), target_level=2)


def add_project(user):
    full_portfolio(user, projects=1)


def open_a_lesson(user):
    CourseBookmark.objects.create(user=user, lesson_key=uuid.uuid4())


def join_the_learners(user):
    assign_role(user=user, role=Role.LEARNER)


@pytest.mark.parametrize(
    ("step", "only_mentors"),
    [
        (None, True),
        (open_a_lesson, True),  # reading a lesson is not learning: mentors read what their learners read
        (join_the_learners, True),  # a group without learning shows nothing on a dashboard
        (add_lesson_completion, False),
        (add_quiz_attempt, False),
        (add_goal, False),
        (add_project, False),
    ],
)
def test_a_mentor_only_mentors_until_they_learn(mentor, step, only_mentors):
    if step:
        step(mentor)
    mentor.refresh_from_db()  # roles are cached on the user object
    assert is_mentor_only(mentor) is only_mentors


def test_nobody_outside_the_mentors_group_only_mentors(learner, editor, django_assert_num_queries):
    with django_assert_num_queries(1):  # the groups, then no question about learning
        assert is_mentor_only(learner) is False
    assert is_mentor_only(editor) is False


# Where each person lands


@pytest.mark.parametrize(
    ("who", "home"),
    [("mentor", "mentoring:home"), ("learner", "dashboard"), ("learning_mentor", "dashboard")],
)
@pytest.mark.parametrize("language", ["en", "id"])
def test_logging_in_lands_each_person_on_their_home(client, request, who, home, language):
    person = request.getfixturevalue(who)
    response = client.post(
        url_in(language, "login"), {"username": person.username, "password": factories.PASSWORD}
    )
    assert (response.status_code, response.url) == (302, url_in(language, home))


def test_a_page_that_asked_for_the_login_comes_first(client, mentor):
    next_page = reverse("notifications")
    response = client.post(
        f"{reverse('login')}?next={next_page}", {"username": "maya", "password": factories.PASSWORD}
    )
    assert response.url == next_page


def test_a_signed_in_mentor_opening_the_login_page_goes_to_their_mentoring(client, mentor):
    client.force_login(mentor)
    assert client.get(reverse("login")).url == reverse("mentoring:home")
    assert client.get(reverse("signup")).url == reverse("mentoring:home")


def test_the_dashboard_sends_a_mentor_only_to_their_mentoring(client, mentor):
    client.force_login(mentor)
    response = client.get(reverse("dashboard"))
    assert (response.status_code, response.url) == (302, reverse("mentoring:home"))


def test_a_mentor_who_starts_learning_gets_their_dashboard_at_once(client, mentor, site_pages):
    course = builders.course(modules=1, lessons=1)
    client.force_login(mentor)
    assert client.get(reverse("dashboard")).status_code == 302
    mark_complete(user=mentor, lesson=LessonPage.objects.descendant_of(course).get())
    page = client.get(reverse("dashboard"))
    assert page.status_code == 200
    assert main_menu(page.content.decode()) == [
        "My learning",
        "Portfolio",
        "Mentoring",
        "About Kelola",
        "Course",
        "Search",
    ]


def test_a_learning_mentor_sees_both_their_learning_and_their_mentoring(client, learning_mentor):
    _learner, waiting, _sent_back = mentee_with_reviews(learning_mentor, username="rina")
    client.force_login(learning_mentor)
    html = client.get(reverse("dashboard")).content.decode()
    assert headings(html)[:5] == [
        "Hello, Tono",
        "Reviews waiting for you",
        "Changes you asked for",
        "What your learners said lately",
        "Learners you mentor",
    ]
    assert "Your learning at a glance: where you are, and what to do next." in html
    assert '<h2 id="course-progress" class="h5">The course</h2>' in html
    assert f'href="{reverse("mentoring:review", args=[waiting.pk])}"' in html
    assert main_menu(html) == ["My learning", "Portfolio", "Mentoring", "Search"]


# The header


@pytest.mark.parametrize(
    ("who", "menu"),
    [
        ("mentor", ["Mentoring", "Search"]),
        ("learner", ["My learning", "Portfolio", "Search"]),
        ("learning_mentor", ["My learning", "Portfolio", "Mentoring", "Search"]),
    ],
)
def test_the_menu_leads_each_person_to_what_they_do(client, request, who, menu):
    client.force_login(request.getfixturevalue(who))
    assert main_menu(client.get(reverse("search")).content.decode()) == menu


def test_the_menu_in_indonesian(client, mentor, learning_mentor):
    client.force_login(mentor)
    assert main_menu(client.get(url_in("id", "search")).content.decode()) == ["Pendampingan", "Cari"]
    client.force_login(learning_mentor)
    assert main_menu(client.get(url_in("id", "search")).content.decode()) == [
        "Belajar saya",
        "Portofolio",
        "Pendampingan",
        "Cari",
    ]


# Who may open the mentoring page


def test_anonymous_visitors_log_in_first(client):
    response = client.get(reverse("mentoring:home"))
    assert (response.status_code, response.url) == (
        302,
        f"{reverse('login')}?next={reverse('mentoring:home')}",
    )


@pytest.mark.parametrize("who", ["learner", "editor"])
def test_someone_who_does_not_mentor_gets_their_dashboard(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("mentoring:home"))
    assert (response.status_code, response.url) == (302, reverse("dashboard"))


# What the mentoring page says


MENTORING_TEXTS = {
    "en": {
        "headings": [
            "Mentoring",
            "Learners asking you to mentor them",
            "Reviews waiting for you",
            "Changes you asked for",
            "What your learners said lately",
            "Learners you mentor",
        ],
        "lead": "Learners asking for you, reviews to give, and what your learners said lately.",
        "waiting": "· waiting 0\xa0minutes</span>",
        "sent_back": "· sent back 0\xa0minutes ago</span>",
        "comment_time": "· 0\xa0minutes ago</span>",
        "changes_note": "These come back to you when the learner sends them again.",
        "learn_too": 'Want to take the course yourself? <a href="{url}">See every module</a>. Once you complete a '
        "lesson or take a quiz, your own learning dashboard appears under “My learning”.",
        "review_crumb": '<a href="/en/mentoring/">Mentoring</a>',
    },
    "id": {
        "headings": [
            "Pendampingan",
            "Pelajar yang meminta Anda menjadi mentornya",
            "Tinjauan yang menunggu Anda",
            "Perubahan yang Anda minta",
            "Komentar terbaru peserta Anda",
            "Peserta yang Anda bimbing",
        ],
        "lead": "Peserta yang meminta Anda menjadi mentor, tinjauan yang perlu Anda berikan, dan komentar terbaru "
        "peserta Anda.",
        "waiting": "· menunggu 0\xa0menit</span>",
        "sent_back": "· dikembalikan 0\xa0menit yang lalu</span>",
        "comment_time": "· 0\xa0menit yang lalu</span>",
        "changes_note": "Tinjauan ini kembali ke Anda setelah peserta mengirimkannya lagi.",
        "learn_too": 'Ingin mengikuti kursusnya sendiri? <a href="{url}">Lihat semua modul</a>. Setelah Anda '
        "menyelesaikan satu pelajaran atau mengerjakan satu kuis, dasbor belajar Anda sendiri muncul di menu "
        "“Belajar saya”.",
        "review_crumb": '<a href="/id/mentoring/">Pendampingan</a>',
    },
}


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_mentoring_page_lists_what_waits_for_the_mentor(client, mentor, site_pages, language):
    course = builders.course(modules=1, lessons=1)
    translated = builders.translate_course(course)[course.pk]
    learner, waiting, sent_back = mentee_with_reviews(mentor, username="rina")
    invite(learner=factories.learner(username="asker"), identifier="maya", message="Could you guide me?")
    texts = MENTORING_TEXTS[language]
    client.force_login(mentor)
    html = client.get(url_in(language, "mentoring:home")).content.decode()
    assert headings(html) == texts["headings"]
    assert texts["lead"] in html
    assert (
        f'<a href="{url_in(language, "mentoring:review", waiting.pk)}">{waiting.project.title}</a> · {learner} '
        in html
    )
    assert texts["waiting"] in html
    assert (
        f'<a href="{url_in(language, "mentoring:review", sent_back.pk)}">{sent_back.project.title}</a>'
        in html
    )
    assert texts["sent_back"] in html and texts["changes_note"] in html
    comment = waiting.comments.get()
    comment_link = f"{url_in(language, 'mentoring:review', waiting.pk)}#review-comment-{comment.pk}"
    assert f'<strong>{learner}</strong> · <a href="{comment_link}">{waiting.project.title}</a>' in html
    assert texts["comment_time"] in html and "“Members per month, since March.”" in html
    assert "Could you guide me?" in html
    course_url = (translated if language == "id" else course).url
    assert texts["learn_too"].format(url=course_url) in html
    review_page = client.get(url_in(language, "mentoring:review", waiting.pk)).content.decode()
    assert texts["review_crumb"] in review_page  # the mentor's way back


def test_the_comment_link_leads_to_that_comment(client, mentor):
    _learner, waiting, _sent_back = mentee_with_reviews(mentor, username="rina")
    client.force_login(mentor)
    review_page = client.get(reverse("mentoring:review", args=[waiting.pk])).content.decode()
    assert f'id="review-comment-{waiting.comments.get().pk}"' in review_page


EMPTY_TEXTS = {
    "en": (
        ["Mentoring", "Reviews waiting for you", "Learners you mentor"],
        "No review is waiting for you.",
        "You mentor no learner yet. Learners invite you from their “Your mentors” page with your username, "
        "<strong>maya</strong>, or your email address: give it to the learners you want to mentor. Their "
        "invitations appear on this page for you to accept.",
    ),
    "id": (
        ["Pendampingan", "Tinjauan yang menunggu Anda", "Peserta yang Anda bimbing"],
        "Tidak ada tinjauan yang menunggu Anda.",
        "Anda belum membimbing peserta. Peserta mengundang Anda dari halaman “Mentor Anda” mereka dengan nama "
        "pengguna Anda, <strong>maya</strong>, atau alamat email Anda: berikan nama pengguna ini kepada peserta "
        "yang ingin Anda bimbing. Undangan mereka akan muncul di halaman ini untuk Anda terima.",
    ),
}


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_mentor_without_learners_is_told_what_to_do_next(client, mentor, language):
    expected_headings, no_review, next_step = EMPTY_TEXTS[language]
    client.force_login(mentor)
    html = client.get(url_in(language, "mentoring:home")).content.decode()
    assert headings(html) == expected_headings
    assert f"<li>{no_review}</li>" in html
    assert f'<p class="mb-0">{next_step}</p>' in html


def test_with_invitations_but_no_learners_the_page_says_to_accept_one(client, mentor):
    invite(learner=factories.learner(username="asker"), identifier="maya")
    client.force_login(mentor)
    html = client.get(reverse("mentoring:home")).content.decode()
    assert "Accept an invitation above and the learner appears here, with their progress." in html
    assert "You mentor no learner yet." not in html


def test_recent_comments_are_the_latest_of_current_learners_only(mentor):
    learner, waiting, _sent_back = mentee_with_reviews(mentor, username="rina", comment="First.")
    former, former_review, _ = mentee_with_reviews(mentor, username="fajar", comment="From a former learner.")
    reviews.comment(waiting, author=mentor, body="The mentor's own words are not news to them.")
    for number in range(RECENT_COMMENTS):
        reviews.comment(waiting, author=learner, body=f"Later {number}.")
    end_mentorship(former.mentorships.get(), by=former)
    shown = [comment.body for comment in mentor_tasks(mentor)["recent_comments"]]
    assert shown == [f"Later {number}." for number in reversed(range(RECENT_COMMENTS))]
    assert former_review.comments.exists()


def test_a_learners_comment_shows_on_the_cached_mentoring_page_at_once(mentor):
    learner, waiting, _sent_back = mentee_with_reviews(mentor, username="rina")
    client = Client()
    client.force_login(mentor)
    client.get(reverse("mentoring:home"))
    reviews.comment(waiting, author=learner, body="Numbers are in now.")
    assert "“Numbers are in now.”" in client.get(reverse("mentoring:home")).content.decode()


def test_the_mentoring_page_query_count_does_not_grow_with_learners_reviews_and_comments(client, mentor):
    def add(count: int, start: int):
        for number in range(start, start + count):
            mentee_with_reviews(mentor, username=f"learner{number}")
            invite(learner=factories.learner(username=f"asker{number}"), identifier="maya")

    add(1, 0)
    client.force_login(mentor)
    few = page_queries(client, reverse("mentoring:home"), fresh=True)
    add(5, 1)
    assert page_queries(client, reverse("mentoring:home"), fresh=True) == few
    html = client.get(reverse("mentoring:home")).content.decode()
    assert [
        html.count(text) for text in ("· waiting", "· sent back", 'recent-comment"', "End mentoring")
    ] == [
        6,
        6,
        RECENT_COMMENTS,
        6,
    ]
    assert html.count("invitation-row") == 6


def test_a_learning_mentors_dashboard_query_count_does_not_grow_with_their_learners(client, learning_mentor):
    mentee_with_reviews(learning_mentor, username="learner0")
    client.force_login(learning_mentor)
    few = page_queries(client, reverse("dashboard"), fresh=True)
    for number in range(1, 6):
        mentee_with_reviews(learning_mentor, username=f"learner{number}")
    assert page_queries(client, reverse("dashboard"), fresh=True) == few
    assert client.get(reverse("dashboard")).content.decode().count("End mentoring") == 6
