"""The simulated learners (`fixtures/simulation.py`, `manage.py simulate_learners`): the same for a seed, stored as
the app stores its records, abler learners scoring higher, and the demo's broken question flagged by the report."""

import random
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Sum
from django.utils import timezone

from cms.accounts.roles import Role, has_role
from fixtures.simulation import BROKEN_QUESTION, Course, Item, Learner, simulate
from learning.course_reports import ReportFilters, quiz_statistics
from learning.item_analysis import Flag
from learning.models import LessonCompletion, LessonStart, QuizAnswer, QuizAttempt, QuizChoicePick, QuizPage
from mentoring.models import Mentorship
from mentoring.wagtail_hooks import MentorshipViewSet

NOW = timezone.now()


def learners(abilities: list[float], *, language: str = "en") -> list[Learner]:
    # A year ago: time enough to get through the whole course.
    return [
        Learner(user_id=number, joined=NOW - timedelta(days=365), ability=ability, language=language)
        for number, ability in enumerate(abilities, start=1)
    ]


def broken_question_and_quiz():
    slug, position, trap_position = BROKEN_QUESTION
    quiz = QuizPage.objects.get(slug=slug, locale__language_code="en")
    question = quiz.question_list()[position - 1]
    return quiz, question, question.choices[trap_position - 1].id


@pytest.fixture(scope="class")
def class_simulated(class_curriculum, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("simulate_learners", learners=300, seed=1, stdout=StringIO())


@pytest.mark.usefixtures("class_simulated")
class TestStoredRecords:
    """300 simulated learners over the shipped course (simulated once for the class)."""

    def test_the_learners_cannot_sign_in_and_are_learners(self, db):
        users = get_user_model().objects.filter(username__startswith="sim-")

        assert users.count() == 300
        assert not any(user.has_usable_password() or user.is_active or user.email for user in users)
        assert all(has_role(user, Role.LEARNER) for user in users)

    def test_staff_are_not_offered_them_as_learners_to_assign_a_mentor(self, db, learner):
        form = MentorshipViewSet.edit_handler.bind_to_model(Mentorship).get_form_class()()
        offered = form.fields["learner"].queryset

        assert list(offered.values_list("username", flat=True)) == ["lina"]

    def test_every_completion_has_a_start_no_later(self, db):
        completions = LessonCompletion.objects.all()
        starts = {(start.user_id, start.lesson_key): start.started_at for start in LessonStart.objects.all()}

        assert completions.count() > 0
        assert all(starts[(done.user_id, done.lesson_key)] <= done.completed_at for done in completions)

    def test_an_attempts_points_are_the_sum_of_its_answers(self, db):
        attempts = QuizAttempt.objects.annotate(
            answers_earned=Sum("answers__earned"), answers_possible=Sum("answers__possible")
        )

        assert attempts.count() > 0
        for attempt in attempts:
            assert attempt.possible == attempt.answers_possible
            # Each answer's points are stored to six decimals, as `submit_attempt` stores them, and so is the
            # attempt's exact total: three thirds store 0.333333 each and the total 1.000000.
            assert (
                abs(attempt.earned - attempt.answers_earned) <= Decimal("0.000001") * attempt.answers.count()
            )

    def test_the_picks_are_each_answers_choices(self, db):
        picks = {}
        for answer_id, choice_id in QuizChoicePick.objects.values_list("answer_id", "choice_id"):
            picks.setdefault(answer_id, set()).add(choice_id)

        answers = QuizAnswer.objects.values_list("pk", "selected")
        assert answers.count() > 0
        assert all(picks.get(pk, set()) == set(selected) for pk, selected in answers)

    def test_languages_are_english_and_indonesian(self, db):
        start_languages = LessonStart.objects.values("language").annotate(count=Count("pk"))
        attempt_languages = QuizAttempt.objects.values("language").annotate(count=Count("pk"))

        assert {row["language"] for row in start_languages} == {"en", "id"}
        assert {row["language"] for row in attempt_languages} == {"en", "id"}

    def test_indonesian_attempts_are_at_the_indonesian_quiz_pages(self, db):
        languages = set(
            QuizAttempt.objects.annotate(page_language=F("quiz__locale__language_code")).values_list(
                "language", "page_language"
            )
        )

        assert languages == {("en", "en"), ("id", "id")}

    def test_the_question_report_flags_the_broken_question_and_few_others(self, db):
        quizzes = list(QuizPage.objects.filter(locale__language_code="en").order_by("path"))
        broken_quiz, broken, _trap = broken_question_and_quiz()

        statistics = quiz_statistics(ReportFilters(), quizzes=quizzes)

        flagged = [
            (quiz.quiz.translation_key, question.question.id)
            for quiz in statistics
            for question in quiz.questions
            if any(reason.flag == Flag.DISTRACTOR_BEATS_KEY for reason in question.flags)
        ]
        assert (broken_quiz.translation_key, broken.id) in flagged
        # Chance alone may tip a question with few answers (a dozen), but the demo should not cry wolf: at most
        # three others.
        assert len(flagged) <= 1 + 3

    def test_a_second_run_adds_other_learners(self, db):
        call_command("simulate_learners", learners=2, seed=1, stdout=StringIO())

        assert sorted(
            get_user_model().objects.filter(username__startswith="sim-").values_list("username", flat=True)
        )[-3:] == ["sim-00300", "sim-00301", "sim-00302"]


@pytest.mark.usefixtures("curriculum")
class TestTheModel:
    def test_the_same_seed_simulates_the_same_histories(self, db):
        def records(seed: int):
            simulated = simulate(
                learners([-1.0, 0.0, 1.0]), Course.load(seed=seed), rng=random.Random(seed), now=NOW
            )
            return (
                simulated.starts,
                simulated.completions,
                [
                    (attempt.quiz_key, attempt.number, attempt.earned)
                    for attempt, _answers in simulated.attempts
                ],
            )

        first = records(7)

        assert first == records(7)
        assert first != records(8)

    def test_abler_learners_score_higher(self, db):
        course = Course.load(seed=1)
        simulated = simulate(
            learners([1.5] * 40 + [-1.5] * 40), course, rng=random.Random(1), now=NOW
        ).attempts

        def mean_first_score(user_ids: range) -> float:
            scores = [
                attempt.score
                for attempt, _answers in simulated
                if attempt.user_id in user_ids and attempt.number == 1 and attempt.score is not None
            ]
            return sum(scores) / len(scores)

        # At +1.5 a question of average difficulty (-0.4) and discrimination (1.2) is right with chance
        # 1 / (1 + e^(-1.7 * 1.2 * 1.9)) = 0.98; at -1.5 with 1 / (1 + e^(-1.7 * 1.2 * -1.1)) = 0.10.
        assert mean_first_score(range(1, 41)) > mean_first_score(range(41, 81)) + 30

    def test_strong_learners_pick_the_broken_questions_distractor_and_weak_ones_the_key(self, db):
        _quiz, question, trap = broken_question_and_quiz()
        item = Item.of(question, seed=1, trap=trap)
        key = question.best_choices()[0].id
        rng = random.Random(1)

        strong = [item.answer(2.0, rng) for _ in range(100)]
        weak = [item.answer(-2.0, rng) for _ in range(100)]

        # At +2 the trap's chance is 1 / (1 + e^(-1.7 * 1.5 * (2 + 0.5))) = 0.998; at -2 it is
        # 1 / (1 + e^(-1.7 * 1.5 * (-2 + 0.5))) = 0.021, and the key takes 70% of the rest: 0.69.
        assert strong.count(frozenset({trap})) > 90
        assert weak.count(frozenset({key})) > 55
        assert weak.count(frozenset({trap})) < 10


def test_it_needs_the_course(db):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("simulate_learners", learners=3, stdout=StringIO())

    assert not get_user_model().objects.filter(username__startswith="sim-").exists()
