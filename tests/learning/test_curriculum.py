"""The curriculum we ship: complete, bilingual, and loaded as published pages."""

import pytest
from django.utils.html import strip_tags
from wagtail.models import Locale

from cms.content_loader import read_yaml
from cms.site_pages import load_site_pages
from learning.curriculum import CURRICULUM_DIR, FIXTURES_DIR, load_curriculum, load_skills
from learning.models import LessonPage, ModulePage, QuizPage, Skill
from learning.scoring import SCORED_KINDS, problems

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
        assert set(blocks) & {"scenario", *EXERCISES}, f"{language}: no exercise or scenario"


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


QUIZ_FILES = [module / "quiz.yaml" for module in MODULE_DIRS]
BASELINE_FILE = CURRICULUM_DIR / "baseline-quiz.yaml"


def question_shape(question: dict) -> tuple:
    """What must be the same in both languages: type, skill, and which choices are right or how they are rated."""
    ((kind, spec),) = question.items()
    choices = tuple((bool(c.get("correct")), c.get("rating")) for c in spec.get("choices", []))
    return kind, spec["skill"], choices, spec.get("correct")


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda path: path.parent.name)
def test_every_module_has_a_mixed_quiz_of_at_least_8_questions(path):
    spec = read_yaml(path)
    kinds = [next(iter(question)) for question in spec["en"]["questions"]]

    assert len(kinds) >= 8
    assert sum(1 for kind in kinds if kind in SCORED_KINDS) >= 6
    assert {"scenario", "multiple_choice"} <= set(kinds)
    assert 0 < spec["pass_mark"] <= 100


@pytest.mark.parametrize(
    "path", [*QUIZ_FILES, BASELINE_FILE], ids=lambda path: path.parent.name + "/" + path.name
)
def test_every_quiz_asks_the_same_questions_in_both_languages(path):
    spec = read_yaml(path)

    english, indonesian = ([question_shape(q) for q in spec[code]["questions"]] for code in LANGUAGES)
    assert english == indonesian
    assert {skill for _kind, skill, _choices, _correct in english} <= SKILL_SLUGS
    for language in LANGUAGES:
        assert spec[language]["title"] and spec[language]["intro"]


def test_the_baseline_self_assessment_covers_every_skill():
    spec = read_yaml(BASELINE_FILE)
    questions = [next(iter(q.items())) for q in spec["en"]["questions"]]

    assert {skill["skill"] for kind, skill in questions if kind == "self_rating"} == SKILL_SLUGS
    assert spec["pass_mark"] == 0


@pytest.mark.django_db
def test_every_shipped_quiz_loads_answerable_in_both_languages():
    home = load_site_pages()
    load_skills()
    load_curriculum(home=home)

    quizzes = list(QuizPage.objects.live())
    assert {quiz.locale.language_code for quiz in quizzes} == set(LANGUAGES)
    assert len(quizzes) == 2 * (len(QUIZ_FILES) + 1)
    for quiz in quizzes:
        quiz.full_clean()
        for question in quiz.question_list():
            assert question.skill is not None
            assert not problems(question), f"{quiz.url_path} {question.prompt}: {problems(question)}"
