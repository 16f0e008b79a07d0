"""Who mentors whom, and how that starts and ends: a learner invites a mentor, who accepts or declines; either side
ends it, and the mentor's access ends at once. A mentor may read a learner's progress only while it lasts.

Every step checks that it may be taken (by this person, in this state: INVITATION_TRANSITIONS in models.py, and
mentoring/rules.py) and raises MentoringError, changing nothing, when it may not."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.accounts.roles import Role
from cms.cache_versions import people_changed
from cms.notifications import notify
from learning.models import LessonCompletion, QuizAttempt
from portfolio.models import Profile
from portfolio.rules import SHARED_WITH_MENTORS

from .models import INVITATION_TRANSITIONS, InvitationStatus, MentorInvitation, Mentorship, ReviewRequest
from .reviews import close_with_mentorship
from .rules import SIDES, is_current_mentor


class MentoringError(Exception):
    """A step that cannot be taken; the message says why, for the person who tried."""


def mentees_of(mentor):
    """The learners `mentor` currently mentors, by name, each with `portfolio_shared` (whether the mentor may see
    their portfolio), `mentorship_id` (the relationship to end), `last_quiz_at`, `last_lesson_at`, and the state and
    time of their last review with this mentor: one query however many."""
    shared = Profile.objects.filter(user=OuterRef("pk"), visibility__in=SHARED_WITH_MENTORS)
    mentorship = Mentorship.objects.active().filter(learner=OuterRef("pk"), mentor=mentor)
    last_review = ReviewRequest.objects.filter(learner=OuterRef("pk"), mentor=mentor).order_by(
        "-updated_at", "-pk"
    )
    return (
        get_user_model()
        .objects.filter(mentorships__mentor=mentor, mentorships__ended_at__isnull=True)
        .annotate(
            portfolio_shared=Exists(shared),
            mentorship_id=mentorship.values("pk")[:1],
            last_quiz_at=Subquery(
                QuizAttempt.objects.filter(user=OuterRef("pk"))
                .order_by("-submitted_at")
                .values("submitted_at")[:1]
            ),
            last_lesson_at=Subquery(
                LessonCompletion.objects.filter(user=OuterRef("pk"))
                .order_by("-completed_at")
                .values("completed_at")[:1]
            ),
            last_review_id=Subquery(last_review.values("pk")[:1]),
            last_review_state=Subquery(last_review.values("state")[:1]),
            last_review_at=Subquery(last_review.values("updated_at")[:1]),
        )
        .order_by("first_name", "last_name", "username")
    )


def find_mentor(identifier: str):
    """The active mentor with this username or email address (either case), or None."""
    identifier = identifier.strip()
    if not identifier:
        return None
    return (
        get_user_model()
        .objects.filter(Q(username__iexact=identifier) | Q(email__iexact=identifier))
        .filter(groups__name=Role.MENTOR.value, is_active=True)
        .first()
    )


@transaction.atomic
def invite(*, learner, identifier: str, message: str = "") -> MentorInvitation:
    mentor = find_mentor(identifier)
    if mentor is None:
        raise MentoringError(_("No mentor has that username or email address."))
    if mentor.pk == learner.pk:
        raise MentoringError(_("You cannot be your own mentor."))
    name = str(mentor)
    if is_current_mentor.test(mentor, learner):
        raise MentoringError(_("%(name)s is already your mentor.") % {"name": name})
    if MentorInvitation.objects.filter(
        learner=learner, mentor=mentor, status=InvitationStatus.PENDING
    ).exists():
        raise MentoringError(_("You already invited %(name)s; they have not answered yet.") % {"name": name})
    invitation = MentorInvitation.objects.create(learner=learner, mentor=mentor, message=message.strip())
    log(instance=invitation, action="kelola.invitation.send", user=learner, **audit_entry(invitation))
    people_changed([learner.pk, mentor.pk])
    notify(mentor, message="mentor_invited", params={"learner": str(learner)}, route="dashboard")
    return invitation


def audit_entry(record) -> dict:
    """What the audit entries of an invitation or a mentorship keep (the admin's Site history): a title in no
    language (the learner, then the mentor) and whom it joins."""
    return {
        "title": f"{record.learner} · {record.mentor}",
        "data": {"learner": record.learner_id, "mentor": record.mentor_id},
    }


def _answer(invitation: MentorInvitation, *, actor, action: str) -> MentorInvitation:
    """Answer the invitation as `action` says (INVITATION_TRANSITIONS), if `actor` is the side it belongs to and the
    invitation still waits for an answer; the invitation, locked and answered."""
    locked = (
        MentorInvitation.objects.select_for_update().select_related("learner", "mentor").get(pk=invitation.pk)
    )
    transition = INVITATION_TRANSITIONS[action]
    if not SIDES[transition.side].test(actor, locked):
        raise MentoringError(_("This invitation is not yours to answer."))
    if not transition.allows(locked.status):
        raise MentoringError(
            _("This invitation was already answered: %(status)s.") % {"status": locked.get_status_display()}
        )
    locked.status = transition.target
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answered_at"])
    log(instance=locked, action=f"kelola.invitation.{action}", user=actor, **audit_entry(locked))
    people_changed([locked.learner_id, locked.mentor_id])
    return locked


@transaction.atomic
def accept(invitation: MentorInvitation, *, mentor) -> Mentorship:
    invitation = _answer(invitation, actor=mentor, action="accept")
    mentorship = Mentorship.objects.active().filter(learner=invitation.learner, mentor=mentor).first()
    if mentorship is None:
        mentorship = Mentorship.objects.create(learner=invitation.learner, mentor=mentor)
        log(instance=mentorship, action="kelola.mentorship.start", user=mentor, **audit_entry(mentorship))
    notify(
        invitation.learner,
        message="mentor_accepted",
        params={"mentor": str(mentor)},
        route="mentoring:mentors",
    )
    return mentorship


@transaction.atomic
def decline(invitation: MentorInvitation, *, mentor) -> None:
    invitation = _answer(invitation, actor=mentor, action="decline")
    notify(
        invitation.learner,
        message="mentor_declined",
        params={"mentor": str(mentor)},
        route="mentoring:mentors",
    )


@transaction.atomic
def withdraw(invitation: MentorInvitation, *, learner) -> None:
    _answer(invitation, actor=learner, action="withdraw")


@transaction.atomic
def end_mentorship(mentorship: Mentorship, *, by) -> None:
    """Either side ends it; the mentor loses access with this commit."""
    locked = Mentorship.objects.select_for_update().select_related("learner", "mentor").get(pk=mentorship.pk)
    if not by.has_perm("mentoring.end_mentorship", locked):
        raise MentoringError(_("Only the learner or the mentor can end this mentorship."))
    if locked.ended_at is not None:
        raise MentoringError(_("This mentorship has already ended."))
    locked.ended_at = timezone.now()
    locked.ended_by = by
    locked.save(update_fields=["ended_at", "ended_by"])
    log(instance=locked, action="kelola.mentorship.end", user=by, **audit_entry(locked))
    people_changed([locked.learner_id, locked.mentor_id])  # the mentor no longer watches the learner
    close_with_mentorship(learner=locked.learner, mentor=locked.mentor, by=by)
    other = locked.mentor if by.pk == locked.learner_id else locked.learner
    notify(other, message="mentorship_ended", params={"name": str(by)}, route="dashboard")
