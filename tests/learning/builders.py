"""Small course trees for tests: built per test, never the whole shipped curriculum."""

import json

from wagtail.models import Locale

from cms.models import HomePage
from learning.curriculum import quiz_fields
from learning.models import CourseIndexPage, LessonPage, ModulePage, QuizPage, Skill, SkillCategory


def skill(
    slug: str = "communication", name: str = "Communication", *, indonesian: str | None = None
) -> Skill:
    category, _ = SkillCategory.objects.get_or_create(
        slug="people", locale=Locale.get_default(), defaults={"name": "People"}
    )
    created = Skill.objects.create(
        slug=slug,
        name=name,
        description=f"{name} in communities.",
        category=category,
        **{f"level_{level}": f"{name} level {level}" for level in range(5)},
    )
    if indonesian:
        translation = created.copy_for_translation(Locale.objects.get(language_code="id"))
        translation.name = indonesian
        translation.save()
    return created


def lesson_body(text: str) -> str:
    return json.dumps(
        [
            {"type": "paragraph", "value": f"<p>{text}</p>"},
            {
                "type": "scenario",
                "value": {
                    "title": "Try it",
                    "situation": "<p>A member is upset.</p>",
                    "question": "What do you say?",
                    "model_answer": "<p>Listen first.</p>",
                },
            },
            {"type": "takeaways", "value": {"items": ["Listen first"]}},
        ]
    )


def course(*, modules: int = 2, lessons: int = 3, skills: list[Skill] | None = None) -> CourseIndexPage:
    """A published course under the English home page: `modules` modules of `lessons` lessons each."""
    home = HomePage.objects.get(locale__language_code="en")
    course_page = CourseIndexPage(title="Course", slug="course", show_in_menus=True)
    home.add_child(instance=course_page)
    course_page.save_revision().publish()
    for module_number in range(1, modules + 1):
        add_module(course_page, module_number, lessons=lessons, skills=skills or [])
    return course_page


def add_module(course_page, number: int, *, lessons: int = 3, skills: list[Skill] = ()) -> ModulePage:
    module = ModulePage(
        title=f"Module {number}", slug=f"module-{number}", summary=f"Summary {number}", intro="<p>Intro</p>"
    )
    module.skills = list(skills)
    course_page.add_child(instance=module)
    module.save_revision().publish()
    for lesson_number in range(1, lessons + 1):
        add_lesson(module, f"Lesson {number}.{lesson_number}", skills=skills)
    return module


def add_lesson(
    module, title: str, *, minutes: int = 10, skills=(), text: str = "Listen to your members."
) -> LessonPage:
    lesson = LessonPage(
        title=title,
        slug=title.lower().replace(" ", "-").replace(".", "-"),
        summary=f"About {title}",
        minutes=minutes,
        body=lesson_body(text),
    )
    lesson.skills = list(skills)
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def translate(page, **fields):
    """Publish an Indonesian translation of `page` (its parents must be translated already)."""
    translation = page.copy_for_translation(Locale.objects.get(language_code="id")).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def translate_course(course_page):
    """Translate the home page, the course and every module and lesson into Indonesian."""
    home = course_page.get_parent().specific
    if home.get_translation_or_none(Locale.objects.get(language_code="id")) is None:
        translate(home, hero_heading="Beranda", hero_text="Teks")
    translated = {}
    for page in [course_page, *course_page.get_descendants().specific().order_by("path")]:
        extra = {"title": f"{page.title} (ID)"}
        if isinstance(page, LessonPage):
            extra["body"] = lesson_body("Dengarkan anggota komunitas Anda.")
        translated[page.pk] = translate(page, **extra)
    return translated


def choice_question(
    kind: str = "single_choice",
    *,
    skill: str = "communication",
    prompt: str = "Which?",
    choices=None,
    **extra,
) -> dict:
    """One question in the quiz file format (docs/curriculum-format.md)."""
    return {
        kind: {
            "skill": skill,
            "prompt": prompt,
            "choices": choices
            or [{"text": "Right", "correct": True, "feedback": "Yes."}, {"text": "Wrong", "feedback": "No."}],
            "explanation": "The idea.",
            **extra,
        }
    }


def add_quiz(parent, *, slug: str = "quiz", title: str = "Quiz", questions: list[dict], **rules) -> QuizPage:
    """A published quiz under a module (or the course), its questions written as in the quiz file format. Unless a
    test says otherwise, answers show at once and retries need no wait (not the model's defaults), so tests of
    other rules need not pass or wait first."""
    quiz = QuizPage(
        slug=slug,
        **quiz_fields(slug, {"title": title, "intro": "Check yourself.", "questions": questions}),
        **{"reveal_when": "immediately", "cooldown_minutes": 0, **rules},
    )
    parent.add_child(instance=quiz)
    quiz.save_revision().publish()
    return quiz
