"""Mentoring's part of what Kelola holds about a person (cms/personal_data.py): their mentorships, invitations,
reviews with their events, comments and approvals, and the endorsements they gave (those they received are in the
learning record). A review is a conversation between a learner and a mentor: it goes with either account, its
comments and approvals with it."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from cms.cache_versions import people_changed
from cms.notifications import notify
from cms.personal_data import PersonalData, fields_of
from learning.skill_evidence import record_level_changes

from .models import Endorsement, MentorInvitation, Mentorship, ReviewRequest


def _side(user, record) -> str:
    return "learner" if record.learner_id == user.pk else "mentor"


def _either_side(model, user):
    return model.objects.filter(Q(learner=user) | Q(mentor=user)).select_related("learner", "mentor")


def mentoring_data(user) -> dict:
    reviews = (
        _either_side(ReviewRequest, user)
        .select_related("project")
        .prefetch_related(
            "events__actor",
            "comments__author",
            "comments__project",
            "approvals__project",
            "approvals__mentor",
        )
    )
    return {
        "mentorships": [
            {
                "role": _side(user, mentorship),
                "learner": str(mentorship.learner),
                "mentor": str(mentorship.mentor),
                **fields_of(mentorship),
                "ended_by": str(mentorship.ended_by) if mentorship.ended_by else None,
            }
            for mentorship in _either_side(Mentorship, user).select_related("ended_by")
        ],
        "invitations": [
            {
                "role": _side(user, invitation),
                "learner": str(invitation.learner),
                "mentor": str(invitation.mentor),
                **fields_of(invitation),
            }
            for invitation in _either_side(MentorInvitation, user)
        ],
        "endorsements_given": [
            {"learner": str(endorsement.learner), "skill": endorsement.skill.slug, **fields_of(endorsement)}
            for endorsement in Endorsement.objects.filter(mentor=user).select_related("learner", "skill")
        ],
        "reviews": [
            {
                "role": _side(user, review),
                "learner": str(review.learner),
                "mentor": str(review.mentor),
                "project": review.project.title if review.project else None,
                **fields_of(review),
                "events": [{"by": str(event.actor), **fields_of(event)} for event in review.events.all()],
                "comments": [
                    {
                        "id": comment.pk,
                        "reply_to": comment.parent_id,
                        "by": str(comment.author),
                        "project": comment.project.title if comment.project else None,
                        **fields_of(comment),
                    }
                    for comment in review.comments.all()
                ],
                "approvals": [
                    {"project": approval.project.title, "by": str(approval.mentor), **fields_of(approval)}
                    for approval in review.approvals.all()
                ],
            }
            for review in reviews
        ],
    }


def leave_mentoring(user) -> None:
    """Before the account goes: each person they are in a mentorship with is told, in their own language; the
    learners they endorsed have their levels recorded again without those endorsements; everyone they mentored,
    invited or reviewed with sees them gone."""
    for mentorship in Mentorship.objects.active().filter(Q(learner=user) | Q(mentor=user)):
        other = mentorship.mentor if mentorship.learner_id == user.pk else mentorship.learner
        notify(other, message="account_deleted", params={"name": str(user)}, route="dashboard")
    others = set()
    for model in (Mentorship, MentorInvitation, ReviewRequest):
        for learner_id, mentor_id in _either_side(model, user).values_list("learner_id", "mentor_id"):
            others |= {learner_id, mentor_id}
    given = Endorsement.objects.filter(mentor=user)
    endorsed = set(given.values_list("learner_id", flat=True))
    given.delete()
    for learner in get_user_model().objects.filter(pk__in=endorsed):
        record_level_changes(learner)
    people_changed(sorted(others - {user.pk}))


MENTORING_DATA = PersonalData(
    "mentoring",
    (
        "mentoring.Mentorship",
        "mentoring.MentorInvitation",
        "mentoring.Endorsement",
        "mentoring.ReviewRequest",
        "mentoring.ReviewEvent",
        "mentoring.ReviewComment",
        "mentoring.ProjectApproval",
    ),
    mentoring_data,
    erase=leave_mentoring,
)
