"""A learner's home: where they stand in every skill, what to do next, and where they are in the course."""

from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from portfolio.mentoring import mentees_of
from portfolio.models import InvitationStatus, MentorInvitation

from .models import CourseIndexPage
from .progress import course_overview
from .tracker import skills_tracker


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
        "tracker": skills_tracker(user),
        "mentees": list(mentees_of(user)),
        "mentor_invitations": list(
            MentorInvitation.objects.filter(mentor=user, status=InvitationStatus.PENDING).select_related(
                "learner"
            )
        ),
    }
