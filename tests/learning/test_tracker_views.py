"""The tracker's pages: who sees what, the goals form, downloads, and query counts."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.levels import SkillLevel
from learning.models import Skill, SkillGoal
from learning.progress import mark_complete
from mentoring.models import Endorsement, Mentorship
from tests.learning import builders
from tests.learning.test_tracker import TRACKER_QUESTIONS, take
from tests.queries import page_queries


def communication_skill():
    return Skill.objects.get(slug="communication", locale__language_code="en")


@pytest.fixture
def mentorship(learner, mentor):
    return Mentorship.objects.create(learner=learner, mentor=mentor)


def learner_page(learner):
    return reverse("mentoring:learner_skills", args=[learner.pk])


def test_anonymous_visitors_are_sent_to_log_in_for_a_mentees_tracker(client, learner, mentorship):
    response = client.get(learner_page(learner))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_learner_opening_their_own_mentor_view_lands_on_their_dashboard(client, learner, mentorship):
    client.force_login(learner)
    response = client.get(learner_page(learner))
    assert response.status_code == 302 and response.url == reverse("dashboard")


@pytest.mark.parametrize("who", ["other_learner", "editor", "moderator", "superuser"])
def test_only_an_assigned_mentor_sees_a_learners_tracker(client, request, learner, mentorship, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(learner_page(learner)).status_code == 404


def test_the_assigned_mentor_sees_the_tracker_read_only(
    client, learner, mentor, mentorship, tracked_quiz, lessons
):
    builders.skill("moderation", "Moderation")
    builders.skill("data-analysis", "Data analysis")  # three skills: enough for the radar chart
    attempt = take(tracked_quiz, learner, right=2, rating="4")
    mark_complete(user=learner, lesson=lessons[0])
    client.force_login(mentor)
    html = client.get(learner_page(learner)).content.decode()
    assert "Communication" in html and "skills-radar" in html
    assert "Discuss with a mentor" in html
    assert "Completed the lesson" in html
    # Read-only: no goal setting, no downloads, and no link to the learner's own attempt pages.
    assert reverse("learning:skill_goals") not in html
    assert reverse("learning:progress_export") not in html
    assert attempt.get_absolute_url() not in html


@pytest.fixture
def tracked_quiz(course):
    return builders.add_quiz(
        course.get_children().first(), slug="check", title="Check", questions=TRACKER_QUESTIONS
    )


@pytest.mark.usefixtures("course")
class TestTrackerPages:
    """Tests that share one course, built once."""

    # Access

    @pytest.mark.parametrize(
        "url_name",
        ["dashboard", "learning:skill_goals", "learning:progress_export", "learning:learning_record_export"],
    )
    def test_the_learners_own_pages_need_an_account(self, client, course, url_name):
        response = client.get(reverse(url_name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    def test_an_unassigned_mentor_gets_404(self, client, learner, other_learner, mentor, course):
        Mentorship.objects.create(learner=other_learner, mentor=mentor)
        client.force_login(mentor)
        assert client.get(learner_page(learner)).status_code == 404

    def test_a_former_mentor_loses_access_at_once(self, client, learner, mentor, mentorship, course):
        client.force_login(mentor)
        assert client.get(learner_page(learner)).status_code == 200
        mentorship.ended_at = timezone.now()
        mentorship.save()
        assert client.get(learner_page(learner)).status_code == 404

    def test_the_dashboard_shows_only_the_learners_own_evidence(
        self, client, learner, other_learner, lessons
    ):
        mark_complete(user=other_learner, lesson=lessons[0])
        client.force_login(learner)
        html = client.get(reverse("dashboard")).content.decode()
        activity = html.split('<h2 id="activity-heading" class="h5">Recent activity</h2>')[1]
        assert "Nothing yet: finish a lesson or take a quiz and it shows here." in activity
        assert "Lesson 1.1" not in activity

    # Goals form

    def test_setting_a_goal(self, client, learner, course):
        client.force_login(learner)
        skill = communication_skill()
        date = timezone.localdate() + timedelta(days=60)
        response = client.post(
            reverse("learning:skill_goals"), {f"level_{skill.pk}": "3", f"date_{skill.pk}": date.isoformat()}
        )
        assert response.status_code == 302 and response.url == reverse("dashboard")
        goal = SkillGoal.objects.get(user=learner)
        assert (goal.target_level, goal.target_date) == (3, date)
        html = client.get(reverse("dashboard")).content.decode()
        assert "Goal: Proficient, 3 levels to go, 60 days left" in html
        assert "Your goals are saved." in html

    @pytest.mark.parametrize(
        ("level", "days", "error"),
        [
            ("3", -1, "Choose a date from today on."),
            ("", 10, "Choose a target level for this date, or clear the date."),
            ("9", 10, "Select a valid choice."),
        ],
    )
    def test_a_bad_goal_re_renders_with_the_input_kept(self, client, learner, course, level, days, error):
        client.force_login(learner)
        skill = communication_skill()
        date = (timezone.localdate() + timedelta(days=days)).isoformat()
        response = client.post(
            reverse("learning:skill_goals"), {f"level_{skill.pk}": level, f"date_{skill.pk}": date}
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert error in html
        assert f'value="{date}"' in html
        assert not SkillGoal.objects.exists()

    def test_a_malformed_date_is_refused(self, client, learner, course):
        client.force_login(learner)
        skill = communication_skill()
        response = client.post(
            reverse("learning:skill_goals"), {f"level_{skill.pk}": "2", f"date_{skill.pk}": "soon"}
        )
        assert "Enter a valid date." in response.content.decode()
        assert not SkillGoal.objects.exists()

    def test_the_goals_form_shows_current_goals(self, client, learner, course):
        SkillGoal.objects.create(user=learner, skill=communication_skill(), target_level=4)
        client.force_login(learner)
        html = client.get(reverse("learning:skill_goals")).content.decode()
        assert '<option value="4" selected>Expert</option>' in html

    # Downloads

    def test_progress_downloads_as_csv(self, client, learner, course):
        client.force_login(learner)
        response = client.get(reverse("learning:progress_export"))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        assert response.content.decode().splitlines()[1].startswith("Communication,communication,0,")

    def test_the_learning_record_downloads_as_json(self, client, learner, lessons):
        mark_complete(user=learner, lesson=lessons[0])
        client.force_login(learner)
        response = client.get(reverse("learning:learning_record_export"))
        assert "attachment" in response["Content-Disposition"]
        record = json.loads(response.content)
        assert record["format"] == "kelola-learning-record/1"
        assert len(record["lesson_completions"]) == 1


def test_the_levels_page_states_the_rule(client, db):
    html = client.get(reverse("learning:skill_levels_help")).content.decode()
    assert "75%" in html and "65%" in html and "at least 2 attempts" in html


# Query counts: constant in the number of skills, attempts, completions, goals, endorsements and level changes


def test_dashboard_and_mentor_view_queries_do_not_grow_with_history(
    client, learner, mentor, mentorship, tracked_quiz, lessons
):
    # A little of everything first, then much more of it.
    SkillGoal.objects.create(user=learner, skill=communication_skill(), target_level=SkillLevel.EXPERT)
    Endorsement.objects.create(
        learner=learner, mentor=mentor, skill=communication_skill(), level=1, reason="Ok."
    )
    mark_complete(user=learner, lesson=lessons[0])
    take(tracked_quiz, learner, right=1, days_ago=10)
    client.force_login(learner)
    small_dashboard = page_queries(client, reverse("dashboard"), fresh=True)
    client.force_login(mentor)
    small_mentor_view = page_queries(client, learner_page(learner), fresh=True)

    for slug in ["moderation", "data-analysis", "time-management"]:
        skill = builders.skill(slug, slug.title())
        SkillGoal.objects.create(user=learner, skill=skill, target_level=SkillLevel.PROFICIENT)
        Endorsement.objects.create(learner=learner, mentor=mentor, skill=skill, level=2, reason="Good work.")
    for lesson in lessons[1:]:
        mark_complete(user=learner, lesson=lesson)
    for days_ago in range(6, 0, -1):
        take(tracked_quiz, learner, right=days_ago % 3, days_ago=days_ago)

    client.force_login(learner)
    assert page_queries(client, reverse("dashboard"), fresh=True) == small_dashboard <= 40
    client.force_login(mentor)
    assert page_queries(client, learner_page(learner), fresh=True) == small_mentor_view <= 40


def test_the_mentoring_page_links_to_their_mentees_trackers(
    client, learner, other_learner, mentor, mentorship
):
    Mentorship.objects.create(learner=other_learner, mentor=mentor, ended_at=timezone.now())
    client.force_login(mentor)
    html = client.get(reverse("mentoring:home")).content.decode()
    assert "Learners you mentor" in html
    assert learner_page(learner) in html
    assert learner_page(other_learner) not in html
