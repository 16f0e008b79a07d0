"""How quiz answers are scored: plain data in, exact fractions out. No database, no Wagtail.

Every scored question is worth its `points`; a learner earns a share of them (its credit, from 0 to 1):
- single choice, true/false: the chosen choice's credit (1 for the correct one, 0 otherwise);
- scenario: the chosen choice's rating — best 1, acceptable 1/2, poor 0;
- multiple choice: each correct pick adds 1/C, each wrong pick takes away 1/W (C correct and W wrong choices),
  never below 0 — so ticking every box scores 0, never full marks;
- self-rating and reflection record the learner's own view and are not scored.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE = "true_false"
    SCENARIO = "scenario"
    SELF_RATING = "self_rating"
    REFLECTION = "reflection"


SCORED_KINDS = frozenset({Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE, Kind.SCENARIO})


class Rating(models.TextChoices):
    """How good a scenario choice is."""

    BEST = "best", _("Best")
    ACCEPTABLE = "acceptable", _("Acceptable")
    POOR = "poor", _("Poor")

    @property
    def credit(self) -> Fraction:
        return {Rating.BEST: Fraction(1), Rating.ACCEPTABLE: Fraction(1, 2), Rating.POOR: Fraction(0)}[self]


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    credit: Fraction = Fraction(0)
    feedback: str = ""
    rating: Rating | None = None

    @property
    def is_correct(self) -> bool:
        return self.credit > 0


@dataclass(frozen=True)
class Question:
    id: str
    kind: Kind
    prompt: str
    skill: object = None
    situation: str = ""
    choices: tuple[Choice, ...] = ()
    explanation: str = ""
    points: int = 1
    # Whether the form refuses it unanswered: every question with choices; a reflection only if its editor says so.
    required: bool = True

    @property
    def is_scored(self) -> bool:
        return self.kind in SCORED_KINDS

    @property
    def allows_several(self) -> bool:
        return self.kind == Kind.MULTIPLE_CHOICE

    @property
    def possible(self) -> int:
        return self.points if self.is_scored else 0

    def best_choices(self) -> list[Choice]:
        """The right answer: every correct choice, or the best-rated ones."""
        if self.allows_several:
            return [choice for choice in self.choices if choice.is_correct]
        top = max((choice.credit for choice in self.choices), default=Fraction(0))
        return [choice for choice in self.choices if top and choice.credit == top]


class InvalidAnswer(ValueError):
    """An answer that names a choice the question does not have (a tampered or outdated form)."""


def credit(question: Question, selected: Iterable[str]) -> Fraction:
    """The share of the question's points the selected choice ids earn."""
    selected = set(selected)
    by_id = {choice.id: choice for choice in question.choices}
    if unknown := selected - by_id.keys():
        raise InvalidAnswer(f"Question {question.id} has no choice {sorted(unknown)}")
    if not question.is_scored or not selected:
        return Fraction(0)
    if question.allows_several:
        correct = [choice for choice in question.choices if choice.is_correct]
        wrong = [choice for choice in question.choices if not choice.is_correct]
        hits = sum(1 for choice in correct if choice.id in selected)
        misses = sum(1 for choice in wrong if choice.id in selected)
        return max(Fraction(0), Fraction(hits, len(correct)) - Fraction(misses, len(wrong)))
    if len(selected) > 1:
        raise InvalidAnswer(f"Question {question.id} takes one answer")
    return by_id[selected.pop()].credit


def problems(question: Question) -> list[str]:
    """Why a question cannot be answered correctly as written; empty when it can."""
    if question.kind == Kind.REFLECTION:
        return []
    messages = []
    if len(question.choices) < 2:
        messages.append(_("Give at least two choices."))
    texts = [choice.text.strip().casefold() for choice in question.choices]
    if len(set(texts)) < len(texts):
        messages.append(_("Two choices have the same text."))
    correct = sum(1 for choice in question.choices if choice.is_correct)
    if question.kind == Kind.SINGLE_CHOICE and correct != 1:
        messages.append(
            _(
                "Mark exactly one choice as correct (use a multiple-choice question for several right answers)."
            )
        )
    if question.kind == Kind.MULTIPLE_CHOICE:
        if correct == 0:
            messages.append(_("Mark at least one choice as correct."))
        elif correct == len(question.choices):
            messages.append(
                _("At least one choice must be wrong, otherwise ticking everything would score full marks.")
            )
    if question.kind == Kind.SCENARIO and not any(
        choice.rating == Rating.BEST for choice in question.choices
    ):
        messages.append(_("Rate at least one choice as best, otherwise nobody can score full marks."))
    return messages


@dataclass(frozen=True)
class AnswerResult:
    question: Question
    selected: frozenset[str] = frozenset()
    text: str = ""
    earned: Fraction = Fraction(0)

    @property
    def possible(self) -> int:
        return self.question.possible

    @property
    def is_correct(self) -> bool:
        return self.question.is_scored and self.earned == self.possible

    @property
    def is_partly_correct(self) -> bool:
        return 0 < self.earned < self.possible


@dataclass(frozen=True)
class SkillScore:
    skill: object
    earned: Fraction
    possible: int

    @property
    def percent(self) -> int:
        return percent(self.earned, self.possible)


def percent(earned, possible: int) -> int:
    """A whole percentage, rounded down so that 69.9% never shows as a pass at 70%.

    Saved points are rounded to six decimals (a third is 0.333333); a tolerance of 0.01% keeps three saved thirds
    at 100%.
    """
    if not possible:
        return 0
    if isinstance(earned, Decimal):
        # Points read back from the database: the same sum in Decimal, many times faster than in Fraction.
        return int(earned * 100 / possible + Decimal("0.01"))
    return int(Fraction(earned) * 100 / possible + Fraction(1, 100))


@dataclass(frozen=True)
class QuizResult:
    answers: list[AnswerResult]
    pass_mark: int = 0
    skill_scores: list[SkillScore] = field(default_factory=list)

    @property
    def earned(self) -> Fraction:
        return sum((answer.earned for answer in self.answers), Fraction(0))

    @property
    def possible(self) -> int:
        return sum(answer.possible for answer in self.answers)

    @property
    def is_scored(self) -> bool:
        return self.possible > 0

    @property
    def percent(self) -> int:
        return percent(self.earned, self.possible)

    @property
    def passed(self) -> bool | None:
        """None when there is nothing to pass: no pass mark, or nothing scored."""
        if not self.pass_mark or not self.is_scored:
            return None
        return self.percent >= self.pass_mark


def skill_scores(answers: Iterable[AnswerResult]) -> list[SkillScore]:
    """Scored points per skill, skills in the order their first question appears."""
    totals: dict[object, list] = {}
    for answer in answers:
        if answer.question.is_scored:
            earned_possible = totals.setdefault(answer.question.skill, [Fraction(0), 0])
            earned_possible[0] += answer.earned
            earned_possible[1] += answer.possible
    return [SkillScore(skill, earned, possible) for skill, (earned, possible) in totals.items()]


def score_quiz(
    questions: Iterable[Question], responses: Mapping[str, Iterable[str] | str], *, pass_mark: int = 0
) -> QuizResult:
    """Score every question from `responses` (question id → chosen choice ids, or the text of a reflection).

    Raises InvalidAnswer when a response names a choice its question does not have.
    """
    answers = []
    for question in questions:
        response = responses.get(question.id, ())
        if question.kind == Kind.REFLECTION:
            answers.append(AnswerResult(question, text=str(response or "").strip()))
            continue
        selected = frozenset([response] if isinstance(response, str) else response)
        answers.append(
            AnswerResult(question, selected=selected, earned=credit(question, selected) * question.points)
        )
    return QuizResult(answers=answers, pass_mark=pass_mark, skill_scores=skill_scores(answers))
