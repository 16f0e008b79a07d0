"""Question banks: a quiz's questions are a bank, and each attempt asks a draw from it, per skill, so that a retake
asks mostly new questions and a pass cannot come from remembering the last attempt's marks.

Plain functions of plain data. Skills are compared by translation key, so every language draws the same questions.
"""

import random
from collections import Counter
from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from .scoring import Question

# A bank holds at least this many questions of a skill for each one an attempt asks.
BANK_FACTOR = 2


def skill_key(question: Question):
    return getattr(question.skill, "translation_key", None)


def bank_sizes(questions: Sequence[Question]) -> Counter:
    """Scored questions per skill key."""
    return Counter(skill_key(question) for question in questions if question.is_scored)


def bank_problems(questions: Sequence[Question], draws: Mapping, *, skill_names: Mapping) -> list[str]:
    """Why the draws cannot be made from this bank; `draws`: how many to ask per skill key."""
    sizes = bank_sizes(questions)
    return [
        _(
            "%(skill)s: asking %(count)d needs at least %(needed)d scored questions of this skill in the bank; "
            "it has %(size)d."
        )
        % {"skill": skill_names[key], "count": count, "needed": BANK_FACTOR * count, "size": sizes[key]}
        for key, count in draws.items()
        if sizes[key] < BANK_FACTOR * count
    ]


def draw_seed(*, user_id: int, quiz_key, number: int) -> str:
    """What fixes a learner's draw for one attempt: the form and its submission draw alike, in every language."""
    return f"{user_id}:{quiz_key}:{number}"


def draw_questions(
    questions: Sequence[Question], draws: Mapping, *, seed: str, asked_before: Counter | None = None
) -> list[Question]:
    """The questions one attempt asks, in bank order: for each skill with a draw, that many of its scored questions,
    those asked least often before first (ties broken by `seed`, fixed per learner and attempt); every other
    question (unscored ones, skills without a draw) always. Without draws the whole bank is asked."""
    if not draws:
        return list(questions)
    asked_before = asked_before or Counter()
    shuffler = random.Random(seed)  # noqa: S311 (a sample, not a secret)
    chosen: set[str] = set()
    for key, count in draws.items():
        candidates = [question for question in questions if question.is_scored and skill_key(question) == key]
        shuffler.shuffle(candidates)
        candidates.sort(key=lambda question: asked_before[question.id])  # stable: the shuffle breaks ties
        chosen.update(question.id for question in candidates[:count])
    return [
        question
        for question in questions
        if question.id in chosen or not question.is_scored or skill_key(question) not in draws
    ]
