"""A learner's home: where they stand in every skill, what to do next, and where they are in the course."""

from collections import defaultdict

from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from cms.accounts.roles import Role, has_role
from portfolio.mentoring import mentees_of
from portfolio.models import InvitationStatus, MentorInvitation, ReviewRequest, ReviewState

from .levels import SkillLevel
from .models import CourseIndexPage, SkillLevelChange
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
        **(mentor_context(user) if has_role(user, Role.MENTOR) else {}),
    }


def mentor_context(mentor) -> dict:
    """What a mentor's dashboard adds: invitations to answer, reviews waiting (the longest waiting first) and their
    mentees with a progress summary; the same number of queries however many of each."""
    return {
        "mentor_invitations": list(
            MentorInvitation.objects.filter(mentor=mentor, status=InvitationStatus.PENDING).select_related(
                "learner"
            )
        ),
        "review_queue": list(
            ReviewRequest.objects.filter(mentor=mentor, state=ReviewState.OPEN)
            .select_related("learner", "project")
            .order_by("updated_at", "pk")
        ),
        "mentees": mentee_summaries(list(mentees_of(mentor))),
    }


def mentee_summaries(mentees: list) -> list:
    """Give each mentee `skills_started`, `skills_practising` (Practising or above) and `skills_verified`, from the
    level history the tracker records: one query for all of them."""
    latest: dict[tuple[int, int], tuple[int, bool]] = {}
    changes = SkillLevelChange.objects.filter(user__in=mentees).order_by("changed_at", "pk")
    for user_id, skill_id, level, verified in changes.values_list("user_id", "skill_id", "level", "verified"):
        latest[user_id, skill_id] = (level, verified)
    by_mentee: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for (user_id, _skill_id), value in latest.items():
        by_mentee[user_id].append(value)
    for mentee in mentees:
        levels = by_mentee[mentee.pk]
        mentee.skills_started = sum(1 for level, _verified in levels if level > SkillLevel.NOT_STARTED)
        mentee.skills_practising = sum(1 for level, _verified in levels if level >= SkillLevel.PRACTISING)
        mentee.skills_verified = sum(1 for _level, verified in levels if verified)
        mentee.last_activity_at = max(
            filter(None, [mentee.last_quiz_at, mentee.last_lesson_at]), default=None
        )
    return mentees
