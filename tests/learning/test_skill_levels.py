"""The level rule, called directly with plain evidence: no database."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from learning.levels import SkillLevel
from learning.skill_levels import (
    MentorEndorsement,
    SelfRating,
    SkillEvidence,
    assess_skill,
    decaying_average,
    has_evidence,
)

START = datetime(2026, 9, 1, tzinfo=UTC)


def scores(*percents: int) -> dict:
    return {"quiz_scores": percents, "latest_quiz_at": START + timedelta(days=len(percents))}


def endorsed(level: int) -> MentorEndorsement:
    return MentorEndorsement(at=START, level=level, mentor_name="Maya", reason="Ran our launch week well.")


def test_no_evidence_is_not_started():
    assessment = assess_skill(SkillEvidence())
    assert assessment.level == SkillLevel.NOT_STARTED
    assert assessment.evidence_level == SkillLevel.NOT_STARTED
    assert assessment.self_rated is None
    assert not assessment.verified
    assert assessment.quiz_average is None
    assert "Quiz questions: none answered yet." in assessment.reasons
    assert assessment.next_step.startswith("Complete a lesson")


def test_a_completed_lesson_makes_a_learner_aware():
    assessment = assess_skill(SkillEvidence(lessons_done=1, lessons_total=4))
    assert assessment.level == SkillLevel.AWARE
    assert "Lessons: 1 of 4 done." in assessment.reasons


def test_all_lessons_alone_never_go_beyond_aware():
    assert assess_skill(SkillEvidence(lessons_done=4, lessons_total=4)).level == SkillLevel.AWARE


@pytest.mark.parametrize(("done", "total", "level"), [(1, 4, 1), (2, 4, 2), (2, 3, 2), (1, 3, 1), (0, 0, 2)])
def test_practising_needs_half_of_the_skills_lessons(done, total, level):
    evidence = SkillEvidence(**scores(80, 90), lessons_done=done, lessons_total=total)
    assert assess_skill(evidence).level == level


def test_missing_lessons_come_first_in_the_next_step():
    evidence = SkillEvidence(**scores(80, 90), lessons_done=0, lessons_total=5)
    assert assess_skill(evidence).next_step == "Complete 3 more lessons that teach this skill."


@pytest.mark.parametrize(
    ("percents", "level"),
    [
        ((49,), SkillLevel.NOT_STARTED),
        ((50,), SkillLevel.AWARE),
        ((100,), SkillLevel.AWARE),  # one lucky attempt is not mastery
        ((80, 90), SkillLevel.PRACTISING),
        ((40, 80, 90), SkillLevel.PRACTISING),
    ],
)
def test_quiz_scores(percents, level):
    assert assess_skill(SkillEvidence(**scores(*percents))).level == level


def test_one_perfect_attempt_says_what_is_missing():
    assessment = assess_skill(SkillEvidence(**scores(100)))
    assert assessment.mastered_times == 1
    assert (
        assessment.next_step
        == "Score 75% or more on this skill's quiz questions 1 more time, on questions new to you."
    )


def _asked(*questions: str) -> frozenset[str]:
    return frozenset(questions)


@pytest.mark.parametrize(
    ("asked", "mastered", "level"),
    [
        # A retake of the very same questions is not new evidence.
        ((_asked("q1", "q2"), _asked("q1", "q2")), 1, SkillLevel.AWARE),
        # Half of them again is not mostly different either.
        ((_asked("q1", "q2"), _asked("q2", "q3")), 1, SkillLevel.AWARE),
        ((_asked("q1", "q2"), _asked("q3", "q4")), 2, SkillLevel.PRACTISING),
        ((_asked("q1", "q2", "q3"), _asked("q3", "q4", "q5")), 2, SkillLevel.PRACTISING),
        # Unknown questions (evidence from before banks) count as different.
        ((), 2, SkillLevel.PRACTISING),
    ],
)
def test_masteries_count_once_per_mostly_different_set_of_questions(asked, mastered, level):
    assessment = assess_skill(SkillEvidence(**scores(90, 85), quiz_questions=asked))

    assert assessment.mastered_times == mastered
    assert assessment.level == level


def test_a_mastery_on_the_same_questions_says_new_ones_are_needed():
    assessment = assess_skill(SkillEvidence(**scores(90, 95), quiz_questions=(_asked("q1"), _asked("q1"))))

    assert (
        assessment.next_step
        == "Score 75% or more on this skill's quiz questions 1 more time, on questions new to you."
    )
    with translation.override("id"):
        assert assess_skill(
            SkillEvidence(**scores(90, 95), quiz_questions=(_asked("q1"), _asked("q1")))
        ).next_step == (
            "Raih skor 75% atau lebih pada pertanyaan kuis keterampilan ini 1 kali lagi, "
            "dengan pertanyaan yang belum pernah Anda jawab."
        )


def test_recent_scores_weigh_most():
    assert decaying_average([90, 40]) == pytest.approx(0.65 * 40 + 0.35 * 90)
    assert decaying_average([40, 90]) == pytest.approx(0.65 * 90 + 0.35 * 40)
    assert decaying_average([]) is None


def test_a_newer_lower_score_lowers_the_level():
    before = assess_skill(SkillEvidence(**scores(80, 90)))
    after = assess_skill(SkillEvidence(**scores(80, 90, 40)))
    assert before.evidence_level == SkillLevel.PRACTISING
    assert after.evidence_level == SkillLevel.AWARE
    assert after.quiz_average == int(0.65 * 40 + 0.35 * (0.65 * 90 + 0.35 * 80))


def test_old_mastery_does_not_outweigh_recent_failures():
    assessment = assess_skill(SkillEvidence(**scores(100, 100, 100, 30, 30)))
    assert assessment.mastered_times == 3
    assert assessment.quiz_average == 38
    assert assessment.level == SkillLevel.NOT_STARTED
    assert assessment.next_step.endswith("then try its quiz questions again.")


def test_a_project_alone_makes_a_learner_aware():
    assessment = assess_skill(SkillEvidence(projects=1))
    assert assessment.level == SkillLevel.AWARE
    assert "Portfolio: 1 project demonstrates it." in assessment.reasons


def test_practising_with_a_project_is_proficient():
    assessment = assess_skill(SkillEvidence(**scores(80, 85), projects=2, lessons_done=2, lessons_total=3))
    assert assessment.level == SkillLevel.PROFICIENT
    assert not assessment.verified
    assert assessment.next_step == "Ask a mentor to review your work: Expert is verified by a mentor."


def test_evidence_alone_never_makes_an_expert():
    evidence = SkillEvidence(**scores(*[100] * 20), projects=10, lessons_done=5, lessons_total=5)
    assert assess_skill(evidence).level == SkillLevel.PROFICIENT


def test_a_mentor_endorsement_is_verified_and_makes_an_expert():
    assessment = assess_skill(SkillEvidence(**scores(80, 85), projects=1, endorsement=endorsed(4)))
    assert assessment.level == SkillLevel.EXPERT
    assert assessment.evidence_level == SkillLevel.PROFICIENT
    assert assessment.verified
    assert assessment.reasons[0].startswith("Verified by Maya on")


def test_a_mentor_endorsement_takes_precedence_over_higher_evidence():
    assessment = assess_skill(SkillEvidence(**scores(80, 85), projects=1, endorsement=endorsed(2)))
    assert assessment.level == SkillLevel.PRACTISING
    assert assessment.evidence_level == SkillLevel.PROFICIENT


def test_a_mentor_endorsement_stands_without_other_evidence():
    assessment = assess_skill(SkillEvidence(endorsement=endorsed(3)))
    assert assessment.level == SkillLevel.PROFICIENT
    assert assessment.evidence_level == SkillLevel.NOT_STARTED


def test_self_ratings_are_shown_apart_and_are_not_evidence():
    assessment = assess_skill(SkillEvidence(self_rating=SelfRating(at=START, level=SkillLevel.EXPERT)))
    assert assessment.level == SkillLevel.NOT_STARTED
    assert assessment.self_rated == SkillLevel.EXPERT
    assert any(reason.startswith("Self-rating: Expert") for reason in assessment.reasons)


@pytest.mark.parametrize(
    ("self_rated", "percents", "flagged"),
    [
        (SkillLevel.PROFICIENT, (80, 90), False),  # one level apart
        (SkillLevel.EXPERT, (80, 90), True),  # two levels above the evidence
        (SkillLevel.NOT_STARTED, (80, 90), True),  # two levels below: underselling counts too
        (None, (80, 90), False),
    ],
)
def test_two_levels_between_own_view_and_evidence_is_flagged(self_rated, percents, flagged):
    rating = SelfRating(at=START, level=self_rated) if self_rated is not None else None
    assessment = assess_skill(SkillEvidence(**scores(*percents), self_rating=rating))
    assert assessment.views_disagree is flagged


def test_all_evidence_combined():
    evidence = SkillEvidence(
        **scores(60, 80, 90),
        self_rating=SelfRating(at=START, level=SkillLevel.PRACTISING),
        lessons_done=3,
        lessons_total=3,
        projects=1,
    )
    assessment = assess_skill(evidence)
    assert assessment.level == SkillLevel.PROFICIENT
    assert not assessment.views_disagree
    assert len(assessment.reasons) == 4  # quizzes, lessons, projects, own rating
    assert assessment.reasons[0].startswith("Quiz questions: 84% over 3 attempts")


@pytest.mark.parametrize(("language", "label"), [("en", "Just started"), ("id", "Baru mulai")])
def test_level_0_with_evidence_reads_just_started(language, label):
    with translation.override(language):
        assessment = assess_skill(SkillEvidence(**scores(10, 20, 30, 10, 20, 30, 10)))
        assert (assessment.level, assessment.label) == (0, label)


@pytest.mark.parametrize(("language", "label"), [("en", "Not started"), ("id", "Belum mulai")])
def test_level_0_without_evidence_reads_not_started(language, label):
    with translation.override(language):
        assert assess_skill(SkillEvidence()).label == label


def test_a_self_rating_alone_is_no_evidence():
    rating = SelfRating(at=datetime(2026, 1, 1, tzinfo=UTC), level=3)
    assert has_evidence(SkillEvidence(self_rating=rating)) is False
