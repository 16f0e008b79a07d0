"""Learners' activity for tests of the editors' reports: lessons opened and completed, quizzes taken, at set times
and in a set language, through the app's own services."""

from datetime import datetime, timedelta

from django.utils import timezone, translation

from learning.models import LessonCompletion, LessonStart, QuizAttempt
from learning.progress import mark_complete, record_visit
from learning.quizzes import submit_attempt
from tests import factories

# A fixed moment for activity that tests date by day.
MONDAY = timezone.make_aware(datetime(2026, 6, 1, 9, 0))


def learners(count: int, *, joined: datetime | None = None) -> list:
    return [factories.learner(**({"date_joined": joined} if joined else {})) for _number in range(count)]


def visit(user, lesson, *, at: datetime, done_after: timedelta | None = None, language: str = "en") -> None:
    """The learner opens `lesson` at `at` (in `language`) and, with `done_after`, completes it that much later."""
    with translation.override(language):
        record_visit(user=user, lesson=lesson)
        if done_after is not None:
            mark_complete(user=user, lesson=lesson)
    LessonStart.objects.filter(user=user, lesson_key=lesson.translation_key).update(started_at=at)
    if done_after is not None:
        LessonCompletion.objects.filter(user=user, lesson_key=lesson.translation_key).update(
            completed_at=at + done_after
        )


def take(user, quiz, picks: list[int], *, language: str = "en", at: datetime | None = None) -> QuizAttempt:
    """An attempt picking choice number `picks[i]` (from 0, in the editor's order) for question i."""
    questions = quiz.question_list()
    number = QuizAttempt.objects.filter(user=user, quiz_key=quiz.translation_key).count() + 1
    with translation.override(language):
        attempt = submit_attempt(
            user=user,
            quiz=quiz,
            number=number,
            questions=questions,
            responses={
                question.id: question.choices[pick].id
                for question, pick in zip(questions, picks, strict=True)
            },
        )
    if at:
        QuizAttempt.objects.filter(pk=attempt.pk).update(submitted_at=at)
    return attempt
