"""Editors author lessons in the Wagtail admin; moderators publish them."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import HomePage
from learning.models import LessonPage
from tests.learning import builders

pytestmark = pytest.mark.django_db


def lesson_form(skill_ids, **overrides) -> dict:
    data = {
        "title": "Answering a one-star review",
        "slug": "answering-a-one-star-review",
        "summary": "Reply to public criticism so that others trust you more.",
        "minutes": 12,
        "skills": skill_ids,
        "body": streamfield(
            [
                ("paragraph", rich_text("<p>Read the review twice before you reply.</p>")),
                (
                    "scenario",
                    {
                        "title": "A furious customer",
                        "situation": rich_text("<p>A member posts a one-star review.</p>"),
                        "question": "What do you reply?",
                        "model_answer": rich_text("<p>Thank them, own the problem, offer a fix.</p>"),
                    },
                ),
                ("takeaways", {"items": streamfield([("item", "Reply in public, fix in private")])}),
            ]
        ),
        "further_reading": streamfield([]),
        **overrides,
    }
    return nested_form_data(data)


@pytest.fixture
def module(course):
    return course.get_children().filter(locale=Locale.get_default()).first().specific


@pytest.fixture
def skill_ids(module):
    from learning.models import Skill

    return [Skill.objects.filter(locale=Locale.get_default()).get().pk]


def test_editor_previews_submits_and_a_moderator_publishes(client, editor, moderator, module, skill_ids):
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=("learning", "lessonpage", module.pk))
    preview_url = reverse("wagtailadmin_pages:preview_on_add", args=("learning", "lessonpage", module.pk))

    preview = client.post(preview_url, lesson_form(skill_ids))
    assert preview.json()["is_valid"] is True
    rendered = client.get(preview_url).content.decode()
    assert "A furious customer" in rendered
    assert "Show the model answer" in rendered

    response = client.post(add_url, lesson_form(skill_ids, **{"action-submit": "Submit"}))
    assert response.status_code == 302
    lesson = LessonPage.objects.get(slug="answering-a-one-star-review", locale=Locale.get_default())
    assert not lesson.live
    assert lesson.current_workflow_state.status == "in_progress"
    assert client.get(lesson.url).status_code == 404

    client.force_login(moderator)
    task_state = lesson.current_workflow_state.current_task_state
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=(lesson.pk, "approve", task_state.pk))
    assert client.post(approve_url, {"comment": "Clear and kind."}).status_code == 302

    lesson.refresh_from_db()
    assert lesson.live
    assert client.get(lesson.url).status_code == 200


def test_editor_cannot_publish_directly(client, editor, module, skill_ids):
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=("learning", "lessonpage", module.pk))

    client.post(add_url, lesson_form(skill_ids, **{"action-publish": "Publish"}))

    lesson = LessonPage.objects.get(slug="answering-a-one-star-review", locale=Locale.get_default())
    assert not lesson.live


def test_a_lesson_submitted_without_a_body_is_refused_with_a_message(client, editor, module, skill_ids):
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=("learning", "lessonpage", module.pk))

    response = client.post(
        add_url, lesson_form(skill_ids, body=streamfield([]), **{"action-submit": "Submit"})
    )

    assert response.status_code == 200
    assert "The page could not be created due to validation errors" in response.content.decode()
    assert not LessonPage.objects.filter(slug="answering-a-one-star-review").exists()


def test_editors_maintain_the_skills_framework(client, editor, skill_ids):
    client.force_login(editor)

    assert client.get(reverse("wagtailsnippets_learning_skill:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_learning_skill:edit", args=(skill_ids[0],))).status_code == 200


@pytest.mark.parametrize("role", ["learner", "mentor"])
def test_learners_and_mentors_cannot_edit_the_skills_framework(client, request, role, skill_ids):
    client.force_login(request.getfixturevalue(role))

    assert client.get(reverse("wagtailsnippets_learning_skill:list")).status_code == 302


class TestEveryPageTypeCanBePreviewed(WagtailPageTestCase):
    def setUp(self):
        self.course = builders.course(modules=1, lessons=2, skills=[builders.skill()])
        self.module = self.course.get_children().first().specific
        self.lesson = self.module.get_children().first().specific

    def test_course_module_and_lesson_previews_render(self):
        self.assertPageIsPreviewable(self.course)
        self.assertPageIsPreviewable(self.module)
        skill_ids = list(self.lesson.skills.values_list("pk", flat=True))
        self.assertPageIsPreviewable(self.lesson, post_data=lesson_form(skill_ids))

    def test_site_pages_preview_render(self):
        home = HomePage.objects.get(locale__language_code="en")
        self.assertPageIsPreviewable(
            home,
            post_data=nested_form_data(
                {
                    "title": "Kelola",
                    "slug": "home",
                    "hero_heading": "Learn the craft",
                    "hero_text": "A practical course.",
                    "offers": streamfield(
                        [("feature", {"title": "Lessons", "text": "Short and practical."})]
                    ),
                    "steps": streamfield([("step", {"title": "Sign up", "text": "It is free."})]),
                }
            ),
        )
