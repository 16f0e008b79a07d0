"""Demo content and demo accounts for README command 1 (`manage.py load_demo`)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Site

from learning.models import LessonPage, QuizPage
from learning.progress import mark_complete, record_visit
from learning.quizzes import attempts_of, submit_attempt
from learning.scoring import Kind

from .content_loader import (
    markdown_to_richtext,
    publish_new_child,
    publish_translation,
    read_yaml,
    stream_json,
)
from .models import HomePage, StandardPage

FIXTURES_DIR = settings.BASE_DIR / "fixtures"
DEMO_PASSWORD = "kelola-demo"  # noqa: S105 - documented in the README; demo machines only.

STANDARD_PAGE_BLOCKS = {
    "text": ("paragraph", markdown_to_richtext),
    "callout": (
        "callout",
        lambda value: {**value, "text": markdown_to_richtext(value["text"])},
    ),
    "quote": ("quote", lambda value: value),
}


def home_fields(content: dict) -> dict:
    return {
        "title": content["title"],
        "hero_heading": content["hero_heading"],
        "hero_text": content["hero_text"],
        "offers": stream_json(
            [{"feature": offer} for offer in content["offers"]], {"feature": ("feature", dict)}
        ),
        "steps": stream_json([{"step": step} for step in content["steps"]], {"step": ("step", dict)}),
    }


def standard_page_fields(content: dict) -> dict:
    return {
        "title": content["title"],
        "intro": content.get("intro", ""),
        "body": stream_json(content.get("body", []), STANDARD_PAGE_BLOCKS),
    }


@transaction.atomic
def load_site_pages(*, path=FIXTURES_DIR / "site.yaml") -> HomePage:
    """Fill the home page (still the placeholder from the migration) and add the site pages, in both languages."""
    data = read_yaml(path)
    home = Site.objects.get(is_default_site=True).root_page.specific
    if not home.offers:
        for name, value in home_fields(data["home"]["en"]).items():
            setattr(home, name, value)
        home.save_revision().publish()
    publish_translation(source=home, language_code="id", fields=home_fields(data["home"]["id"]))

    for spec in data["pages"]:
        page = home.get_children().filter(slug=spec["slug"]).specific().first()
        if page is None:
            page = publish_new_child(
                parent=home,
                page=StandardPage(slug=spec["slug"], show_in_menus=True, **standard_page_fields(spec["en"])),
            )
        publish_translation(source=page, language_code="id", fields=standard_page_fields(spec["id"]))
    return home


# The demo learner's history: lessons finished (by module folder and lesson number), the last one opened, and
# one attempt at the first module's quiz.
DEMO_LEARNER_COMPLETED = {"the-job": [1, 2, 3], "moderation": [1]}
DEMO_LEARNER_QUIZ = ("the-job", "the-job-quiz")


def _demo_responses(questions) -> dict:
    """A plausible first attempt: most questions right, every third one not."""
    responses = {}
    for position, question in enumerate(questions):
        if question.kind == Kind.REFLECTION:
            responses[question.id] = "I want to practise replying to complaints calmly and following up."
        elif question.kind == Kind.SELF_RATING:
            responses[question.id] = "2"
        elif question.allows_several:
            responses[question.id] = [choice.id for choice in question.best_choices()][: 1 + position % 2]
        else:
            best = question.best_choices()
            others = [choice for choice in question.choices if choice not in best]
            responses[question.id] = (others[0] if position % 3 == 2 and others else best[0]).id
    return responses


@transaction.atomic
def load_demo_learner_history(*, course, username: str = "learner") -> None:
    """Give the demo learner some course history, so a tester sees progress straight away."""
    user = get_user_model().objects.get(username=username)
    for module_slug, numbers in DEMO_LEARNER_COMPLETED.items():
        lessons = list(
            LessonPage.objects.child_of(course.get_children().get(slug=module_slug)).order_by("path")
        )
        for number in numbers:
            mark_complete(user=user, lesson=lessons[number - 1])
            record_visit(user=user, lesson=lessons[number - 1])
    module_slug, quiz_slug = DEMO_LEARNER_QUIZ
    quiz = QuizPage.objects.child_of(course.get_children().get(slug=module_slug)).get(slug=quiz_slug)
    if not attempts_of(user, quiz).exists():
        questions = quiz.question_list()
        submit_attempt(
            user=user, quiz=quiz, number=1, questions=questions, responses=_demo_responses(questions)
        )


@transaction.atomic
def load_demo_accounts(*, path=FIXTURES_DIR / "demo_accounts.yaml", password: str = DEMO_PASSWORD) -> list:
    """Create the demo accounts that are missing; existing accounts keep their password and details."""
    User = get_user_model()
    users = []
    for spec in read_yaml(path):
        superuser = spec.get("superuser", False)
        user, created = User.objects.get_or_create(
            username=spec["username"],
            defaults={
                "first_name": spec["first_name"],
                "last_name": spec["last_name"],
                "email": spec["email"],
                "is_superuser": superuser,
                "is_staff": superuser,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(*Group.objects.filter(name__in=spec["roles"]))
        users.append(user)
    return users
