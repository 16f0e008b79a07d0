"""A learner's home: where they stand in every skill, what to do next, and where they are in the course."""

from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from cms.extensions import Registry

from .models import CourseIndexPage
from .progress import course_overview
from .tracker import skills_tracker

# Extension point: what the features add to the dashboard: callables (user) → template context.
DASHBOARD_SECTIONS = Registry("dashboard sections of the features")


def dashboard_context(user) -> dict:
    course = current_course()
    overview = course_overview(course=course, user=user) if course else None
    baseline = overview.course_quizzes if overview else []
    return {
        "course": course,
        "overview": overview,
        # New learners are offered the course-wide self-assessment first.
        "baseline_to_take": [status for status in baseline if not status.attempted],
        "baseline_taken": [status for status in baseline if status.attempted],
        "tracker": skills_tracker(user),
        # What the features add (a mentor who also learns sees their mentoring here too).
        **{key: value for section in DASHBOARD_SECTIONS for key, value in section(user).items()},
    }


def current_course() -> CourseIndexPage | None:
    """The live course in the active language."""
    return (
        CourseIndexPage.objects.live()
        .filter(locale__language_code=get_supported_content_language_variant(get_language()))
        .first()
    )
