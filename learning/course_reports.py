"""The editors' course and question reports (docs/analytics.md): sums gathered in the database, figures worked out
by `item_analysis`. Counts and rates only, never a learner; a figure resting on fewer than MIN_LEARNERS learners is
left out.

Every function runs a fixed number of queries whatever the number of learners and attempts (the course funnel one
more per module, the quiz index one more per quiz page for its questions).
"""

import itertools
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from statistics import mean
from uuid import UUID

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    Max,
    OuterRef,
    Q,
    Sum,
    Window,
)
from django.db.models.functions import Cast, RowNumber, TruncMonth
from django.utils import timezone

from cms.accounts.roles import Role

from .item_analysis import (
    MIN_LEARNERS,
    ChoiceCounts,
    FlagReason,
    GroupBounds,
    ItemSums,
    TotalSums,
    cronbach_alpha,
    discrimination,
    facility,
    flags,
    group_bounds,
    upper_lower_index,
)
from .models import (
    CourseIndexPage,
    LessonCompletion,
    LessonPage,
    LessonStart,
    ModulePage,
    QuizAnswer,
    QuizAttempt,
    QuizChoicePick,
    QuizPage,
    Skill,
)
from .progress import reading_language
from .question_banks import skill_key
from .quizzes import localized_questions
from .scoring import Choice, Question


@dataclass(frozen=True)
class ReportFilters:
    """What both reports can be narrowed to: days (inclusive, in the site's time zone), the language learners read
    in, and a cohort (the first day of a sign-up month)."""

    date_from: date | None = None
    date_to: date | None = None
    language: str = ""
    cohort: date | None = None

    def _moment(self, day: date) -> datetime:
        return timezone.make_aware(datetime.combine(day, time.min))

    def on(self, *, when: str, prefix: str = "") -> Q:
        """The filters as a condition on a record with a `when` moment, a `language` and a `user`, reached through
        `prefix`."""
        condition = Q()
        if self.date_from:
            condition &= Q(**{f"{prefix}{when}__gte": self._moment(self.date_from)})
        if self.date_to:
            condition &= Q(**{f"{prefix}{when}__lt": self._moment(self.date_to + timedelta(days=1))})
        if self.language:
            condition &= Q(**{f"{prefix}language": self.language})
        if self.cohort:
            month_after = (self.cohort.replace(day=28) + timedelta(days=4)).replace(day=1)
            condition &= Q(
                **{
                    f"{prefix}user__date_joined__gte": self._moment(self.cohort),
                    f"{prefix}user__date_joined__lt": self._moment(month_after),
                }
            )
        return condition


def cohorts() -> list[date]:
    """Sign-up months with at least MIN_LEARNERS learners, newest first: the only cohorts the reports offer."""
    months = (
        get_user_model()
        .objects.filter(groups__name=Role.LEARNER.value)
        .annotate(month=TruncMonth("date_joined"))
        .values("month")
        .annotate(learners=Count("pk", distinct=True))
        .filter(learners__gte=MIN_LEARNERS)
        .order_by("-month")
    )
    return [timezone.localtime(row["month"]).date() for row in months]


def shown(count: int) -> bool:
    return count >= MIN_LEARNERS


# Course funnel


@dataclass(frozen=True)
class LessonRow:
    lesson: LessonPage
    started: int
    completed: int
    median_minutes: float | None
    # 1 - started(next) / started(this); None for the last lesson, or where either count is hidden.
    drop_off: float | None = None

    @property
    def shown(self) -> bool:
        return shown(self.started)

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.started if self.started else None


@dataclass(frozen=True)
class QuizRow:
    quiz: QuizPage
    learners: int
    passed: int
    attempts_to_pass: float | None
    has_pass_mark: bool

    @property
    def shown(self) -> bool:
        return shown(self.learners)

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.learners if self.learners and self.has_pass_mark else None


@dataclass(frozen=True)
class ModuleFunnel:
    module: ModulePage | None  # None: the quizzes at the top of the course
    started: int
    finished: int
    lessons: list[LessonRow] = field(default_factory=list)
    quizzes: list[QuizRow] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return shown(self.started)


def _course_pages():
    """The course's modules, lessons and quizzes in the report language, in course order."""
    language = {"locale__language_code": reading_language()}
    course = CourseIndexPage.objects.live().filter(**language).first()
    if course is None:
        return None, [], [], []
    modules = list(ModulePage.objects.child_of(course).live().defer_streamfields().order_by("path"))
    lessons = list(LessonPage.objects.descendant_of(course).live().defer_streamfields().order_by("path"))
    quizzes = list(QuizPage.objects.descendant_of(course).live().defer_streamfields().order_by("path"))
    return course, modules, lessons, quizzes


def _children(pages: list, parent) -> list:
    return [page for page in pages if page.path.startswith(parent.path) and page.depth == parent.depth + 1]


def _lesson_counts(filters: ReportFilters) -> dict[UUID, tuple[int, int]]:
    """Per lesson key: learners who first opened it within the filters, and how many of them completed it."""
    rows = (
        _starts_with_completion(filters)
        .values("lesson_key")
        .annotate(started=Count("pk"), completed=Count("completion"))
    )
    return {row["lesson_key"]: (row["started"], row["completed"]) for row in rows}


def _starts_with_completion(filters: ReportFilters):
    return LessonStart.objects.filter(filters.on(when="started_at")).annotate(
        completion=FilteredRelation(
            "user__lesson_completions", condition=Q(user__lesson_completions__lesson_key=F("lesson_key"))
        )
    )


def _median_minutes(filters: ReportFilters) -> dict[UUID, float]:
    """Per lesson key, the median time from first visit to completion, in minutes: the middle one or two durations
    picked by the database."""
    duration = ExpressionWrapper(
        F("completion__completed_at") - F("started_at"), output_field=DurationField()
    )
    middle = (
        _starts_with_completion(filters)
        .filter(completion__isnull=False)
        .annotate(
            duration=duration,
            position=Window(RowNumber(), partition_by=[F("lesson_key")], order_by=duration.asc()),
            completions=Window(Count("pk"), partition_by=[F("lesson_key")]),
        )
        # Integer division: the middle position for an odd count, the two middle ones for an even count.
        .filter(position__gte=(F("completions") + 1) / 2, position__lte=(F("completions") + 2) / 2)
        .values_list("lesson_key", "duration")
    )
    durations = defaultdict(list)
    for key, value in middle:
        durations[key].append(value.total_seconds() / 60)
    return {key: mean(values) for key, values in durations.items()}


def _module_counts(filters: ReportFilters, lesson_keys: list[UUID]) -> tuple[int, int]:
    """Learners who first opened a lesson of the module within the filters, and those of them who completed all
    its lessons."""
    starters = LessonStart.objects.filter(filters.on(when="started_at"), lesson_key__in=lesson_keys).values(
        "user"
    )
    started = starters.distinct().count()
    finished = (
        LessonCompletion.objects.filter(lesson_key__in=lesson_keys, user__in=starters)
        .values("user")
        .annotate(done=Count("lesson_key", distinct=True))
        .filter(done=len(lesson_keys))
        .count()
    )
    return started, finished


def _quiz_counts(filters: ReportFilters) -> dict[UUID, tuple[int, int, float | None]]:
    """Per quiz key: learners with an attempt within the filters, those of them with a passing one, and the mean
    number of the first passing attempt over learners whose first pass is within the filters."""
    attempts = QuizAttempt.objects.filter(filters.on(when="submitted_at"))
    counts = attempts.values("quiz_key").annotate(
        learners=Count("user", distinct=True), passed=Count("user", distinct=True, filter=Q(passed=True))
    )
    earlier_pass = QuizAttempt.objects.filter(
        user=OuterRef("user"), quiz_key=OuterRef("quiz_key"), passed=True, number__lt=OuterRef("number")
    )
    first_passes = dict(
        attempts.filter(passed=True)
        .filter(~Exists(earlier_pass))
        .values("quiz_key")
        .annotate(attempts=Avg("number"))
        .values_list("quiz_key", "attempts")
    )
    return {
        row["quiz_key"]: (row["learners"], row["passed"], first_passes.get(row["quiz_key"])) for row in counts
    }


def course_funnel(filters: ReportFilters) -> list[ModuleFunnel]:
    """Per module, in course order: its lessons' funnel and its quizzes' pass figures. Quizzes at the top of the
    course (the baseline) come first, in a group of their own."""
    course, modules, lessons, quizzes = _course_pages()
    if course is None:
        return []
    counts = _lesson_counts(filters)
    medians = _median_minutes(filters)
    quiz_counts = _quiz_counts(filters)

    def quiz_rows(parent) -> list[QuizRow]:
        return [
            QuizRow(
                quiz, *quiz_counts.get(quiz.translation_key, (0, 0, None)), has_pass_mark=bool(quiz.pass_mark)
            )
            for quiz in _children(quizzes, parent)
        ]

    funnels = []
    if course_quizzes := quiz_rows(course):
        funnels.append(ModuleFunnel(None, 0, 0, quizzes=course_quizzes))
    for module in modules:
        module_lessons = _children(lessons, module)
        rows = [
            LessonRow(
                lesson, *counts.get(lesson.translation_key, (0, 0)), medians.get(lesson.translation_key)
            )
            for lesson in module_lessons
        ]
        rows = [
            replace(row, drop_off=1 - after.started / row.started) if row.shown and after.shown else row
            for row, after in itertools.pairwise(rows)
        ] + rows[-1:]
        started, finished = _module_counts(filters, [lesson.translation_key for lesson in module_lessons])
        funnels.append(ModuleFunnel(module, started, finished, lessons=rows, quizzes=quiz_rows(module)))
    return funnels


# Question statistics


def first_attempts(filters: ReportFilters, *, quiz_key: UUID | None = None):
    """Each learner's first attempt at a quiz with scored questions, kept when it meets the filters."""
    return QuizAttempt.objects.filter(_first_attempts_of(filters, quiz_key, through=""))


def _first_attempts_of(filters: ReportFilters, quiz_key: UUID | None, *, through: str) -> Q:
    """`first_attempts` as a condition on the attempts, or on the records that reach one `through` a relation: a
    join, where an `attempt__in` subquery would be read again for every row."""
    condition = filters.on(when="submitted_at", prefix=through) & Q(
        **{f"{through}number": 1, f"{through}possible__gt": 0}
    )
    return condition & Q(**{f"{through}quiz_key": quiz_key}) if quiz_key else condition


def _score(through: str = ""):
    """An attempt's score as a fraction, a float: SQLite divides integers as integers."""
    return Cast(f"{through}earned", FloatField()) / F(f"{through}possible")


def _group_bounds(filters: ReportFilters, quiz_key: UUID | None) -> dict[UUID, GroupBounds]:
    """Per quiz key, the bounds of its upper and lower groups, from how many first attempts got each score."""
    score_counts = defaultdict(dict)
    rows = (
        first_attempts(filters, quiz_key=quiz_key)
        .values("quiz_key", fraction=_score())
        .annotate(attempts=Count("pk"))
    )
    for row in rows:
        score_counts[row["quiz_key"]][row["fraction"]] = row["attempts"]
    return {key: bounds for key, counts in score_counts.items() if (bounds := group_bounds(counts))}


class _Buckets:
    """Sums the database gathered per attempt score, added up into the whole and into the upper and lower groups:
    a few rows per score whatever the number of learners, and no test of group membership per answer."""

    def __init__(self, bounds: dict[UUID, GroupBounds]):
        self.bounds = bounds
        self.whole: dict = defaultdict(lambda: defaultdict(float))
        self.upper: dict = defaultdict(lambda: defaultdict(float))
        self.lower: dict = defaultdict(lambda: defaultdict(float))

    def add(self, quiz: UUID, key: tuple, score: float, sums: dict) -> None:
        bounds = self.bounds.get(quiz)
        for target, member in (
            (self.whole, True),
            (self.upper, bounds is not None and score >= bounds.upper),
            (self.lower, bounds is not None and score <= bounds.lower),
        ):
            if member:
                for name, value in sums.items():
                    target[key][name] += float(value)


def _item_sums(
    filters: ReportFilters, quiz_key: UUID | None, bounds: dict[UUID, GroupBounds]
) -> dict[tuple[UUID, str], ItemSums]:
    x = Cast("earned", FloatField())
    y = Cast("attempt__earned", FloatField()) - x
    rows = (
        QuizAnswer.objects.filter(_first_attempts_of(filters, quiz_key, through="attempt__"), possible__gt=0)
        .values("question_id", quiz=F("attempt__quiz_key"), score=_score("attempt__"))
        .annotate(
            answers=Count("pk"),
            points=Max("possible"),
            sum_x=Sum(x),
            sum_x2=Sum(x * x),
            sum_y=Sum(y),
            sum_y2=Sum(y * y),
            sum_xy=Sum(x * y),
            credit=Sum(x / F("possible")),
        )
    )
    buckets, points = _Buckets(bounds), {}
    for row in rows:
        key = (row.pop("quiz"), row.pop("question_id"))
        points[key] = max(points.get(key, 0), row.pop("points"))
        buckets.add(key[0], key, row.pop("score"), row)
    return {
        key: ItemSums(
            answers=int(whole["answers"]),
            points=points[key],
            sum_x=whole["sum_x"],
            sum_x2=whole["sum_x2"],
            sum_y=whole["sum_y"],
            sum_y2=whole["sum_y2"],
            sum_xy=whole["sum_xy"],
            upper_answers=int(buckets.upper[key]["answers"]),
            upper_credit=buckets.upper[key]["credit"],
            lower_answers=int(buckets.lower[key]["answers"]),
            lower_credit=buckets.lower[key]["credit"],
        )
        for key, whole in buckets.whole.items()
    }


def _choice_counts(
    filters: ReportFilters, quiz_key: UUID | None, bounds: dict[UUID, GroupBounds]
) -> dict[tuple[UUID, str], list[ChoiceCounts]]:
    rows = (
        QuizChoicePick.objects.filter(
            _first_attempts_of(filters, quiz_key, through="answer__attempt__"), answer__possible__gt=0
        )
        .values(
            quiz=F("answer__attempt__quiz_key"),
            question=F("answer__question_id"),
            choice=F("choice_id"),
            score=_score("answer__attempt__"),
        )
        .annotate(picks=Count("pk"))
    )
    buckets = _Buckets(bounds)
    for row in rows:
        key = (row["quiz"], row["question"], row["choice"])
        buckets.add(row["quiz"], key, row["score"], {"picks": row["picks"]})
    counts = defaultdict(list)
    for (quiz, question, choice), whole in buckets.whole.items():
        counts[quiz, question].append(
            ChoiceCounts(
                choice,
                int(whole["picks"]),
                int(buckets.upper[quiz, question, choice]["picks"]),
                int(buckets.lower[quiz, question, choice]["picks"]),
            )
        )
    return counts


def _total_sums(filters: ReportFilters, quiz_key: UUID | None) -> dict[UUID, tuple[TotalSums, float]]:
    """Per quiz key: its first attempts' totals, and their mean score (%)."""
    total = Cast("earned", FloatField())
    rows = (
        first_attempts(filters, quiz_key=quiz_key)
        .values("quiz_key")
        .annotate(attempts=Count("pk"), sum_t=Sum(total), sum_t2=Sum(total * total), mean_score=Avg("score"))
    )
    return {
        row["quiz_key"]: (
            TotalSums(row["attempts"], float(row["sum_t"]), float(row["sum_t2"])),
            row["mean_score"],
        )
        for row in rows
    }


@dataclass(frozen=True)
class ChoiceStatistics:
    choice: Choice
    is_key: bool
    picks: int
    rate: float
    upper_rate: float | None
    lower_rate: float | None


@dataclass(frozen=True)
class QuestionStatistics:
    number: int  # its place in the quiz, from 1, as the editor shows it
    question: Question
    sums: ItemSums
    choices: list[ChoiceStatistics]
    flags: list[FlagReason]

    @property
    def shown(self) -> bool:
        return shown(self.sums.answers)

    @property
    def facility(self) -> float | None:
        return facility(self.sums)

    @property
    def discrimination(self) -> float | None:
        return discrimination(self.sums)

    @property
    def upper_lower(self) -> float | None:
        return upper_lower_index(self.sums)


@dataclass(frozen=True)
class Bank:
    skill: Skill | None
    drawn: int | None  # questions each attempt asks of it; None: all
    questions: list[QuestionStatistics]


@dataclass(frozen=True)
class QuizStatistics:
    quiz: QuizPage
    learners: int
    mean_score: float | None
    alpha: float | None
    banks: list[Bank] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return shown(self.learners)

    @property
    def questions(self) -> list[QuestionStatistics]:
        return [question for bank in self.banks for question in bank.questions]

    @property
    def flagged(self) -> int:
        return sum(1 for question in self.questions if question.flags)


EMPTY_SUMS = ItemSums(0, 0, 0.0, 0.0, 0.0, 0.0, 0.0)


def _question_statistics(question: Question, number: int, sums: ItemSums, counts: list[ChoiceCounts]):
    by_id = {count.choice_id: count for count in counts}
    keys = {choice.id for choice in question.best_choices()}
    choices = [
        ChoiceStatistics(
            choice,
            is_key=choice.id in keys,
            picks=(picked := by_id.get(choice.id, ChoiceCounts(choice.id, 0))).picks,
            rate=picked.picks / sums.answers if sums.answers else 0.0,
            upper_rate=picked.upper_picks / sums.upper_answers if sums.upper_answers else None,
            lower_rate=picked.lower_picks / sums.lower_answers if sums.lower_answers else None,
        )
        for choice in question.choices
    ]
    return QuestionStatistics(number, question, sums, choices, flags(question, sums, counts))


def _localized(quizzes: list[QuizPage]) -> list[QuizPage]:
    """The quizzes in the report language where translated (statistics are shared by translation key)."""
    translated = {
        quiz.translation_key: quiz
        for quiz in QuizPage.objects.filter(
            translation_key__in=[quiz.translation_key for quiz in quizzes],
            locale__language_code=reading_language(),
        )
    }
    return [translated.get(quiz.translation_key, quiz) for quiz in quizzes]


def quiz_statistics(filters: ReportFilters, *, quizzes: list[QuizPage]) -> list[QuizStatistics]:
    """Each quiz's statistics over the first attempts meeting the filters, its questions grouped in banks."""
    only = quizzes[0].translation_key if len(quizzes) == 1 else None
    totals = _total_sums(filters, only)
    bounds = _group_bounds(filters, only)
    items = _item_sums(filters, only, bounds)
    choices = _choice_counts(filters, only, bounds)
    results = []
    for quiz in _localized(quizzes):
        key = quiz.translation_key
        total, mean_score = totals.get(key, (TotalSums(0, 0.0, 0.0), None))
        quiz_items = [sums for (quiz_key, _id), sums in items.items() if quiz_key == key]
        banks: dict = {}
        for number, question in enumerate(localized_questions(quiz), start=1):
            if not question.is_scored:
                continue
            banks.setdefault(skill_key(question), (question.skill, []))[1].append(
                _question_statistics(
                    question,
                    number,
                    items.get((key, question.id), EMPTY_SUMS),
                    choices.get((key, question.id), []),
                )
            )
        draws = quiz.draw_counts
        results.append(
            QuizStatistics(
                quiz,
                learners=total.attempts,
                mean_score=mean_score,
                alpha=cronbach_alpha(quiz_items, total),
                banks=[Bank(skill, draws.get(key), questions) for key, (skill, questions) in banks.items()],
            )
        )
    return results


def quizzes_with_attempts() -> list[QuizPage]:
    """The live quizzes of the default language that have attempts, in course order."""
    keys = QuizAttempt.objects.values("quiz_key").distinct()
    return list(
        QuizPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE, translation_key__in=keys)
        .order_by("path")
    )
