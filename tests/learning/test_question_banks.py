"""Question banks: what one attempt draws, that retakes ask new questions, and that every language draws alike."""

from collections import Counter
from types import SimpleNamespace

import pytest

from learning.models import QuizAnswer, QuizDraw
from learning.question_banks import bank_problems, draw_questions
from learning.scoring import Choice, Kind, Question
from tests.database import fresh
from tests.learning import builders

MODERATION = SimpleNamespace(translation_key="moderation")
COMMUNICATION = SimpleNamespace(translation_key="communication")


def _question(question_id: str, skill, kind=Kind.SINGLE_CHOICE) -> Question:
    return Question(id=question_id, kind=kind, prompt=question_id, skill=skill, choices=(Choice("a", "A"),))


BANK = [
    *[_question(f"m{number}", MODERATION) for number in range(1, 7)],
    *[_question(f"c{number}", COMMUNICATION) for number in range(1, 5)],
    _question("rating", MODERATION, kind=Kind.SELF_RATING),
    _question("reflection", COMMUNICATION, kind=Kind.REFLECTION),
]


def _ids(questions) -> list[str]:
    return [question.id for question in questions]


def test_an_attempt_draws_the_set_number_per_skill_in_bank_order_with_unscored_questions_always():
    drawn = draw_questions(BANK, {"moderation": 3, "communication": 2}, seed="1")

    kinds = Counter(question.skill.translation_key for question in drawn if question.is_scored)
    assert kinds == {"moderation": 3, "communication": 2}
    assert _ids(drawn)[-2:] == ["rating", "reflection"]
    assert _ids(drawn) == [question_id for question_id in _ids(BANK) if question_id in _ids(drawn)]


def test_without_draws_the_whole_bank_is_asked_and_undrawn_skills_in_full():
    assert draw_questions(BANK, {}, seed="1") == BANK
    assert _ids(draw_questions(BANK, {"moderation": 1}, seed="1"))[1:] == [
        "c1", "c2", "c3", "c4", "rating", "reflection",
    ]  # fmt: skip


def test_the_same_seed_draws_the_same_questions_and_others_differ():
    draws = {"moderation": 3, "communication": 2}
    first = _ids(draw_questions(BANK, draws, seed="learner-1:quiz:1"))

    assert _ids(draw_questions(BANK, draws, seed="learner-1:quiz:1")) == first
    assert {tuple(_ids(draw_questions(BANK, draws, seed=f"learner-{n}:quiz:1"))) for n in range(20)} != {
        tuple(first)
    }


def test_a_retake_asks_the_questions_asked_least_so_far():
    draws = {"moderation": 3, "communication": 2}
    first = draw_questions(BANK, draws, seed="1")
    asked = Counter(question.id for question in first)

    second = draw_questions(BANK, draws, seed="2", asked_before=asked)

    scored_first = {question.id for question in first if question.is_scored}
    scored_second = {question.id for question in second if question.is_scored}
    assert scored_first & scored_second == set()
    assert len(scored_second) == 5


def test_the_bank_must_hold_twice_the_questions_asked_of_each_skill():
    names = {"moderation": "Moderation", "communication": "Communication"}

    assert bank_problems(BANK, {"moderation": 3, "communication": 2}, skill_names=names) == []
    assert bank_problems(BANK, {"moderation": 4, "communication": 3}, skill_names=names) == [
        "Moderation: asking 4 needs at least 8 scored questions of this skill in the bank; it has 6.",
        "Communication: asking 3 needs at least 6 scored questions of this skill in the bank; it has 4.",
    ]


def _single(skill: str, prompt: str) -> dict:
    return builders.choice_question("single_choice", skill=skill, prompt=prompt)


@pytest.fixture(scope="class")
def class_bank_quiz(class_course):
    moderation = builders.skill("moderation", "Moderation", indonesian="Moderasi")
    module = class_course.get_children().first()
    quiz = builders.add_quiz(
        module,
        slug="bank-quiz",
        title="Bank",
        questions=[
            *[_single("moderation", f"Moderation question {n}?") for n in range(1, 9)],
            {"reflection": {"skill": "moderation", "prompt": "What did you learn?"}},
        ],
    )
    QuizDraw.objects.create(quiz=quiz, skill=moderation, count=4)
    return quiz


@pytest.fixture
def bank_quiz(db, class_bank_quiz):
    """Eight moderation questions, four asked per attempt, and a reflection (built before a translation of the
    course that a test asks for, so that it is translated too)."""
    return fresh(class_bank_quiz)


def _asked(html: str, quiz) -> list[str]:
    return [question.id for question in quiz.question_list() if f'name="question-{question.id}"' in html]


def _answer_all_wrong(quiz, html: str, number: int) -> dict:
    data = {"attempt": number}
    for question in quiz.question_list():
        if question.id in _asked(html, quiz):
            if question.kind == Kind.REFLECTION:
                data[f"question-{question.id}"] = "Listen first."
            else:
                data[f"question-{question.id}"] = next(c.id for c in question.choices if not c.is_correct)
    return data


def test_two_attempts_ask_different_questions_and_answers_keep_what_was_asked(client, learner, bank_quiz):
    client.force_login(learner)
    first_page = client.get(bank_quiz.url).content.decode()
    client.post(bank_quiz.url, _answer_all_wrong(bank_quiz, first_page, 1))
    second_page = client.get(bank_quiz.url).content.decode()

    first, second = _asked(first_page, bank_quiz), _asked(second_page, bank_quiz)
    assert len(first) == len(second) == 5  # four drawn and the reflection
    assert set(first) & set(second) == {bank_quiz.question_list()[-1].id}
    assert sorted(QuizAnswer.objects.values_list("question_id", flat=True)) == sorted(first)
    assert "5 questions drawn from 9: a retake asks mostly new ones" in first_page


def test_every_language_draws_the_same_questions(client, learner, bank_quiz, indonesian):
    client.force_login(learner)
    english = client.get(bank_quiz.url).content.decode()
    indonesian_page = client.get(indonesian[bank_quiz.pk].url).content.decode()

    assert _asked(indonesian_page, bank_quiz) == _asked(english, bank_quiz)
    assert (
        "5 pertanyaan diambil dari 9: mengulang berarti sebagian besar pertanyaannya baru" in indonesian_page
    )
