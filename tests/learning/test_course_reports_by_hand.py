"""The course and question reports (`learning/course_reports.py`) on small fixed data sets made through the real
services, every figure a literal worked out by hand from `docs/analytics.md`.

The question data set is the nine-learner matrix of `tests/learning/test_item_analysis.py`, taken as real attempts:
the database's sums must give the same figures as the sums written out there.
"""

from datetime import date, timedelta

import pytest

from learning.course_reports import ReportFilters, course_funnel, quiz_statistics
from learning.item_analysis import Flag, FlagReason
from learning.models import LessonPage, ModulePage
from tests.learning import builders
from tests.learning.activity import MONDAY, learners, take, visit

pytestmark = pytest.mark.django_db

QUESTIONS = [
    builders.choice_question(
        prompt="Best first reply to an angry member?",
        choices=[
            {"text": "Acknowledge the problem", "correct": True, "feedback": "Yes."},
            {"text": "Quote the rules", "feedback": "No."},
            {"text": "Ignore it", "feedback": "No."},
        ],
    ),
    builders.choice_question(
        "scenario",
        situation="A member posts a job advert in the help forum.",
        prompt="What do you do?",
        points=2,
        choices=[
            {"text": "Move it and tell them where adverts go", "rating": "best", "feedback": "Yes."},
            {"text": "Move it without a word", "rating": "acceptable", "feedback": "Half."},
            {"text": "Delete it", "rating": "poor", "feedback": "No."},
        ],
    ),
    {
        "true_false": {
            "skill": "communication",
            "statement": "Trolls want attention.",
            "correct": True,
            "explanation": "They do.",
        }
    },
    builders.choice_question(
        prompt="A member says the course is useless. First step?",
        choices=[
            {"text": "Ask what they expected", "correct": True, "feedback": "Yes."},
            {"text": "Apologise at length", "feedback": "No."},
            {"text": "Send them the FAQ", "feedback": "No."},
        ],
    ),
]
# Each learner's first attempt, as the choice picked (from 0, in the editor's order) on each question; the points
# (Q2 worth 2: best 2, acceptable 1) and totals are those of MATRIX in test_item_analysis.py.
FIRST_PICKS = [
    [0, 0, 0, 0],  # L1: 1 2 1 1, T = 5
    [0, 0, 0, 1],  # L2: 1 2 1 0, T = 4
    [0, 1, 0, 0],  # L3: 1 1 1 1, T = 4
    [0, 0, 0, 1],  # L4: 1 2 1 0, T = 4
    [0, 1, 0, 1],  # L5: 1 1 1 0, T = 3
    [1, 1, 0, 1],  # L6: 0 1 1 0, T = 2
    [0, 2, 0, 2],  # L7: 1 0 1 0, T = 2
    [1, 1, 0, 1],  # L8: 0 1 1 0, T = 2
    [2, 2, 0, 2],  # L9: 0 0 1 0, T = 1
]


@pytest.fixture
def world(db):
    builders.course(modules=1, lessons=3, skills=[builders.skill()])
    quiz = builders.add_quiz(
        ModulePage.objects.get(), title="Check yourself", questions=QUESTIONS, pass_mark=80
    )
    return {"quiz": quiz, "lessons": list(LessonPage.objects.order_by("path"))}


@pytest.fixture
def answered(world):
    """The nine first attempts, then L5's second attempt, all right, which the question report leaves out."""
    people = learners(9)
    for person, picks in zip(people, FIRST_PICKS, strict=True):
        take(person, world["quiz"], picks, at=MONDAY)
    take(people[4], world["quiz"], [0, 0, 0, 0], at=MONDAY)
    return world["quiz"]


class TestQuestionStatistics:
    def test_the_quiz(self, answered):
        (statistics,) = quiz_statistics(ReportFilters(), quizzes=[answered])

        # Only first attempts: nine learners; scores 100, 80, 80, 80, 60, 40, 40, 40, 20 (T ÷ 5), mean 540 ÷ 9.
        assert statistics.learners == 9
        assert statistics.mean_score == pytest.approx(60.0, abs=1e-9)
        # 4/3 * (1 - (18 + 44 + 0 + 14)/81 ÷ 126/81) = 100/189 (test_item_analysis.test_cronbach_alpha)
        assert statistics.alpha == pytest.approx(0.529101, abs=1e-6)
        assert len(statistics.banks) == 1

    def test_groups_include_the_ties_at_the_boundary(self, answered):
        (statistics,) = quiz_statistics(ReportFilters(), quizzes=[answered])

        # k = 3; totals 5, 4, 4, 4 | 3 | 2, 2, 2, 1: four in each group.
        assert [(q.sums.upper_answers, q.sums.lower_answers) for q in statistics.questions] == [(4, 4)] * 4

    def test_a_tie_ranked_exactly_k_joins_the_group(self, world):
        # Six of the learners above, totals 5, 4, 4, 2, 2, 1: k = 2, and the 2nd highest (4) and 2nd lowest (2) are
        # each shared by two, so both groups hold three.
        for person, picks in zip(learners(6), [FIRST_PICKS[i] for i in (0, 1, 2, 5, 6, 8)], strict=True):
            take(person, world["quiz"], picks, at=MONDAY)

        (statistics,) = quiz_statistics(ReportFilters(), quizzes=[world["quiz"]])

        first = statistics.questions[0]
        assert (first.sums.upper_answers, first.sums.lower_answers) == (3, 3)
        # Q1: L1, L2, L3 right; of L6, L7, L9 only L7: 3/3 - 1/3.
        assert first.upper_lower == pytest.approx(0.666667, abs=1e-6)

    def test_each_question(self, answered):
        (statistics,) = quiz_statistics(ReportFilters(), quizzes=[answered])

        figures = [(q.facility, q.discrimination, q.upper_lower) for q in statistics.questions]
        # By hand in test_item_analysis.py: facility 6/9, 10/18, 9/9, 2/9; discrimination 18/36, 19/44, none,
        # 13/√1204; upper-lower 4/4 - 1/4, 3.5/4 - 1/4, 4/4 - 4/4, 2/4 - 0/4.
        assert figures == [
            (pytest.approx(0.666667, abs=1e-6), pytest.approx(0.5, abs=1e-9), pytest.approx(0.75, abs=1e-9)),
            (
                pytest.approx(0.555556, abs=1e-6),
                pytest.approx(0.431818, abs=1e-6),
                pytest.approx(0.625, abs=1e-9),
            ),
            (pytest.approx(1.0, abs=1e-9), None, pytest.approx(0.0, abs=1e-9)),
            (
                pytest.approx(0.222222, abs=1e-6),
                pytest.approx(0.374654, abs=1e-6),
                pytest.approx(0.5, abs=1e-9),
            ),
        ]

    def test_pick_rates(self, answered):
        (statistics,) = quiz_statistics(ReportFilters(), quizzes=[answered])

        rates = [
            [(c.is_key, c.picks, c.rate, c.upper_rate, c.lower_rate) for c in q.choices]
            for q in statistics.questions
        ]
        # Upper group L1-L4, lower group L6-L9 (four each).
        assert rates == [
            [  # a by L1-L5 and L7; b by L6, L8; c by L9
                (True, 6, pytest.approx(6 / 9), 1.0, 0.25),
                (False, 2, pytest.approx(2 / 9), 0.0, 0.5),
                (False, 1, pytest.approx(1 / 9), 0.0, 0.25),
            ],
            [  # best by L1, L2, L4; acceptable by L3, L5, L6, L8; poor by L7, L9
                (True, 3, pytest.approx(3 / 9), 0.75, 0.0),
                (False, 4, pytest.approx(4 / 9), 0.25, 0.5),
                (False, 2, pytest.approx(2 / 9), 0.0, 0.5),
            ],
            [(True, 9, 1.0, 1.0, 1.0), (False, 0, 0.0, 0.0, 0.0)],
            [  # the key by L1, L3; d1 by L2, L4, L5, L6, L8; d2 by L7, L9
                (True, 2, pytest.approx(2 / 9), 0.5, 0.0),
                (False, 5, pytest.approx(5 / 9), 0.5, 0.5),
                (False, 2, pytest.approx(2 / 9), 0.0, 0.5),
            ],
        ]

    def test_flags(self, answered):
        (statistics,) = quiz_statistics(ReportFilters(), quizzes=[answered])

        assert [q.flags for q in statistics.questions] == [
            [],
            [],
            [
                FlagReason(
                    Flag.TOO_EASY,
                    "100% of the points were earned: the answer may be obvious or the distractors implausible.",
                ),
                # Nobody picked "False" either: nine answers are too few to call it useless.
            ],
            # The key and "Apologise at length" tie at 2 of 4 in the upper group: not beaten.
            [
                FlagReason(
                    Flag.TOO_HARD,
                    "Only 22% of the points were earned: check the key, then whether a lesson teaches this.",
                )
            ],
        ]
        assert statistics.flagged == 2

    def test_a_first_attempt_outside_the_days_leaves_the_learner_out(self, answered, world):
        # A tenth learner's first attempt (all wrong) a week later: inside the unfiltered report, outside MONDAY.
        (late,) = learners(1)
        take(late, world["quiz"], [1, 2, 1, 1], at=MONDAY + timedelta(days=7))

        (everyone,) = quiz_statistics(ReportFilters(), quizzes=[answered])
        (monday,) = quiz_statistics(ReportFilters(date_to=date(2026, 6, 1)), quizzes=[answered])

        assert (everyone.learners, monday.learners) == (10, 9)
        # Q1 with the tenth learner: 6 ÷ 10; on MONDAY alone: 6 ÷ 9.
        assert everyone.questions[0].facility == pytest.approx(0.6, abs=1e-9)
        assert monday.questions[0].facility == pytest.approx(0.666667, abs=1e-6)


class TestCourseFunnel:
    @pytest.fixture
    def visits(self, world):
        """Eight learners A-H in the three lessons on MONDAY; G and H skip lesson 1.2."""
        first, second, third = world["lessons"]
        a, b, c, d, e, f, g, h = learners(8)
        minutes = timedelta(minutes=1)
        # Lesson 1.1: six start; C completes three days later (after the filtered days), E and F never.
        for person, done in [(a, 10), (b, 20), (c, 3 * 24 * 60), (d, 70), (e, None), (f, None)]:
            visit(person, first, at=MONDAY, done_after=done and done * minutes)
        # Lesson 1.2: five start, three complete.
        for person, done in [(a, 5), (b, 15), (c, 25), (d, None), (e, None)]:
            visit(person, second, at=MONDAY, done_after=done and done * minutes)
        # Lesson 1.3: seven start (G and H skipped ahead), A and B complete.
        for person, done in [(a, 60), (b, 120), (c, None), (d, None), (e, None), (g, None), (h, None)]:
            visit(person, third, at=MONDAY, done_after=done and done * minutes)
        return world

    def test_lessons(self, visits):
        (funnel,) = course_funnel(ReportFilters(date_to=date(2026, 6, 1)))

        rows = [
            (row.started, row.completed, row.completion_rate, row.median_minutes, row.drop_off)
            for row in funnel.lessons
        ]
        assert rows == [
            # C's completion three days later still counts ("at any time"). Minutes 10, 20, 70, 4320: the even
            # count's middle two, (20 + 70) ÷ 2. Drop-off 1 - 5/6.
            (6, 4, pytest.approx(0.666667, abs=1e-6), 45.0, pytest.approx(0.166667, abs=1e-6)),
            # Minutes 5, 15, 25: 15. Drop-off 1 - 7/5: negative, two learners skipped ahead.
            (5, 3, 0.6, 15.0, pytest.approx(-0.4, abs=1e-9)),
            # Minutes 60, 120: 90. Completion 2 ÷ 7; the last lesson has no drop-off.
            (7, 2, pytest.approx(0.285714, abs=1e-6), 90.0, None),
        ]

    def test_module(self, visits):
        (funnel,) = course_funnel(ReportFilters())

        # A-H opened a lesson of the module; A and B completed all three.
        assert (funnel.started, funnel.finished) == (8, 2)

    def test_quiz(self, answered):
        (funnel,) = course_funnel(ReportFilters())

        (row,) = funnel.quizzes
        # Pass mark 80%: L1-L4 pass at once (100, 80, 80, 80), L5 on the second attempt. 5 of 9;
        # attempts to pass (1 + 1 + 1 + 1 + 2) ÷ 5.
        assert (row.learners, row.passed) == (9, 5)
        assert row.pass_rate == pytest.approx(0.555556, abs=1e-6)
        assert row.attempts_to_pass == pytest.approx(1.2, abs=1e-9)

    # docs/analytics.md: pass rate = learners with a passing attempt ÷ learners, both over attempts within the filters;
    # attempts to pass only over learners whose first pass is within them.
    def test_a_pass_within_the_days_counts_even_after_an_earlier_pass(self, world):
        quiz = world["quiz"]
        people = learners(5)
        for person in people[:4]:
            take(person, quiz, FIRST_PICKS[0], at=MONDAY)  # 100%: pass
        take(people[4], quiz, FIRST_PICKS[0], at=MONDAY - timedelta(days=7))  # passed the week before
        take(people[4], quiz, FIRST_PICKS[0], at=MONDAY)  # and again within the days

        (funnel,) = course_funnel(ReportFilters(date_from=date(2026, 6, 1)))

        (row,) = funnel.quizzes
        # Five learners with an attempt on or after 1 June, all five with a passing attempt then: 5 ÷ 5.
        assert (row.learners, row.passed, row.pass_rate) == (5, 5, 1.0)
        # The fifth learner's first pass was the week before: the mean is over the other four, (1 + 1 + 1 + 1) ÷ 4.
        assert row.attempts_to_pass == 1.0
