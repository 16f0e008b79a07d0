"""Who may do what in mentoring: the predicates, and the permissions made of them, which views and templates ask
(`user.has_perm("mentoring.…", record)`, `{% has_perm %}`). The services ask the same predicates one by one, so that
a refusal says which part failed. Review and invitation steps are allowed by their transition tables (models.py):
the side the step belongs to, from a state it leaves. A mentor's access lasts as long as the mentorship."""

import rules
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from cms.transitions import Transition

from .models import INVITATION_TRANSITIONS, REVIEW_TRANSITIONS, Mentorship, ReviewRequest


def _mentors_now(mentor_id, learner_id) -> bool:
    return Mentorship.objects.active().filter(mentor=mentor_id, learner=learner_id).exists()


@rules.predicate
def is_current_mentor(user, learner) -> bool:
    """`user` mentors `learner` now: a former mentor no longer does. One query, none for a learner read by
    `learner_for(user, …)`."""
    if not user.is_authenticated or learner is None:
        return False
    known = getattr(learner, "current_mentor_answers", {})
    if user.pk in known:
        return known[user.pk]
    return _mentors_now(user.pk, learner.pk)


def learner_for(viewer, learner_id: int):
    """The person with this id, read with whether `viewer` mentors them now (one query), so that asking the
    permissions about them needs no other; None if there is nobody with that id."""
    current = Mentorship.objects.active().filter(learner=OuterRef("pk"), mentor=viewer.pk)
    learner = get_user_model().objects.annotate(viewer_mentors=Exists(current)).filter(pk=learner_id).first()
    if learner is not None:
        learner.current_mentor_answers = {viewer.pk: learner.viewer_mentors}
    return learner


# The two sides of a mentorship, an invitation, a review or an endorsement (its mentor: the one who gave it).


@rules.predicate
def is_learner_side(user, record) -> bool:
    return user.is_authenticated and record is not None and record.learner_id == user.pk


@rules.predicate
def is_mentor_side(user, record) -> bool:
    return user.is_authenticated and record is not None and record.mentor_id == user.pk


SIDES = {"learner": is_learner_side, "mentor": is_mentor_side, "either": is_learner_side | is_mentor_side}


@rules.predicate
def in_mentorship(user, review) -> bool:
    """The review's learner and mentor are still in a mentorship: a review lives only as long. Read with the review
    by `ReviewRequest.objects.with_mentorship()`, else one query."""
    current = getattr(review, "mentorship_current", None)
    return _mentors_now(review.mentor_id, review.learner_id) if current is None else current


@rules.predicate
def mentors_the_endorsed(user, endorsement) -> bool:
    return is_current_mentor(user, endorsement.learner)


def reviews_project(user, project) -> bool:
    """`user` may read a review of the project, or of the whole portfolio it is in (as read_reviewrequest says: its
    mentor, while the mentorship lasts), so the review page shows the project's pictures. One query."""
    if not user.is_authenticated:
        return False
    return (
        ReviewRequest.objects.with_mentorship()
        .filter(Q(project=project) | Q(project__isnull=True), learner=project.profile.user_id, mentor=user.pk)
        .filter(mentorship_current=True)
        .exists()
    )


def _from_state(transition: Transition, field: str):
    return rules.predicate(lambda _user, record: transition.allows(getattr(record, field)), name="from_state")


def _review_step(action: str):
    """Taking `action` on a review: its side of the review, while the mentorship lasts, from a state it leaves."""
    transition = REVIEW_TRANSITIONS[action]
    return SIDES[transition.side] & in_mentorship & _from_state(transition, "state")


def _invitation_answer(action: str):
    transition = INVITATION_TRANSITIONS[action]
    return SIDES[transition.side] & _from_state(transition, "status")


# A learner: their progress (read-only), asking them for their work's review, vouching for their skills.
rules.add_perm("mentoring.read_learner", is_current_mentor)
rules.add_perm("mentoring.review_learner", is_current_mentor)
rules.add_perm("mentoring.endorse_learner", is_current_mentor)
rules.add_perm("mentoring.withdraw_endorsement", is_mentor_side & mentors_the_endorsed)

rules.add_perm("mentoring.read_mentorinvitation", SIDES["either"])
rules.add_perm("mentoring.accept_mentorinvitation", _invitation_answer("accept"))
rules.add_perm("mentoring.decline_mentorinvitation", _invitation_answer("decline"))
rules.add_perm("mentoring.withdraw_mentorinvitation", _invitation_answer("withdraw"))

rules.add_perm("mentoring.end_mentorship", SIDES["either"])

# The learner always sees their review; the mentor while they mentor them.
rules.add_perm("mentoring.read_reviewrequest", is_learner_side | (is_mentor_side & in_mentorship))
rules.add_perm("mentoring.request_changes_reviewrequest", _review_step("request_changes"))
rules.add_perm("mentoring.approve_reviewrequest", _review_step("approve"))
rules.add_perm("mentoring.resubmit_reviewrequest", _review_step("resubmit"))
rules.add_perm("mentoring.withdraw_reviewrequest", _review_step("withdraw"))
rules.add_perm("mentoring.comment_reviewrequest", _review_step("comment"))
