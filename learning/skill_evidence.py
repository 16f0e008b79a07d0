"""Reading a learner's evidence from the database for the level rule, and keeping the history of level changes.

Skills, answers, lessons, goals and endorsements all point at the skills of the default language, so evidence is
the same whichever language the learner uses. A fixed number of queries, whatever the learner's history.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from cms.cache_versions import people_changed
from cms.extensions import Registry

from .models import LessonCompletion, LessonPage, QuizAnswer, QuizAttempt, Skill, SkillLevelChange
from .scoring import percent
from .skill_levels import (
    SelfRating,
    SkillAssessment,
    SkillEvidence,
    assess_skill,
)

# Extension point: evidence the features hold (portfolio projects, mentors' endorsements): callables (user) →
# {skill id: {SkillEvidence field: value}}, each in a fixed number of queries.
EVIDENCE_SOURCES = Registry("evidence of skills held by the features")


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


@dataclass
class _QuizEvidence:
    """One skill's quiz evidence, oldest attempt first."""

    scores: list[int] = field(default_factory=list)
    questions: list[frozenset[str]] = field(default_factory=list)
    latest_attempt: int | None = None


def _quiz_evidence(user) -> dict[int, _QuizEvidence]:
    """Per skill: the percentage earned on its scored questions in each attempt and the ids of those questions,
    oldest first, and the latest attempt's id. Dates are left out on purpose: converting thousands of them costs
    more than the query."""
    rows = (
        QuizAnswer.objects.filter(attempt__user=user, skill__isnull=False, possible__gt=0)
        .order_by("attempt__submitted_at", "attempt_id")
        .values_list("skill_id", "attempt_id", "question_id", "earned", "possible")
    )
    # (skill, attempt) → [earned, possible, question ids], in attempt order (dicts keep insertion order).
    totals: dict[tuple[int, int], list] = {}
    for skill_id, attempt_id, question_id, earned, possible in rows:
        total = totals.setdefault((skill_id, attempt_id), [0, 0, set()])
        total[0] += earned
        total[1] += possible
        total[2].add(question_id)
    evidence: dict[int, _QuizEvidence] = {}
    for (skill_id, attempt_id), (earned, possible, question_ids) in totals.items():
        skill_evidence = evidence.setdefault(skill_id, _QuizEvidence())
        skill_evidence.scores.append(percent(earned, possible))
        skill_evidence.questions.append(frozenset(question_ids))
        skill_evidence.latest_attempt = attempt_id
    return evidence


def _latest_self_ratings(user) -> dict[int, tuple[int, int]]:
    """Per skill: the newest self-rated level and its attempt's id."""
    rows = (
        QuizAnswer.objects.filter(attempt__user=user, skill__isnull=False, self_rating__isnull=False)
        .order_by("attempt__submitted_at", "attempt_id")
        .values_list("skill_id", "self_rating", "attempt_id")
    )
    # Oldest first, so the newest rating of each skill is the one left in the dict.
    return {skill_id: (level, attempt_id) for skill_id, level, attempt_id in rows}


def _submitted_at(attempt_ids) -> dict[int, datetime]:
    return dict(QuizAttempt.objects.filter(pk__in=set(attempt_ids)).values_list("pk", "submitted_at"))


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


def assess_skills(user) -> list[AssessedSkill]:
    """Every skill of the framework with the learner's evidence and level, in framework order."""
    skills = list(framework_skills())
    quiz_evidence = _quiz_evidence(user)
    self_ratings = _latest_self_ratings(user)
    dates = _submitted_at(
        [quiz.latest_attempt for quiz in quiz_evidence.values()]
        + [attempt for _level, attempt in self_ratings.values()]
    )
    lessons = _lessons_by_skill(user)
    contributed: dict[int, dict] = {}
    for source in EVIDENCE_SOURCES:
        for skill_id, fields in source(user).items():
            contributed.setdefault(skill_id, {}).update(fields)
    assessed = []
    for skill in skills:
        done, total = lessons.get(skill.pk, (0, 0))
        quiz = quiz_evidence.get(skill.pk, _QuizEvidence())
        rating, rating_attempt = self_ratings.get(skill.pk, (None, None))
        evidence = SkillEvidence(
            quiz_scores=tuple(quiz.scores),
            quiz_questions=tuple(quiz.questions),
            latest_quiz_at=dates.get(quiz.latest_attempt),
            self_rating=SelfRating(at=dates[rating_attempt], level=rating) if rating is not None else None,
            lessons_done=done,
            lessons_total=total,
            **contributed.get(skill.pk, {}),
        )
        assessed.append(AssessedSkill(skill, evidence, assess_skill(evidence)))
    return assessed


def recorded_levels(changes) -> dict[int, tuple[int, bool]]:
    """(level, verified) per skill after `changes` (oldest first); skills without a change are not started."""
    return {change.skill_id: (change.level, change.verified) for change in changes}


# Changes closer together than this are one change: A→B→A within minutes leaves A, A→B→C leaves one change to C.
SETTLE_WINDOW = timedelta(minutes=10)


def settled_change(*, before, last, last_at, new, now) -> tuple[bool, bool]:
    """(drop the last change, record the new value) for one skill. `before`: the value before the last change;
    `last`/`last_at`: the last change (None if none); values are (level, verified)."""
    if new == (last if last is not None else before):
        return False, False
    if last is not None and now - last_at < SETTLE_WINDOW:
        return True, new != before
    return False, True


def record_level_changes(user, *, at=None) -> list[SkillLevelChange]:
    """Store a change for every skill whose level (or verification) differs from the last one recorded, folding
    changes within SETTLE_WINDOW into one (`settled_change`). Called after every change of evidence, so it also
    replaces the learner's version: their pages show the evidence even when no level changes, and `bulk_create`
    sends no signal."""
    now = at or timezone.now()
    history: dict[int, list[SkillLevelChange]] = {}
    for change in SkillLevelChange.objects.filter(user=user):
        history.setdefault(change.skill_id, []).append(change)
    dropped, changes = [], []
    for item in assess_skills(user):
        rows = history.get(item.skill.pk, [])
        last = rows[-1] if rows else None
        before = (rows[-2].level, rows[-2].verified) if len(rows) > 1 else (0, False)
        new = (item.assessment.level, item.assessment.verified)
        drop, record = settled_change(
            before=before,
            last=(last.level, last.verified) if last else None,
            last_at=last.changed_at if last else None,
            new=new,
            now=now,
        )
        if drop:
            dropped.append(last.pk)
        if record:
            changes.append(
                SkillLevelChange(user=user, skill=item.skill, level=new[0], verified=new[1], changed_at=now)
            )
    if dropped:
        SkillLevelChange.objects.filter(pk__in=dropped).delete()
    created = SkillLevelChange.objects.bulk_create(changes)
    people_changed([user.pk])
    return created
