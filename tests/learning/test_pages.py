"""The course overview, module and lesson pages as learners and visitors see them."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage, StandardPage
from learning.models import CourseIndexPage, LessonPage, ModulePage, QuizPage
from learning.progress import mark_complete
from tests.learning import builders
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


class TestPageTypeRules(WagtailPageTestCase):
    def test_course_lives_under_the_home_page(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {ModulePage, QuizPage})

    def test_modules_live_in_the_course_and_hold_lessons(self):
        self.assertAllowedParentPageTypes(ModulePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage, QuizPage})

    def test_lessons_live_only_in_modules_and_hold_nothing(self):
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertCanNotCreateAt(CourseIndexPage, LessonPage)
        self.assertCanNotCreateAt(HomePage, LessonPage)
        self.assertCanNotCreateAt(StandardPage, LessonPage)
        self.assertCanNotCreateAt(Page, ModulePage)

    def test_quizzes_live_in_modules_or_at_the_top_of_the_course(self):
        self.assertAllowedParentPageTypes(QuizPage, {ModulePage, CourseIndexPage})
        self.assertAllowedSubpageTypes(QuizPage, set())
        self.assertCanNotCreateAt(LessonPage, QuizPage)
        self.assertCanNotCreateAt(HomePage, QuizPage)


def test_indonesian_lesson_shows_the_english_completion(client, learner, lessons, indonesian):
    mark_complete(user=learner, lesson=lessons[0])
    client.force_login(learner)

    response = client.get(indonesian[lessons[0].pk].url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Anda telah menyelesaikan pelajaran ini." in html
    assert "Komunikasi" in html


def grow(course, learner, lessons):
    """More modules, lessons and completions than before."""
    for number in range(3, 6):
        builders.add_module(course, number, lessons=4)
    for lesson in lessons:
        mark_complete(user=learner, lesson=lesson)


@pytest.mark.usefixtures("course")
class TestCoursePages:
    """Tests that share one course, built once."""

    def test_course_overview_shows_progress_and_where_to_continue(self, client, learner, course, lessons):
        mark_complete(user=learner, lesson=lessons[0])
        client.force_login(learner)

        html = client.get(course.url).content.decode()

        assert "1 of 6 lessons done (17%)." in html
        assert "Continue where you left off" in html
        assert f'href="{lessons[1].url}"' in html
        assert 'aria-valuenow="1" aria-valuemin="0" aria-valuemax="3"' in html

    def test_anonymous_visitors_read_the_course_and_are_invited_to_sign_up(self, client, course, lessons):
        course_html = client.get(course.url).content.decode()
        lesson_response = client.get(lessons[0].url)

        assert f"/en/accounts/signup/?next={course.url}" in course_html
        assert f"/en/accounts/login/?next={course.url}" in course_html
        assert lesson_response.status_code == 200
        assert f"/en/accounts/signup/?next={lessons[0].url}" in lesson_response.content.decode()
        assert f"/en/accounts/login/?next={lessons[0].url}" in lesson_response.content.decode()

    def test_lesson_page_outline_marks_done_current_and_next(self, client, learner, lessons):
        mark_complete(user=learner, lesson=lessons[0])
        client.force_login(learner)

        html = client.get(lessons[1].url).content.decode()

        assert '<li class="outline-item is-done">' in html
        assert '<li class="outline-item is-current" aria-current="page">' in html
        assert '<li class="outline-item is-next">' in html
        assert 'rel="prev"' in html
        assert 'rel="next"' in html
        assert 'value="complete"' in html
        assert "About 10 min" in html

    def test_completed_lesson_offers_undo(self, client, learner, lessons):
        mark_complete(user=learner, lesson=lessons[0])
        client.force_login(learner)

        html = client.get(lessons[0].url).content.decode()

        assert 'value="undo"' in html
        assert "You have completed this lesson." in html

    def test_module_page_lists_its_lessons_with_time(self, client, learner, lessons):
        mark_complete(user=learner, lesson=lessons[0])
        client.force_login(learner)
        module = lessons[0].get_parent()

        html = client.get(module.url).content.decode()

        assert html.count('class="list-group-item') == 3
        assert "3 lessons · about 30 min" in html

    def test_course_overview_queries_do_not_grow_with_the_course(self, client, learner, course, lessons):
        client.force_login(learner)
        before = page_queries(client, course.url)

        grow(course, learner, lessons)

        assert page_queries(client, course.url) == before
        assert before <= 23  # of which the header's unread notifications count is one

    def test_lesson_page_queries_do_not_grow_with_the_course(self, client, learner, course, lessons):
        client.force_login(learner)
        before = page_queries(client, lessons[1].url)

        grow(course, learner, lessons)
        for number in range(4, 9):
            builders.add_lesson(lessons[1].get_parent(), f"Extra {number}")

        assert page_queries(client, lessons[1].url) == before
        assert before <= 28
