from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts.roles import Role, has_role
from learning.levels import SkillLevel
from learning.models import Skill, in_default_language


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
        if self.mentor_id and not has_role(self.mentor, Role.MENTOR):
            raise ValidationError({"mentor": _("This person is not a mentor.")})


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
        verbose_name = _("endorsement")

    def __str__(self) -> str:
        return f"{self.mentor} endorses {self.learner} in {self.skill} at {self.level}"
