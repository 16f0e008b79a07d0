"""Scoring of every question type, called directly: no database."""

from fractions import Fraction

import pytest

from learning.scoring import Choice, InvalidAnswer, Kind, Question, Rating, credit, problems, score_quiz


def single(correct="b", points=1, skill="communication"):
    return Question(
        id="single",
        kind=Kind.SINGLE_CHOICE,
        prompt="?",
        skill=skill,
        points=points,
        choices=tuple(Choice(c, c, credit=Fraction(c == correct)) for c in "abc"),
    )


def multiple(correct="abc", choices="abcde"):
    return Question(
        id="multiple",
        kind=Kind.MULTIPLE_CHOICE,
        prompt="?",
        skill="moderation",
        choices=tuple(Choice(c, c, credit=Fraction(c in correct)) for c in choices),
    )


def scenario(ratings=("best", "acceptable", "poor")):
    return Question(
        id="scenario",
        kind=Kind.SCENARIO,
        prompt="?",
        skill="moderation",
        choices=tuple(
            Choice(str(i), f"choice {i}", credit=Rating(r).credit, rating=Rating(r))
            for i, r in enumerate(ratings)
        ),
    )


TRUE_FALSE = Question(
    id="tf",
    kind=Kind.TRUE_FALSE,
    prompt="Trolls want attention.",
    skill="moderation",
    choices=(Choice("true", "True", credit=Fraction(1)), Choice("false", "False")),
)
SELF_RATING = Question(
    id="self",
    kind=Kind.SELF_RATING,
    prompt="I can…",
    skill="communication",
    choices=tuple(Choice(str(i), str(i)) for i in range(5)),
)
REFLECTION = Question(id="reflect", kind=Kind.REFLECTION, prompt="Why?", skill="communication")


def test_single_choice_scores_the_correct_choice_only():
    assert credit(single(), {"b"}) == 1
    assert credit(single(), {"a"}) == 0


def test_true_false_scores_like_single_choice():
    assert credit(TRUE_FALSE, {"true"}) == 1
    assert credit(TRUE_FALSE, {"false"}) == 0


@pytest.mark.parametrize(
    ("picked", "expected"),
    [
        ("abc", Fraction(1)),  # all correct, no wrong
        ("ab", Fraction(2, 3)),  # partial credit
        ("abd", Fraction(2, 3) - Fraction(1, 2)),  # a wrong pick costs 1/W
        ("ad", Fraction(0)),  # 1/3 - 1/2 is floored at zero
        ("abcde", Fraction(0)),  # ticking everything never pays
        ("de", Fraction(0)),
    ],
)
def test_multiple_choice_gives_partial_credit_and_penalises_wrong_picks(picked, expected):
    assert credit(multiple(), set(picked)) == expected


def test_scenario_weights_best_acceptable_poor():
    question = scenario()
    assert [credit(question, {choice.id}) for choice in question.choices] == [1, Fraction(1, 2), 0]


def test_ratings_are_offered_to_editors_with_their_labels():
    assert [(value, str(label)) for value, label in Rating.choices] == [
        ("best", "Best"),
        ("acceptable", "Acceptable"),
        ("poor", "Poor"),
    ]


def test_no_answer_earns_nothing():
    assert credit(single(), set()) == 0
    assert credit(multiple(), set()) == 0


def test_a_choice_from_another_question_is_rejected():
    with pytest.raises(InvalidAnswer):
        credit(single(), {"choice-of-another-question"})
    with pytest.raises(InvalidAnswer):
        credit(scenario(), {"a"})


def test_several_answers_to_a_single_choice_question_are_rejected():
    with pytest.raises(InvalidAnswer):
        credit(single(), {"a", "b"})


def test_self_rating_and_reflection_are_recorded_but_not_scored():
    result = score_quiz([SELF_RATING, REFLECTION], {"self": "3", "reflect": "  Because.  "})

    assert result.possible == 0 and not result.is_scored
    assert result.passed is None
    assert result.answers[0].selected == {"3"}
    assert result.answers[1].text == "Because."


def test_a_quiz_is_scored_in_total_and_per_skill_with_question_points():
    questions = [single(points=2), multiple(), scenario(), TRUE_FALSE, SELF_RATING]
    responses = {"single": "b", "multiple": ["a", "b"], "scenario": "1", "tf": "false", "self": "2"}

    result = score_quiz(questions, responses, pass_mark=70)

    assert result.possible == 5
    assert result.earned == 2 + Fraction(2, 3) + Fraction(1, 2)
    assert result.percent == 63  # 3.1666 / 5, rounded down
    assert result.passed is False
    by_skill = {score.skill: (score.earned, score.possible) for score in result.skill_scores}
    assert by_skill == {"communication": (2, 2), "moderation": (Fraction(2, 3) + Fraction(1, 2), 3)}


def test_percent_is_rounded_down_so_a_near_miss_does_not_pass():
    questions = [multiple(correct="abc", choices="abcd"), single()]
    result = score_quiz(questions, {"multiple": ["a", "b", "c"], "single": "a"}, pass_mark=50)
    assert result.percent == 50 and result.passed is True
    two_thirds = score_quiz([multiple()], {"multiple": ["a", "b"]}, pass_mark=67)  # 66.67%
    assert two_thirds.percent == 66 and two_thirds.passed is False


def test_all_answers_right_is_100_percent():
    result = score_quiz([multiple(), TRUE_FALSE], {"multiple": list("abc"), "tf": "true"}, pass_mark=100)
    assert result.percent == 100 and result.passed is True


def test_well_formed_questions_have_no_problems():
    assert problems(single()) == []
    assert problems(multiple()) == []
    assert problems(scenario()) == []
    assert problems(TRUE_FALSE) == []
    assert problems(REFLECTION) == []


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (single(correct="none"), "exactly one choice as correct"),
        (
            Question(
                "q",
                Kind.SINGLE_CHOICE,
                "?",
                choices=(Choice("a", "A", Fraction(1)), Choice("b", "B", Fraction(1))),
            ),
            "exactly one",
        ),
        (multiple(correct=""), "at least one choice as correct"),
        (multiple(correct="abcde"), "ticking everything"),
        (scenario(ratings=("acceptable", "poor")), "at least one choice as best"),
        (
            Question("q", Kind.SINGLE_CHOICE, "?", choices=(Choice("a", "A", Fraction(1)),)),
            "at least two choices",
        ),
        (
            Question(
                "q", Kind.SINGLE_CHOICE, "?", choices=(Choice("a", "Yes", Fraction(1)), Choice("b", "yes"))
            ),
            "same text",
        ),
    ],
)
def test_questions_nobody_could_answer_with_full_marks_are_refused(question, message):
    assert any(message in str(problem) for problem in problems(question))
