"""A learner's progress through the course: what they finished, what is left, where to pick up.

Completions are stored by a lesson's translation key, so finishing a lesson in one language finishes it in all.
Every function here reads with a fixed number of queries, whatever the size of the course or the learner's history.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from uuid import UUID

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.timezone import now
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from cms.cache_versions import people_changed

from .models import (
    CourseBookmark,
    CourseIndexPage,
    LessonCompletion,
    LessonPage,
    LessonStart,
    ModulePage,
    QuizAttempt,
    QuizPage,
    Skill,
)
from .skill_evidence import record_level_changes


def completed_lesson_keys(user) -> set[UUID]:
    if not user.is_authenticated:
        return set()
    return set(LessonCompletion.objects.filter(user=user).values_list("lesson_key", flat=True))


def reading_language() -> str:
    """The content language of the active language: the language of the page being served, or of the admin where
    the content has it."""
    return get_supported_content_language_variant(get_language())


def record_start(*, user, lesson: LessonPage) -> None:
    """Remember when the learner first opened the lesson (later visits change nothing), for the course funnel."""
    LessonStart.objects.bulk_create(
        [LessonStart(user=user, lesson_key=lesson.translation_key, language=reading_language())],
        ignore_conflicts=True,
    )


@transaction.atomic
def mark_complete(*, user, lesson: LessonPage) -> bool:
    """Record the lesson as finished; True if it was not already. Safe against double submits."""
    _completion, created = LessonCompletion.objects.get_or_create(
        user=user, lesson_key=lesson.translation_key
    )
    if created:
        # A completion always has a start, whichever way the learner came to the button.
        record_start(user=user, lesson=lesson)
        record_level_changes(user)
    return created


@transaction.atomic
def mark_incomplete(*, user, lesson: LessonPage) -> bool:
    """Undo a completion; True if there was one."""
    deleted, _by_model = LessonCompletion.objects.filter(
        user=user, lesson_key=lesson.translation_key
    ).delete()
    if deleted:
        record_level_changes(user)
    return bool(deleted)


def record_visit(*, user, lesson: LessonPage) -> None:
    """Remember the lesson as the learner's place in the course: written only when the place moves, which changes
    their dashboard ("continue where you left off"). A lesson's first visit always moves it, and starts the lesson."""
    if not user.is_authenticated:
        return
    key = lesson.translation_key
    moved = (
        CourseBookmark.objects.filter(user=user)
        .exclude(lesson_key=key)
        .update(lesson_key=key, updated_at=now())
    )
    if not moved:
        _bookmark, moved = CourseBookmark.objects.get_or_create(user=user, defaults={"lesson_key": key})
    if moved:
        record_start(user=user, lesson=lesson)
        people_changed([user.pk])


def skills_by_key(skills: Iterable[Skill], *, language_code: str | None = None) -> dict[UUID, Skill]:
    """The skills by translation key, in `language_code` (the active language by default) where translated, else as
    given; one query."""
    given = {skill.translation_key: skill for skill in skills}
    if not given:
        return {}
    language = language_code or reading_language()
    translated = Skill.objects.filter(translation_key__in=given.keys(), locale__language_code=language)
    return given | {skill.translation_key: skill for skill in translated}


def localized_skills(skills: Iterable[Skill]) -> list[Skill]:
    """The skills in the active language (falling back to the stored ones), in one query."""
    skills = list(skills)
    by_key = skills_by_key(skills)
    return [by_key[skill.translation_key] for skill in skills]


class LessonTally:
    """What module and course progress share: `done` of `total` lessons (both defined by the subclass)."""

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True)
class QuizStatus:
    """A quiz and how the learner has done on it so far."""

    quiz: QuizPage
    best_score: int | None = None
    passed: bool = False
    attempted: bool = False


def quiz_statuses(user, quizzes: Iterable[QuizPage]) -> list[QuizStatus]:
    """Each quiz with the learner's best score, in one query whatever the number of quizzes and attempts."""
    quizzes = list(quizzes)
    if not user.is_authenticated or not quizzes:
        return [QuizStatus(quiz) for quiz in quizzes]
    summary = {
        row["quiz_key"]: row
        for row in QuizAttempt.objects.filter(
            user=user, quiz_key__in=[quiz.translation_key for quiz in quizzes]
        )
        .values("quiz_key")
        .annotate(best=Max("score"), passed=Count("pk", filter=Q(passed=True)))
    }
    return [_quiz_status(quiz, summary.get(quiz.translation_key)) for quiz in quizzes]


def _quiz_status(quiz: QuizPage, summary: dict | None) -> QuizStatus:
    if summary is None:
        return QuizStatus(quiz)
    passed = bool(summary["passed"])
    # A best score is a score: shown only where the quiz's reveal policy shows scores.
    shows_score = quiz.rules.reveal_score
    return QuizStatus(
        quiz, best_score=summary["best"] if shows_score else None, passed=passed, attempted=True
    )


def _offered_after(quiz: QuizPage, lesson_key: UUID, *, is_last: bool) -> bool:
    if quiz.follows_lesson is None:
        return is_last
    return quiz.follows_lesson.translation_key == lesson_key


@dataclass
class ModuleProgress(LessonTally):
    module: ModulePage
    lessons: list[LessonPage]
    done_keys: set[UUID]
    skills: list[Skill] = field(default_factory=list)
    quizzes: list[QuizStatus] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def done(self) -> int:
        return sum(1 for lesson in self.lessons if self.is_done(lesson))

    @property
    def minutes_total(self) -> int:
        return sum(lesson.minutes for lesson in self.lessons)

    @property
    def minutes_left(self) -> int:
        return sum(lesson.minutes for lesson in self.lessons if not self.is_done(lesson))

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.done == self.total

    def is_done(self, lesson: LessonPage) -> bool:
        return lesson.translation_key in self.done_keys

    def first_unfinished(self) -> LessonPage | None:
        return next((lesson for lesson in self.lessons if not self.is_done(lesson)), None)

    def quizzes_after(self, lesson: LessonPage) -> list[QuizStatus]:
        """The quizzes offered after `lesson`: those that follow it, and after the last lesson the others."""
        key = lesson.translation_key
        is_last = bool(self.lessons) and self.lessons[-1].translation_key == key
        return [status for status in self.quizzes if _offered_after(status.quiz, key, is_last=is_last)]


@dataclass
class CourseOverview(LessonTally):
    modules: list[ModuleProgress]
    continue_lesson: LessonPage | None
    course_quizzes: list[QuizStatus] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(module.total for module in self.modules)

    @property
    def done(self) -> int:
        return sum(module.done for module in self.modules)

    @property
    def minutes_left(self) -> int:
        return sum(module.minutes_left for module in self.modules)


def _by_parent(items: Iterable, *, page_of=lambda item: item) -> dict[str, list]:
    """Items grouped under their page's parent tree path (children of a page share its path as a prefix)."""
    grouped: dict[str, list] = {}
    for item in items:
        page = page_of(item)
        grouped.setdefault(page.path[: -page.steplen], []).append(item)
    return grouped


def _quiz_page(status: QuizStatus) -> QuizPage:
    return status.quiz


def _module_progress(
    modules: Iterable[ModulePage],
    lessons: Iterable[LessonPage],
    done_keys,
    *,
    quizzes: Iterable[QuizStatus] = (),
    with_skills: bool = True,
) -> list[ModuleProgress]:
    modules = list(modules)
    grouped = _by_parent(lessons)
    quizzes_by_module = _by_parent(quizzes, page_of=_quiz_page)
    module_skills = {module.pk: list(module.skills.all()) if with_skills else [] for module in modules}
    by_key = skills_by_key(skill for skills in module_skills.values() for skill in skills)
    return [
        ModuleProgress(
            module=module,
            lessons=grouped.get(module.path, []),
            done_keys=done_keys,
            skills=[by_key[skill.translation_key] for skill in module_skills[module.pk]],
            quizzes=quizzes_by_module.get(module.path, []),
        )
        for module in modules
    ]


def _continue_lesson(user, lessons: list[LessonPage], done_keys: set[UUID]) -> LessonPage | None:
    """The bookmarked lesson if unfinished, else the first unfinished lesson after it, else the first unfinished."""
    if not user.is_authenticated or not lessons:
        return None
    bookmark = CourseBookmark.objects.filter(user=user).values_list("lesson_key", flat=True).first()
    keys = [lesson.translation_key for lesson in lessons]
    start = keys.index(bookmark) if bookmark in keys else 0
    for lesson in lessons[start:] + lessons[:start]:
        if lesson.translation_key not in done_keys:
            return lesson
    return None


def course_overview(*, course: CourseIndexPage, user) -> CourseOverview:
    modules = ModulePage.objects.child_of(course).live().prefetch_related("skills").order_by("path")
    lessons = list(LessonPage.objects.descendant_of(course).live().order_by("path"))
    quizzes = quiz_statuses(user, QuizPage.objects.descendant_of(course).live().order_by("path"))
    done_keys = completed_lesson_keys(user)
    return CourseOverview(
        modules=_module_progress(modules, lessons, done_keys, quizzes=quizzes),
        continue_lesson=_continue_lesson(user, lessons, done_keys),
        course_quizzes=_by_parent(quizzes, page_of=_quiz_page).get(course.path, []),
    )


def completed_modules(user) -> list[ModulePage]:
    """The live modules, in the active language, whose every live lesson the learner has completed."""
    language = reading_language()
    lesson_keys: dict[str, set[UUID]] = {}
    lessons = LessonPage.objects.live().filter(locale__language_code=language)
    for path, key in lessons.values_list("path", "translation_key"):
        lesson_keys.setdefault(path[: -LessonPage.steplen], set()).add(key)
    done_keys = completed_lesson_keys(user)
    modules = ModulePage.objects.live().filter(locale__language_code=language).defer_streamfields()
    return [
        module
        for module in modules.order_by("path")
        if lesson_keys.get(module.path) and lesson_keys[module.path] <= done_keys
    ]


def module_outline(*, module: ModulePage, user, with_skills: bool = True) -> ModuleProgress:
    lessons = LessonPage.objects.child_of(module).live().order_by("path")
    quizzes = quiz_statuses(
        user, QuizPage.objects.child_of(module).live().select_related("follows_lesson").order_by("path")
    )
    (progress,) = _module_progress(
        [module], lessons, completed_lesson_keys(user), quizzes=quizzes, with_skills=with_skills
    )
    return progress


def lesson_context(*, lesson: LessonPage, user) -> dict:
    """What a lesson page shows around the lesson: its module's outline, neighbours, skills and completion."""
    module = lesson.get_parent().specific
    outline = module_outline(module=module, user=user, with_skills=False)
    # A draft being previewed is not in the (live) outline: it has no neighbours yet.
    position = next((i for i, item in enumerate(outline.lessons) if item.pk == lesson.pk), None)
    has_position = position is not None
    return {
        "module": module,
        "outline": outline,
        "previous_lesson": outline.lessons[position - 1] if has_position and position > 0 else None,
        "next_lesson": (
            outline.lessons[position + 1] if has_position and position + 1 < len(outline.lessons) else None
        ),
        "is_done": outline.is_done(lesson),
        "quizzes_after": outline.quizzes_after(lesson),
        "lesson_skills": localized_skills(lesson.skills.all()),
    }
