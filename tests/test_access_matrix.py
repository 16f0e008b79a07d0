"""Every URL the resolver knows, asked by every kind of person in both languages: who gets the page, who is sent to
log in, who is refused and how. tests/test_policy.py asks the permissions themselves; this asks the views.

A new view cannot be forgotten: `test_every_url_has_a_row` fails naming each pattern with no row in MATRIX (and each
of our page types with none in PAGES). Adding a view is adding one line: its pattern as the test names it, its URL
with ids from the test data (`{project}`, `{review}`… below), and what each person gets.
"""

import io
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from PIL import Image
from wagtail.models import Locale, get_page_models

from cms.models import HomePage
from learning.models import LessonCompletion, LessonPage, ModulePage, QuizAttempt
from learning.quizzes import submit_attempt
from mentoring import reviews
from mentoring.mentorships import invite
from mentoring.models import MentorInvitation, Mentorship, ReviewComment, ReviewRequest
from portfolio.models import ExportStatus, Profile, Project, ProjectImage, ResumeExport, Visibility
from portfolio.portfolios import set_visibility
from tests import factories
from tests.learning import builders
from tests.portfolio.builders import full_portfolio

ROLES = ("anonymous", "owner", "other_learner", "mentor", "unassigned_mentor", "editor", "superuser")
LANGUAGES = ("en", "id")
OURS = ("cms", "learning", "portfolio", "mentoring", "fixtures")


@dataclass(frozen=True)
class To:
    """A redirect to `location`, which may name `{lang}` and the test data's ids."""

    location: str
    status: int = 302


LOGIN = To("/{lang}/accounts/login/?next={next}")
ADMIN_LOGIN = To("/admin/login/?next={next}")


def expect(default, *, anonymous=LOGIN, **roles) -> dict:
    """What each person gets: `anonymous` for the anonymous visitor, `default` for each signed-in role not named."""
    unknown = set(roles) - set(ROLES)
    assert not unknown, f"not roles: {unknown}"
    return {"anonymous": anonymous, **{role: roles.get(role, default) for role in ROLES[1:]}}


def staff_only(**roles) -> dict:
    """The Wagtail admin's views: editors and administrators get them; the others its log-in."""
    return expect(ADMIN_LOGIN, anonymous=ADMIN_LOGIN, **{"editor": 200, "superuser": 200, **roles})


def everyone(outcome) -> dict:
    return expect(outcome, anonymous=outcome)


# The owner's records only: the owner gets `outcome`, everyone else signed in a 404 (not even "forbidden").
def owner_only(outcome=200, **roles) -> dict:
    return expect(404, owner=outcome, **roles)


# A learner's pages for their current mentor only: everyone else signed in gets a 404.
def mentor_only(outcome=200, **roles) -> dict:
    return expect(404, mentor=outcome, **roles)


@dataclass(frozen=True)
class Post:
    """A POST with `data`: what each person gets, and who changes something (nobody else may change anything)."""

    outcomes: dict
    data: dict = field(default_factory=dict)
    changed_by: frozenset = frozenset()


@dataclass(frozen=True)
class Row:
    """A URL with `{lang}` and the test data's ids (see `class_world`), what each person gets by GET, and by POST."""

    url: str
    get: dict
    post: Post | None = None


HOME = To("/{lang}/dashboard/")
MENTORING_HOME = To("/{lang}/mentoring/")
PORTFOLIO = To("/{lang}/portfolio/")
MENTORS = To("/{lang}/portfolio/mentors/")
# Mentors who learn nothing yet (as here) land on their mentoring tasks.
MENTORS_LAND = {"mentor": MENTORING_HOME, "unassigned_mentor": MENTORING_HOME}
SIGNED_IN = ROLES[1:]

# What shows a saved portfolio: those who never saved one are sent to start it.
SAVED_PORTFOLIO = expect(PORTFOLIO, owner=200, other_learner=200)
# A public portfolio's pictures by id: its owner and its mentor; nobody else, signed in or not.
PICTURE_READERS = expect(404, anonymous=404, owner=200, mentor=200)

# pattern (as `patterns()` names it) → its row. A POST-only view answers a GET with 405.
MATRIX = {
    # With no page to return to, back to the start, which sends each person to their language.
    "i18n/setlang/": Row("/i18n/setlang/", everyone(To("/")), Post(everyone(To("/")), {"language": "id"})),
    "health/": Row("/health/", everyone(200)),
    # Accounts
    "<lang>/accounts/signup/": Row(
        "/{lang}/accounts/signup/",
        expect(HOME, anonymous=200, **MENTORS_LAND),
    ),
    "<lang>/accounts/login/": Row(
        "/{lang}/accounts/login/",
        expect(HOME, anonymous=200, **MENTORS_LAND),
    ),
    "<lang>/accounts/logout/": Row(
        "/{lang}/accounts/logout/",
        everyone(405),
        Post(everyone(To("/")), changed_by=frozenset()),  # it ends the session only
    ),
    "<lang>/accounts/me/": Row("/{lang}/accounts/me/", expect(200)),
    # Changing the email asks for the password: a POST without it changes nothing.
    "<lang>/accounts/me/email/": Row("/{lang}/accounts/me/email/", expect(200), Post(expect(200))),
    # A link that is not (or no longer) valid says so, as a bad request.
    "<lang>/accounts/me/email/<str:token>/": Row("/{lang}/accounts/me/email/not-a-token/", expect(400)),
    # One's own data, whoever one is.
    "<lang>/accounts/me/data/": Row("/{lang}/accounts/me/data/", expect(200)),
    # Deleting asks for the password and a tick: a POST without them deletes nothing. Editors and administrators are
    # told an administrator deletes their account.
    "<lang>/accounts/me/delete/": Row("/{lang}/accounts/me/delete/", expect(200), Post(expect(200))),
    "<lang>/accounts/password_change/": Row("/{lang}/accounts/password_change/", expect(200)),
    "<lang>/accounts/password_change/done/": Row("/{lang}/accounts/password_change/done/", expect(200)),
    "<lang>/accounts/password_reset/": Row("/{lang}/accounts/password_reset/", everyone(200)),
    "<lang>/accounts/password_reset/done/": Row("/{lang}/accounts/password_reset/done/", everyone(200)),
    # A link that is not (or no longer) valid says so, to everyone.
    "<lang>/accounts/reset/<uidb64>/<token>/": Row("/{lang}/accounts/reset/MQ/set-password/", everyone(200)),
    "<lang>/accounts/reset/done/": Row("/{lang}/accounts/reset/done/", everyone(200)),
    "<lang>/notifications/": Row("/{lang}/notifications/", expect(200)),
    "<lang>/portfolio/notifications/": Row(
        "/{lang}/portfolio/notifications/", everyone(To("/{lang}/notifications/", 301))
    ),
    # Learning
    "<lang>/dashboard/": Row("/{lang}/dashboard/", expect(200, **MENTORS_LAND)),
    "<lang>/search/": Row("/{lang}/search/?q=community", everyone(200)),
    "<lang>/learn/lessons/<id:page_id>/completion/": Row(
        "/{lang}/learn/lessons/{lesson_id}/completion/",
        everyone(405),
        Post(
            expect(To("{lesson}"), anonymous=To("/{lang}/accounts/login/?next={lesson}")),
            {"action": "complete"},
            changed_by=frozenset(SIGNED_IN),
        ),
    ),
    "<lang>/learn/attempts/<id:attempt_id>/": Row("/{lang}/learn/attempts/{attempt}/", owner_only()),
    "<lang>/learn/skills/levels/": Row("/{lang}/learn/skills/levels/", everyone(200)),
    "<lang>/learn/skills/goals/": Row("/{lang}/learn/skills/goals/", expect(200)),
    "<lang>/learn/skills/progress.csv": Row("/{lang}/learn/skills/progress.csv", expect(200)),
    "<lang>/learn/skills/learning-record.json": Row("/{lang}/learn/skills/learning-record.json", expect(200)),
    "<lang>/learn/learners/<id:learner_id>/skills/": Row(
        "/{lang}/learn/learners/{owner}/skills/", mentor_only(owner=HOME)
    ),
    # Portfolio: each person's own, at the same URLs; someone else's project is not there for them.
    "<lang>/portfolio/": Row("/{lang}/portfolio/", expect(200)),
    "<lang>/portfolio/preview/": Row("/{lang}/portfolio/preview/", SAVED_PORTFOLIO),
    "<lang>/portfolio/profile/": Row("/{lang}/portfolio/profile/", expect(200)),
    "<lang>/portfolio/background/": Row("/{lang}/portfolio/background/", expect(200)),
    "<lang>/portfolio/projects/new/": Row("/{lang}/portfolio/projects/new/", expect(200)),
    "<lang>/portfolio/projects/<id:project_id>/": Row("/{lang}/portfolio/projects/{project}/", owner_only()),
    "<lang>/portfolio/projects/<id:project_id>/delete/": Row(
        "/{lang}/portfolio/projects/{project}/delete/",
        owner_only(),
        Post(owner_only(PORTFOLIO), changed_by=frozenset({"owner"})),
    ),
    "<lang>/portfolio/projects/<id:project_id>/move/": Row(
        "/{lang}/portfolio/projects/{project}/move/",
        everyone(405),
        Post(owner_only(PORTFOLIO), {"direction": "down"}, changed_by=frozenset({"owner"})),
    ),
    "<lang>/portfolio/sharing/": Row(
        "/{lang}/portfolio/sharing/",
        everyone(405),
        Post(expect(PORTFOLIO), {"action": "regenerate"}, changed_by=frozenset(SIGNED_IN)),
    ),
    "<lang>/portfolio/resume/": Row("/{lang}/portfolio/resume/", SAVED_PORTFOLIO),
    "<lang>/portfolio/resume/preview/": Row("/{lang}/portfolio/resume/preview/", SAVED_PORTFOLIO),
    "<lang>/portfolio/resume/export/": Row(
        "/{lang}/portfolio/resume/export/",
        everyone(405),
        Post(expect(To("/{lang}/portfolio/resume/exports/{new_export}/")), changed_by=frozenset(SIGNED_IN)),
    ),
    "<lang>/portfolio/resume/exports/<id:export_id>/": Row(
        "/{lang}/portfolio/resume/exports/{export}/",
        owner_only(To("/{lang}/portfolio/resume/exports/{export}/file/")),
    ),
    "<lang>/portfolio/resume/exports/<id:export_id>/file/": Row(
        "/{lang}/portfolio/resume/exports/{export}/file/", owner_only()
    ),
    "<lang>/portfolio/resume.json": Row("/{lang}/portfolio/resume.json", SAVED_PORTFOLIO),
    "<lang>/portfolio/import/": Row("/{lang}/portfolio/import/", expect(200)),
    # Nothing uploaded yet: back to the upload.
    "<lang>/portfolio/import/confirm/": Row(
        "/{lang}/portfolio/import/confirm/", expect(To("/{lang}/portfolio/import/"))
    ),
    "<lang>/portfolio/learners/<id:learner_id>/": Row(
        "/{lang}/portfolio/learners/{owner}/", mentor_only(owner=PORTFOLIO)
    ),
    # The link is the permission: anyone holding it reads the page, and its pictures, while it is shared.
    "<lang>/portfolio/shared/<str:token>/": Row("/{lang}/portfolio/shared/{token}/", everyone(200)),
    "<lang>/portfolio/shared/<str:token>/photo/": Row(
        "/{lang}/portfolio/shared/{token}/photo/", everyone(200)
    ),
    "<lang>/portfolio/shared/<str:token>/images/<id:image_id>/": Row(
        "/{lang}/portfolio/shared/{token}/images/{picture}/", everyone(200)
    ),
    # By id, the pictures are for the portfolio's readers only (a stranger cannot try ids).
    "<lang>/portfolio/photos/<id:profile_id>/": Row("/{lang}/portfolio/photos/{profile}/", PICTURE_READERS),
    "<lang>/portfolio/images/<id:image_id>/": Row("/{lang}/portfolio/images/{picture}/", PICTURE_READERS),
    # Mentoring
    "<lang>/mentoring/": Row("/{lang}/mentoring/", expect(HOME, mentor=200, unassigned_mentor=200)),
    "<lang>/portfolio/mentors/": Row("/{lang}/portfolio/mentors/", expect(200)),
    "<lang>/portfolio/mentors/invitations/<id:invitation_id>/<str:answer>/": Row(
        "/{lang}/portfolio/mentors/invitations/{invitation}/accept/",
        everyone(405),
        # The owner may read the invitation but not accept it: told so, on their mentors page.
        Post(
            expect(404, owner=MENTORS, unassigned_mentor=MENTORING_HOME),
            changed_by=frozenset({"unassigned_mentor"}),
        ),
    ),
    "<lang>/portfolio/mentors/<id:mentorship_id>/end/": Row(
        "/{lang}/portfolio/mentors/{mentorship}/end/",
        everyone(405),
        Post(expect(404, owner=MENTORS, mentor=MENTORING_HOME), changed_by=frozenset({"owner", "mentor"})),
    ),
    # Reviews come from one's mentors: without one, the page says to invite one first.
    "<lang>/portfolio/reviews/new/": Row(
        "/{lang}/portfolio/reviews/new/", expect(MENTORS, owner=200, other_learner=200)
    ),
    "<lang>/portfolio/reviews/<id:review_id>/": Row(
        "/{lang}/portfolio/reviews/{review}/",
        expect(404, owner=200, mentor=200),
        Post(
            expect(
                404,
                owner=To("/{lang}/portfolio/reviews/{review}/"),
                mentor=To("/{lang}/portfolio/reviews/{review}/"),
            ),
            {"action": "comment", "body": "Is the second result clear?"},
            changed_by=frozenset({"owner", "mentor"}),
        ),
    ),
    # Wagtail's page views: page routes are the rows of PAGES; the rest serves no page of ours.
    "<lang>/_util/login/": Row("/{lang}/_util/login/", everyone(200)),
    "<lang>/_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": Row(
        "/{lang}/_util/authenticate_with_password/1/{lesson_id}/", everyone(404)
    ),
    # Our views in the Wagtail admin, which sends everyone without admin access to its own log-in.
    "admin/reports/translations/": Row("/admin/reports/translations/", staff_only()),
    # The course and question reports: counts only, for editors, moderators and administrators.
    "admin/reports/course/": Row("/admin/reports/course/", staff_only()),
    "admin/reports/course/results/": Row("/admin/reports/course/results/", staff_only()),
    "admin/reports/questions/": Row("/admin/reports/questions/", staff_only()),
    "admin/reports/questions/results/": Row("/admin/reports/questions/results/", staff_only()),
    "admin/reports/questions/<id:quiz_id>/": Row("/admin/reports/questions/{quiz_id}/", staff_only()),
    "admin/reports/questions/<id:quiz_id>/results/": Row(
        "/admin/reports/questions/{quiz_id}/results/", staff_only()
    ),
    "admin/mentorships/": Row("/admin/mentorships/", staff_only()),
    "admin/mentorships/new/": Row("/admin/mentorships/new/", staff_only()),
    "admin/mentorships/edit/<int:pk>/": Row(
        "/admin/mentorships/edit/{mentorship}/",
        staff_only(),
    ),
    "admin/mentorships/delete/<int:pk>/": Row(
        "/admin/mentorships/delete/{mentorship}/",
        # Editors end mentorships (their end date); only an administrator deletes one. Wagtail says so at its home.
        staff_only(editor=To("/admin/")),
    ),
}

WAGTAIL_PAGES = "<lang>/^((?:[\\w\\-]+/)*)$"

# Our page types (Wagtail's route above), each at a page of the test data. The quiz takes answers by POST: an
# empty form is shown again with its errors, and records nothing.
PAGES = {
    "cms.HomePage": Row("/{lang}/", everyone(200)),
    "cms.StandardPage": Row("{about}", everyone(200)),
    "learning.CourseIndexPage": Row("{course}", everyone(200)),
    "learning.ModulePage": Row("{module}", everyone(200)),
    "learning.LessonPage": Row("{lesson}", everyone(200)),
    "learning.QuizPage": Row("{quiz}", everyone(200), Post(expect(200))),
}

# Groups of URLs that are not ours, each with the reason it has no rows; our own views inside them still need one.
EXCLUDED = {
    "admin/": "Wagtail's admin: its own permission checks, tested by Wagtail; tests/cms/test_access.py keeps "
    "learners and mentors out of it",
    "documents/": "Wagtail's documents: Kelola publishes none, and Wagtail checks each document's collection",
    "__debug__/": "django-debug-toolbar, in the development settings only",
}


def patterns(resolver=None, prefix: str = ""):
    """(pattern, view) for every URL pattern, its language prefix written `<lang>/`."""
    for entry in (resolver or get_resolver()).url_patterns:
        part = "<lang>/" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from patterns(entry, prefix + part)
        else:
            yield prefix + part, getattr(entry.callback, "view_class", entry.callback)


def is_ours(view) -> bool:
    return view.__module__.split(".")[0] in OURS


def test_every_url_has_a_row():
    missing = sorted(
        pattern
        for pattern, view in patterns()
        if pattern not in MATRIX
        and pattern != WAGTAIL_PAGES
        and (is_ours(view) or not pattern.startswith(tuple(EXCLUDED)))
    )
    assert missing == [], "Add a row to MATRIX in tests/test_access_matrix.py for each of these patterns"
    known = {pattern for pattern, _view in patterns()}
    assert sorted(set(MATRIX) - known) == [], "These rows are for patterns the resolver no longer knows"


def test_every_page_type_of_ours_has_a_row():
    ours = {model._meta.label for model in get_page_models() if model._meta.app_label in OURS}
    assert sorted(ours - set(PAGES)) == [], "Add a row to PAGES in tests/test_access_matrix.py for each"
    assert sorted(set(PAGES) - ours) == []


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="class")
def class_world(class_site_pages):
    """Each kind of person, and one of the owner's records of each kind, in both languages."""
    owner = factories.learner(username="lina")
    other_learner = factories.learner(username="omar")
    mentor, unassigned = factories.mentor(username="maya"), factories.mentor(username="budi")
    people = {
        "owner": owner,
        "other_learner": other_learner,
        "mentor": mentor,
        "unassigned_mentor": unassigned,
        "editor": factories.editor(username="eko"),
        "superuser": factories.UserFactory(username="root", is_superuser=True, is_staff=True),
    }
    mentorship = Mentorship.objects.create(learner=owner, mentor=mentor)
    Mentorship.objects.create(learner=other_learner, mentor=unassigned)
    course = builders.course(modules=1, lessons=1, skills=[builders.skill(indonesian="Komunikasi")])
    module = ModulePage.objects.get(locale__language_code="en")
    quiz = builders.add_quiz(module, questions=[builders.choice_question()])
    builders.translate_course(course)
    questions = quiz.question_list()
    attempt = submit_attempt(
        user=owner,
        quiz=quiz,
        number=1,
        questions=questions,
        responses={question.id: question.choices[0].id for question in questions},
    )
    profile = full_portfolio(owner, projects=2)
    set_visibility(profile, Visibility.PUBLIC)
    full_portfolio(other_learner, projects=1)
    export = ResumeExport.objects.create(
        user=owner, options={}, html="", digest="", filename="Lina.pdf", status=ExportStatus.READY
    )
    export.pdf.save("lina.pdf", ContentFile(b"%PDF-1.7 test"))
    project = profile.projects.get(sort_order=1)
    profile.photo.save("lina.png", ContentFile(png()))
    picture = ProjectImage.objects.create(project=project, image=ContentFile(png(), name="night.png"))
    review = reviews.submit(learner=owner, mentor=mentor, project=project)
    invitation = invite(learner=owner, identifier="budi")
    ids = {
        "owner": owner.pk,
        "attempt": attempt.pk,
        "project": project.pk,
        "profile": profile.pk,
        "picture": picture.pk,
        "export": export.pk,
        "token": profile.public_token,
        "mentorship": mentorship.pk,
        "invitation": invitation.pk,
        "review": review.pk,
        "quiz_id": quiz.pk,
    }
    pages = {
        "about": "about",
        "course": course,
        "module": module,
        "lesson": LessonPage.objects.get(locale__language_code="en"),
        "quiz": quiz,
    }
    return people, ids, pages


@pytest.fixture
def world(db, class_world):
    people, ids, pages = class_world
    return {role: type(person).objects.get(pk=person.pk) for role, person in people.items()}, ids, pages


def values(ids: dict, pages: dict, lang: str) -> dict:
    """What the rows' URLs name, in `lang`: the ids, and each page's path (`{lesson}`) and id (`{lesson_id}`) in
    that language."""
    locale = Locale.objects.get(language_code=lang)
    home = HomePage.objects.get(locale=locale)
    translated = {
        name: home.get_children().get(slug=page) if isinstance(page, str) else page.get_translation(locale)
        for name, page in pages.items()
    }
    paths = {name: page.url for name, page in translated.items()}
    page_ids = {f"{name}_id": page.pk for name, page in translated.items()}
    return {**ids, **paths, **page_ids, "lang": lang}


def state() -> dict:
    """What a POST of the matrix could change."""
    return {
        "completions": LessonCompletion.objects.count(),
        "projects": sorted(Project.objects.values_list("pk", "sort_order")),
        "links": sorted(Profile.objects.values_list("pk", "public_token")),
        "exports": ResumeExport.objects.count(),
        "attempts": QuizAttempt.objects.count(),
        "invitations": sorted(MentorInvitation.objects.values_list("pk", "status")),
        "mentorships": Mentorship.objects.filter(ended_at__isnull=True).count(),
        "comments": ReviewComment.objects.count(),
        "reviews": sorted(ReviewRequest.objects.values_list("pk", "state")),
    }


def observed(response, *, known: dict, url: str):
    """The response as the rows write it: a status, LOGIN (back to `url` after), or To(where it redirects)."""
    if response.status_code not in (301, 302):
        return response.status_code
    answer = To(response["Location"], response.status_code)
    for log_in in (LOGIN, ADMIN_LOGIN):
        if answer == To(log_in.location.format(**known, next=quote(url, safe="/"))):
            return log_in
    return answer


def expected(outcome, *, known: dict):
    """`outcome` with the test data filled in, as `observed` reports it."""
    if isinstance(outcome, To) and outcome not in (LOGIN, ADMIN_LOGIN):
        return To(outcome.location.format(**known), outcome.status)
    return outcome


def ask(client, people: dict, role: str, method: str, url: str, data: dict):
    client.logout()
    if role != "anonymous":
        client.force_login(people[role])
    cache.clear()  # each person starts without what the previous one's pages cached
    return getattr(client, method)(url, data) if method == "post" else client.get(url)


def languages_of(pattern: str) -> tuple:
    return LANGUAGES if pattern.startswith("<lang>/") else ("",)


CASES = [
    pytest.param(pattern, row, lang, id=f"{pattern}-{lang or 'any'}")
    for pattern, row in MATRIX.items()
    for lang in languages_of(pattern)
] + [
    pytest.param(model, row, lang, id=f"{model}-{lang}") for model, row in PAGES.items() for lang in LANGUAGES
]


@pytest.mark.usefixtures("class_world")
class TestTheMatrix:
    @pytest.mark.parametrize(("pattern", "row", "lang"), CASES)
    def test_each_person_gets_what_the_row_says(self, client, world, pattern, row, lang):
        people, ids, pages = world
        known = values(ids, pages, lang or "en")
        url = row.url.format(**known)
        answers = {
            role: observed(ask(client, people, role, "get", url, {}), known=known, url=url) for role in ROLES
        }
        assert answers == {role: expected(row.get[role], known=known) for role in ROLES}, url

    @pytest.mark.parametrize(("pattern", "row", "lang"), [case for case in CASES if case.values[1].post])
    def test_each_person_posting_gets_what_the_row_says_and_only_the_allowed_change_anything(
        self, client, settings, world, pattern, row, lang
    ):
        # Tasks wait unrun: the matrix asks who may ask for a résumé's PDF, not for six PDFs.
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        people, ids, pages = world
        known = values(ids, pages, lang or "en")
        url = row.url.format(**known)
        answers, wanted, changes = {}, {}, {}
        for role in ROLES:
            with transaction.atomic():  # each person posts to the data as the class made it
                before = state()
                response = ask(client, people, role, "post", url, row.post.data)
                answers[role] = observed(response, known=known, url=url)
                # What the POST made is named by its id (PostgreSQL's sequences do not roll back).
                made = {"new_export": ResumeExport.objects.aggregate(newest=Max("pk"))["newest"]}
                wanted[role] = expected(row.post.outcomes[role], known={**known, **made})
                changes[role] = state() != before
                transaction.set_rollback(True)
        assert answers == wanted, url
        assert changes == {role: role in row.post.changed_by for role in ROLES}, url
