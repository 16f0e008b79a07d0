"""The skills tracker read from the database: evidence, history, goals, recommendations, exports and the chart."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from learning.charts import RadarAxis, radar_chart
from learning.exports import PROGRESS_COLUMNS, learning_record, progress_csv
from learning.levels import SkillLevel
from learning.models import (
    LessonCompletion,
    QuizAttempt,
    QuizDraw,
    Skill,
    SkillGoal,
    SkillLevelChange,
)
from learning.progress import mark_complete, mark_incomplete
from learning.quizzes import attempts_of, questions_for_attempt, submit_attempt
from learning.scoring import Kind
from learning.skill_evidence import assess_skills, record_level_changes, settled_change
from learning.tracker import save_goals, skills_tracker
from mentoring.models import Endorsement
from tests.database import fresh
from tests.learning import builders

TRACKER_QUESTIONS = [
    builders.choice_question(prompt="First?"),
    builders.choice_question(prompt="Second?"),
    builders.choice_question(prompt="Third?"),
    builders.choice_question(prompt="Fourth?"),
    {"self_rating": {"skill": "communication", "statement": "I write clear announcements."}},
]


@pytest.fixture(scope="class")
def class_tracked_quiz(class_course):
    quiz = builders.add_quiz(
        class_course.get_children().first(), slug="check", title="Check", questions=TRACKER_QUESTIONS
    )
    QuizDraw.objects.create(
        quiz=quiz, skill=Skill.objects.get(slug="communication", locale__language_code="en"), count=2
    )
    return quiz


@pytest.fixture
def tracked_quiz(db, class_tracked_quiz):
    """Each attempt draws two of the four communication questions, so two attempts ask different ones (built once
    per class)."""
    return fresh(class_tracked_quiz)


def take(quiz, user, *, right: int, rating: str = "2", days_ago: int = 0) -> QuizAttempt:
    """Answer `right` of the attempt's choice questions correctly and the rest wrongly."""
    number = attempts_of(user, quiz).count() + 1
    questions = questions_for_attempt(quiz.question_list(), quiz=quiz, user=user, number=number)
    responses = {}
    for question in questions:
        if question.kind == Kind.SELF_RATING:
            responses[question.id] = rating
            continue
        correct = [choice for choice in question.choices if choice.is_correct]
        wrong = [choice for choice in question.choices if not choice.is_correct]
        responses[question.id] = (correct if right > 0 else wrong)[0].id
        right -= 1
    attempt = submit_attempt(
        user=user,
        quiz=quiz,
        number=number,
        questions=questions,
        responses=responses,
    )
    if days_ago:
        QuizAttempt.objects.filter(pk=attempt.pk).update(
            submitted_at=timezone.now() - timedelta(days=days_ago)
        )
    return attempt


def communication(user):
    (item,) = [item for item in assess_skills(user) if item.skill.slug == "communication"]
    return item


def levels_recorded(user):
    return [(change.skill.slug, change.level) for change in SkillLevelChange.objects.filter(user=user)]


@pytest.mark.usefixtures("course")
class TestSkillEvidence:
    """Tests that share one course, built once."""

    def test_without_evidence_every_skill_is_not_started(self, learner, course):
        assert [item.assessment.level for item in assess_skills(learner)] == [SkillLevel.NOT_STARTED]

    def test_lessons_count_for_the_skills_they_teach(self, learner, lessons):
        mark_complete(user=learner, lesson=lessons[0])
        item = communication(learner)
        assert (item.evidence.lessons_done, item.evidence.lessons_total) == (1, 6)
        assert item.assessment.level == SkillLevel.AWARE

    def test_two_good_attempts_on_the_same_questions_count_as_one_mastery(self, learner, course, lessons):
        same_questions = builders.add_quiz(
            course.get_children().first(), slug="fixed", title="Fixed", questions=TRACKER_QUESTIONS[:2]
        )
        for lesson in lessons[:3]:
            mark_complete(user=learner, lesson=lesson)
        take(same_questions, learner, right=2, days_ago=2)
        take(same_questions, learner, right=2)

        assessment = communication(learner).assessment
        assert (assessment.level, assessment.mastered_times) == (SkillLevel.AWARE, 1)
        assert assessment.next_step == (
            "Score 75% or more on this skill's quiz questions 1 more time, on questions new to you."
        )

    def test_a_current_endorsement_is_verified_and_a_withdrawn_one_is_not(self, learner, mentor, course):
        skill = Skill.objects.get(slug="communication", locale__language_code="en")
        endorsement = Endorsement.objects.create(
            learner=learner, mentor=mentor, skill=skill, level=SkillLevel.EXPERT, reason="Led our launch."
        )
        assert communication(learner).assessment.level == SkillLevel.EXPERT
        assert communication(learner).assessment.verified
        endorsement.withdrawn_at = timezone.now()
        endorsement.save()
        assert communication(learner).assessment.level == SkillLevel.NOT_STARTED

    # History

    def test_each_level_change_is_recorded_once(self, learner, lessons):
        mark_complete(user=learner, lesson=lessons[0])
        mark_complete(user=learner, lesson=lessons[1])  # still Aware: nothing new
        assert levels_recorded(learner) == [("communication", SkillLevel.AWARE)]
        mark_incomplete(user=learner, lesson=lessons[1])
        mark_incomplete(user=learner, lesson=lessons[0])
        assert levels_recorded(learner) == []  # Aware and back within minutes: the history does not flip

    def test_a_level_lost_after_the_window_is_recorded(self, learner, lessons):
        mark_complete(user=learner, lesson=lessons[0])
        LessonCompletion.objects.filter(user=learner).delete()
        record_level_changes(learner, at=timezone.now() + timedelta(hours=1))
        assert levels_recorded(learner) == [("communication", 1), ("communication", 0)]

    def test_an_endorsement_change_is_recorded_as_verified(self, learner, mentor, course):
        skill = Skill.objects.get(slug="communication", locale__language_code="en")
        Endorsement.objects.create(learner=learner, mentor=mentor, skill=skill, level=3, reason="Solid.")
        (change,) = record_level_changes(learner)
        assert (change.level, change.verified) == (3, True)
        assert record_level_changes(learner) == []

    def test_the_tracker_shows_the_change_over_90_days(self, learner, mentor, lessons):
        skill = Skill.objects.get(slug="communication", locale__language_code="en")
        long_ago = timezone.now() - timedelta(days=200)
        SkillLevelChange.objects.create(user=learner, skill=skill, level=1, changed_at=long_ago)
        for lesson in lessons[:3]:
            mark_complete(user=learner, lesson=lesson)
        Endorsement.objects.create(learner=learner, mentor=mentor, skill=skill, level=3, reason="Solid.")
        record_level_changes(learner)
        (item,) = skills_tracker(learner).skills
        assert (item.level_before, item.level, item.change) == (1, 3, 2)

    # Goals

    def test_goals_give_the_gap_and_the_days_left(self, learner, course):
        skill = Skill.objects.get(slug="communication", locale__language_code="en")
        save_goals(
            user=learner, targets={skill: (SkillLevel.PROFICIENT, timezone.localdate() + timedelta(days=30))}
        )
        (item,) = skills_tracker(learner).skills
        assert (item.gap, item.days_left) == (3, 30)

    def test_saving_goals_updates_and_removes_them(self, learner, course):
        skill = Skill.objects.get(slug="communication", locale__language_code="en")
        save_goals(user=learner, targets={skill: (2, None)})
        save_goals(user=learner, targets={skill: (4, None)})
        assert SkillGoal.objects.get(user=learner).target_level == 4
        save_goals(user=learner, targets={skill: (None, None)})
        assert not SkillGoal.objects.filter(user=learner).exists()

    def test_a_reached_goal_has_no_gap(self, learner, mentor, course):
        skill = Skill.objects.get(slug="communication", locale__language_code="en")
        Endorsement.objects.create(learner=learner, mentor=mentor, skill=skill, level=3, reason="Solid.")
        save_goals(user=learner, targets={skill: (2, None)})
        (item,) = skills_tracker(learner).skills
        assert item.gap == 0
        assert skills_tracker(learner).recommendations == []

    # Recommendations

    def test_without_goals_the_lowest_skills_are_recommended(self, learner, lessons):
        (recommendation,) = skills_tracker(learner).recommendations
        assert recommendation.lesson == lessons[0]
        assert recommendation.quiz is None

    # Exports

    def test_progress_csv_has_a_row_per_skill(self, learner, lessons):
        mark_complete(user=learner, lesson=lessons[0])
        skill = Skill.objects.get(slug="communication", locale__language_code="en")
        save_goals(user=learner, targets={skill: (3, None)})
        rows = list(csv.DictReader(io.StringIO(progress_csv(skills_tracker(learner)))))
        assert list(rows[0]) == PROGRESS_COLUMNS
        assert rows == [
            {
                "skill": "Communication",
                "slug": "communication",
                "level": "1",
                "level_name": "Aware",
                "verified_by_mentor": "no",
                "evidence_level": "1",
                "self_rated_level": "",
                "quiz_average_percent": "",
                "target_level": "3",
                "target_date": "",
                "levels_to_go": "2",
                "days_left": "",
                "level_90_days_ago": "0",
            }
        ]


@pytest.mark.usefixtures("tracked_quiz")
class TestQuizEvidence:
    """Tests that share one course and a quiz drawing from a bank, built once."""

    def test_quiz_scores_are_per_skill_and_per_attempt(self, learner, tracked_quiz, lessons):
        take(tracked_quiz, learner, right=1, days_ago=2)
        take(tracked_quiz, learner, right=2)
        evidence = communication(learner).evidence
        assert evidence.quiz_scores == (50, 100)
        assert evidence.latest_quiz_at == QuizAttempt.objects.latest("submitted_at").submitted_at

    def test_two_good_attempts_and_half_the_lessons_make_practising(self, learner, tracked_quiz, lessons):
        take(tracked_quiz, learner, right=2, days_ago=2)
        take(tracked_quiz, learner, right=2)
        assert communication(learner).assessment.level == SkillLevel.AWARE  # no lesson done yet
        for lesson in lessons[:3]:
            mark_complete(user=learner, lesson=lesson)
        assert communication(learner).assessment.level == SkillLevel.PRACTISING

    def test_a_newer_lower_score_lowers_the_level(self, learner, tracked_quiz, lessons):
        for lesson in lessons[:3]:
            mark_complete(user=learner, lesson=lesson)
        take(tracked_quiz, learner, right=2, days_ago=3)
        take(tracked_quiz, learner, right=2, days_ago=2)
        assert communication(learner).assessment.level == SkillLevel.PRACTISING
        take(tracked_quiz, learner, right=0)
        assert communication(learner).assessment.level == SkillLevel.AWARE

    def test_the_latest_self_rating_is_shown_apart(self, learner, tracked_quiz):
        take(tracked_quiz, learner, right=0, rating="4", days_ago=2)
        take(tracked_quiz, learner, right=0, rating="3")
        assessment = communication(learner).assessment
        assert assessment.self_rated == SkillLevel.PROFICIENT
        assert assessment.level == SkillLevel.NOT_STARTED
        assert assessment.views_disagree

    def test_another_learners_evidence_does_not_count(self, learner, other_learner, tracked_quiz, lessons):
        mark_complete(user=other_learner, lesson=lessons[0])
        take(tracked_quiz, other_learner, right=2)
        assert communication(learner).assessment.level == SkillLevel.NOT_STARTED

    # History

    def test_quiz_submission_records_changes_in_its_transaction(self, learner, tracked_quiz, lessons):
        for lesson in lessons[:3]:
            mark_complete(user=learner, lesson=lesson)
        take(tracked_quiz, learner, right=2)
        take(tracked_quiz, learner, right=2)
        assert levels_recorded(learner)[-1] == ("communication", SkillLevel.PRACTISING)

    # Recommendations

    def test_recommendations_name_the_next_unfinished_lesson_and_an_unpassed_quiz(
        self, learner, tracked_quiz, lessons
    ):
        skill = Skill.objects.get(slug="communication", locale__language_code="en")
        mark_complete(user=learner, lesson=lessons[0])
        save_goals(user=learner, targets={skill: (3, None)})
        (recommendation,) = skills_tracker(learner).recommendations
        assert recommendation.lesson == lessons[1]
        assert recommendation.quiz.quiz == tracked_quiz
        assert recommendation.progress.gap == 2

    # Exports

    def test_the_learning_record_holds_everything_but_the_right_answers(self, learner, tracked_quiz, lessons):
        mark_complete(user=learner, lesson=lessons[0])
        take(tracked_quiz, learner, right=1, rating="3")
        record = learning_record(user=learner, tracker=skills_tracker(learner))
        assert record["learner"]["username"] == learner.username
        assert record["lesson_completions"][0]["lesson_key"] == str(lessons[0].translation_key)
        (attempt,) = record["quiz_attempts"]
        assert attempt["score"] == "50%"
        assert [answer["self_rated_level"] for answer in attempt["answers"]] == [None, None, 3]
        assert "credit" not in str(attempt) and "feedback" not in str(attempt)
        assert record["skills"][0]["why"]
        assert record["level_history"][0]["skill"] == "communication"

    def test_the_learning_record_hides_scores_the_quiz_hides(self, learner, tracked_quiz):
        tracked_quiz.reveal_score = False
        tracked_quiz.save()
        take(tracked_quiz, learner, right=1)
        record = learning_record(user=learner, tracker=skills_tracker(learner))
        assert record["quiz_attempts"][0]["score"] == "done"


# Chart


def test_the_radar_needs_three_skills():
    assert radar_chart([RadarAxis("A", 1), RadarAxis("B", 2)]) is None


def test_the_radar_puts_a_skill_without_goal_at_its_level():
    chart = radar_chart([RadarAxis("A", 4, target=4), RadarAxis("B", 0), RadarAxis("C", 0)])
    assert len(chart.rings) == 4
    first_current = chart.current.split()[0]
    assert first_current == chart.target.split()[0]  # A: level 4 and goal 4, straight up on the edge
    assert chart.current.split()[1] == chart.target.split()[1]  # B: no goal, drawn at its level
    assert radar_chart([RadarAxis("A", 1), RadarAxis("B", 2), RadarAxis("C", 3)]).target is None


def test_long_skill_names_wrap():
    chart = radar_chart(
        [RadarAxis("Time management and organisation", 1), RadarAxis("B", 2), RadarAxis("C", 3)]
    )
    assert chart.labels[0].lines == ["Time management", "and organisation"]


def test_the_radar_svg_has_decimal_points_in_every_language():
    from django.template.loader import render_to_string
    from django.utils import translation

    chart = radar_chart([RadarAxis(name, level) for name, level in [("A", 1), ("B", 2), ("C", 3), ("D", 4)]])
    with translation.override("id"):
        svg = render_to_string("learning/includes/skills_radar.html", {"chart": chart})
    coordinates = re.findall(r' (?:x|y|x1|y1|x2|y2|cx|cy)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates)


# The level history settles: changes within minutes of each other are one change

T0 = datetime(2026, 9, 1, 12, tzinfo=UTC)


def test_a_change_long_after_the_last_is_recorded():
    assert settled_change(
        before=(0, False), last=(1, False), last_at=T0, new=(2, False), now=T0 + timedelta(hours=1)
    ) == (False, True)


def test_a_flip_back_within_minutes_drops_the_change():
    assert settled_change(
        before=(1, False), last=(2, False), last_at=T0, new=(1, False), now=T0 + timedelta(minutes=3)
    ) == (True, False)


def test_two_changes_within_minutes_become_one():
    assert settled_change(
        before=(0, False), last=(1, False), last_at=T0, new=(2, False), now=T0 + timedelta(minutes=3)
    ) == (True, True)


def test_no_change_records_nothing():
    assert settled_change(
        before=(0, False), last=(1, False), last_at=T0, new=(1, False), now=T0 + timedelta(minutes=3)
    ) == (False, False)
