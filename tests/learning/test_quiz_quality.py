"""The shipped quizzes measure knowledge, not test-wiseness: learners who never read a question but follow a cue (the
longest option, one answer for every true/false, the k longest boxes, the option that repeats the question's words)
fail every quiz, in both languages, and the questions keep the shapes that deny those cues."""

import itertools
import re
from collections import Counter
from collections.abc import Callable
from statistics import mean

import pytest
from django.utils.html import strip_tags
from wagtail.models import Locale

from cms.site_pages import load_site_pages
from learning import question_review
from learning.curriculum import load_curriculum, load_skills
from learning.models import QuizPage
from learning.question_banks import BANK_FACTOR, bank_sizes, draw_questions
from learning.scoring import Kind, Question, score_quiz

LANGUAGES = ["en", "id"]


_loaded: dict = {}


@pytest.fixture
def shipped_quizzes(db):
    """{language: {quiz slug: (pass mark, questions)}}, loaded once for the module (loading takes seconds)."""
    if not _loaded:
        load_skills()
        load_curriculum(home=load_site_pages())
        _loaded["draws"] = {
            quiz.slug: quiz.draw_counts for quiz in QuizPage.objects.filter(locale__language_code="en")
        }
        for language in LANGUAGES:
            _loaded[language] = {
                quiz.slug: (quiz.rules.pass_mark, quiz.question_list())
                for quiz in QuizPage.objects.filter(locale=Locale.objects.get(language_code=language))
            }
    return _loaded


def _length(choice) -> int:
    return len(choice.text)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", strip_tags(text).casefold()))


def _overlap(question: Question) -> Callable:
    asked = _words(question.situation) | _words(question.prompt)
    return lambda choice: len(_words(choice.text) & asked)


# How a test-wise player picks one option among written ones.
ONE_OPTION = {
    "longest": lambda question: max(question.choices, key=_length),
    "shortest": lambda question: min(question.choices, key=_length),
    "most words of the question": lambda question: max(question.choices, key=_overlap(question)),
    # Cues learners switch to once the longest option stops working.
    "second longest": lambda question: sorted(question.choices, key=_length, reverse=True)[1],
    "most detailed (commas)": lambda question: max(
        question.choices, key=lambda choice: choice.text.count(",")
    ),
}
# How many boxes a test-wise player ticks in multiple choice: a fixed number of the longest, or half of them.
BOX_COUNTS = {"1": lambda n: 1, "2": lambda n: 2, "3": lambda n: 3, "half": lambda n: n // 2}


def _player(option_rule: str, true_false: str, boxes: str) -> Callable[[Question], list[str]]:
    def answer(question: Question) -> list[str]:
        if question.kind == Kind.TRUE_FALSE:
            return [true_false]
        if question.kind == Kind.MULTIPLE_CHOICE:
            longest_first = sorted(question.choices, key=_length, reverse=True)
            return [choice.id for choice in longest_first[: BOX_COUNTS[boxes](len(question.choices))]]
        return [ONE_OPTION[option_rule](question).id]

    return answer


PLAYERS = {
    f"{option_rule}, {true_false} for true/false, {boxes} longest boxes": _player(
        option_rule, true_false, boxes
    )
    for option_rule, true_false, boxes in itertools.product(ONE_OPTION, ["true", "false"], BOX_COUNTS)
}


def _play(answer, questions: list[Question], pass_mark: int):
    scored = [question for question in questions if question.is_scored]
    return score_quiz(scored, {question.id: answer(question) for question in scored}, pass_mark=pass_mark)


@pytest.mark.parametrize("language", LANGUAGES)
def test_test_wise_players_fail_every_quiz_and_average_at_most_45_percent(shipped_quizzes, language):
    passes, averages = {}, {}
    for name, answer in PLAYERS.items():
        results = {
            slug: _play(answer, questions, pass_mark)
            for slug, (pass_mark, questions) in shipped_quizzes[language].items()
        }
        if passed := sorted(slug for slug, result in results.items() if result.passed):
            passes[name] = passed
        averages[name] = round(mean(result.percent for result in results.values()), 1)
    assert passes == {}
    assert {name: average for name, average in averages.items() if average > 45} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_key_is_the_strictly_longest_option_in_at_most_one_item_in_four(shipped_quizzes, language):
    too_often = {}
    for slug, (_pass_mark, questions) in shipped_quizzes[language].items():
        items = [question for question in questions if question.kind in question_review.SINGLE_KEY_KINDS]
        longest = sum(1 for question in items if question_review.key_is_strictly_longest(question))
        if longest * 4 > len(items):
            too_often[slug] = f"{longest} of {len(items)}"
    assert too_often == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_options_of_a_question_are_of_similar_length(shipped_quizzes, language):
    uneven = {
        f"{slug} Q{position}": round(question_review.length_ratio(question), 2)
        for slug, (_pass_mark, questions) in shipped_quizzes[language].items()
        for position, question in enumerate(questions, start=1)
        if question_review.length_ratio(question) > question_review.MAX_LENGTH_RATIO
    }
    assert uneven == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_true_false_is_keyed_true_in_40_to_60_percent_across_the_course(shipped_quizzes, language):
    questions = [
        question for _mark, questions in shipped_quizzes[language].values() for question in questions
    ]
    keyed_true, statements = question_review.true_false_keyed_true(questions)
    assert statements >= 10
    assert 0.4 <= keyed_true / statements <= 0.6, f"{keyed_true} of {statements} keyed True"


@pytest.mark.parametrize("language", LANGUAGES)
def test_true_false_statements_use_no_absolute_words(shipped_quizzes, language):
    found = {
        f"{slug} Q{position}": words
        for slug, (_pass_mark, questions) in shipped_quizzes[language].items()
        for position, question in enumerate(questions, start=1)
        if (words := question_review.absolute_words(question, language=language))
    }
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_multiple_choice_has_4_to_6_options_a_varying_number_of_keys_and_no_throwaway_distractors(
    shipped_quizzes, language
):
    items = {
        f"{slug} Q{position}": question
        for slug, (_pass_mark, questions) in shipped_quizzes[language].items()
        for position, question in enumerate(questions, start=1)
        if question.kind == Kind.MULTIPLE_CHOICE
    }
    assert {name: len(q.choices) for name, q in items.items() if not 4 <= len(q.choices) <= 6} == {}
    key_counts = Counter(len(question.best_choices()) for question in items.values())
    assert len(key_counts) >= 3, f"keys per multiple choice item: {dict(key_counts)}"
    assert max(key_counts.values()) <= len(items) / 2, f"keys per multiple choice item: {dict(key_counts)}"
    throwaways = {
        name: texts for name, q in items.items() if (texts := question_review.throwaway_distractors(q))
    }
    assert throwaways == {}


def test_each_quiz_asks_the_same_questions_with_the_same_keys_in_both_languages(shipped_quizzes):
    def shape(questions):
        return [
            (
                q.id,
                q.kind,
                q.skill.translation_key if q.skill else None,
                [(c.id, c.credit) for c in q.choices],
            )
            for q in questions
        ]

    english, indonesian = shipped_quizzes["en"], shipped_quizzes["id"]
    assert sorted(english) == sorted(indonesian)
    assert {slug: shape(questions) for slug, (_mark, questions) in english.items()} == {
        slug: shape(questions) for slug, (_mark, questions) in indonesian.items()
    }


def test_every_module_quiz_draws_its_attempts_from_a_bank_twice_their_size(shipped_quizzes):
    banks = {}
    for slug, (_pass_mark, questions) in shipped_quizzes["en"].items():
        if slug == "where-do-i-stand":
            continue
        draws = shipped_quizzes["draws"][slug]
        drawn = draw_questions(questions, draws, seed="any")
        sizes = bank_sizes(questions)
        banks[slug] = {
            "asked": sum(1 for question in drawn if question.is_scored),
            "bank": sum(sizes.values()),
            "skills short of twice their draw": sorted(
                str(key) for key, count in draws.items() if sizes[key] < BANK_FACTOR * count
            ),
            "scored skills without a draw": sorted({str(key) for key in sizes} - {str(key) for key in draws}),
        }
    assert len(banks) == 9
    assert {
        slug: bank for slug, bank in banks.items() if bank["asked"] < 8 or bank["bank"] < 2 * bank["asked"]
    } == {}
    assert {slug: bank for slug, bank in banks.items() if bank["skills short of twice their draw"]} == {}
    assert {slug: bank for slug, bank in banks.items() if bank["scored skills without a draw"]} == {}
