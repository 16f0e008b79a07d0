"""Item analysis (`learning/item_analysis.py`) against figures worked out by hand from `docs/analytics.md`
("Question report"): a small fixed data set, its edge cases, and every flag at its boundary. No database.

The helpers below turn a matrix of points into the sums the database gathers; every expected figure is a literal
worked out by hand from the matrix (the arithmetic is in the comment beside it), never by calling the code.
"""

from dataclasses import dataclass, replace
from fractions import Fraction

import pytest
from django.utils import translation

from learning.item_analysis import (
    MIN_LEARNERS,
    ChoiceCounts,
    Flag,
    FlagReason,
    GroupBounds,
    ItemSums,
    TotalSums,
    cronbach_alpha,
    discrimination,
    facility,
    flags,
    group_bounds,
    group_size,
    upper_lower_index,
)
from learning.scoring import Choice, Kind, Question, Rating, credit


@dataclass(frozen=True)
class FirstAttempts:
    items: list[ItemSums]
    totals: TotalSums
    upper: set[str]
    lower: set[str]


def first_attempt_sums(matrix: dict[str, tuple[float | None, ...]], points: tuple[int, ...]) -> FirstAttempts:
    """What the database sums over first attempts. `matrix`: each learner's points on each question (None: the
    attempt did not ask it). x is the points on the question, y = T - x the rest score; attempts are ranked by
    score = T ÷ points possible, k = N // 3, and ties at the k-th score join the group."""
    totals = {learner: sum(x for x in row if x is not None) for learner, row in matrix.items()}
    scores = {
        learner: Fraction(totals[learner]) / sum(m for x, m in zip(row, points, strict=True) if x is not None)
        for learner, row in matrix.items()
    }
    k = len(matrix) // 3
    ranked = sorted(scores.values())
    upper = {learner for learner, score in scores.items() if k and score >= ranked[-k]}
    lower = {learner for learner, score in scores.items() if k and score <= ranked[k - 1]}
    items = []
    for question, m in enumerate(points):
        answered = {learner: row[question] for learner, row in matrix.items() if row[question] is not None}
        items.append(
            ItemSums(
                answers=len(answered),
                points=m,
                sum_x=sum(answered.values()),
                sum_x2=sum(x * x for x in answered.values()),
                sum_y=sum(totals[learner] - x for learner, x in answered.items()),
                sum_y2=sum((totals[learner] - x) ** 2 for learner, x in answered.items()),
                sum_xy=sum(x * (totals[learner] - x) for learner, x in answered.items()),
                upper_answers=sum(1 for learner in answered if learner in upper),
                upper_credit=sum(x / m for learner, x in answered.items() if learner in upper),
                lower_answers=sum(1 for learner in answered if learner in lower),
                lower_credit=sum(x / m for learner, x in answered.items() if learner in lower),
            )
        )
    return FirstAttempts(
        items=items,
        totals=TotalSums(
            attempts=len(matrix),
            sum_t=sum(totals.values()),
            sum_t2=sum(t * t for t in totals.values()),
        ),
        upper=upper,
        lower=lower,
    )


def choice_counts(picks: dict[str, set[str]], sums: FirstAttempts) -> list[ChoiceCounts]:
    """Counts for the choices picked at least once (the database has rows only for those), overall and within the
    upper and lower groups. `picks`: each learner's picked choice ids on one question."""
    picked = sorted({choice for chosen in picks.values() for choice in chosen})
    return [
        ChoiceCounts(
            choice_id=choice,
            picks=sum(1 for chosen in picks.values() if choice in chosen),
            upper_picks=sum(
                1 for learner, chosen in picks.items() if choice in chosen and learner in sums.upper
            ),
            lower_picks=sum(
                1 for learner, chosen in picks.items() if choice in chosen and learner in sums.lower
            ),
        )
        for choice in picked
    ]


def key(id: str, text: str) -> Choice:
    return Choice(id, text, credit=Fraction(1))


FIRST_REPLY = Question(
    id="q1",
    kind=Kind.SINGLE_CHOICE,
    prompt="Best first reply to an angry member?",
    choices=(key("a", "Acknowledge the problem"), Choice("b", "Quote the rules"), Choice("c", "Ignore it")),
)
OFF_TOPIC = Question(
    id="q2",
    kind=Kind.SCENARIO,
    prompt="A member posts a job advert in the help forum. What do you do?",
    points=2,
    choices=(
        Choice("best", "Move it and tell them where adverts go", credit=Fraction(1), rating=Rating.BEST),
        Choice("ok", "Move it without a word", credit=Fraction(1, 2), rating=Rating.ACCEPTABLE),
        Choice("poor", "Delete it", credit=Fraction(0), rating=Rating.POOR),
    ),
)
TROLLS = Question(
    id="q3",
    kind=Kind.TRUE_FALSE,
    prompt="Trolls want attention.",
    choices=(key("true", "True"), Choice("false", "False")),
)
COMPLAINT = Question(
    id="q4",
    kind=Kind.SINGLE_CHOICE,
    prompt="A member says the course is useless. First step?",
    choices=(
        key("k", "Ask what they expected"),
        Choice("d1", "Apologise at length"),
        Choice("d2", "Send them the FAQ"),
    ),
)
QUESTIONS = (FIRST_REPLY, OFF_TOPIC, TROLLS, COMPLAINT)
POINTS = (1, 2, 1, 1)

# Nine learners' first attempts: points earned on each question (Q2 is worth 2; its acceptable choice earns 1; Q3
# everyone gets right). Totals 5, 4, 4, 4, 3, 2, 2, 2, 1: with k = 9 // 3 = 3, the 3rd highest total is 4, shared
# by L2, L3 and L4, so the upper group is L1-L4; the 3rd lowest is 2, shared by L6, L7 and L8, so the lower group
# is L6-L9. L5 is in neither.
MATRIX = {
    #       Q1 Q2 Q3 Q4     T
    "L1": (1, 2, 1, 1),  # 5
    "L2": (1, 2, 1, 0),  # 4
    "L3": (1, 1, 1, 1),  # 4
    "L4": (1, 2, 1, 0),  # 4
    "L5": (1, 1, 1, 0),  # 3
    "L6": (0, 1, 1, 0),  # 2
    "L7": (1, 0, 1, 0),  # 2
    "L8": (0, 1, 1, 0),  # 2
    "L9": (0, 0, 1, 0),  # 1
}
# The same attempts as the choices picked (consistent with MATRIX: test_picks_earn_the_points_in_the_matrix).
PICKS = {
    "L1": ("a", "best", "true", "k"),
    "L2": ("a", "best", "true", "d1"),
    "L3": ("a", "ok", "true", "k"),
    "L4": ("a", "best", "true", "d1"),
    "L5": ("a", "ok", "true", "d1"),
    "L6": ("b", "ok", "true", "d1"),
    "L7": ("a", "poor", "true", "d2"),
    "L8": ("b", "ok", "true", "d1"),
    "L9": ("c", "poor", "true", "d2"),
}
DATA = first_attempt_sums(MATRIX, POINTS)
Q1, Q2, Q3, Q4 = DATA.items


def counts(question: int) -> list[ChoiceCounts]:
    return choice_counts({learner: {chosen[question]} for learner, chosen in PICKS.items()}, DATA)


def test_picks_earn_the_points_in_the_matrix():
    for learner, chosen in PICKS.items():
        earned = [credit(q, {c}) * q.points for q, c in zip(QUESTIONS, chosen, strict=True)]
        assert earned == list(MATRIX[learner])


# The sums the helper builds, checked against hand counts so that the figures below rest on the right numbers.
def test_groups_include_the_ties_at_the_boundary():
    assert group_size(9) == 3
    assert DATA.upper == {"L1", "L2", "L3", "L4"}
    assert DATA.lower == {"L6", "L7", "L8", "L9"}


def test_sums_of_the_two_point_question():
    # x = 2,2,1,2,1,1,0,1,0; y = T - x = 3,2,3,2,2,1,2,1,1.
    # Σx = 10, Σx² = 4+4+1+4+1+1+0+1+0 = 16, Σy = 17, Σy² = 9+4+9+4+4+1+4+1+1 = 37,
    # Σxy = 6+4+3+4+2+1+0+1+0 = 21; upper x ÷ 2 = 1+1+0.5+1 = 3.5, lower = 0.5+0+0.5+0 = 1.
    assert DATA.items[1] == ItemSums(
        answers=9,
        points=2,
        sum_x=10,
        sum_x2=16,
        sum_y=17,
        sum_y2=37,
        sum_xy=21,
        upper_answers=4,
        upper_credit=3.5,
        lower_answers=4,
        lower_credit=1.0,
    )
    # ΣT = 5+4+4+4+3+2+2+2+1 = 27, ΣT² = 25+16+16+16+9+4+4+4+1 = 95.
    assert DATA.totals == TotalSums(attempts=9, sum_t=27, sum_t2=95)


def test_facility():
    assert facility(Q1) == pytest.approx(0.666667, abs=1e-6)  # 6 ÷ (9 * 1)
    assert facility(Q2) == pytest.approx(0.555556, abs=1e-6)  # 10 ÷ (9 * 2)
    assert facility(Q3) == pytest.approx(1.0, abs=1e-9)  # 9 ÷ 9
    assert facility(Q4) == pytest.approx(0.222222, abs=1e-6)  # 2 ÷ 9


def test_discrimination_is_the_item_rest_correlation():
    # Q1: x = 1,1,1,1,1,0,1,0,0, y = 4,3,3,3,2,2,1,2,1: Σx = 6, Σx² = 6, Σy = 21, Σy² = 57, Σxy = 16.
    # (9*16 - 6*21) ÷ √((9*6 - 36)(9*57 - 441)) = 18 ÷ √(18 * 72) = 18 ÷ 36
    assert discrimination(Q1) == pytest.approx(0.5, abs=1e-9)
    # Q2 (sums above): (9*21 - 10*17) ÷ √((9*16 - 100)(9*37 - 289)) = 19 ÷ √(44 * 44) = 19 ÷ 44
    assert discrimination(Q2) == pytest.approx(0.431818, abs=1e-6)
    # Q3: everyone earned 1, so x does not vary (9*9 - 9² = 0).
    assert discrimination(Q3) is None
    # Q4: x = 1,0,1,0,0,0,0,0,0, y = 4,4,3,4,3,2,2,2,1: Σx = 2, Σx² = 2, Σy = 25, Σy² = 79, Σxy = 4+3 = 7.
    # (63 - 50) ÷ √((18 - 4)(711 - 625)) = 13 ÷ √1204 = 13 ÷ 34.69870
    assert discrimination(Q4) == pytest.approx(0.374654, abs=1e-6)


def test_upper_lower_index():
    assert upper_lower_index(Q1) == pytest.approx(0.75, abs=1e-9)  # 4/4 - (0+1+0+0)/4
    assert upper_lower_index(Q2) == pytest.approx(0.625, abs=1e-9)  # 3.5/4 - 1/4 (credit = x ÷ 2)
    assert upper_lower_index(Q3) == pytest.approx(0.0, abs=1e-9)  # 4/4 - 4/4
    assert upper_lower_index(Q4) == pytest.approx(0.5, abs=1e-9)  # (1+0+1+0)/4 - 0/4


def test_cronbach_alpha():
    # Population variances of x: Q1 6/9 - (6/9)² = 18/81; Q2 16/9 - (10/9)² = 44/81; Q3 1 - 1² = 0;
    # Q4 2/9 - (2/9)² = 14/81; Σ = 76/81. var(T) = 95/9 - 3² = 14/9 = 126/81.
    # alpha = 4/3 * (1 - 76/126) = 4/3 * 50/126 = 100/189
    assert cronbach_alpha(DATA.items, DATA.totals) == pytest.approx(0.529101, abs=1e-6)


def test_cronbach_alpha_on_right_or_wrong_questions_is_kr20():
    rows = {
        "P1": (1, 1, 1),
        "P2": (1, 1, 0),
        "P3": (1, 0, 1),
        "P4": (1, 0, 0),
        "P5": (0, 1, 0),
        "P6": (0, 0, 0),
    }
    data = first_attempt_sums(rows, (1, 1, 1))
    # KR-20 = k/(k-1) * (1 - Σpq ÷ var(T)). p = 4/6, 3/6, 2/6; Σpq = 2/9 + 1/4 + 2/9 = 25/36.
    # T = 3,2,2,1,1,0, mean 1.5: var(T) = (2.25 + 0.25*4 + 2.25) ÷ 6 = 11/12.
    # 3/2 * (1 - (25/36) ÷ (11/12)) = 3/2 * (1 - 25/33) = 3/2 * 8/33 = 4/11
    assert cronbach_alpha(data.items, data.totals) == pytest.approx(0.363636, abs=1e-6)


def test_cronbach_alpha_when_banks_ask_different_questions():
    rows = {  # each attempt asks two of the three questions
        "A1": (1, 1, None),
        "A2": (1, None, 0),
        "A3": (None, 0, 0),
        "A4": (0, 0, None),
        "A5": (1, None, 1),
        "A6": (None, 1, 1),
    }
    data = first_attempt_sums(rows, (1, 1, 1))
    # k = 12 answers ÷ 6 attempts = 2. Variances: A (1,1,0,1) 3/4 - 9/16 = 3/16; B (1,0,0,1) 1/4; C (0,0,1,1) 1/4.
    # Mean weighted by answers: (4*3/16 + 4*1/4 + 4*1/4) ÷ 12 = 11/48, so Σ var(x) = 2 * 11/48 = 11/24.
    # T = 2,1,0,0,2,2: var(T) = 13/6 - (7/6)² = 29/36. alpha = 2/1 * (1 - (11/24) ÷ (29/36)) = 2 * 25/58 = 25/29
    assert cronbach_alpha(data.items, data.totals) == pytest.approx(0.862069, abs=1e-6)


def test_flags_of_the_data_set():
    # Q1: facility 0.67, correlation 0.5, every choice picked, the key picked by all 4 of the upper group.
    assert flags(FIRST_REPLY, Q1, counts(0)) == []
    # Q2: the best choice is picked by 3 of the upper group, the acceptable one by 1.
    assert flags(OFF_TOPIC, Q2, counts(1)) == []
    assert flags(TROLLS, Q3, counts(2)) == [
        FlagReason(
            Flag.TOO_EASY,
            "100% of the points were earned: the answer may be obvious or the distractors implausible.",
        ),
        # Nobody picked "False" either, but nine answers are too few to call a choice useless.
    ]
    # Q4: facility 2/9 = 22%; in the upper group the key and "Apologise at length" are picked twice each: a tie
    # does not beat the key.
    assert flags(COMPLAINT, Q4, counts(3)) == [
        FlagReason(
            Flag.TOO_HARD,
            "Only 22% of the points were earned: check the key, then whether a lesson teaches this.",
        )
    ]


# Edge cases.
@pytest.mark.parametrize(("attempts", "k"), [(0, 0), (1, 0), (2, 0), (3, 1), (5, 1), (6, 2), (10, 3)])
def test_group_size(attempts, k):
    assert group_size(attempts) == k


def test_fewer_than_three_attempts_have_no_groups():
    data = first_attempt_sums({"L1": (1, 1), "L2": (0, 1)}, (1, 1))
    assert data.upper == set()
    assert upper_lower_index(data.items[0]) is None


def test_a_quiz_with_one_question():
    data = first_attempt_sums({f"L{i}": (x,) for i, x in enumerate([1, 0, 1, 1, 0, 1])}, (1,))
    assert facility(data.items[0]) == pytest.approx(0.666667, abs=1e-6)  # 4 ÷ 6
    # The rest score is 0 for everyone: nothing to correlate with, and no reliability with one question.
    assert discrimination(data.items[0]) is None
    assert cronbach_alpha(data.items, data.totals) is None
    # k = 2: upper = the four 1s (2nd highest is 1), lower = the two 0s: 4/4 - 0/2.
    assert upper_lower_index(data.items[0]) == pytest.approx(1.0, abs=1e-9)


def test_every_attempt_with_the_same_total():
    rows = {f"L{i}": (1, 0) if i % 2 else (0, 1) for i in range(6)}
    data = first_attempt_sums(rows, (1, 1))
    assert data.upper == data.lower == set(rows)
    # var(T) = 0: alpha is undefined.
    assert cronbach_alpha(data.items, data.totals) is None
    # Both groups are everybody: 3/6 - 3/6.
    assert upper_lower_index(data.items[0]) == pytest.approx(0.0, abs=1e-9)
    # y = 1 - x: Σx = Σy = 3, Σx² = Σy² = 3, Σxy = 0; (0 - 9) ÷ √((18 - 9)(18 - 9)) = -1.
    assert discrimination(data.items[0]) == pytest.approx(-1.0, abs=1e-9)


# Flags at their boundaries. One question with a right choice "a" and a wrong one "b", optionally after another.
YES_OR_NO = Question(
    id="yes-no",
    kind=Kind.SINGLE_CHOICE,
    prompt="?",
    choices=(key("a", "Acknowledge the problem"), Choice("b", "Quote the rules")),
)


def right_or_wrong(rows: dict[str, tuple[int, ...]], points: tuple[int, ...]) -> list[FlagReason]:
    """The flags of the first question, answered "a" when its point was earned and "b" otherwise."""
    data = first_attempt_sums(rows, points)
    picks = {learner: {"a"} if row[0] else {"b"} for learner, row in rows.items()}
    return flags(YES_OR_NO, data.items[0], choice_counts(picks, data))


def right(count: int, of: int) -> dict[str, tuple[int]]:
    return {f"L{i}": (int(i < count),) for i in range(of)}


def test_facility_of_exactly_0_9_is_not_too_easy():
    assert right_or_wrong(right(9, of=10), (1,)) == []  # 9 ÷ 10


def test_facility_above_0_9_is_too_easy():
    assert right_or_wrong(right(91, of=100), (1,)) == [
        FlagReason(
            Flag.TOO_EASY,
            "91% of the points were earned: the answer may be obvious or the distractors implausible.",
        )
    ]


def test_facility_of_exactly_0_3_is_not_too_hard():
    assert right_or_wrong(right(3, of=10), (1,)) == []  # 3 ÷ 10


def test_facility_below_0_3_is_too_hard():
    # 29 of 100 right, and a second question that L0-L39 got right: totals 2 (29), 1 (11), 0 (60). k = 33 and the
    # 33rd highest total is 1, so the upper group is L0-L39, where the key (29) beats the wrong choice (11).
    rows = {f"L{i}": (int(i < 29), int(i < 40)) for i in range(100)}
    assert right_or_wrong(rows, (1, 1)) == [
        FlagReason(
            Flag.TOO_HARD,
            "Only 29% of the points were earned: check the key, then whether a lesson teaches this.",
        )
    ]


def test_correlation_of_exactly_0_2_is_discriminating():
    # x = 1,1,1,1,1,0,0,0,0,0 and y = 0,0,1,1,1,0,0,0,1,1: Σx = Σx² = Σy = Σy² = 5, Σxy = 3.
    # (10*3 - 25) ÷ √((50 - 25)(50 - 25)) = 5 ÷ 25 = 0.2; facility 0.5.
    x = (1, 1, 1, 1, 1, 0, 0, 0, 0, 0)
    y = (0, 0, 1, 1, 1, 0, 0, 0, 1, 1)
    rows = {f"L{i}": pair for i, pair in enumerate(zip(x, y, strict=True))}
    assert discrimination(first_attempt_sums(rows, (1, 1)).items[0]) == pytest.approx(0.2, abs=1e-9)
    assert right_or_wrong(rows, (1, 1)) == []


def test_correlation_below_0_2_is_not_discriminating():
    # The same, one learner with 2 on a 2-point second question: y = 0,0,1,1,2,0,0,1,1,1.
    # Σy = 7, Σy² = 9, Σxy = 1+1+2 = 4: (40 - 35) ÷ √(25 * (90 - 49)) = 5 ÷ (5√41) = 0.156
    x = (1, 1, 1, 1, 1, 0, 0, 0, 0, 0)
    y = (0, 0, 1, 1, 2, 0, 0, 1, 1, 1)
    rows = {f"L{i}": pair for i, pair in enumerate(zip(x, y, strict=True))}
    assert discrimination(first_attempt_sums(rows, (1, 2)).items[0]) == pytest.approx(0.156174, abs=1e-6)
    assert right_or_wrong(rows, (1, 2)) == [
        FlagReason(
            Flag.NOT_DISCRIMINATING,
            "Learners who do well on the rest of the quiz do no better here (item-rest correlation 0.16): "
            "it may be ambiguous or a matter of luck.",
        )
    ]


def test_no_flags_under_the_privacy_floor():
    assert MIN_LEARNERS == 5
    # Nobody right: too hard, and the key unused, but only 4 learners.
    assert right_or_wrong(right(0, of=4), (1,)) == []


def test_flags_from_the_privacy_floor():
    # All five score 0, so the upper group is all five, every one of them picking the wrong choice.
    assert right_or_wrong(right(0, of=5), (1,)) == [
        FlagReason(
            Flag.TOO_HARD,
            "Only 0% of the points were earned: check the key, then whether a lesson teaches this.",
        ),
        FlagReason(
            Flag.DISTRACTOR_BEATS_KEY,
            "The strongest third picked “Quote the rules” (100%) more often than the right answer (0%): "
            "the key may be wrong, or this choice defensible.",
        ),
        # Nobody picked "Acknowledge the problem": five answers are too few to tell.
    ]


def test_a_distractor_that_beats_the_key():
    rows = {  # Q1 (FIRST_REPLY), then a 2-point question
        "L1": (0, 2),  # picked b; T = 2
        "L2": (0, 2),  # picked b; T = 2
        "L3": (1, 1),  # picked a; T = 2
        "L4": (1, 0),  # picked a; T = 1
        "L5": (0, 0),  # picked c; T = 0
        "L6": (1, 0),  # picked a; T = 1
    }
    picks = {"L1": {"b"}, "L2": {"b"}, "L3": {"a"}, "L4": {"a"}, "L5": {"c"}, "L6": {"a"}}
    data = first_attempt_sums(rows, (1, 2))
    # k = 2, the 2nd highest total is 2: the upper group is L1-L3, who picked b twice and the key once.
    assert data.upper == {"L1", "L2", "L3"}
    # x = 0,0,1,1,0,1, y = 2,2,1,0,0,0: Σx = Σx² = 3, Σy = 5, Σy² = 9, Σxy = 1.
    # (6 - 15) ÷ √((18 - 9)(54 - 25)) = -9 ÷ √261 = -0.557
    assert flags(FIRST_REPLY, data.items[0], choice_counts(picks, data)) == [
        FlagReason(
            Flag.NOT_DISCRIMINATING,
            "Learners who do well on the rest of the quiz do no better here (item-rest correlation -0.56): "
            "it may be ambiguous or a matter of luck.",
        ),
        FlagReason(
            Flag.DISTRACTOR_BEATS_KEY,
            "The strongest third picked “Quote the rules” (67%) more often than the right answer (33%): "
            "the key may be wrong, or this choice defensible.",
        ),
    ]


SPAM = Question(
    id="spam",
    kind=Kind.MULTIPLE_CHOICE,
    prompt="Which are signs of spam?",
    choices=(
        key("k1", "Links to unrelated shops"),
        key("k2", "The same post in many threads"),
        Choice("w1", "A long post"),
        Choice("w2", "An angry tone"),
    ),
)
# Only the upper group's picks matter to this flag; the other figures are those of Q1 of the data set (facility
# 2/3, correlation 0.5), with 4 answers in the upper group.
SPAM_SUMS = ItemSums(
    answers=9,
    points=1,
    sum_x=6,
    sum_x2=6,
    sum_y=21,
    sum_y2=57,
    sum_xy=16,
    upper_answers=4,
    upper_credit=4,
    lower_answers=4,
    lower_credit=1,
)


def test_a_distractor_beating_the_less_picked_key_does_not_beat_the_key():
    # Upper group: k1 4, k2 1, w1 3 (more than k2, fewer than k1).
    choices = [ChoiceCounts("k1", 6, 4, 1), ChoiceCounts("k2", 3, 1, 1), ChoiceCounts("w1", 5, 3, 2)]
    choices.append(ChoiceCounts("w2", 2, 0, 2))
    assert flags(SPAM, SPAM_SUMS, choices) == []


def test_a_distractor_beating_the_most_picked_key():
    # Upper group: k1 2, k2 1, w1 3: 3/4 = 75% against 2/4 = 50%.
    choices = [ChoiceCounts("k1", 6, 2, 1), ChoiceCounts("k2", 3, 1, 1), ChoiceCounts("w1", 5, 3, 2)]
    choices.append(ChoiceCounts("w2", 2, 0, 2))
    assert flags(SPAM, SPAM_SUMS, choices) == [
        FlagReason(
            Flag.DISTRACTOR_BEATS_KEY,
            "The strongest third picked “A long post” (75%) more often than the right answer (50%): "
            "the key may be wrong, or this choice defensible.",
        )
    ]


# Thirty answers, 18 of them right; the rest score does not vary, so no correlation, and no groups.
STEADY_SUMS = ItemSums(answers=30, points=1, sum_x=18, sum_x2=18, sum_y=0, sum_y2=0, sum_xy=0)
UNUSED = [ChoiceCounts("k1", 12), ChoiceCounts("k2", 6), ChoiceCounts("w1", 0), ChoiceCounts("w2", 12)]


def test_unused_choices_named_in_question_order():
    # "A long post" has a row with no picks, "An angry tone" no row at all: both unused; the first is named.
    assert flags(SPAM, STEADY_SUMS, UNUSED[:3]) == [
        FlagReason(
            Flag.UNUSED_CHOICE,
            "Nobody picked “A long post”: it does no work. Replace it with a mistake people really make.",
        )
    ]


def test_a_choice_nobody_picks_among_few_answers_is_no_flag():
    # 29 answers: a fair distractor picked by one learner in twenty goes unpicked 23% of the time (0.95 ** 29).
    assert flags(SPAM, replace(STEADY_SUMS, answers=29, sum_x=17, sum_x2=17), UNUSED[:3]) == []


@pytest.mark.parametrize(
    ("flag", "label"),
    [
        (Flag.TOO_EASY, "Too easy"),
        (Flag.TOO_HARD, "Too hard"),
        (Flag.NOT_DISCRIMINATING, "Not discriminating"),
        (Flag.DISTRACTOR_BEATS_KEY, "Distractor beats the key"),
        (Flag.UNUSED_CHOICE, "Choice nobody picks"),
    ],
)
def test_flag_labels(flag, label):
    assert str(flag.label) == label


def test_flags_speak_the_readers_language():
    with translation.override("id"):
        (flag,) = flags(SPAM, STEADY_SUMS, UNUSED[:3])
        label = str(flag.flag.label)

    assert label == "Pilihan tak pernah dipilih"
    assert flag.reason == (
        "Tidak ada yang memilih “A long post”: pilihan ini tidak berguna. Ganti dengan kesalahan yang sungguh "
        "sering dibuat orang."
    )


@pytest.mark.parametrize(
    ("score_counts", "bounds"),
    [
        ({0.5: 1, 0.25: 1}, None),  # two attempts: k = 0, no groups
        # Six attempts, k = 2: the 2nd highest score is 0.8 (tied), the 2nd lowest 0.4.
        ({1.0: 1, 0.8: 2, 0.6: 1, 0.4: 1, 0.2: 1}, GroupBounds(upper=0.8, lower=0.4)),
        # Nine, k = 3: counting down, 1.0 holds one and 0.5 reaches six; counting up, 0.0 holds three.
        ({1.0: 1, 0.5: 5, 0.0: 3}, GroupBounds(upper=0.5, lower=0.0)),
        # Everybody alike: both groups are everybody.
        ({0.5: 9}, GroupBounds(upper=0.5, lower=0.5)),
    ],
)
def test_group_bounds_from_score_counts(score_counts, bounds):
    assert group_bounds(score_counts) == bounds
