"""Mentoring: who mentors whom (invitations and mentorships), reviews of portfolios, and mentors' endorsements of
skills. Built on the portfolio (reviews are of its projects) and the skills framework (endorsements are of its
skills)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts.rules import is_mentor
from cms.transitions import Transition
from learning.levels import SkillLevel
from learning.models import Skill, in_default_language
from portfolio.models import Project


class MentorshipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)


class Mentorship(models.Model):
    """A mentor follows a learner: while it lasts, the mentor may read (never edit) the learner's progress."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="mentorships",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="mentoring"
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "mentor"],
                condition=Q(ended_at__isnull=True),
                name="portfolio_one_active_mentorship_per_pair",
                violation_error_message=_("This mentor already mentors this learner."),
            ),
            models.CheckConstraint(
                condition=~Q(learner=models.F("mentor")), name="portfolio_no_self_mentoring"
            ),
        ]
        verbose_name = _("mentorship")

    def __str__(self) -> str:
        return f"{self.mentor} mentors {self.learner}"

    def clean(self):
        if self.mentor_id and not is_mentor.test(self.mentor):
            raise ValidationError({"mentor": _("This person is not a mentor.")})


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# How an invitation is answered (mentoring/mentorships.py answers, mentoring/rules.py allows): once, by the side
# the answer belongs to.
INVITATION_TRANSITIONS = {
    "accept": Transition(frozenset({InvitationStatus.PENDING}), InvitationStatus.ACCEPTED, "mentor"),
    "decline": Transition(frozenset({InvitationStatus.PENDING}), InvitationStatus.DECLINED, "mentor"),
    "withdraw": Transition(frozenset({InvitationStatus.PENDING}), InvitationStatus.WITHDRAWN, "learner"),
}


class MentorInvitation(models.Model):
    """A learner asks a mentor to follow them; the mentor accepts (a Mentorship starts) or declines."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_mentor_invitations"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_invitations"
    )
    message = models.CharField(_("message"), max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=InvitationStatus, default=InvitationStatus.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "mentor"],
                condition=Q(status="pending"),
                name="portfolio_one_pending_invitation_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} invites {self.mentor} ({self.status})"


class EndorsementQuerySet(models.QuerySet):
    def current(self):
        return self.filter(withdrawn_at__isnull=True)


class Endorsement(models.Model):
    """A mentor vouches for a learner's level in a skill: verified evidence, which the skills tracker weighs most."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="+"
    )
    skill = models.ForeignKey(
        Skill,
        verbose_name=_("skill"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=in_default_language,
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=SkillLevel)
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(_("endorsed at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = EndorsementQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["learner", "created_at"])]
        constraints = [
            # A new endorsement replaces the mentor's earlier one (mentoring/endorsements.py): two requests at once
            # must not both stay current.
            models.UniqueConstraint(
                fields=["learner", "mentor", "skill"],
                condition=Q(withdrawn_at__isnull=True),
                name="mentoring_one_current_endorsement",
            )
        ]
        verbose_name = _("endorsement")

    def __str__(self) -> str:
        return f"{self.mentor} endorses {self.learner} in {self.skill} at {self.level}"


class ReviewState(models.TextChoices):
    OPEN = "open", _("Waiting for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A request still in play: one per mentor and scope at a time.
ACTIVE_REVIEW_STATES = frozenset({ReviewState.OPEN, ReviewState.CHANGES_REQUESTED})

# How a review moves (mentoring/reviews.py takes the steps, mentoring/rules.py allows them, each only while the
# learner and mentor are still in a mentorship):
#
#     open ──request_changes──▶ changes_requested ──resubmit──▶ open ──approve──▶ approved
#       └──────── withdraw (by the learner), close (as the mentorship ends), before a decision ────▶ withdrawn
#
# A comment keeps the state: either side, until the request is withdrawn.
REVIEW_TRANSITIONS = {
    "request_changes": Transition(frozenset({ReviewState.OPEN}), ReviewState.CHANGES_REQUESTED, "mentor"),
    "approve": Transition(frozenset({ReviewState.OPEN}), ReviewState.APPROVED, "mentor"),
    "resubmit": Transition(frozenset({ReviewState.CHANGES_REQUESTED}), ReviewState.OPEN, "learner"),
    "withdraw": Transition(ACTIVE_REVIEW_STATES, ReviewState.WITHDRAWN, "learner"),
    "close": Transition(ACTIVE_REVIEW_STATES, ReviewState.WITHDRAWN, "system"),
    "comment": Transition(ACTIVE_REVIEW_STATES | {ReviewState.APPROVED}, None, "either"),
}


class ReviewRequestQuerySet(models.QuerySet):
    def with_mentorship(self):
        """Each request with `mentorship_current`: whether its learner and mentor are still in a mentorship, which
        the permissions ask (mentoring/rules.py in_mentorship) without another query."""
        current = Mentorship.objects.active().filter(learner=OuterRef("learner"), mentor=OuterRef("mentor"))
        return self.annotate(mentorship_current=Exists(current))


class ReviewRequest(models.Model):
    """A learner asks one of their mentors to review their portfolio, or one project of it."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_requests"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews_to_do"
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_requests",
        help_text=_("Leave empty to ask for a review of your whole portfolio."),
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    state = models.CharField(max_length=20, choices=ReviewState, default=ReviewState.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ReviewRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["mentor", "state", "updated_at"])]
        # One request in play per mentor and scope (a project, or the whole portfolio: no project). Two
        # constraints, because NULLs never clash in a unique index (and SQLite has no NULLS NOT DISTINCT).
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "mentor", "project"],
                condition=Q(state__in=sorted(ACTIVE_REVIEW_STATES), project__isnull=False),
                name="mentoring_one_active_review_per_project",
            ),
            models.UniqueConstraint(
                fields=["learner", "mentor"],
                condition=Q(state__in=sorted(ACTIVE_REVIEW_STATES), project__isnull=True),
                name="mentoring_one_active_review_per_portfolio",
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.project or 'portfolio'} by {self.mentor} ({self.state})"


class ReviewEvent(models.Model):
    """A step in a review's life: who moved it to which state, when, and what they said."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=20, choices=ReviewState)
    note = models.TextField(max_length=2000, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.actor} → {self.state}"


class ReviewComment(models.Model):
    """A comment in a review, on one project (or the portfolio as a whole); a reply points at its parent."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="comments")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class ProjectApproval(models.Model):
    """The version of a project a mentor approved: kept whole, so later edits show as changes since approval."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="approvals")
    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="approvals")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    approved_at = models.DateTimeField(default=timezone.now)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-approved_at", "-pk"]
        get_latest_by = "approved_at"

    def __str__(self) -> str:
        return f"{self.project} approved by {self.mentor}"
