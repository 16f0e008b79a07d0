"""The editors' Course and Questions reports (docs/analytics.md): figures on small data sets worked out by hand, the
privacy floor, filters, export, who sees them, both languages, and queries that do not grow with learners."""

import csv
import io
import re
from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from learning.course_reports import ReportFilters, course_funnel, quiz_statistics
from learning.item_analysis import Flag
from learning.models import LessonPage, ModulePage
from tests import factories
from tests.learning import builders
from tests.learning.activity import MONDAY, learners, take, visit
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

COURSE = "/admin/reports/course/"
QUESTIONS = "/admin/reports/questions/"
THREE_CHOICES = [
    {"text": "Listen first", "correct": True, "feedback": "Yes."},
    {"text": "Delete the post", "feedback": "No."},
    {"text": "Ban the member", "feedback": "No."},
]


@pytest.fixture
def world(db):
    skill = builders.skill(indonesian="Komunikasi")
    course = builders.course(modules=1, lessons=3, skills=[skill])
    module = ModulePage.objects.get()
    quiz = builders.add_quiz(
        module,
        title="Check yourself",
        questions=[
            builders.choice_question(prompt="First?", choices=THREE_CHOICES),
            builders.choice_question(prompt="Second?"),
            builders.choice_question(prompt="Third?"),
        ],
        pass_mark=100,
    )
    lessons = list(LessonPage.objects.order_by("path"))
    return {"course": course, "module": module, "quiz": quiz, "lessons": lessons}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return (
        b"".join(response.streaming_content).decode("utf-8-sig")
        if response.streaming
        else response.content.decode()
    )


class TestCourseFunnel:
    def test_started_completed_drop_off_and_median_by_hand(self, world):
        first, second, _third = world["lessons"]
        people = learners(6)
        # Lesson 1: six start; five complete after 10, 20, 30, 40 and 50 minutes: the median is 30.
        for minutes, person in zip([10, 20, 30, 40, 50, None], people, strict=True):
            visit(person, first, at=MONDAY, done_after=timedelta(minutes=minutes) if minutes else None)
        # Lesson 2: five start, four complete after 1, 2, 3 and 4 hours: the median is (2 + 3) / 2 = 2.5 hours.
        for hours, person in zip([1, 2, 3, 4, None], people[:5], strict=True):
            visit(person, second, at=MONDAY, done_after=timedelta(hours=hours) if hours else None)

        (funnel,) = course_funnel(ReportFilters())

        rows = [(row.started, row.completed, row.median_minutes, row.drop_off) for row in funnel.lessons]
        assert rows[0] == (6, 5, 30.0, pytest.approx(1 - 5 / 6))  # 5 of the 6 went on to lesson 2
        # Lesson 3 has no learners: under the floor, so the drop-off into it is not shown either.
        assert rows[1] == (5, 4, 150.0, None)
        assert rows[2] == (0, 0, None, None)
        assert [row.shown for row in funnel.lessons] == [True, True, False]
        assert funnel.lessons[0].completion_rate == pytest.approx(5 / 6)
        # Six opened a lesson of the module; nobody completed all three.
        assert (funnel.started, funnel.finished) == (6, 0)

    def test_a_learner_who_completes_every_lesson_finishes_the_module(self, world):
        people = learners(5)
        for person in people:
            for lesson in world["lessons"]:
                visit(person, lesson, at=MONDAY, done_after=timedelta(minutes=5))
        visit(people[0], world["lessons"][0], at=MONDAY)  # a second visit starts nothing new

        (funnel,) = course_funnel(ReportFilters())

        assert (funnel.started, funnel.finished) == (5, 5)
        assert [(row.started, row.completed, row.median_minutes) for row in funnel.lessons] == [
            (5, 5, 5.0)
        ] * 3
        assert [row.drop_off for row in funnel.lessons] == [0.0, 0.0, None]

    def test_quiz_pass_rate_and_attempts_to_pass(self, world):
        quiz = world["quiz"]
        people = learners(5)
        for person in people[:3]:
            take(person, quiz, [0, 0, 0])  # pass at once
        take(people[3], quiz, [1, 0, 0])
        take(people[3], quiz, [0, 0, 0])  # passes on the second attempt
        take(people[4], quiz, [1, 1, 0])
        take(people[4], quiz, [2, 1, 0])  # never passes
        take(people[0], quiz, [1, 1, 1])  # a fail after passing changes nothing

        (funnel,) = course_funnel(ReportFilters())

        (row,) = funnel.quizzes
        # 4 of 5 passed; their first passing attempts were numbers 1, 1, 1 and 2: (1 + 1 + 1 + 2) / 4 = 1.25.
        assert (row.learners, row.passed, row.pass_rate, row.attempts_to_pass) == (5, 4, 0.8, 1.25)

    def test_filters_narrow_to_language_days_and_cohort(self, world):
        first = world["lessons"][0]
        may = timezone.make_aware(datetime(2026, 5, 10))
        june = timezone.make_aware(datetime(2026, 6, 10))
        may_people, june_people = learners(5, joined=may), learners(6, joined=june)
        for person in may_people:
            visit(
                person, first, at=MONDAY - timedelta(days=3), done_after=timedelta(minutes=5), language="id"
            )
        for person in june_people:
            visit(person, first, at=MONDAY + timedelta(days=20), language="en")

        def started(**filters) -> int:
            (funnel,) = course_funnel(ReportFilters(**filters))
            return funnel.lessons[0].started

        assert started() == 11
        assert started(language="id") == 5
        assert started(language="en") == 6
        assert started(cohort=date(2026, 5, 1)) == 5
        assert started(cohort=date(2026, 6, 1)) == 6
        # Days are inclusive: 29 May is the Friday before MONDAY (1 June), 21 June twenty days after it.
        assert started(date_from=date(2026, 5, 29), date_to=date(2026, 5, 29)) == 5
        assert started(date_from=date(2026, 5, 30), date_to=date(2026, 6, 20)) == 0
        assert started(date_from=date(2026, 6, 21)) == 6

    def test_the_page_and_export_leave_out_what_fewer_than_five_learners_did(self, world):
        first = world["lessons"][0]
        for person in learners(5):
            visit(person, first, at=MONDAY, done_after=timedelta(minutes=12))
        for person in learners(4):
            visit(person, world["lessons"][1], at=MONDAY)
        client = signed_in(factories.editor())

        page = client.get(COURSE).content.decode()
        rows = list(csv.reader(io.StringIO(text(client.get(COURSE, {"export": "csv"})))))

        assert page.count("Fewer than 5 learners") == 3  # lessons 2 and 3, and the quiz
        assert "12 minutes" in page
        assert rows == [
            [
                "Module",
                "Type",
                "Title",
                "Started",
                "Completed",
                "Completion rate",
                "Drop-off to the next lesson",
                "Median minutes to complete",
                "Learners",
                "Pass rate",
                "Attempts to pass",
            ],
            ["Module 1", "Module", "Module 1", "9", "0", "", "", "", "", "", ""],
            ["Module 1", "Lesson", "Lesson 1.1", "5", "5", "1.0", "", "12", "", "", ""],
            ["Module 1", "Lesson", "Lesson 1.2", "", "", "", "", "", "", "", ""],
            ["Module 1", "Lesson", "Lesson 1.3", "", "", "", "", "", "", "", ""],
            ["Module 1", "Quiz", "Check yourself", "", "", "", "", "", "", "", ""],
        ]

    def test_the_page_draws_a_funnel_per_module(self, world):
        for person in learners(5):
            visit(person, world["lessons"][0], at=MONDAY, done_after=timedelta(minutes=12))

        page = signed_in(factories.editor()).get(COURSE).content.decode()

        assert page.count('<svg class="funnel"') == 1
        assert page.count('class="funnel-started"') == 1  # lessons 2 and 3 are under the floor
        assert "5 / 5" in page
        assert page.count("fewer than 5</text>") == 2


class TestQuestionReport:
    def test_every_learner_scoring_alike_makes_both_groups_everybody(self, world):
        quiz = world["quiz"]
        people = learners(9)
        for picks, group in (([1, 0, 0], people[:3]), ([2, 0, 0], people[3:6]), ([0, 1, 0], people[6:])):
            for person in group:
                take(person, quiz, picks)  # 2 points of 3 each

        (statistics,) = quiz_statistics(ReportFilters(), quizzes=[quiz])

        first = statistics.questions[0]
        # Every attempt scores 2 of 3: both groups are all nine, so the upper-lower index is 0.
        assert (first.sums.upper_answers, first.sums.lower_answers) == (9, 9)
        assert first.upper_lower == 0.0
        assert first.facility == pytest.approx(3 / 9)
        assert statistics.alpha is None  # totals do not vary

    def test_a_key_the_strongest_avoid_is_flagged_with_a_link_to_the_editor(self, world):
        quiz = world["quiz"]
        people = learners(9)
        for person in people[:3]:
            take(person, quiz, [1, 0, 0])  # the distractor, then two right: 2 points
        for person in people[3:]:
            take(person, quiz, [0, 1, 1])  # the key, then two wrong: 1 point

        (statistics,) = quiz_statistics(ReportFilters(), quizzes=[quiz])
        page = signed_in(factories.editor()).get(reverse("kelola_quiz_questions_report", args=[quiz.pk]))

        first = statistics.questions[0]
        # k = 9 // 3 = 3: the upper group is the three scoring 2; the lower group the six tied at 1.
        assert (first.sums.upper_answers, first.sums.lower_answers) == (3, 6)
        # x is 0 where the rest score is 2 and 1 where it is 0: a correlation of -1.
        assert first.discrimination == pytest.approx(-1.0)
        # Nobody picked "Ban the member" either, but nine answers are too few to call it useless.
        assert [flag.flag for flag in first.flags] == [Flag.NOT_DISCRIMINATING, Flag.DISTRACTOR_BEATS_KEY]
        assert [(choice.choice.text, choice.upper_rate) for choice in first.choices] == [
            ("Listen first", 0.0),
            ("Delete the post", 1.0),
            ("Ban the member", 0.0),
        ]
        body = page.content.decode()
        assert "Distractor beats the key" in body
        assert f'href="/admin/pages/{quiz.pk}/edit/"' in body

    def test_a_quiz_under_five_learners_shows_no_figures(self, world):
        quiz = world["quiz"]
        for person in learners(4):
            take(person, quiz, [0, 0, 0])
        client = signed_in(factories.editor())

        index = client.get(QUESTIONS).content.decode()
        page = client.get(reverse("kelola_quiz_questions_report", args=[quiz.pk])).content.decode()
        export = text(client.get(reverse("kelola_quiz_questions_report", args=[quiz.pk]), {"export": "csv"}))

        assert index.count("Fewer than 5 learners") == 1
        assert "Fewer than 5 learners have attempted this quiz" in page
        assert export.splitlines()[1:] == []

    def test_index_export_is_a_spreadsheet(self, world):
        quiz = world["quiz"]
        for person in learners(5):
            take(person, quiz, [0, 0, 0])
        response = signed_in(factories.editor()).get(QUESTIONS, {"export": "xlsx"})

        sheet = load_workbook(
            io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
        ).active

        assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
            ["Quiz", "Learners", "Mean score (%)", "Reliability (Cronbach's alpha)", "Flagged questions"],
            # Everybody right: too easy, on each of the three questions.
            ["Check yourself", 5, 100, None, 3],
        ]


class TestLanguages:
    def test_the_reports_speak_the_editors_language_and_show_its_titles(self, world):
        translated = builders.translate_course(world["course"])
        for person in learners(5):
            visit(person, world["lessons"][0], at=MONDAY, done_after=timedelta(minutes=5), language="id")
        editor = factories.editor()
        profile = UserProfile.get_for_user(editor)
        profile.preferred_language = "id"
        profile.save()

        page = signed_in(editor).get(COURSE).content.decode()

        assert translated[world["lessons"][0].pk].title in page  # "Lesson 1.1 (ID)"
        assert "Mulai" in page
        assert "Started" not in page
        assert "5 menit" in page
        # Chart coordinates keep their decimal point in Indonesian (a comma would draw no bar at all).
        assert '<rect class="funnel-started" x="290" y="4" width="320.0" height="22">' in page


class TestAccess:
    def test_staff_without_the_permission_are_refused_and_see_no_menu_item(self, world):
        group = Group.objects.create(name="Reviewers")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        reviewer = factories.UserFactory()
        reviewer.groups.add(group)
        client = signed_in(reviewer)

        home = client.get("/admin/").content.decode()
        responses = [client.get(url) for url in (COURSE, QUESTIONS, f"{QUESTIONS}{world['quiz'].pk}/")]

        assert [response.status_code for response in responses] == [302, 302, 302]
        assert {response["Location"] for response in responses} == {"/admin/"}
        # The menu is there, with the report every admin user sees, but not these two.
        assert "/admin/reports/translations/" in home
        assert COURSE not in home
        assert QUESTIONS not in home

    @pytest.mark.parametrize("person", ["editor", "moderator"])
    def test_editors_and_moderators_find_both_reports_in_the_menu(self, world, person):
        home = signed_in(getattr(factories, person)()).get("/admin/").content.decode()

        assert COURSE in home
        assert QUESTIONS in home

    def test_an_unknown_quiz_is_not_found(self, world):
        response = signed_in(factories.editor()).get(f"{QUESTIONS}{world['lessons'][0].pk}/", follow=True)

        # Django's LocaleMiddleware first tries the address in a language (as for every 404 of the admin).
        assert response.redirect_chain == [(f"/en{QUESTIONS}{world['lessons'][0].pk}/", 302)]
        assert response.status_code == 404


class TestQueries:
    @pytest.mark.parametrize("url", [COURSE, QUESTIONS, "quiz"])
    def test_queries_do_not_grow_with_learners_or_attempts(self, world, url):
        quiz = world["quiz"]
        url = f"{QUESTIONS}{quiz.pk}/" if url == "quiz" else url
        client = signed_in(factories.editor())

        def add(count: int) -> None:
            for person in learners(count):
                for lesson in world["lessons"]:
                    visit(person, lesson, at=MONDAY, done_after=timedelta(minutes=3))
                take(person, quiz, [1, 0, 0])
                take(person, quiz, [0, 0, 0])

        add(5)
        few = page_queries(client, url)
        add(10)

        assert page_queries(client, url) == few


class TestFilterInput:
    def test_the_filters_in_the_address_narrow_the_page(self, world):
        for person in learners(5, joined=timezone.make_aware(datetime(2026, 5, 3))):
            visit(person, world["lessons"][0], at=MONDAY, done_after=timedelta(minutes=5), language="id")
        for person in learners(6):
            visit(person, world["lessons"][0], at=MONDAY + timedelta(days=3))
        client = signed_in(factories.editor())

        def started_and_completed(**query) -> list[str]:
            page = client.get(COURSE, query).content.decode()
            first_row = page.split("<tbody>", 1)[1].split("</tr>", 1)[0]  # the lessons' table comes first
            return re.findall(r'<td class="number">([^<]*)</td>', first_row)[:2]

        assert started_and_completed() == ["11", "5"]
        assert started_and_completed(language="id") == ["5", "5"]
        assert started_and_completed(period_from="2026-06-02", period_to="2026-06-30") == ["6", "0"]
        assert started_and_completed(cohort="2026-05") == ["5", "5"]

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ({"period_from": "abc"}, "Enter a valid date."),
            ({"period_from": "99999-01-01"}, "Enter a valid date."),
            (
                {"period_from": "2026-06-10", "period_to": "2026-06-01"},
                "The first day comes after the last: swap them.",
            ),
            ({"language": "xx"}, "Select a valid choice. xx is not one of the available choices."),
            # A month with fewer than five sign-ups is no cohort: narrowing to it could single a learner out.
            ({"cohort": "2026-04"}, "Select a valid choice. 2026-04 is not one of the available choices."),
        ],
    )
    def test_bad_filter_input_is_explained_and_nothing_is_narrowed(self, world, query, message):
        for person in learners(4, joined=timezone.make_aware(datetime(2026, 4, 3))):
            visit(person, world["lessons"][0], at=MONDAY)
        for person in learners(5):
            visit(person, world["lessons"][0], at=MONDAY)
        client = signed_in(factories.editor())

        for url in (COURSE, QUESTIONS, f"{QUESTIONS}{world['quiz'].pk}/"):
            response = client.get(url, query)
            assert (response.status_code, message in response.content.decode()) == (200, True)
        assert '<td class="number">9</td>' in client.get(COURSE, query).content.decode()  # all nine started
        assert client.get(COURSE, {**query, "export": "csv"}).status_code == 200


FILTER_FIELDS = ["period_from", "period_to", "language", "cohort", "p", "ordering", "export", "q"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(FILTER_FIELDS), st.text(max_size=40), max_size=4))
def test_any_filter_input_gets_a_page_never_a_5xx(world, query):
    client = signed_in(factories.editor(username="hostile-editor"))

    statuses = {
        url: client.get(url, query).status_code
        for url in (COURSE, QUESTIONS, f"{QUESTIONS}{world['quiz'].pk}/")
    }

    assert statuses == dict.fromkeys(statuses, 200)
