"""Loads the shipped skills framework and curriculum (fixtures/*.yaml, format in docs/curriculum-format.md).

Like every demo loader it only adds what is missing: pages and snippets that exist are left as editors made them.
"""

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page

from cms.content_loader import (
    ensure_page,
    ensure_snippet_translation,
    markdown_to_richtext,
    read_yaml,
    stream_json,
    translation_languages,
)

from .models import CourseIndexPage, LessonPage, ModulePage, QuizDraw, QuizPage, Skill, SkillCategory
from .scoring import SCORED_KINDS, Kind

FIXTURES_DIR = settings.BASE_DIR / "fixtures"
CURRICULUM_DIR = FIXTURES_DIR / "curriculum"


def _rich(value: str) -> str:
    return markdown_to_richtext(value)


def _with_rich(*names: str):
    def convert(value: dict) -> dict:
        return {**value, **{name: _rich(value[name]) for name in names}}

    return convert


LESSON_BLOCKS = {
    "text": ("paragraph", _rich),
    "callout": ("callout", _with_rich("text")),
    "case_study": ("case_study", _with_rich("context", "approach", "outcome")),
    "scenario": ("scenario", _with_rich("situation", "model_answer")),
    "reflection": ("reflection", dict),
    "checklist": ("checklist", dict),
    "quote": ("quote", dict),
    "takeaways": ("takeaways", dict),
}


def _skill_fields(content: dict) -> dict:
    return {
        "name": content["name"],
        "description": content["description"],
        **{f"level_{level}": text for level, text in enumerate(content["levels"])},
    }


@transaction.atomic
def load_skills(*, path: Path = FIXTURES_DIR / "skills.yaml") -> None:
    default = Locale.get_default()
    for category_order, spec in enumerate(read_yaml(path)["categories"]):
        category = SkillCategory.objects.filter(locale=default, slug=spec["slug"]).first()
        if category is None:
            category = SkillCategory.objects.create(
                locale=default, slug=spec["slug"], sort_order=category_order, **spec[default.language_code]
            )
        translated_categories = {
            code: ensure_snippet_translation(category, language_code=code, fields=spec[code])
            for code in translation_languages()
        }
        for skill_order, skill_spec in enumerate(spec["skills"]):
            skill = Skill.objects.filter(locale=default, slug=skill_spec["slug"]).first()
            if skill is None:
                skill = Skill.objects.create(
                    locale=default,
                    slug=skill_spec["slug"],
                    category=category,
                    sort_order=10 * category_order + skill_order,
                    **_skill_fields(skill_spec[default.language_code]),
                )
            for code, translated_category in translated_categories.items():
                ensure_snippet_translation(
                    skill,
                    language_code=code,
                    fields={"category": translated_category, **_skill_fields(skill_spec[code])},
                )


def _skills(slugs: list[str]) -> list[Skill]:
    skills = {
        skill.slug: skill for skill in Skill.objects.filter(locale=Locale.get_default(), slug__in=slugs)
    }
    missing = set(slugs) - skills.keys()
    if missing:
        raise ValueError(f"Unknown skills: {', '.join(sorted(missing))}")
    return [skills[slug] for slug in slugs]


def _module_fields(content: dict) -> dict:
    return {"title": content["title"], "summary": content["summary"], "intro": _rich(content["intro"])}


def _lesson_fields(content: dict) -> dict:
    return {
        "title": content["title"],
        "summary": content["summary"],
        "search_description": content["summary"],
        "body": stream_json(content["body"], LESSON_BLOCKS),
        "further_reading": stream_json(
            [{"item": item} for item in content.get("further_reading", [])], {"item": ("item", dict)}
        ),
    }


def _course_fields(content: dict) -> dict:
    return {"title": content["title"], "intro": _rich(content["intro"])}


@transaction.atomic
def load_curriculum(*, home: Page, directory: Path = CURRICULUM_DIR) -> CourseIndexPage:
    course = ensure_page(
        parent=home,
        page_class=CourseIndexPage,
        spec=read_yaml(directory / "course.yaml"),
        fields=_course_fields,
        show_in_menus=True,
    )
    for module_dir in sorted(path for path in directory.iterdir() if path.is_dir()):
        module_spec = read_yaml(module_dir / "module.yaml")
        module = ensure_page(
            parent=course,
            page_class=ModulePage,
            spec=module_spec,
            fields=_module_fields,
            skills=_skills(module_spec["skills"]),
        )
        for lesson_file in sorted(module_dir.glob("[0-9][0-9]-*.yaml")):
            lesson_spec = read_yaml(lesson_file)
            ensure_page(
                parent=module,
                page_class=LessonPage,
                spec=lesson_spec,
                fields=_lesson_fields,
                minutes=lesson_spec["minutes"],
                skills=_skills(lesson_spec["skills"]),
            )
        if (quiz_file := module_dir / "quiz.yaml").exists():
            load_quiz(parent=module, path=quiz_file)
    if (baseline_file := directory / "baseline-quiz.yaml").exists():
        load_quiz(parent=course, path=baseline_file)
    return course


# Questions and choices get ids derived from the quiz slug and their position, the same in both languages, so
# reloading is stable and a question keeps its identity across translations.
QUIZ_ID_NAMESPACE = uuid.UUID("6f1d0c64-2d8e-4c55-9a55-3f0b7f8e2a10")


def _content_id(*parts) -> str:
    return str(uuid.uuid5(QUIZ_ID_NAMESPACE, "/".join(str(part) for part in parts)))


def _choice_items(quiz_slug: str, position: int, choices: list[dict], *, rated: bool) -> list[dict]:
    return [
        {
            "type": "item",
            "id": _content_id(quiz_slug, position, index),
            "value": {
                "text": choice["text"],
                "feedback": choice.get("feedback", ""),
                **({"rating": choice["rating"]} if rated else {"correct": bool(choice.get("correct"))}),
            },
        }
        for index, choice in enumerate(choices)
    ]


def _question_value(quiz_slug: str, position: int, kind: Kind, spec: dict, skill: Skill) -> dict:
    value = {"skill": skill.pk}
    if kind in SCORED_KINDS:
        value["points"] = spec.get("points", 1)
        value["explanation"] = _rich(spec["explanation"]) if spec.get("explanation") else ""
    if kind in {Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE}:
        value["prompt"] = spec["prompt"]
        value["choices"] = _choice_items(quiz_slug, position, spec["choices"], rated=False)
    elif kind == Kind.SCENARIO:
        value["situation"] = _rich(spec["situation"])
        value["prompt"] = spec["prompt"]
        value["choices"] = _choice_items(quiz_slug, position, spec["choices"], rated=True)
    elif kind == Kind.TRUE_FALSE:
        value["statement"] = spec["statement"]
        value["correct"] = bool(spec["correct"])
    elif kind == Kind.SELF_RATING:
        value["statement"] = spec["statement"]
    else:
        value["prompt"] = spec["prompt"]
        value["required"] = bool(spec.get("required", False))
    return value


def quiz_fields(quiz_slug: str, content: dict) -> dict:
    """A quiz page's fields from one language's content in the quiz file format."""
    questions = [next(iter(item.items())) for item in content["questions"]]
    skills = {skill.slug: skill for skill in _skills(sorted({spec["skill"] for _kind, spec in questions}))}
    stream = [
        {
            "type": kind,
            "id": _content_id(quiz_slug, position),
            "value": _question_value(quiz_slug, position, Kind(kind), spec, skills[spec["skill"]]),
        }
        for position, (kind, spec) in enumerate(questions)
    ]
    return {
        "title": content["title"],
        "intro": _rich(content.get("intro", "")),
        "search_description": "",
        "questions": json.dumps(stream),
    }


def load_quiz(*, parent: Page, path: Path) -> QuizPage:
    spec = read_yaml(path)
    follows = spec.get("follows_lesson")
    reveal = set(spec.get("reveal", ["score", "correctness", "correct_answer", "explanation"]))
    draws = spec.get("draw", {})
    return ensure_page(
        parent=parent,
        page_class=QuizPage,
        spec=spec,
        fields=lambda content: quiz_fields(spec["slug"], content),
        follows_lesson=LessonPage.objects.child_of(parent).get(slug=follows) if follows else None,
        pass_mark=spec.get("pass_mark", 70),
        max_attempts=spec.get("max_attempts"),
        cooldown_minutes=spec.get("cooldown_minutes", QuizPage._meta.get_field("cooldown_minutes").default),
        shuffle_choices=spec.get("shuffle_choices", True),
        reveal_when=spec.get("reveal_when", QuizPage._meta.get_field("reveal_when").default),
        reveal_score="score" in reveal,
        reveal_correctness="correctness" in reveal,
        reveal_correct_answer="correct_answer" in reveal,
        reveal_explanation="explanation" in reveal,
        draws=[QuizDraw(skill=skill, count=draws[skill.slug]) for skill in _skills(list(draws))],
    )
