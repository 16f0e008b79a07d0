"""Demo content and demo accounts for README command 1 (`manage.py load_demo`)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.timezone import localdate, now
from wagtail.models import Site

from learning.levels import SkillLevel
from learning.models import LessonCompletion, LessonPage, QuizAttempt, QuizPage, SkillGoal, SkillLevelChange
from learning.progress import mark_complete, record_visit
from learning.quizzes import attempts_of, questions_for_attempt, submit_attempt
from learning.scoring import Kind
from learning.skill_evidence import framework_skills, record_level_changes
from portfolio import reviews
from portfolio.models import (
    Education,
    Endorsement,
    Experience,
    Mentorship,
    Project,
    ReviewRequest,
    SpokenLanguage,
    Visibility,
)
from portfolio.portfolios import profile_of, set_visibility

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
        "seo_title": content.get("seo_title", ""),
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


# The demo learner's history, step by step (days ago, lessons finished by module and number, quizzes taken by
# module (None: the course-wide baseline) and slug, with every third answer wrong or all right), then goals, a mentor
# and one endorsement, so that a tester sees levels, progress over 90 days and a verified skill straight away.
DEMO_LEARNER_STEPS = [
    (80, {}, [(None, "where-do-i-stand", 3)]),
    (62, {"the-job": [1, 2, 3]}, [("the-job", "the-job-quiz", 3)]),
    (41, {"communication": [1, 2]}, [("communication", "communication-quiz", 3)]),
    (30, {"moderation": [1]}, [("the-job", "the-job-quiz", None)]),
    (12, {"communication": [3]}, [("communication", "communication-quiz", None)]),
]
DEMO_LEARNER_GOALS = {
    "communication": (SkillLevel.PROFICIENT, 120),
    "moderation": (SkillLevel.PRACTISING, 45),
}
DEMO_ENDORSEMENT = (
    "relationship-building",
    SkillLevel.PRACTISING,
    "Sari welcomed every newcomer in our practice forum by name and followed up a week later.",
    5,
)


def _demo_responses(questions, *, wrong_every: int | None) -> dict:
    """A plausible attempt: the best answers, except every `wrong_every`-th; self-ratings vary."""
    responses = {}
    ratings = iter(["3", "1", "2", "4", "1", "2", "3"] * len(questions))
    for position, question in enumerate(questions):
        if question.kind == Kind.REFLECTION:
            responses[question.id] = "I want to practise replying to complaints calmly and following up."
        elif question.kind == Kind.SELF_RATING:
            responses[question.id] = next(ratings)
        elif question.allows_several:
            responses[question.id] = [choice.id for choice in question.best_choices()][: 1 + position % 2]
        else:
            best = question.best_choices()
            others = [choice for choice in question.choices if choice not in best]
            wrong = wrong_every and position % wrong_every == wrong_every - 1
            responses[question.id] = (others[0] if wrong and others else best[0]).id
    return responses


def _backdate(user, *, since, days_ago: int) -> None:
    """Move what the learner did after `since` to `days_ago` days ago."""
    when = now() - timedelta(days=days_ago)
    QuizAttempt.objects.filter(user=user, submitted_at__gte=since).update(submitted_at=when)
    LessonCompletion.objects.filter(user=user, completed_at__gte=since).update(completed_at=when)
    SkillLevelChange.objects.filter(user=user, changed_at__gte=since).update(changed_at=when)


def _demo_step(user, *, course, days_ago: int, lessons: dict, quizzes: list) -> None:
    since = now()
    for module_slug, numbers in lessons.items():
        module_lessons = list(
            LessonPage.objects.child_of(course.get_children().get(slug=module_slug)).order_by("path")
        )
        for number in numbers:
            mark_complete(user=user, lesson=module_lessons[number - 1])
            record_visit(user=user, lesson=module_lessons[number - 1])
    for module_slug, quiz_slug, wrong_every in quizzes:
        parent = course if module_slug is None else course.get_children().get(slug=module_slug)
        quiz = QuizPage.objects.child_of(parent).get(slug=quiz_slug)
        number = attempts_of(user, quiz).count() + 1
        questions = questions_for_attempt(quiz.question_list(), quiz=quiz, user=user, number=number)
        submit_attempt(
            user=user,
            quiz=quiz,
            number=number,
            questions=questions,
            responses=_demo_responses(questions, wrong_every=wrong_every),
        )
    _backdate(user, since=since, days_ago=days_ago)


@transaction.atomic
def load_demo_learner_history(*, course, username: str = "learner", mentor_username: str = "mentor") -> None:
    """Give the demo learner some history, once: the steps above, goals, a mentor and an endorsement."""
    User = get_user_model()
    user = User.objects.get(username=username)
    if QuizAttempt.objects.filter(user=user).exists():
        return
    for days_ago, lessons, quizzes in DEMO_LEARNER_STEPS:
        _demo_step(user, course=course, days_ago=days_ago, lessons=lessons, quizzes=quizzes)
    skills = {skill.slug: skill for skill in framework_skills()}
    for slug, (level, days_ahead) in DEMO_LEARNER_GOALS.items():
        SkillGoal.objects.get_or_create(
            user=user,
            skill=skills[slug],
            defaults={"target_level": level, "target_date": localdate() + timedelta(days=days_ahead)},
        )
    mentor = User.objects.get(username=mentor_username)
    Mentorship.objects.get_or_create(learner=user, mentor=mentor, ended_at=None)
    slug, level, reason, days_ago = DEMO_ENDORSEMENT
    endorsed_at = now() - timedelta(days=days_ago)
    Endorsement.objects.create(
        learner=user, mentor=mentor, skill=skills[slug], level=level, reason=reason, created_at=endorsed_at
    )
    record_level_changes(user, at=endorsed_at)


@transaction.atomic
def load_demo_portfolio(*, username: str = "learner", path=FIXTURES_DIR / "demo_portfolio.yaml") -> None:
    """Give the demo learner a portfolio, once, shared with their mentors."""
    user = get_user_model().objects.get(username=username)
    profile = profile_of(user)
    if profile.projects.exists():
        return
    data = read_yaml(path)
    spec = data["profile"]
    for name in ("headline", "location", "email", "summary"):
        setattr(profile, name, spec[name])
    profile.save()
    set_visibility(profile, Visibility(spec["visibility"]))
    for number, link in enumerate(spec["links"], start=1):
        profile.links.create(sort_order=number, **link)
    for related, model in (
        ("experience", Experience),
        ("education", Education),
        ("languages", SpokenLanguage),
    ):
        for number, entry in enumerate(data[related], start=1):
            model.objects.create(profile=profile, sort_order=number, **entry)
    skills = {skill.slug: skill for skill in framework_skills()}
    for number, entry in enumerate(data["projects"], start=1):
        entry = dict(entry)
        project_skills, results = entry.pop("skills"), entry.pop("results")
        project = Project.objects.create(profile=profile, sort_order=number, **entry)
        project.skills.set(skills[slug] for slug in project_skills)
        for position, result in enumerate(results, start=1):
            project.results.create(sort_order=position, **result)
    record_level_changes(user)


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


DEMO_REVIEW = {
    "message": "Could you check whether the outcome of this project is convincing for a hiring manager?",
    "comment": "The member numbers are strong. Say what the volunteer hosts do, so the outcome shows your part.",
}


@transaction.atomic
def load_demo_review(*, username: str = "learner", mentor_username: str = "mentor") -> None:
    """Once: the demo learner has asked their mentor to review their first project, and the mentor has commented."""
    User = get_user_model()
    user, mentor = User.objects.get(username=username), User.objects.get(username=mentor_username)
    project = profile_of(user).projects.order_by("sort_order").first()
    if project is None or ReviewRequest.objects.filter(learner=user).exists():
        return
    review = reviews.submit(learner=user, mentor=mentor, project=project, message=DEMO_REVIEW["message"])
    reviews.comment(review, author=mentor, body=DEMO_REVIEW["comment"], project=project)
