"""The level rule: how a learner's evidence for one skill becomes a level from 0 to 4, and why.

This is the only place the rule lives; `docs/skill-levels.md` explains it to people. It is a plain function of plain
data (no database), so tests call it directly and the tracker, the exports and the résumé all agree.

The choices, and why:
- Quiz scores on the skill's questions are rolled up with a decaying average (each newer score weighs 65%, all older
  ones together 35%), so recent evidence counts most and a newer, lower score lowers the level at once.
- Practising also needs mastery (75% or more) on at least two attempts ("n times", as mastery-based gradebooks do):
  one lucky attempt never lifts a level on its own, and a retake of the same questions is not new evidence, so two
  masteries count only when they asked mostly different questions (quizzes draw each attempt from a bank). And it needs at least half of the lessons that teach the skill,
  whose exercises are the practice.
- Knowing is not doing: Proficient needs a portfolio project that demonstrates the skill on top of Practising.
- Expert is a judgement about a person's work that only a mentor can make. A mentor's endorsement is verified
  evidence and takes precedence over everything else, up or down; the evidence-based level stays visible beside it.
- Self-ratings are the learner's own view, shown apart and never counted as evidence; a gap of two levels or more
  between the two views is a topic to discuss with a mentor.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .levels import SkillLevel

RECENT_WEIGHT = 0.65
AWARE_SCORE = 50
MASTERY_SCORE = 75
MASTERY_TIMES = 2
# Two masteries are separate evidence when less than this share of the questions of one was asked in the other.
SAME_QUESTIONS_SHARE = 0.5
DISCUSS_GAP = 2


@dataclass(frozen=True)
class SelfRating:
    at: datetime
    level: int


@dataclass(frozen=True)
class MentorEndorsement:
    at: datetime
    level: int
    mentor_name: str
    reason: str = ""


@dataclass(frozen=True)
class SkillEvidence:
    """Everything known about one learner and one skill. `quiz_scores`: the percentage of the skill's scored points
    earned in each attempt, oldest first; `quiz_questions`: the ids of the skill's questions each of those attempts
    asked (same order; empty when unknown); `latest_quiz_at`: when the newest of them was submitted."""

    quiz_scores: Sequence[int] = ()
    quiz_questions: Sequence[frozenset[str]] = ()
    latest_quiz_at: datetime | None = None
    self_rating: SelfRating | None = None
    lessons_done: int = 0
    lessons_total: int = 0
    projects: int = 0
    endorsement: MentorEndorsement | None = None


@dataclass(frozen=True)
class SkillAssessment:
    level: int
    evidence_level: int
    self_rated: int | None
    verified: bool
    quiz_average: int | None
    mastered_times: int
    reasons: tuple[str, ...]
    next_step: str
    has_evidence: bool = False

    @property
    def label(self) -> str:
        """ "Not started" only without any evidence: level 0 after quizzes or work is a beginning."""
        if self.level == SkillLevel.NOT_STARTED and self.has_evidence:
            return _("Just started")
        return SkillLevel(self.level).label

    @property
    def self_rated_label(self) -> str | None:
        return None if self.self_rated is None else SkillLevel(self.self_rated).label

    @property
    def views_disagree(self) -> bool:
        """The learner's own view and the evidence are two levels or more apart: worth a talk with a mentor."""
        return self.self_rated is not None and abs(self.self_rated - self.level) >= DISCUSS_GAP


def decaying_average(scores: Sequence[int], *, recent_weight: float = RECENT_WEIGHT) -> float | None:
    """The traditional decaying average: each score weighs `recent_weight`, the running average the rest."""
    if not scores:
        return None
    average = float(scores[0])
    for score in scores[1:]:
        average = recent_weight * score + (1 - recent_weight) * average
    return average


def mastered_times(scores: Sequence[int], questions: Sequence[frozenset[str]] = ()) -> int:
    """Attempts scoring mastery, counting a mastery only when it asked mostly other questions than each mastery
    counted before it."""
    counted: list[frozenset[str]] = []
    for index, score in enumerate(scores):
        if score < MASTERY_SCORE:
            continue
        asked = questions[index] if index < len(questions) else frozenset()
        if all(_shared_share(asked, earlier) < SAME_QUESTIONS_SHARE for earlier in counted):
            counted.append(asked)
    return len(counted)


def _shared_share(first: frozenset[str], second: frozenset[str]) -> float:
    """The share of the smaller set of questions that the other one asked too (0 when either is unknown)."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def lessons_to_go(evidence: SkillEvidence) -> int:
    """Lessons still to finish for Practising: half of those teaching the skill, rounded up."""
    return max(-(-evidence.lessons_total // 2) - evidence.lessons_done, 0)


def evidence_level(evidence: SkillEvidence) -> int:
    """The level the evidence supports without a mentor: at most Proficient."""
    average = decaying_average(evidence.quiz_scores)
    mastered = mastered_times(evidence.quiz_scores, evidence.quiz_questions)
    level = SkillLevel.NOT_STARTED
    if evidence.lessons_done or evidence.projects or (average is not None and average >= AWARE_SCORE):
        level = SkillLevel.AWARE
    if (
        average is not None
        and average >= MASTERY_SCORE
        and mastered >= MASTERY_TIMES
        and not lessons_to_go(evidence)
    ):
        level = SkillLevel.PRACTISING
        if evidence.projects:
            level = SkillLevel.PROFICIENT
    return level


def assess_skill(evidence: SkillEvidence) -> SkillAssessment:
    average = decaying_average(evidence.quiz_scores)
    supported = evidence_level(evidence)
    endorsement = evidence.endorsement
    return SkillAssessment(
        level=endorsement.level if endorsement else supported,
        evidence_level=supported,
        self_rated=evidence.self_rating.level if evidence.self_rating else None,
        verified=endorsement is not None,
        quiz_average=None if average is None else int(average),
        mastered_times=mastered_times(evidence.quiz_scores, evidence.quiz_questions),
        reasons=tuple(_reasons(evidence, average)),
        next_step=_next_step(evidence, supported, average),
        has_evidence=has_evidence(evidence),
    )


def has_evidence(evidence: SkillEvidence) -> bool:
    """Anything counted by the rule; a self-rating is the learner's view, not evidence."""
    return bool(evidence.quiz_scores or evidence.lessons_done or evidence.projects or evidence.endorsement)


def _reasons(evidence: SkillEvidence, average: float | None):
    if endorsement := evidence.endorsement:
        yield _("Verified by %(mentor)s on %(date)s at %(level)s.") % {
            "mentor": endorsement.mentor_name,
            "date": date_format(endorsement.at, "DATE_FORMAT"),
            "level": SkillLevel(endorsement.level).label,
        }
    if evidence.quiz_scores:
        yield ngettext(
            # Both forms carry every placeholder: languages with one plural form translate them as one.
            "Quiz questions: %(average)d%% over %(count)d attempt (latest %(latest)d%% on %(date)s).",
            "Quiz questions: %(average)d%% over %(count)d attempts, recent ones weighing most "
            "(latest %(latest)d%% on %(date)s).",
            len(evidence.quiz_scores),
        ) % {
            "average": int(average),
            "count": len(evidence.quiz_scores),
            "latest": evidence.quiz_scores[-1],
            "date": date_format(evidence.latest_quiz_at, "DATE_FORMAT"),
        }
    else:
        yield _("Quiz questions: none answered yet.")
    if evidence.lessons_total:
        yield _("Lessons: %(done)d of %(total)d done.") % {
            "done": evidence.lessons_done,
            "total": evidence.lessons_total,
        }
    yield ngettext(
        "Portfolio: %(count)d project demonstrates it.",
        "Portfolio: %(count)d projects demonstrate it.",
        evidence.projects,
    ) % {"count": evidence.projects}
    if rating := evidence.self_rating:
        yield _("Self-rating: %(level)s (%(date)s), shown apart: it is not evidence.") % {
            "level": SkillLevel(rating.level).label,
            "date": date_format(rating.at, "DATE_FORMAT"),
        }


def _next_step(evidence: SkillEvidence, supported: int, average: float | None) -> str:
    if evidence.endorsement is not None:
        return _("Show your mentor new work to have a higher level verified.")
    if supported == SkillLevel.NOT_STARTED:
        if evidence.quiz_scores:
            return _("Complete a lesson that teaches this skill, then try its quiz questions again.")
        return _("Complete a lesson that teaches this skill or answer its quiz questions.")
    if supported == SkillLevel.AWARE:
        if missing_lessons := lessons_to_go(evidence):
            return ngettext(
                "Complete one more lesson that teaches this skill.",
                "Complete %(count)d more lessons that teach this skill.",
                missing_lessons,
            ) % {"count": missing_lessons}
        if average is None or average < MASTERY_SCORE:
            return _("Score %(score)d%% or more on this skill's quiz questions.") % {"score": MASTERY_SCORE}
        missing = MASTERY_TIMES - mastered_times(evidence.quiz_scores, evidence.quiz_questions)
        return ngettext(
            "Score %(score)d%% or more on this skill's quiz questions %(count)d more time, on questions new to you.",
            "Score %(score)d%% or more on this skill's quiz questions %(count)d more times, on questions new to you.",
            missing,
        ) % {"score": MASTERY_SCORE, "count": missing}
    if supported == SkillLevel.PRACTISING:
        return _("Add a portfolio project that demonstrates this skill.")
    return _("Ask a mentor to review your work: Expert is verified by a mentor.")
