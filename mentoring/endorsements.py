"""Mentors vouch for a learner's level in a skill. An endorsement is verified evidence, which the skills tracker
weighs most; withdrawing it takes that away. Levels are recorded again after either, so the history follows."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.notifications import notify
from learning.levels import SkillLevel
from learning.skill_evidence import record_level_changes

from .mentorships import MentoringError
from .models import Endorsement


@transaction.atomic
def endorse(*, mentor, learner, skill, level: int, reason: str) -> Endorsement:
    """A current mentor's endorsement, replacing their earlier one for the same skill."""
    if not mentor.has_perm("mentoring.endorse_learner", learner):
        raise MentoringError(_("Only a current mentor of this learner can endorse their skills."))
    if level not in SkillLevel.values or level == SkillLevel.NOT_STARTED:
        raise MentoringError(_("Choose a level from Aware to Expert."))
    if not reason.strip():
        raise MentoringError(_("Say in a sentence what you have seen."))
    now = timezone.now()
    Endorsement.objects.current().filter(learner=learner, mentor=mentor, skill=skill).update(withdrawn_at=now)
    try:
        with transaction.atomic():
            endorsement = Endorsement.objects.create(
                learner=learner,
                mentor=mentor,
                skill=skill,
                level=level,
                reason=reason.strip(),
                created_at=now,
            )
    except IntegrityError:
        # Another of the mentor's requests endorsed this skill between the update and here (the database keeps one
        # current endorsement per mentor, learner and skill): that one stands.
        raise MentoringError(
            _("You endorsed this skill again at the same moment, from another page: check the level shown.")
        ) from None
    log(instance=endorsement, action="kelola.endorsement.give", user=mentor, **_audit_entry(endorsement))
    record_level_changes(learner)
    notify(
        learner,
        message="endorsed",
        params={"mentor": str(mentor), **_skill_params(skill), "level": level},
        route="dashboard",
    )
    return endorsement


@transaction.atomic
def withdraw(endorsement: Endorsement, *, mentor) -> None:
    locked = Endorsement.objects.select_for_update().select_related("learner", "skill").get(pk=endorsement.pk)
    if not mentor.has_perm("mentoring.withdraw_endorsement", locked):
        raise MentoringError(_("Only the mentor who gave this endorsement can withdraw it."))
    if locked.withdrawn_at is not None:
        raise MentoringError(_("This endorsement was already withdrawn."))
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["withdrawn_at"])
    log(instance=locked, action="kelola.endorsement.withdraw", user=mentor, **_audit_entry(locked))
    record_level_changes(locked.learner)
    notify(
        locked.learner,
        message="endorsement_withdrawn",
        params={"mentor": str(mentor), **_skill_params(locked.skill)},
        route="dashboard",
    )


def _audit_entry(endorsement: Endorsement) -> dict:
    """What its audit entries keep (the admin's Site history): a title in no language, whom, which skill (by name:
    skills may be deleted) and the level."""
    skill = endorsement.skill.name
    return {
        "title": f"{endorsement.learner} · {skill}",
        "data": {"learner": endorsement.learner_id, "skill": skill, "level": endorsement.level},
    }


def _skill_params(skill) -> dict:
    """The skill's key, so the notification names it in the reader's language, and its name for when it is gone."""
    return {"skill_key": str(skill.translation_key), "skill": skill.name}
