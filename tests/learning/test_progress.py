import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from learning.models import LessonCompletion
from learning.progress import (
    completed_lesson_keys,
    course_overview,
    lesson_context,
    mark_complete,
    mark_incomplete,
    module_outline,
    record_visit,
)

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("course", "indonesian")
class TestProgressInBothLanguages:
    """Tests that share one course and its Indonesian translation, built once."""

    def test_completing_the_indonesian_lesson_completes_the_english_one(self, learner, lessons, indonesian):
        mark_complete(user=learner, lesson=indonesian[lessons[0].pk])

        assert lessons[0].translation_key in completed_lesson_keys(learner)
        module = lessons[0].get_parent().specific
        assert module_outline(module=module, user=learner).is_done(lessons[0])

    def test_overview_in_indonesian_counts_english_completions(self, learner, course, lessons, indonesian):
        mark_complete(user=learner, lesson=lessons[0])

        with translation.override("id"):
            overview = course_overview(course=indonesian[course.pk], user=learner)

        assert overview.modules[0].module.title == "Module 1 (ID)"
        assert overview.modules[0].done == 1
        assert overview.modules[0].skills[0].name == "Komunikasi"


@pytest.mark.usefixtures("course")
class TestProgress:
    """Tests that share one course, built once."""

    def test_mark_complete_is_idempotent(self, learner, lessons):
        assert mark_complete(user=learner, lesson=lessons[0]) is True
        assert mark_complete(user=learner, lesson=lessons[0]) is False

        assert LessonCompletion.objects.filter(user=learner).count() == 1

    def test_mark_incomplete_undoes_and_is_idempotent(self, learner, lessons):
        mark_complete(user=learner, lesson=lessons[0])

        assert mark_incomplete(user=learner, lesson=lessons[0]) is True
        assert mark_incomplete(user=learner, lesson=lessons[0]) is False
        assert completed_lesson_keys(learner) == set()

    def test_completions_belong_to_their_learner(self, learner, other_learner, lessons):
        mark_complete(user=learner, lesson=lessons[0])

        assert completed_lesson_keys(other_learner) == set()
        assert completed_lesson_keys(AnonymousUser()) == set()

    def test_course_overview_counts_lessons_and_minutes(self, learner, course, lessons):
        mark_complete(user=learner, lesson=lessons[0])
        mark_complete(user=learner, lesson=lessons[1])
        mark_complete(user=learner, lesson=lessons[3])

        overview = course_overview(course=course, user=learner)

        assert [(m.done, m.total) for m in overview.modules] == [(2, 3), (1, 3)]
        assert [m.percent for m in overview.modules] == [67, 33]
        assert [m.minutes_left for m in overview.modules] == [10, 20]
        assert (overview.done, overview.total, overview.percent, overview.minutes_left) == (3, 6, 50, 30)

    def test_continue_lesson_is_the_first_lesson_for_a_newcomer(self, learner, course, lessons):
        assert course_overview(course=course, user=learner).continue_lesson == lessons[0]

    def test_continue_lesson_is_the_last_opened_lesson_while_unfinished(self, learner, course, lessons):
        record_visit(user=learner, lesson=lessons[4])

        assert course_overview(course=course, user=learner).continue_lesson == lessons[4]

    def test_continue_lesson_moves_on_once_the_opened_lesson_is_done(self, learner, course, lessons):
        mark_complete(user=learner, lesson=lessons[0])
        record_visit(user=learner, lesson=lessons[4])
        mark_complete(user=learner, lesson=lessons[4])

        assert course_overview(course=course, user=learner).continue_lesson == lessons[5]

        mark_complete(user=learner, lesson=lessons[5])
        assert course_overview(course=course, user=learner).continue_lesson == lessons[1]

    def test_nothing_to_continue_when_everything_is_done(self, learner, course, lessons):
        for lesson in lessons:
            mark_complete(user=learner, lesson=lesson)

        overview = course_overview(course=course, user=learner)
        assert overview.continue_lesson is None
        assert overview.percent == 100

    def test_anonymous_visitors_get_the_outline_without_progress(self, course):
        overview = course_overview(course=course, user=AnonymousUser())

        assert overview.done == 0
        assert overview.continue_lesson is None

    def test_lesson_context_gives_neighbours_and_state(self, learner, lessons):
        mark_complete(user=learner, lesson=lessons[1])

        context = lesson_context(lesson=lessons[1], user=learner)

        assert context["previous_lesson"] == lessons[0]
        assert context["next_lesson"] == lessons[2]
        assert context["is_done"] is True
        assert [skill.name for skill in context["lesson_skills"]] == ["Communication"]
        assert lesson_context(lesson=lessons[0], user=learner)["previous_lesson"] is None
        assert lesson_context(lesson=lessons[2], user=learner)["next_lesson"] is None
