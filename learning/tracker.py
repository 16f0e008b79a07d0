"""The skills tracker: each skill's level and why, goals and the time left, progress over the last 90 days, recent
activity and what to do next. A fixed number of queries whatever the number of skills, attempts and completions."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant

from cms.cache_versions import people_changed
from cms.extensions import Registry

from .charts import RadarAxis, RadarChart, radar_chart
from .levels import SkillLevel
from .models import LessonCompletion, LessonPage, QuizAttempt, QuizPage, Skill, SkillGoal, SkillLevelChange
from .progress import QuizStatus, completed_lesson_keys, quiz_statuses, skills_by_key
from .skill_evidence import AssessedSkill, assess_skills, recorded_levels
from .skill_levels import SkillAssessment

HISTORY_DAYS = 90
TIMELINE_LENGTH = 10
RECOMMENDED_SKILLS = 3


@dataclass
class SkillProgress:
    skill: Skill  # in the active language
    assessment: SkillAssessment
    goal: SkillGoal | None
    level_before: int  # HISTORY_DAYS ago
    today: date

    @property
    def level(self) -> int:
        return self.assessment.level

    @property
    def gap(self) -> int | None:
        """Levels still to go to the goal (0 once reached); None without a goal."""
        return max(self.goal.target_level - self.level, 0) if self.goal else None

    @property
    def days_left(self) -> int | None:
        if self.goal is None or self.goal.target_date is None:
            return None
        return (self.goal.target_date - self.today).days

    @property
    def change(self) -> int:
        """Levels gained (negative: lost) over the last HISTORY_DAYS."""
        return self.level - self.level_before

    @property
    def drop(self) -> int:
        return max(-self.change, 0)


@dataclass(frozen=True)
class Activity:
    at: datetime
    text: str
    url: str = ""


@dataclass
class Recommendation:
    progress: SkillProgress
    lesson: LessonPage | None = None
    quiz: QuizStatus | None = None


@dataclass
class Tracker:
    skills: list[SkillProgress]
    activity: list[Activity]
    recommendations: list[Recommendation]
    chart: RadarChart | None

    @property
    def has_goals(self) -> bool:
        return any(item.goal for item in self.skills)

    @property
    def to_discuss(self) -> list[SkillProgress]:
        return [item for item in self.skills if item.assessment.views_disagree]


def _language() -> str:
    return get_supported_content_language_variant(get_language())


def _levels_on(changes: list[SkillLevelChange], moment: datetime) -> dict[int, int]:
    recorded = recorded_levels(change for change in changes if change.changed_at < moment)
    return {skill_id: level for skill_id, (level, _verified) in recorded.items()}


def _localized_pages(model, keys: set[UUID]) -> dict:
    """The published pages of `model` with these translation keys, in the active language where translated."""
    pages = (
        model.objects.live()
        .filter(translation_key__in=keys, locale__language_code__in={_language(), settings.LANGUAGE_CODE})
        .select_related("locale")
    )
    by_key = {}
    for page in pages:
        if page.translation_key not in by_key or page.locale.language_code == _language():
            by_key[page.translation_key] = page
    return by_key


# Extension point: what else the timeline shows (mentors' endorsements): callables (user, skill_names, limit) →
# the latest `limit` Activity items, in a fixed number of queries.
TIMELINE_SOURCES = Registry("activity timeline items of the features")


def _activity(user, *, changes, skill_names: dict[int, str], is_owner: bool) -> list[Activity]:
    attempts = with_shared_quiz_pages(
        QuizAttempt.objects.filter(user=user)
        .select_related("quiz")
        .order_by("-submitted_at")[:TIMELINE_LENGTH]
    )
    completions = list(LessonCompletion.objects.filter(user=user).order_by("-completed_at")[:TIMELINE_LENGTH])
    lessons = _localized_pages(LessonPage, {completion.lesson_key for completion in completions})
    quizzes = _localized_pages(QuizPage, {attempt.quiz_key for attempt in attempts})
    items = [
        Activity(
            attempt.submitted_at,
            _("Took “%(quiz)s”: %(score)s")
            % {
                # The quiz's title in the learner's language; the title it had then if it is gone.
                "quiz": quizzes[attempt.quiz_key].title
                if attempt.quiz_key in quizzes
                else attempt.quiz_title,
                "score": score_text(attempt),
            },
            attempt.get_absolute_url() if is_owner else "",
        )
        for attempt in attempts
    ]
    items += [
        Activity(
            completion.completed_at,
            _("Completed the lesson “%(lesson)s”") % {"lesson": lessons[completion.lesson_key].title},
            lessons[completion.lesson_key].url,
        )
        for completion in completions
        if completion.lesson_key in lessons
    ]
    items += [
        Activity(
            change.changed_at,
            _("%(skill)s: now %(level)s")
            % {"skill": skill_names[change.skill_id], "level": change.get_level_display()},
        )
        for change in changes[-TIMELINE_LENGTH:]
        if change.skill_id in skill_names
    ]
    for source in TIMELINE_SOURCES:
        items += source(user, skill_names=skill_names, limit=TIMELINE_LENGTH)
    return sorted(items, key=lambda item: item.at, reverse=True)[:TIMELINE_LENGTH]


def with_shared_quiz_pages(attempts) -> list[QuizAttempt]:
    """The attempts, those of one quiz sharing one page object, so that its rules (a query) are looked up once
    however many attempts there are."""
    attempts = list(attempts)
    pages = {}
    for attempt in attempts:
        if attempt.quiz_id is not None:
            attempt.quiz = pages.setdefault(attempt.quiz_id, attempt.quiz)
    return attempts


def score_text(attempt: QuizAttempt) -> str:
    """The attempt's score as the quiz's result page would show it: "done" where the quiz hides scores."""
    hidden = attempt.quiz is not None and not attempt.quiz.rules.reveal_score
    if attempt.score is None or hidden:
        return _("done")
    return f"{attempt.score}%"


def _recommendations(user, skills: list[SkillProgress]) -> list[Recommendation]:
    """For the skills furthest from their goals (or, without goals, the lowest), the next lesson and quiz."""
    with_goals = [item for item in skills if item.gap]
    if with_goals:
        chosen = sorted(
            with_goals, key=lambda item: (-item.gap, item.days_left if item.days_left is not None else 10**6)
        )
    elif not any(item.goal for item in skills):
        chosen = sorted(skills, key=lambda item: item.level)
    else:
        chosen = []
    chosen = chosen[:RECOMMENDED_SKILLS]
    if not chosen:
        return []
    language = _language()
    lessons = list(
        LessonPage.objects.live()
        .filter(locale__language_code=language)
        .order_by("path")
        .prefetch_related("skills")
    )
    done = completed_lesson_keys(user)
    quizzes = quiz_statuses(
        user, QuizPage.objects.live().filter(locale__language_code=language).order_by("path")
    )
    skill_keys = dict(Skill.objects.values_list("pk", "translation_key"))
    recommendations = []
    for item in chosen:
        key = item.skill.translation_key
        lesson = next(
            (
                lesson
                for lesson in lessons
                if lesson.translation_key not in done
                and any(s.translation_key == key for s in lesson.skills.all())
            ),
            None,
        )
        quiz = next(
            (
                status
                for status in quizzes
                if not status.passed and key in _quiz_skill_keys(status.quiz, skill_keys)
            ),
            None,
        )
        recommendations.append(Recommendation(item, lesson, quiz))
    return recommendations


def _quiz_skill_keys(quiz: QuizPage, skill_keys: dict[int, UUID]) -> set[UUID]:
    """The skills a quiz's questions check, read from the stored blocks without building them."""
    return {
        skill_keys.get(block["value"].get("skill"))
        for block in quiz.questions.raw_data
        if block["value"].get("skill") is not None
    }


def skills_tracker(user, *, is_owner: bool = True) -> Tracker:
    today = timezone.localdate()
    since = timezone.now() - timedelta(days=HISTORY_DAYS)
    assessed: list[AssessedSkill] = assess_skills(user)
    localized = skills_by_key(item.skill for item in assessed)
    goals = {goal.skill_id: goal for goal in SkillGoal.objects.filter(user=user)}
    changes = list(SkillLevelChange.objects.filter(user=user))
    before = _levels_on(changes, since)
    skills = [
        SkillProgress(
            skill=localized[item.skill.translation_key],
            assessment=item.assessment,
            goal=goals.get(item.skill.pk),
            level_before=before.get(item.skill.pk, SkillLevel.NOT_STARTED),
            today=today,
        )
        for item in assessed
    ]
    names = {item.skill.pk: localized[item.skill.translation_key].name for item in assessed}
    return Tracker(
        skills=skills,
        activity=_activity(user, changes=changes, skill_names=names, is_owner=is_owner),
        recommendations=_recommendations(user, skills),
        chart=radar_chart(
            [
                RadarAxis(item.skill.name, item.level, item.goal.target_level if item.goal else None)
                for item in skills
            ]
        ),
    )


@transaction.atomic
def save_goals(*, user, targets: dict[Skill, tuple[int | None, date | None]]) -> None:
    """Set the learner's goals: a target level (and optional date) per skill; no level removes the goal."""
    for skill, (level, target_date) in targets.items():
        if level:
            SkillGoal.objects.update_or_create(
                user=user, skill=skill, defaults={"target_level": level, "target_date": target_date}
            )
        else:
            SkillGoal.objects.filter(user=user, skill=skill).delete()
    people_changed([user.pk])
