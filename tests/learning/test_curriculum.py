"""The curriculum we ship: complete, bilingual, and loaded as published pages."""

import pytest
from django.utils.html import strip_tags
from wagtail.models import Locale

from cms.content_loader import read_yaml
from cms.demo import load_site_pages
from learning.curriculum import CURRICULUM_DIR, FIXTURES_DIR, load_curriculum, load_skills
from learning.models import LessonPage, ModulePage, Skill

LANGUAGES = ("en", "id")
MODULE_DIRS = sorted(path for path in CURRICULUM_DIR.iterdir() if path.is_dir())
LESSON_FILES = sorted(path for module in MODULE_DIRS for path in module.glob("[0-9][0-9]-*.yaml"))
SKILL_SLUGS = {
    skill["slug"]
    for category in read_yaml(FIXTURES_DIR / "skills.yaml")["categories"]
    for skill in category["skills"]
}
EXERCISES = {"scenario", "case_study", "reflection", "checklist"}


def block_names(body: list[dict]) -> list[str]:
    return [next(iter(block)) for block in body]


def test_the_course_has_at_least_8_modules_and_28_lessons():
    assert len(MODULE_DIRS) >= 8
    assert len(LESSON_FILES) >= 28


def test_skills_framework_has_the_five_essential_skills_plus_moderation():
    assert {
        "communication",
        "relationship-building",
        "platforms-trends",
        "data-analysis",
        "time-management",
        "moderation",
    } <= SKILL_SLUGS


@pytest.mark.parametrize("path", MODULE_DIRS, ids=lambda path: path.name)
def test_every_module_is_described_in_both_languages(path):
    spec = read_yaml(path / "module.yaml")

    assert set(spec["skills"]) <= SKILL_SLUGS
    for language in LANGUAGES:
        assert spec[language]["title"] and spec[language]["intro"]
        assert len(spec[language]["summary"]) <= 250


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_lesson_meets_the_minimums_in_both_languages(path):
    spec = read_yaml(path)

    assert spec["slug"] == path.stem[3:]
    assert set(spec["skills"]) <= SKILL_SLUGS and spec["skills"]
    assert 1 <= spec["minutes"] <= 60
    for language in LANGUAGES:
        blocks = block_names(spec[language]["body"])
        assert blocks[-1] == "takeaways", f"{language}: the lesson must end with key takeaways"
        assert "scenario" in blocks or EXERCISES & set(blocks), f"{language}: no exercise or scenario"


def test_lesson_slugs_are_unique():
    slugs = [read_yaml(path)["slug"] for path in LESSON_FILES]

    assert len(slugs) == len(set(slugs))


@pytest.mark.django_db
def test_loading_gives_every_module_and_lesson_in_both_languages_with_350_words():
    home = load_site_pages()
    load_skills()

    course = load_curriculum(home=home)
    load_curriculum(home=home)  # a second run adds nothing

    english, indonesian = (Locale.objects.get(language_code=code) for code in LANGUAGES)
    assert ModulePage.objects.filter(locale=english, live=True).count() == len(MODULE_DIRS)
    assert LessonPage.objects.filter(locale=english, live=True).count() == len(LESSON_FILES)
    assert Skill.objects.filter(locale=indonesian).count() == Skill.objects.filter(locale=english).count()
    for lesson in LessonPage.objects.descendant_of(course).live():
        translation = lesson.get_translation(indonesian)
        assert translation.live and translation.title != lesson.title
        for page in (lesson, translation):
            words = len(strip_tags(page.body.render_as_block()).split())
            assert words >= 350, f"{page.url_path} has {words} words"
            assert page.skills.exists()
