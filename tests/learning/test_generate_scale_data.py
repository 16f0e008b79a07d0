"""`manage.py generate_scale_data`: the counts asked for, histories the app itself could have stored, and safety."""

from collections import defaultdict
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from cms.accounts.roles import Role, has_role
from learning.models import (
    LessonCompletion,
    LessonPage,
    LessonStart,
    QuizAnswer,
    QuizAttempt,
    QuizChoicePick,
)
from learning.scoring import Kind, score_quiz
from learning.skill_evidence import record_level_changes
from mentoring.mentorships import mentees_of

SMALL = {"learners": 20, "answers": 500, "completions": 100, "mentors": 2}


def generate(**options):
    call_command("generate_scale_data", stdout=StringIO(), **SMALL, **options)


def generated(role: Role):
    return get_user_model().objects.filter(username__startswith=f"scale-{role.name.lower()}-")


def responses(attempt: QuizAttempt) -> dict:
    return {
        answer.question_id: answer.text if answer.kind == Kind.REFLECTION else answer.selected
        for answer in attempt.answers.all()
    }


def test_it_generates_the_numbers_asked_for(quiz):
    generate()

    assert generated(Role.LEARNER).count() == 20
    assert all(has_role(learner, Role.LEARNER) for learner in generated(Role.LEARNER))
    # Whole attempts: at most one quiz's questions short.
    assert 500 - len(quiz.question_list()) < QuizAnswer.objects.count() <= 500
    assert LessonCompletion.objects.count() == 100


def test_answers_are_attempts_at_real_quizzes_scored_as_the_quiz_scores_them(quiz):
    generate()

    questions = quiz.question_list()
    numbers = defaultdict(list)
    for attempt in QuizAttempt.objects.order_by("submitted_at").prefetch_related("answers"):
        assert (attempt.quiz, attempt.quiz_key, attempt.quiz_title) == (
            quiz,
            quiz.translation_key,
            quiz.title,
        )
        assert [answer.question_id for answer in attempt.answers.all()] == [
            question.id for question in questions
        ]
        result = score_quiz(questions, responses(attempt), pass_mark=quiz.pass_mark)
        assert (attempt.possible, attempt.score, attempt.passed) == (
            result.possible,
            result.percent,
            result.passed,
        )
        numbers[attempt.user_id].append(attempt.number)
    assert all(found == list(range(1, len(found) + 1)) for found in numbers.values())


def test_completions_are_of_real_lessons_once_each(quiz):
    generate()

    lesson_keys = set(LessonPage.objects.values_list("translation_key", flat=True))
    completions = list(LessonCompletion.objects.values_list("user_id", "lesson_key"))
    assert {key for _user, key in completions} <= lesson_keys
    assert len(set(completions)) == len(completions)


def test_completions_have_earlier_starts_and_answers_their_picks(quiz):
    generate()

    starts = {(start.user_id, start.lesson_key): start for start in LessonStart.objects.all()}
    completions = LessonCompletion.objects.all()
    assert all(
        starts[(done.user_id, done.lesson_key)].started_at <= done.completed_at for done in completions
    )
    # The course has no Indonesian pages here.
    assert {start.language for start in starts.values()} == {"en"}
    assert set(QuizAttempt.objects.values_list("language", flat=True)) == {"en"}
    picks = {}
    for answer_id, choice_id in QuizChoicePick.objects.values_list("answer_id", "choice_id"):
        picks.setdefault(answer_id, set()).add(choice_id)
    answers = QuizAnswer.objects.values_list("pk", "selected")
    assert all(picks.get(pk, set()) == set(selected) for pk, selected in answers)


def test_the_level_history_is_the_one_the_tracker_would_have_recorded(quiz):
    generate()

    assert not any(record_level_changes(learner) for learner in generated(Role.LEARNER))


def test_mentors_have_generated_mentees(quiz):
    generate()

    mentors = generated(Role.MENTOR)
    assert mentors.count() == 2
    for mentor in mentors:
        mentees = list(mentees_of(mentor))
        assert has_role(mentor, Role.MENTOR) and mentees
        assert all(mentee.username.startswith("scale-learner-") for mentee in mentees)


def test_the_homes_of_generated_people_render(client, quiz):
    generate()
    learner = get_user_model().objects.get(pk=QuizAttempt.objects.order_by("-number").first().user_id)
    mentor = generated(Role.MENTOR).first()
    mentee = next(iter(mentees_of(mentor)))

    client.force_login(learner)
    learner_page = client.get("/en/dashboard/")
    client.force_login(mentor)
    mentor_page = client.get("/en/mentoring/")  # generated mentors only mentor

    assert learner_page.status_code == 200 and "Check yourself" in learner_page.content.decode()
    assert mentor_page.status_code == 200 and str(mentee) in mentor_page.content.decode()


def test_it_refuses_a_database_with_other_accounts_unless_forced(quiz, learner):
    with pytest.raises(CommandError, match="accounts that are neither demo nor generated"):
        generate()
    assert not generated(Role.LEARNER).exists()

    generate(force=True)

    assert generated(Role.LEARNER).count() == 20


def test_it_needs_the_course(db):
    with pytest.raises(CommandError, match="load_demo"):
        generate()
    assert not generated(Role.LEARNER).exists()
