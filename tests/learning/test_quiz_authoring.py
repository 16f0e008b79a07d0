"""Editors author quizzes in Wagtail: questions nobody could get fully right are refused, previews show the form."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from wagtail.blocks.struct_block import StructBlockValidationError

from learning.blocks import (
    MultipleChoiceQuestionBlock,
    ReflectionQuestionBlock,
    ScenarioQuestionBlock,
    SingleChoiceQuestionBlock,
)
from tests.learning import builders

pytestmark = pytest.mark.django_db


def block_value(block, **fields):
    skill = builders.skill("moderation", "Moderation")
    return block.to_python({"skill": skill.pk, "points": 1, "explanation": "", **fields})


def choices(*specs):
    return [{"type": "item", "value": spec, "id": str(uuid.uuid4())} for spec in specs]


@pytest.mark.parametrize(
    ("block", "fields", "message"),
    [
        (
            SingleChoiceQuestionBlock(),
            {
                "prompt": "?",
                "choices": choices(
                    {"text": "A", "correct": False, "feedback": ""},
                    {"text": "B", "correct": False, "feedback": ""},
                ),
            },
            "Mark exactly one choice as correct",
        ),
        (
            MultipleChoiceQuestionBlock(),
            {
                "prompt": "?",
                "choices": choices(
                    {"text": "A", "correct": True, "feedback": ""},
                    {"text": "B", "correct": True, "feedback": ""},
                ),
            },
            "At least one choice must be wrong",
        ),
        (
            ScenarioQuestionBlock(),
            {
                "situation": "<p>A troll.</p>",
                "prompt": "?",
                "choices": choices(
                    {"text": "A", "rating": "acceptable", "feedback": ""},
                    {"text": "B", "rating": "poor", "feedback": ""},
                ),
            },
            "Rate at least one choice as best",
        ),
    ],
)
def test_the_admin_refuses_questions_nobody_could_answer_with_full_marks(block, fields, message):
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block_value(block, **fields))

    assert message in str(error.value.non_block_errors.as_data()[0].message)


def test_a_pass_mark_needs_scored_questions(course):
    quiz = builders.add_quiz(
        course,
        slug="self-only",
        questions=[{"self_rating": {"skill": "communication", "statement": "I can listen."}}],
        pass_mark=0,
    )
    quiz.full_clean()

    quiz.pass_mark = 70
    with pytest.raises(ValidationError) as error:
        quiz.full_clean()
    assert "set the pass mark to 0" in str(error.value)


@pytest.mark.parametrize(
    ("stored", "required"), [({}, False), ({"required": False}, False), ({"required": True}, True)]
)
def test_a_reflection_is_optional_unless_its_editor_requires_it(stored, required):
    """Reflections saved before the flag existed have no "required" key: they stay optional."""
    block = ReflectionQuestionBlock()
    skill = builders.skill("moderation", "Moderation")

    question = block.to_question(
        block.to_python({"skill": skill.pk, "prompt": "Why?", **stored}), block_id="r"
    )

    assert question.required is required


def test_the_preview_shows_the_quiz_as_learners_see_it_without_submitting(editor, quiz):
    request = RequestFactory().get(quiz.url)
    request.user = editor

    response = quiz.serve_preview(request, quiz.default_preview_mode).render()

    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview: this is the quiz as learners see it." in html
    assert html.count('<fieldset class="quiz-question') == 6
    assert "Submit answers" not in html
    # An editor's preview ticks are no learner's draft.
    assert "data-quiz-draft" not in html and "quiz-draft.js" not in html


def test_editors_open_the_quiz_editor(client, editor, quiz):
    client.force_login(editor)

    response = client.get(f"/admin/pages/{quiz.pk}/edit/")

    assert response.status_code == 200
    assert "Rules" in response.content.decode()
