"""Taking quizzes: who may attempt when, turning a submission into exactly one saved attempt, and what a result shows.

Attempts are keyed by the quiz's translation key, like lesson completions, so the English and Indonesian versions
of a quiz share one history. Each attempt keeps a copy of the questions as asked (see `QuizAnswer`).
"""

import random
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import LessonPage, QuizAnswer, QuizAttempt, QuizChoicePick, QuizPage, Reveal, Skill
from .progress import completed_lesson_keys, reading_language, skills_by_key
from .question_banks import draw_questions, draw_seed
from .scoring import AnswerResult, Choice, Kind, Question, Rating, SkillScore, score_quiz, skill_scores
from .skill_evidence import record_level_changes


def localized_questions(quiz: QuizPage) -> list[Question]:
    """The quiz's questions with their skills in the active language (one query for all skills)."""
    questions = quiz.question_list()
    by_key = skills_by_key(q.skill for q in questions if q.skill is not None)
    return [
        replace(question, skill=by_key[question.skill.translation_key]) if question.skill else question
        for question in questions
    ]


def quiz_facts(quiz: QuizPage, bank: list[Question]) -> dict:
    """What the quiz page says about a quiz before it is taken: what one attempt asks, and its rules."""
    asked = draw_questions(bank, quiz.draw_counts, seed="")  # any draw asks as many questions
    skills = list({question.skill.pk: question.skill for question in bank if question.skill}.values())
    wait, now = quiz.rules.cooldown_minutes, timezone.now()
    return {
        "question_count": len(asked),
        "bank_size": len(bank) if len(asked) < len(bank) else None,
        "scored_count": sum(1 for question in asked if question.is_scored),
        "quiz_skills": skills,
        "wait_after_failing": timeuntil(now + timedelta(minutes=wait), now) if wait else "",
    }


def questions_for_attempt(questions: list[Question], *, quiz: QuizPage, user, number: int) -> list[Question]:
    """The questions attempt `number` asks, in the learner's order: a draw from the bank (the same for the form and
    its submission, in every language), questions the learner was asked least often first."""
    asked_before = Counter(
        QuizAnswer.objects.filter(
            attempt__user=user, attempt__quiz_key=quiz.translation_key, attempt__number__lt=number
        ).values_list("question_id", flat=True)
    )
    drawn = draw_questions(
        questions,
        quiz.draw_counts,
        seed=draw_seed(user_id=user.pk, quiz_key=quiz.translation_key, number=number),
        asked_before=asked_before,
    )
    return in_learner_order(drawn, quiz=quiz, user=user, number=number)


def in_learner_order(questions: list[Question], *, quiz: QuizPage, user, number: int) -> list[Question]:
    """Choices shuffled when the quiz asks for it: in an order fixed per learner and attempt, so a form that is
    re-displayed with errors keeps the order the learner saw."""
    if not quiz.rules.shuffle_choices:
        return questions
    shuffler = random.Random(f"{user.pk}:{quiz.translation_key}:{number}")  # noqa: S311 (an order, not a secret)
    return [
        replace(question, choices=tuple(shuffler.sample(question.choices, len(question.choices))))
        if question.kind not in {Kind.TRUE_FALSE, Kind.SELF_RATING}
        else question
        for question in questions
    ]


def draft_key(*, quiz: QuizPage, user, number: int) -> str:
    """Where the learner's browser keeps the unsent answers of attempt `number` (static/js/quiz-draft.js).

    The same in every translation of the quiz: its questions and choices keep their ids, and the choice order is
    the same (see `in_learner_order`), so answers given in one language come back in the other.
    """
    return f"kelola-quiz-draft:{user.pk}:{quiz.translation_key}:{number}"


def attempts_of(user, quiz: QuizPage):
    return QuizAttempt.objects.filter(user=user, quiz_key=quiz.translation_key).order_by("number")


@dataclass(frozen=True)
class Availability:
    allowed: bool
    reason: str = ""


def availability(quiz: QuizPage, attempts: list[QuizAttempt], *, at: datetime | None = None) -> Availability:
    """Whether another attempt is allowed now, and if not, why (in words for the learner)."""
    at = at or timezone.now()
    quiz = quiz.rules
    if quiz.max_attempts is not None and len(attempts) >= quiz.max_attempts:
        return Availability(
            False,
            ngettext(
                "You have used your only attempt at this quiz.",
                "You have used all %(count)d attempts at this quiz.",
                quiz.max_attempts,
            )
            % {"count": quiz.max_attempts},
        )
    if quiz.cooldown_minutes and attempts and must_wait(attempts):
        retry_at = attempts[-1].submitted_at + timedelta(minutes=quiz.cooldown_minutes)
        if at < retry_at:
            return Availability(
                False,
                _("You can try again in %(wait)s, at %(time)s.")
                % {
                    "wait": timeuntil(retry_at, at),
                    "time": date_format(timezone.localtime(retry_at), "DATETIME_FORMAT"),
                },
            )
    return Availability(True)


# Failing this many attempts starts the wait between attempts: a first retry is free, guessing on is not.
FAILED_ATTEMPTS_BEFORE_WAITING = 2


def must_wait(attempts: list[QuizAttempt]) -> bool:
    """Whether the quiz's wait applies after the latest attempt: once it failed and so did another before it
    (a self-assessment without a pass mark waits after every attempt)."""
    latest = attempts[-1]
    if latest.passed is None:
        return True
    failed = sum(1 for attempt in attempts if attempt.passed is False)
    return latest.passed is False and failed >= FAILED_ATTEMPTS_BEFORE_WAITING


class SubmissionRefused(Exception):
    def __init__(self, message: str, attempt: QuizAttempt | None = None):
        super().__init__(message)
        self.message = message
        self.attempt = attempt


def question_record(question: Question) -> dict:
    """What an answer keeps of its question, so that history stays true after editors change the quiz."""
    return {
        "prompt": question.prompt,
        "situation": question.situation and str(question.situation),
        "explanation": question.explanation and str(question.explanation),
        "points": question.points,
        "choices": [
            {
                "id": choice.id,
                "text": str(choice.text),
                "credit": str(choice.credit),
                "rating": choice.rating and choice.rating.value,
                "feedback": choice.feedback,
            }
            for choice in question.choices
        ],
    }


def _question_from_json(data: dict, *, kind: str, question_id: str, skill) -> Question:
    return Question(
        id=question_id,
        kind=Kind(kind),
        prompt=data["prompt"],
        skill=skill,
        situation=data["situation"] or "",
        explanation=data["explanation"] or "",
        points=data["points"],
        choices=tuple(
            Choice(
                id=choice["id"],
                text=choice["text"],
                credit=Fraction(choice["credit"]),
                rating=Rating(choice["rating"]) if choice["rating"] else None,
                feedback=choice["feedback"],
            )
            for choice in data["choices"]
        ),
    )


def stored_points(value: Fraction) -> Decimal:
    """Points as saved: six decimals (see `scoring.percent`)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.000001"))


def submit_attempt(
    *, user, quiz: QuizPage, number: int, questions: list[Question], responses: dict
) -> QuizAttempt:
    """Score and save attempt `number`, all in one transaction, or refuse.

    `number` comes from the form the learner was shown: a second submit of the same form (double click, back and
    resubmit, a second tab) finds its number taken and gets the first attempt back instead of a new one.
    """
    result = score_quiz(questions, responses, pass_mark=quiz.rules.pass_mark)
    # Answers point at the skills of the default language, as lessons and modules do.
    default_skills = skills_by_key(
        (q.skill for q in questions if q.skill is not None), language_code=settings.LANGUAGE_CODE
    )
    try:
        with transaction.atomic():
            # Serialise a learner's submissions, so two requests cannot both pass the checks below.
            get_user_model().objects.select_for_update().filter(pk=user.pk).first()
            attempts = list(attempts_of(user, quiz))
            if number <= len(attempts):
                raise SubmissionRefused(
                    _("This attempt was already submitted; here is its result."), attempts[number - 1]
                )
            if number != len(attempts) + 1:
                raise SubmissionRefused(_("This quiz form is out of date. Please answer the quiz again."))
            allowed = availability(quiz, attempts)
            if not allowed.allowed:
                raise SubmissionRefused(allowed.reason)
            attempt = QuizAttempt.objects.create(
                user=user,
                quiz_key=quiz.translation_key,
                quiz=quiz,
                quiz_title=quiz.title,
                language=reading_language(),
                number=number,
                earned=stored_points(result.earned),
                possible=result.possible,
                score=result.percent if result.is_scored else None,
                pass_mark=quiz.rules.pass_mark,
                passed=result.passed,
            )
            answers = QuizAnswer.objects.bulk_create(
                QuizAnswer(
                    attempt=attempt,
                    position=position,
                    question_id=answer.question.id,
                    kind=answer.question.kind,
                    skill=default_skills.get(getattr(answer.question.skill, "translation_key", None)),
                    earned=stored_points(answer.earned),
                    possible=answer.possible,
                    self_rating=(
                        int(next(iter(answer.selected)))
                        if answer.question.kind == Kind.SELF_RATING and answer.selected
                        else None
                    ),
                    text=answer.text,
                    question=question_record(answer.question),
                    selected=sorted(answer.selected),
                )
                for position, answer in enumerate(result.answers, start=1)
            )
            QuizChoicePick.objects.bulk_create(
                QuizChoicePick(answer=answer, choice_id=choice_id)
                for answer in answers
                for choice_id in answer.selected
            )
            record_level_changes(user)
    except IntegrityError:
        # Lost a race with an identical submission (databases without row locks): the other one won.
        attempt = attempts_of(user, quiz).filter(number=number).first()
        if attempt is None:
            raise
        raise SubmissionRefused(
            _("This attempt was already submitted; here is its result."), attempt
        ) from None
    return attempt


@dataclass(frozen=True)
class AttemptHistory:
    attempts: list[QuizAttempt]

    @property
    def latest(self) -> QuizAttempt | None:
        return self.attempts[-1] if self.attempts else None

    @property
    def best(self) -> QuizAttempt | None:
        scored = [attempt for attempt in self.attempts if attempt.score is not None]
        return max(scored, key=lambda attempt: (attempt.score, -attempt.number), default=None)

    @property
    def has_passed(self) -> bool:
        return any(attempt.passed for attempt in self.attempts)


@dataclass
class AttemptResult:
    attempt: QuizAttempt
    answers: list[AnswerResult]
    reveal: Reveal
    skill_scores: list[SkillScore] = field(default_factory=list)
    weakest_skill: Skill | None = None
    lessons_to_revisit: list = field(default_factory=list)


def attempt_result(attempt: QuizAttempt, *, history: AttemptHistory) -> AttemptResult:
    """Everything the result page shows, in a fixed number of queries."""
    rows = list(attempt.answers.select_related("skill"))
    skills = skills_by_key(row.skill for row in rows if row.skill is not None)
    answers = [
        AnswerResult(
            _question_from_json(
                row.question,
                kind=row.kind,
                question_id=row.question_id,
                skill=skills[row.skill.translation_key] if row.skill else None,
            ),
            selected=frozenset(row.selected),
            text=row.text,
            earned=Fraction(row.earned),
        )
        for row in rows
    ]
    quiz = attempt.quiz
    reveal = (
        quiz.reveal(has_passed=history.has_passed, attempts_used=len(history.attempts))
        if quiz is not None
        else Reveal(score=True)
    )
    scores = skill_scores(answers)
    weakest = min(scores, key=lambda score: score.percent, default=None)
    weakest = weakest.skill if weakest is not None and weakest.percent < 100 else None
    return AttemptResult(
        attempt=attempt,
        answers=answers,
        reveal=reveal,
        skill_scores=scores,
        weakest_skill=weakest,
        lessons_to_revisit=lessons_teaching(weakest, near=quiz, user=attempt.user) if weakest else [],
    )


@dataclass(frozen=True)
class LessonSuggestion:
    lesson: LessonPage
    is_done: bool


def lessons_teaching(skill: Skill, *, near: QuizPage | None, user, limit: int = 3) -> list[LessonSuggestion]:
    """Published lessons in the active language that practise `skill`, those of the quiz's own module first."""
    lessons = list(
        LessonPage.objects.live()
        .filter(
            locale__language_code=reading_language(),
            skills__translation_key=skill.translation_key,
        )
        .order_by("path")
        .distinct()
    )
    if near is not None:
        module_path = near.path[: -QuizPage.steplen]
        lessons.sort(key=lambda lesson: not lesson.path.startswith(module_path))
    done = completed_lesson_keys(user)
    return [LessonSuggestion(lesson, lesson.translation_key in done) for lesson in lessons[:limit]]
