"""GET requests change nothing: the main signed-in pages of a learner, a mentor and an editor, in both languages,
leave every table as it was. One change is by design: opening a lesson moves the reader's own bookmark ("continue
where you left off"), the one record a reading leaves, so it is asserted apart."""

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import translation

from cms.notifications import notify
from learning.models import CourseBookmark, LessonPage, LessonStart, QuizPage
from mentoring import reviews
from mentoring.mentorships import accept, invite
from portfolio.models import Visibility
from portfolio.portfolios import set_visibility
from tests.portfolio.builders import full_portfolio

pytestmark = pytest.mark.django_db

# Not a person's data: where their session is (its expiry moves while they use the site, cms/accounts/sessions.py),
# and Wagtail's admin preferences, which Wagtail's own user bar stores for an editor on first sight.
NOT_DATA = {"django_session", "wagtailusers_userprofile"}


def snapshot() -> dict:
    """Every row of every table, as the database holds it."""
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)} - NOT_DATA
    with connection.cursor() as cursor:
        rows = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (our own table names)
            rows[table] = sorted(map(repr, cursor.fetchall()))
    return rows


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(table for table in before if before[table] != after[table])


@pytest.fixture
def world(curriculum, learner, mentor, editor):
    accept(invite(learner=learner, identifier="maya"), mentor=mentor)
    profile = full_portfolio(learner, projects=1)
    set_visibility(profile, Visibility.MENTORS)
    project = profile.projects.get()
    review = reviews.submit(learner=learner, mentor=mentor, project=project, message="Is it clear?")
    notify(learner, message="mentor_accepted", params={"mentor": "Maya"}, route="dashboard")
    lesson = LessonPage.objects.live().filter(locale__language_code="en").first()
    quiz = QuizPage.objects.live().filter(locale__language_code="en").first()
    return {
        "learner": learner,
        "mentor": mentor,
        "editor": editor,
        "review": review,
        "lesson": lesson,
        "quiz": quiz,
    }


def pages_of(who: str, world) -> list[str]:
    learner, review = world["learner"], world["review"]
    common = [reverse("account"), reverse("email_change"), reverse("notifications"), reverse("search")]
    return {
        "learner": [
            *common,
            reverse("dashboard"),
            world["quiz"].url,
            reverse("learning:skill_levels_help"),
            reverse("learning:skill_goals"),
            reverse("learning:progress_export"),
            reverse("learning:learning_record_export"),
            reverse("portfolio:portfolio"),
            reverse("portfolio:preview"),
            reverse("portfolio:edit_profile"),
            reverse("portfolio:edit_background"),
            reverse("portfolio:add_project"),
            reverse("portfolio:resume"),
            reverse("portfolio:resume_preview"),
            reverse("portfolio:export_json"),
            reverse("portfolio:import"),
            reverse("mentoring:mentors"),
            reverse("mentoring:review", args=[review.pk]),
        ],
        "mentor": [
            *common,
            reverse("mentoring:home"),
            reverse("mentoring:review", args=[review.pk]),
            reverse("mentoring:learner_skills", args=[learner.pk]),
            reverse("portfolio:learner_portfolio", args=[learner.pk]),
            reverse("portfolio:portfolio"),  # no portfolio of their own: where to start, nothing stored
            reverse("portfolio:edit_profile"),
        ],
        "editor": [
            *common,
            reverse("dashboard"),
            reverse("portfolio:portfolio"),
            reverse("portfolio:add_project"),
        ],
    }[who]


@pytest.mark.usefixtures("curriculum")
class TestGetRequests:
    """One course for all (built once for the class)."""

    @pytest.mark.parametrize("language", ["en", "id"])
    @pytest.mark.parametrize("who", ["learner", "mentor", "editor"])
    def test_reading_the_main_pages_changes_nothing(self, client, curriculum, world, who, language):
        client.force_login(world[who])
        with translation.override(language):
            urls = pages_of(who, world)
        before = snapshot()

        statuses = {url: client.get(url).status_code for url in urls}

        assert statuses == dict.fromkeys(urls, 200)
        assert changed_tables(before, snapshot()) == []

    def test_opening_a_lesson_moves_only_the_readers_bookmark_and_starts_it(self, client, curriculum, world):
        client.force_login(world["learner"])
        before = snapshot()

        assert client.get(world["lesson"].url).status_code == 200

        assert changed_tables(before, snapshot()) == sorted(
            [CourseBookmark._meta.db_table, LessonStart._meta.db_table]
        )
        assert CourseBookmark.objects.get().user == world["learner"]
        start = LessonStart.objects.get()
        assert (start.user, start.lesson_key) == (world["learner"], world["lesson"].translation_key)

    def test_opening_the_same_lesson_again_changes_nothing(self, client, curriculum, world):
        client.force_login(world["learner"])
        assert client.get(world["lesson"].url).status_code == 200
        before = snapshot()

        assert client.get(world["lesson"].url).status_code == 200

        assert changed_tables(before, snapshot()) == []
