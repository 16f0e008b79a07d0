"""Classical item analysis for the editors' question report: plain numbers in, figures out. No database.

The database gathers sums per question and per choice (`course_reports`); this module turns them into the figures
and flags that `docs/analytics.md` defines, with the same names.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .scoring import Question

# The privacy floor: a figure resting on fewer learners is not shown.
MIN_LEARNERS = 5
# Under this many answers a question's figures are still unsteady; the report says so.
STEADY_ANSWERS = 30
TOO_EASY = 0.9
TOO_HARD = 0.3
DISCRIMINATING = 0.2


@dataclass(frozen=True)
class ItemSums:
    """One question over the first attempts that asked it. `x`: points earned on the question; `y`: the rest
    score, the attempt's points on its other scored questions. `upper_*` / `lower_*`: answers in the upper and lower
    groups, and the sum of x ÷ points over them."""

    answers: int
    points: int
    sum_x: float
    sum_x2: float
    sum_y: float
    sum_y2: float
    sum_xy: float
    upper_answers: int = 0
    upper_credit: float = 0.0
    lower_answers: int = 0
    lower_credit: float = 0.0


@dataclass(frozen=True)
class ChoiceCounts:
    choice_id: str
    picks: int
    upper_picks: int = 0
    lower_picks: int = 0


@dataclass(frozen=True)
class TotalSums:
    """A quiz's first attempts: their count, and the sums of their totals T and T² (scored points earned)."""

    attempts: int
    sum_t: float
    sum_t2: float


def group_size(attempts: int) -> int:
    """k = ⌊N ÷ 3⌋: the upper group is every attempt scoring at least the k-th highest score, the lower group every
    attempt scoring at most the k-th lowest (0: too few attempts for groups)."""
    return attempts // 3


@dataclass(frozen=True)
class GroupBounds:
    """A quiz's upper group is every attempt scoring at least `upper`, its lower group every attempt scoring at most
    `lower`."""

    upper: float
    lower: float


def group_bounds(score_counts: Mapping[float, int]) -> GroupBounds | None:
    """The k-th highest and the k-th lowest score, from how many attempts got each score; None under three attempts.
    Ties at a boundary all join the group."""
    k = group_size(sum(score_counts.values()))
    if not k:
        return None

    def kth(scores) -> float:
        seen = 0
        for score in scores:
            seen += score_counts[score]
            if seen >= k:
                return score
        raise AssertionError("k is at most the number of attempts")

    return GroupBounds(upper=kth(sorted(score_counts, reverse=True)), lower=kth(sorted(score_counts)))


def variance(count: int, total: float, squares: float) -> float:
    """Population variance from a count, a sum and a sum of squares (never negative from rounding)."""
    return max(0.0, squares / count - (total / count) ** 2)


def pearson(
    count: int, sum_x: float, sum_x2: float, sum_y: float, sum_y2: float, sum_xy: float
) -> float | None:
    """The correlation of x and y from their sums; None when either does not vary."""
    spread_x = count * sum_x2 - sum_x**2
    spread_y = count * sum_y2 - sum_y**2
    # Sums of decimals: a spread within rounding of zero is no spread.
    if spread_x <= 1e-9 * max(1.0, count * sum_x2) or spread_y <= 1e-9 * max(1.0, count * sum_y2):
        return None
    return (count * sum_xy - sum_x * sum_y) / math.sqrt(spread_x * spread_y)


def facility(item: ItemSums) -> float | None:
    return item.sum_x / (item.answers * item.points) if item.answers and item.points else None


def discrimination(item: ItemSums) -> float | None:
    """The item-rest correlation (the corrected item-total correlation)."""
    return pearson(item.answers, item.sum_x, item.sum_x2, item.sum_y, item.sum_y2, item.sum_xy)


def upper_lower_index(item: ItemSums) -> float | None:
    if not item.upper_answers or not item.lower_answers:
        return None
    return item.upper_credit / item.upper_answers - item.lower_credit / item.lower_answers


def cronbach_alpha(items: Sequence[ItemSums], totals: TotalSums) -> float | None:
    """alpha = k / (k - 1) * (1 - sum of question variances / variance of totals), k the mean number of scored
    questions per attempt and the sum k times the answer-weighted mean question variance: the textbook formula when
    every attempt asks every question."""
    answers = sum(item.answers for item in items)
    if not totals.attempts or not answers:
        return None
    k = answers / totals.attempts
    total_variance = variance(totals.attempts, totals.sum_t, totals.sum_t2)
    if k <= 1 or total_variance <= 1e-12:
        return None
    mean_item_variance = (
        sum(item.answers * variance(item.answers, item.sum_x, item.sum_x2) for item in items if item.answers)
        / answers
    )
    return k / (k - 1) * (1 - k * mean_item_variance / total_variance)


class Flag(StrEnum):
    TOO_EASY = "too_easy"
    TOO_HARD = "too_hard"
    NOT_DISCRIMINATING = "not_discriminating"
    DISTRACTOR_BEATS_KEY = "distractor_beats_key"
    UNUSED_CHOICE = "unused_choice"

    @property
    def label(self) -> str:
        return FLAG_LABELS[self]


FLAG_LABELS = {
    Flag.TOO_EASY: gettext_lazy("Too easy"),
    Flag.TOO_HARD: gettext_lazy("Too hard"),
    Flag.NOT_DISCRIMINATING: gettext_lazy("Not discriminating"),
    Flag.DISTRACTOR_BEATS_KEY: gettext_lazy("Distractor beats the key"),
    Flag.UNUSED_CHOICE: gettext_lazy("Choice nobody picks"),
}


@dataclass(frozen=True)
class FlagReason:
    flag: Flag
    reason: str


def percent(value: float | None) -> str:
    """A share as the reports write it in text: a whole percentage, a dash for none."""
    return "-" if value is None else f"{round(100 * value)}%"


def flags(question: Question, item: ItemSums, choices: Sequence[ChoiceCounts]) -> list[FlagReason]:
    """What an editor should look at in this question, each with a one-line reason; none under the privacy floor.
    `choices`: counts for the choices picked at least once (others count as never picked)."""
    if item.answers < MIN_LEARNERS:
        return []
    found = []
    easy = facility(item)
    if easy is not None and easy > TOO_EASY:
        found.append(
            FlagReason(
                Flag.TOO_EASY,
                _(
                    "%(share)s of the points were earned: the answer may be obvious or the distractors implausible."
                )
                % {"share": percent(easy)},
            )
        )
    if easy is not None and easy < TOO_HARD:
        found.append(
            FlagReason(
                Flag.TOO_HARD,
                _(
                    "Only %(share)s of the points were earned: check the key, then whether a lesson teaches this."
                )
                % {"share": percent(easy)},
            )
        )
    correlation = discrimination(item)
    if correlation is not None and correlation < DISCRIMINATING:
        found.append(
            FlagReason(
                Flag.NOT_DISCRIMINATING,
                _(
                    "Learners who do well on the rest of the quiz do no better here (item-rest correlation "
                    "%(value).2f): it may be ambiguous or a matter of luck."
                )
                % {"value": correlation},
            )
        )
    by_id = {counts.choice_id: counts for counts in choices}
    keys = {choice.id for choice in question.best_choices()}
    if item.upper_answers and keys:
        best_key = max(by_id.get(key, ChoiceCounts(key, 0)).upper_picks for key in keys)
        beaten = [
            choice
            for choice in question.choices
            if choice.id not in keys
            and by_id.get(choice.id, ChoiceCounts(choice.id, 0)).upper_picks > best_key
        ]
        if beaten:
            found.append(
                FlagReason(
                    Flag.DISTRACTOR_BEATS_KEY,
                    _(
                        "The strongest third picked “%(choice)s” (%(picked)s) more often than the right answer "
                        "(%(key)s): the key may be wrong, or this choice defensible."
                    )
                    % {
                        "choice": beaten[0].text,
                        "picked": percent(by_id[beaten[0].id].upper_picks / item.upper_answers),
                        "key": percent(best_key / item.upper_answers),
                    },
                )
            )
    unused = [
        choice for choice in question.choices if not by_id.get(choice.id, ChoiceCounts(choice.id, 0)).picks
    ]
    # With few answers a fair distractor goes unpicked by chance: only a steady count says it does no work.
    if unused and item.answers >= STEADY_ANSWERS:
        found.append(
            FlagReason(
                Flag.UNUSED_CHOICE,
                _(
                    "Nobody picked “%(choice)s”: it does no work. Replace it with a mistake people really make."
                )
                % {"choice": unused[0].text},
            )
        )
    return found
