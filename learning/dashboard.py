"""A learner's home: where they stand in every skill, what to do next, and where they are in the course."""

from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from cms.accounts.roles import Role, has_role
from portfolio.mentor_tasks import mentor_tasks

from .models import CourseIndexPage
from .progress import course_overview
from .tracker import skills_tracker


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
        # A mentor who also learns sees their mentoring here too.
        **(mentor_tasks(user) if has_role(user, Role.MENTOR) else {}),
    }


def current_course() -> CourseIndexPage | None:
    """The live course in the active language."""
    return (
        CourseIndexPage.objects.live()
        .filter(locale__language_code=get_supported_content_language_variant(get_language()))
        .first()
    )
