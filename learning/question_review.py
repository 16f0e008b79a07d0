"""How well a question is written, judged from its shape alone: the cues a test-wise learner uses to find the key
without knowing the answer (the key is the longest option, true/false statements with absolute words, multiple
choice with a fixed number of keys or throwaway distractors).

Plain functions over `scoring.Question`: the quiz quality tests hold the shipped quizzes to them, and the admin warns
editors with the same rules.
"""

import re
from collections.abc import Iterable

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .scoring import Kind, Question

# Words that give a true/false statement away: sweeping claims are nearly always false, so test-wise learners
# answer False to them without reading further.
ABSOLUTE_WORDS = {
    "en": ("always", "never", "every", "everyone", "everything", "all", "none", "nothing", "only", "must"),
    "id": (
        "selalu",
        "tidak pernah",
        "setiap",
        "semua",
        "semuanya",
        "tak pernah",
        "satu-satunya",
        "pasti",
        "harus",
    ),
}
# A key this much longer than every other option stands out at a glance.
LONGEST_BY_FAR = 1.5
# A distractor shorter than this share of the average key reads as a throwaway.
THROWAWAY_SHARE = 0.4
# Options of one question stay within this ratio of lengths, so none stands out by its length.
MAX_LENGTH_RATIO = 2.0


# Kinds with exactly one key: the correct choice, or the scenario's best response.
SINGLE_KEY_KINDS = frozenset({Kind.SINGLE_CHOICE, Kind.SCENARIO})


def key_is_strictly_longest(question: Question) -> bool:
    """The one key (single choice) or best choice (scenario) is longer than every other option."""
    keys = question.best_choices()
    if question.kind not in SINGLE_KEY_KINDS or len(keys) != 1:
        return False
    others = [len(choice.text) for choice in question.choices if choice is not keys[0]]
    return bool(others) and len(keys[0].text) > max(others)


def key_is_longest_by_far(question: Question) -> bool:
    keys = question.best_choices()
    if question.kind not in SINGLE_KEY_KINDS or len(keys) != 1:
        return False
    others = [len(choice.text) for choice in question.choices if choice is not keys[0]]
    return bool(others) and len(keys[0].text) >= LONGEST_BY_FAR * max(others)


def length_ratio(question: Question) -> float:
    """Longest option over shortest, in characters (1.0 for questions without written options)."""
    if question.kind not in SINGLE_KEY_KINDS | {Kind.MULTIPLE_CHOICE}:
        return 1.0
    lengths = [len(choice.text) for choice in question.choices]
    return max(lengths) / max(1, min(lengths))


def throwaway_distractors(question: Question) -> list[str]:
    """Wrong options of a multiple choice question much shorter than its keys: nobody would pick them."""
    if question.kind != Kind.MULTIPLE_CHOICE:
        return []
    keys = [len(choice.text) for choice in question.choices if choice.is_correct]
    if not keys:
        return []
    average_key = sum(keys) / len(keys)
    return [
        choice.text
        for choice in question.choices
        if not choice.is_correct and len(choice.text) < THROWAWAY_SHARE * average_key
    ]


def absolute_words(question: Question, *, language: str) -> list[str]:
    """The absolute words in a true/false statement."""
    if question.kind != Kind.TRUE_FALSE:
        return []
    text = strip_tags(question.prompt).casefold()
    return [
        word for word in ABSOLUTE_WORDS.get(language, ()) if re.search(rf"(?<![\w-]){word}(?![\w-])", text)
    ]


def true_false_keyed_true(questions: Iterable[Question]) -> tuple[int, int]:
    """(statements keyed True, true/false statements)."""
    statements = [question for question in questions if question.kind == Kind.TRUE_FALSE]
    return sum(1 for question in statements if question.best_choices()[0].id == "true"), len(statements)


def quiz_warnings(questions: Iterable[Question], *, language: str) -> list[str]:
    """What an editor should know about a quiz's questions before learners see it: the cues above, in words."""
    questions = list(questions)
    warnings = []
    for number, question in enumerate(questions, start=1):
        if key_is_longest_by_far(question):
            warnings.append(
                _(
                    "Question %(number)d: the right answer is much longer than the other choices, so learners can "
                    "spot it without knowing the answer. Give the other choices the same detail."
                )
                % {"number": number}
            )
        if texts := throwaway_distractors(question):
            warnings.append(
                _(
                    "Question %(number)d: “%(choice)s” is much shorter than the right answers, so nobody would pick "
                    "it. Write a wrong choice that states a mistake people really make."
                )
                % {"number": number, "choice": texts[0]}
            )
        if words := absolute_words(question, language=language):
            warnings.append(
                _(
                    "Question %(number)d: “%(word)s” gives the statement away (sweeping claims are usually false). "
                    "Say what is true or false about a specific case instead."
                )
                % {"number": number, "word": words[0]}
            )
    keyed_true, statements = true_false_keyed_true(questions)
    if statements >= 3 and keyed_true in (0, statements):
        warnings.append(
            _(
                "All %(count)d true-or-false statements have the same answer, so learners can answer them without "
                "reading. Make some of them true and some false."
            )
            % {"count": statements}
        )
    return warnings
