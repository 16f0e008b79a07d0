"""Reading a learner's evidence from the database for the level rule, and keeping the history of level changes.

Skills, answers, lessons, goals and endorsements all point at the skills of the default language, so evidence is
the same whichever language the learner uses. A fixed number of queries, whatever the learner's history.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from portfolio.models import Endorsement

from .models import LessonCompletion, LessonPage, QuizAnswer, Skill, SkillLevelChange
from .scoring import percent
from .skill_levels import (
    MentorEndorsement,
    QuizScore,
    SelfRating,
    SkillAssessment,
    SkillEvidence,
    assess_skill,
)


@dataclass(frozen=True)
class AssessedSkill:
    skill: Skill
    evidence: SkillEvidence
    assessment: SkillAssessment


def framework_skills():
    """The skills of the framework, in the default language and framework order."""
    return Skill.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
        "category__sort_order", "sort_order", "name"
    )


def _quiz_scores(user) -> dict[int, list[QuizScore]]:
    rows = (
        QuizAnswer.objects.filter(attempt__user=user, skill__isnull=False, possible__gt=0)
        .values("skill_id", "attempt_id", "attempt__submitted_at", "attempt__quiz_title")
        .annotate(earned=Sum("earned"), possible=Sum("possible"))
        .order_by("attempt__submitted_at", "attempt_id")
    )
    scores: dict[int, list[QuizScore]] = {}
    for row in rows:
        scores.setdefault(row["skill_id"], []).append(
            QuizScore(
                at=row["attempt__submitted_at"],
                percent=percent(row["earned"], row["possible"]),
                quiz_title=row["attempt__quiz_title"],
            )
        )
    return scores


def _latest_self_ratings(user) -> dict[int, SelfRating]:
    rows = (
        QuizAnswer.objects.filter(attempt__user=user, skill__isnull=False, self_rating__isnull=False)
        .values_list("skill_id", "self_rating", "attempt__submitted_at", "attempt__quiz_title")
        .order_by("attempt__submitted_at", "attempt_id")
    )
    # Oldest first, so the newest rating of each skill is the one left in the dict.
    return {skill_id: SelfRating(at=at, level=level, quiz_title=title) for skill_id, level, at, title in rows}


def _lessons_by_skill(user) -> dict[int, tuple[int, int]]:
    """(done, total) published lessons per skill."""
    teaching = LessonPage.skills.through.objects.filter(
        lessonpage__live=True, lessonpage__locale__language_code=settings.LANGUAGE_CODE
    ).values_list("skill_id", "lessonpage__translation_key")
    done_keys = set(LessonCompletion.objects.filter(user=user).values_list("lesson_key", flat=True))
    counts: dict[int, tuple[int, int]] = {}
    for skill_id, lesson_key in teaching:
        done, total = counts.get(skill_id, (0, 0))
        counts[skill_id] = (done + (lesson_key in done_keys), total + 1)
    return counts


def _latest_endorsements(user) -> dict[int, MentorEndorsement]:
    endorsements = (
        Endorsement.objects.current()
        .filter(learner=user)
        .select_related("mentor")
        .order_by("created_at", "pk")
    )
    return {
        endorsement.skill_id: MentorEndorsement(
            at=endorsement.created_at,
            level=endorsement.level,
            mentor_name=endorsement.mentor.get_full_name() or endorsement.mentor.username,
            reason=endorsement.reason,
        )
        for endorsement in endorsements
    }


def assess_skills(user) -> list[AssessedSkill]:
    """Every skill of the framework with the learner's evidence and level, in framework order."""
    skills = list(framework_skills())
    quiz_scores = _quiz_scores(user)
    self_ratings = _latest_self_ratings(user)
    lessons = _lessons_by_skill(user)
    endorsements = _latest_endorsements(user)
    assessed = []
    for skill in skills:
        done, total = lessons.get(skill.pk, (0, 0))
        evidence = SkillEvidence(
            quiz_scores=tuple(quiz_scores.get(skill.pk, ())),
            self_rating=self_ratings.get(skill.pk),
            lessons_done=done,
            lessons_total=total,
            endorsement=endorsements.get(skill.pk),
        )
        assessed.append(AssessedSkill(skill, evidence, assess_skill(evidence)))
    return assessed


def recorded_levels(changes) -> dict[int, tuple[int, bool]]:
    """(level, verified) per skill after `changes` (oldest first); skills without a change are not started."""
    return {change.skill_id: (change.level, change.verified) for change in changes}


def record_level_changes(user, *, at=None) -> list[SkillLevelChange]:
    """Store a change for every skill whose level (or verification) differs from the last one recorded."""
    last = recorded_levels(SkillLevelChange.objects.filter(user=user))
    changes = [
        SkillLevelChange(
            user=user,
            skill=item.skill,
            level=item.assessment.level,
            verified=item.assessment.verified,
            changed_at=at or timezone.now(),
        )
        for item in assess_skills(user)
        if last.get(item.skill.pk, (0, False)) != (item.assessment.level, item.assessment.verified)
    ]
    return SkillLevelChange.objects.bulk_create(changes)
