"""What waits for a mentor: learners asking them, reviews to give or given back, what their learners said lately,
and their learners with a progress summary. Shown on the mentoring page, and on the dashboard of a mentor who also
learns."""

from collections import defaultdict

from django.db.models import Exists, OuterRef

from learning.levels import SkillLevel
from learning.models import SkillLevelChange

from .mentorships import mentees_of
from .models import (
    ACTIVE_REVIEW_STATES,
    InvitationStatus,
    MentorInvitation,
    Mentorship,
    ReviewComment,
    ReviewRequest,
    ReviewState,
)

# The mentoring page quotes this many of the latest comments.
RECENT_COMMENTS = 5


def mentor_tasks(mentor) -> dict:
    """Invitations to answer; reviews waiting for the mentor and those waiting for the learner's changes (the longest
    waiting first); the latest comments of their learners; their mentees with a progress summary. The same number of
    queries however many of each."""
    active_reviews = list(
        ReviewRequest.objects.filter(mentor=mentor, state__in=ACTIVE_REVIEW_STATES)
        .select_related("learner", "project")
        .order_by("updated_at", "pk")
    )
    return {
        "mentor_invitations": list(
            MentorInvitation.objects.filter(mentor=mentor, status=InvitationStatus.PENDING).select_related(
                "learner"
            )
        ),
        "review_queue": [review for review in active_reviews if review.state == ReviewState.OPEN],
        "changes_requested": [
            review for review in active_reviews if review.state == ReviewState.CHANGES_REQUESTED
        ],
        "recent_comments": recent_comments(mentor),
        "mentees": mentee_summaries(list(mentees_of(mentor))),
    }


def recent_comments(mentor) -> list[ReviewComment]:
    """The latest comments their current learners wrote in reviews with them, newest first (a former learner's
    reviews are closed to the mentor)."""
    still_mentored = Mentorship.objects.active().filter(mentor=mentor, learner=OuterRef("request__learner"))
    return list(
        ReviewComment.objects.filter(Exists(still_mentored), request__mentor=mentor)
        .exclude(author=mentor)
        .select_related("author", "project")
        .order_by("-created_at", "-pk")[:RECENT_COMMENTS]
    )


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
