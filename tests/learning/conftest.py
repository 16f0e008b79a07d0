import pytest

from tests.learning import builders


@pytest.fixture
def course(db):
    return builders.course(modules=2, lessons=3, skills=[builders.skill(indonesian="Komunikasi")])


@pytest.fixture
def lessons(course):
    from learning.models import LessonPage

    return list(LessonPage.objects.descendant_of(course).filter(locale__language_code="en").order_by("path"))


@pytest.fixture
def indonesian(course):
    """The course translated into Indonesian: {English page pk: Indonesian page}."""
    return builders.translate_course(course)
