"""A learner's home: where they are in the course, what to do next, and their latest quiz results."""

from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from .models import CourseIndexPage, QuizAttempt
from .progress import course_overview

RECENT_ATTEMPTS = 5


def dashboard_context(user) -> dict:
    course = (
        CourseIndexPage.objects.live()
        .filter(locale__language_code=get_supported_content_language_variant(get_language()))
        .first()
    )
    overview = course_overview(course=course, user=user) if course else None
    baseline = overview.course_quizzes if overview else []
    return {
        "course": course,
        "overview": overview,
        # New learners are offered the course-wide self-assessment first.
        "baseline_to_take": [status for status in baseline if not status.attempted],
        "baseline_taken": [status for status in baseline if status.attempted],
        "recent_attempts": list(
            QuizAttempt.objects.filter(user=user)
            .select_related("quiz")
            .order_by("-submitted_at")[:RECENT_ATTEMPTS]
        ),
    }
