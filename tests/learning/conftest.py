import pytest

from tests.database import fresh
from tests.learning import builders


@pytest.fixture(scope="class")
def class_course(class_db):
    return builders.course(modules=2, lessons=3, skills=[builders.skill(indonesian="Komunikasi")])


@pytest.fixture
def course(db, class_course):
    """Two modules of three lessons, teaching communication (built once per class)."""
    return fresh(class_course)


@pytest.fixture
def lessons(course):
    from learning.models import LessonPage

    return list(LessonPage.objects.descendant_of(course).filter(locale__language_code="en").order_by("path"))


@pytest.fixture(scope="class")
def class_indonesian(class_course):
    return builders.translate_course(class_course)


@pytest.fixture
def indonesian(db, class_indonesian):
    """The course (and the quiz, when a test asks for it first) translated into Indonesian: {English page pk:
    Indonesian page}."""
    return {pk: fresh(page) for pk, page in class_indonesian.items()}


QUIZ_QUESTIONS = [
    builders.choice_question(
        "single_choice",
        prompt="Best first reply?",
        choices=[
            {"text": "Acknowledge the problem", "correct": True, "feedback": "It shows you listened."},
            {"text": "Quote the rules", "feedback": "It sounds like a wall."},
            {"text": "Ignore it", "feedback": "Silence reads as indifference."},
        ],
    ),
    builders.choice_question(
        "multiple_choice",
        skill="moderation",
        prompt="Which are signs of spam?",
        choices=[
            {"text": "Same link in ten groups", "correct": True},
            {"text": "Brand-new account", "correct": True},
            {"text": "Urgent money offer", "correct": True},
            {"text": "A long question", "feedback": "Length is not spam."},
            {"text": "A typo", "feedback": "Everyone makes typos."},
        ],
    ),
    {
        "true_false": {
            "skill": "moderation",
            "statement": "Trolls want attention.",
            "correct": True,
            "explanation": "Yes.",
        }
    },
    {
        "scenario": {
            "skill": "moderation",
            "situation": "A member posts an **angry** complaint.",
            "prompt": "What do you do first?",
            "choices": [
                {"text": "Reply calmly in public", "rating": "best", "feedback": "Others see you care."},
                {
                    "text": "Message them privately",
                    "rating": "acceptable",
                    "feedback": "Fine, but others don't see it.",
                },
                {"text": "Delete the post", "rating": "poor", "feedback": "It looks like hiding."},
            ],
            "explanation": "Respond where the problem was raised.",
        }
    },
    {"self_rating": {"skill": "communication", "statement": "I can write a clear announcement."}},
    {"reflection": {"skill": "communication", "prompt": "What did you learn?"}},
]


@pytest.fixture(scope="class")
def class_quiz(class_course):
    builders.skill("moderation", "Moderation", indonesian="Moderasi")
    module = class_course.get_children().first()
    return builders.add_quiz(module, slug="module-1-quiz", title="Check yourself", questions=QUIZ_QUESTIONS)


@pytest.fixture
def quiz(db, class_quiz):
    """A quiz of every kind of question after the first module (built once per class)."""
    return fresh(class_quiz)


@pytest.fixture
def searchable(course, lessons, indonesian):
    """A lesson to search for, in English and in Indonesian."""
    module = lessons[0].get_parent()
    english = builders.add_lesson(module, "Handling trolls", text="Spot the troll early and stay calm.")
    builders.translate(
        english, title="Menangani troll", body=builders.lesson_body("Kenali perundung sejak awal.")
    )
    return english
