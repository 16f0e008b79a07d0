"""The editor is warned about the cues test-wise learners use, in the editor's language."""

from fractions import Fraction

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.utils import translation

from learning.question_review import quiz_warnings
from learning.scoring import Choice, Kind, Question
from learning.wagtail_hooks import warn_about_test_wise_cues
from tests.learning import builders

RIGHT = Fraction(1)


def _single(number: int, right: str, *wrong: str) -> Question:
    return Question(
        id=f"q{number}",
        kind=Kind.SINGLE_CHOICE,
        prompt="Which?",
        choices=(Choice("a", right, credit=RIGHT), *(Choice(f"w{i}", text) for i, text in enumerate(wrong))),
    )


def _true_false(number: int, statement: str, *, correct: bool) -> Question:
    return Question(
        id=f"tf{number}",
        kind=Kind.TRUE_FALSE,
        prompt=statement,
        choices=(
            Choice("true", "True", credit=Fraction(int(correct))),
            Choice("false", "False", credit=Fraction(int(not correct))),
        ),
    )


BALANCED = [
    _single(
        1, "Reply in the thread within the hour", "Delete the post before anyone sees it", "Quote rule 3 back"
    ),
    _true_false(2, "A debrief after a serious incident helps moderators.", correct=True),
    _true_false(3, "Trolls calm down once you explain the rules at length.", correct=False),
    _true_false(4, "Slow mode cools a heated thread.", correct=True),
]


def test_well_shaped_questions_raise_no_warning():
    assert quiz_warnings(BALANCED, language="en") == []


def test_a_key_much_longer_than_every_other_choice_is_flagged():
    questions = [
        _single(
            1, "Acknowledge the delay, say what you will check and when you will report back", "Ban", "Wait"
        )
    ]

    assert quiz_warnings(questions, language="en") == [
        "Question 1: the right answer is much longer than the other choices, so learners can spot it without "
        "knowing the answer. Give the other choices the same detail."
    ]


def test_true_false_items_sharing_one_answer_and_absolute_words_are_flagged():
    questions = [
        _true_false(1, "Moderators should never delete criticism.", correct=False),
        _true_false(2, "A rule without a reason is harder to enforce.", correct=False),
        _true_false(3, "Spam deserves a warning first.", correct=False),
    ]

    assert quiz_warnings(questions, language="en") == [
        "Question 1: “never” gives the statement away (sweeping claims are usually false). Say what is true or "
        "false about a specific case instead.",
        "All 3 true-or-false statements have the same answer, so learners can answer them without reading. Make "
        "some of them true and some false.",
    ]


def test_throwaway_distractors_in_multiple_choice_are_flagged_in_indonesian():
    question = Question(
        id="mc",
        kind=Kind.MULTIPLE_CHOICE,
        prompt="Mana yang termasuk tanda spam?",
        choices=(
            Choice("a", "Tautan yang sama dikirim ke sepuluh grup dalam satu jam", credit=RIGHT),
            Choice("b", "Akun baru yang langsung menawarkan investasi pasti untung", credit=RIGHT),
            Choice("c", "Typo"),
            Choice("d", "Pertanyaan panjang tentang jadwal acara komunitas bulan depan"),
        ),
    )
    with translation.override("id"):
        warnings = quiz_warnings([question], language="id")

    assert warnings == [
        "Pertanyaan 1: “Typo” jauh lebih pendek daripada jawaban yang benar, sehingga tidak akan ada yang "
        "memilihnya. Tulis pilihan salah yang berisi kekeliruan yang memang sering terjadi."
    ]


@pytest.mark.parametrize(
    ("absolute", "language"), [("always", "en"), ("selalu", "id"), ("tidak pernah", "id"), ("only", "en")]
)
def test_absolute_words_are_found_as_whole_words(absolute, language):
    question = _true_false(1, f"Admins {absolute} reply within the hour.", correct=True)
    innocent = _true_false(2, "Admins reply within the hour, allowing for holidays.", correct=False)

    assert len(quiz_warnings([question], language=language)) == 1
    assert quiz_warnings([innocent], language=language) == []


def test_saving_a_quiz_in_the_admin_shows_the_warnings(course, editor):
    module = course.get_children().first()
    quiz = builders.add_quiz(
        module,
        slug="cue-quiz",
        questions=[
            builders.choice_question(
                "single_choice",
                prompt="First reply?",
                choices=[
                    {
                        "text": "Thank them, name the problem and say when you will report back",
                        "correct": True,
                    },
                    {"text": "Ban"},
                    {"text": "Wait"},
                ],
            )
        ],
    )
    request = RequestFactory().post("/admin/")
    request.user = editor
    request.session = {}
    request._messages = FallbackStorage(request)

    warn_about_test_wise_cues(request, quiz)

    assert [str(message) for message in get_messages(request)] == [
        "Question 1: the right answer is much longer than the other choices, so learners can spot it without "
        "knowing the answer. Give the other choices the same detail."
    ]
