"""A learner's data to take away: skills progress as CSV (for a spreadsheet) and the whole learning record as JSON."""

import csv
import io

from django.utils import timezone

from cms.extensions import Registry

from .levels import SkillLevel
from .models import (
    CourseBookmark,
    LessonCompletion,
    LessonStart,
    QuizAnswer,
    QuizAttempt,
    SkillGoal,
    SkillLevelChange,
)
from .tracker import Tracker, score_text, with_shared_quiz_pages

PROGRESS_COLUMNS = [
    "skill",
    "slug",
    "level",
    "level_name",
    "verified_by_mentor",
    "evidence_level",
    "self_rated_level",
    "quiz_average_percent",
    "target_level",
    "target_date",
    "levels_to_go",
    "days_left",
    "level_90_days_ago",
]


def _blank_if_none(value):
    return "" if value is None else value


def progress_csv(tracker: Tracker) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(PROGRESS_COLUMNS)
    for item in tracker.skills:
        assessment = item.assessment
        writer.writerow(
            [
                item.skill.name,
                item.skill.slug,
                item.level,
                SkillLevel(item.level).label,
                "yes" if assessment.verified else "no",
                assessment.evidence_level,
                _blank_if_none(assessment.self_rated),
                _blank_if_none(assessment.quiz_average),
                item.goal.target_level if item.goal else "",
                item.goal.target_date.isoformat() if item.goal and item.goal.target_date else "",
                _blank_if_none(item.gap),
                _blank_if_none(item.days_left),
                item.level_before,
            ]
        )
    return out.getvalue()


def isoformat(value) -> str | None:
    """A date or time for the record (None stays None)."""
    return value.isoformat() if value else None


# Extension point: what the features add to the learning record (a mentor's endorsements): callables (user) →
# {section name: JSON-ready value}.
RECORD_SECTIONS = Registry("learning record sections of the features")


def learning_record(*, user, tracker: Tracker) -> dict:
    """Everything Kelola knows of the learner's learning, by stable keys (slugs and translation keys)."""
    answers: dict[int, list] = {}
    for answer in (
        QuizAnswer.objects.filter(attempt__user=user).select_related("skill").order_by("attempt", "position")
    ):
        answers.setdefault(answer.attempt_id, []).append(
            {
                "position": answer.position,
                "question_id": answer.question_id,
                "type": answer.kind,
                "skill": answer.skill.slug if answer.skill else None,
                # What was asked and answered, never which choices were right: the record must not leak a quiz.
                "prompt": answer.question["prompt"],
                "choices": [{"id": c["id"], "text": c["text"]} for c in answer.question["choices"]],
                "selected": answer.selected,
                "written_answer": answer.text,
                "self_rated_level": answer.self_rating,
            }
        )
    bookmark = CourseBookmark.objects.filter(user=user).first()
    return {
        "format": "kelola-learning-record/1",
        "exported_at": timezone.now().isoformat(),
        "learner": {
            "username": user.username,
            "name": user.get_full_name(),
            "email": user.email,
            "joined": isoformat(user.date_joined),
        },
        "skills": [
            {
                "skill": item.skill.slug,
                "name": item.skill.name,
                "level": item.level,
                "verified_by_mentor": item.assessment.verified,
                "evidence_level": item.assessment.evidence_level,
                "self_rated_level": item.assessment.self_rated,
                "quiz_average_percent": item.assessment.quiz_average,
                "why": list(item.assessment.reasons),
                "next_step": item.assessment.next_step,
            }
            for item in tracker.skills
        ],
        "goals": [
            {
                "skill": goal.skill.slug,
                "target_level": goal.target_level,
                "target_date": isoformat(goal.target_date),
            }
            for goal in SkillGoal.objects.filter(user=user).select_related("skill")
        ],
        "level_history": [
            {
                "skill": change.skill.slug,
                "level": change.level,
                "verified": change.verified,
                "at": isoformat(change.changed_at),
            }
            for change in SkillLevelChange.objects.filter(user=user).select_related("skill")
        ],
        # What the features add (a mentor's endorsements), each under its own key.
        **{key: value for section in RECORD_SECTIONS for key, value in section(user).items()},
        "lesson_starts": [
            {
                "lesson_key": str(start.lesson_key),
                "language": start.language,
                "started_at": isoformat(start.started_at),
            }
            for start in LessonStart.objects.filter(user=user).order_by("started_at")
        ],
        "lesson_completions": [
            {"lesson_key": str(completion.lesson_key), "completed_at": isoformat(completion.completed_at)}
            for completion in LessonCompletion.objects.filter(user=user).order_by("completed_at")
        ],
        "last_lesson_key": str(bookmark.lesson_key) if bookmark else None,
        "quiz_attempts": [
            {
                "quiz_key": str(attempt.quiz_key),
                "quiz": attempt.quiz_title,
                "number": attempt.number,
                "language": attempt.language,
                "submitted_at": isoformat(attempt.submitted_at),
                "score": score_text(attempt),
                "passed": attempt.passed,
                "answers": answers.get(attempt.pk, []),
            }
            for attempt in with_shared_quiz_pages(
                QuizAttempt.objects.filter(user=user).select_related("quiz").order_by("submitted_at", "pk")
            )
        ],
    }
