"""Every form in Kelola, driven by hypothesis with hostile values: text (NUL, lone combining and right-to-left marks,
10 000 characters, markup), numbers (huge, negative, NaN) and dates (year 0, 9999, garbage), in both languages.
Whatever is sent, the answer is never a 5xx, and a form that refuses its input is shown again holding it.

The fields sent are the ones the page's own forms have (read from the page), so a field added to a form is driven
too; `test_every_form_is_driven` fails when a form class of ours is on no page here."""

from dataclasses import dataclass, field

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.formsets import BaseFormSet
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentoring import reviews
from mentoring.mentorships import accept, invite
from tests import factories
from tests.learning import builders
from tests.learning.conftest import class_course, class_quiz  # noqa: F401 (fixtures this module uses)

OUR_PACKAGES = ("cms", "learning", "portfolio", "mentoring", "fixtures")

# Values people and attackers send. (Lone surrogates cannot travel in an HTTP request: UTF-8 has none.)
HOSTILE_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.text(alphabet="\x00\u0301\u200f\u202e\ufeff<>&\"'%\\ ", max_size=20),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "x" * 10_000,
            "\u0301" * 500,
            "\u202eevil.exe",
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "{{ 7|add:7 }}{% debug %}",
            "' OR 1=1 --",
            "../../etc/passwd",
            "javascript:alert(1)",
            "https://example.org/" + "a" * 600,
        ]
    ),
)
HOSTILE_NUMBER = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(
        ["NaN", "-nan", "inf", "-Infinity", "1e309", "1e-400", "0x10", "٣", "1_000", "-0", "3.5", "9" * 400]
    ),
)
HOSTILE_DATE = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(
        [
            "0000-01-01",
            "0001-01-01",
            "9999-12-31",
            "10000-01-01",
            "2024-02-30",
            "2024-13-01",
            "31/12/2024",
            "yesterday",
        ]
    ),
)
HOSTILE = st.one_of(HOSTILE_TEXT, HOSTILE_NUMBER, HOSTILE_DATE)


@dataclass
class Page:
    """A page with forms: who opens it, where, what it always sends (the button pressed), and whether it reads its
    form from the query string."""

    name: str
    who: str  # a key of the world below, or "anonymous"
    url: str
    fixed: dict = field(default_factory=dict)
    method: str = "post"
    upload: str = ""  # the name of a file field to send hostile bytes in


def pages(world: dict) -> list[Page]:
    review, learner, quiz = world["review"], world["learner"], world["quiz"]
    return [
        Page("sign-up", "anonymous", reverse("signup")),
        Page("log-in", "anonymous", reverse("login")),
        Page("password reset", "anonymous", reverse("password_reset")),
        Page("account", "learner", reverse("account")),
        Page("email change", "learner", reverse("email_change")),
        Page("account deletion", "learner", reverse("delete_account")),
        Page("password change", "learner", reverse("password_change")),
        Page("quiz", "learner", quiz.url),
        Page("skill goals", "learner", reverse("learning:skill_goals")),
        Page("profile", "learner", reverse("portfolio:edit_profile")),
        Page("background", "learner", reverse("portfolio:edit_background")),
        Page("new project", "learner", reverse("portfolio:add_project")),
        Page("sharing", "learner", reverse("portfolio:portfolio")),
        Page("résumé options", "learner", reverse("portfolio:resume"), method="get"),
        Page("résumé options sent", "learner", reverse("portfolio:resume")),
        Page("JSON Resume import", "learner", reverse("portfolio:import"), upload="file"),
        Page("mentor invitation", "learner", reverse("mentoring:mentors")),
        Page("review request", "learner", reverse("mentoring:request_review")),
        Page(
            "review comment", "mentor", reverse("mentoring:review", args=[review.pk]), {"action": "comment"}
        ),
        Page(
            "review decision", "mentor", reverse("mentoring:review", args=[review.pk]), {"action": "approve"}
        ),
        Page(
            "endorsement",
            "mentor",
            reverse("mentoring:learner_skills", args=[learner.pk]),
            {"action": "endorse"},
        ),
        Page("mentorship (admin)", "editor", reverse("mentorships:add")),
    ]


# Forms of ours that only Wagtail's page editor shows, for editors: each hostile post there saves a draft revision
# of the whole page, seconds apiece, too slow to drive here. Their own checks (clean) are tested with the pages.
NOT_DRIVEN = {
    "QuizPageForm": "tests/learning/test_quiz_authoring.py",
    # The admin's log-in is Wagtail's view with our lock message: hostile posts there would lock the test's address.
    "AdminLoginForm": "tests/accounts/test_login_throttle.py",
    # The reports' filters are a GET form in the admin: every kind of bad value, on every report and its export.
    "ReportFilterForm": "tests/learning/test_course_reports.py (TestFilterInput)",
}


def _forms_in(value):
    """The forms a context value holds: a form, a formset (its management form and forms), or lists of them."""
    if isinstance(value, forms.BaseForm):
        yield value
    elif isinstance(value, BaseFormSet):
        yield value.management_form
        yield from value.forms
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _forms_in(item)


def page_forms(response) -> list[forms.BaseForm]:
    found = []
    for context in response.context or []:
        for value in context.dicts[-1].values() if hasattr(context, "dicts") else context.values():
            found += [form for form in _forms_in(value) if all(form is not seen for seen in found)]
    return found


def _fields(form: forms.BaseForm) -> dict[str, forms.Field]:
    return {form.add_prefix(name): form_field for name, form_field in form.fields.items()}


def hostile_data(draw, page_forms_: list[forms.BaseForm], fixed: dict) -> dict:
    """A hostile value for every field of the page's forms; a formset's counts stay as the page has them now and
    then, so that the forms behind them are reached too."""
    data = {}
    for form in page_forms_:
        for name, form_field in _fields(form).items():
            if name in fixed or isinstance(form_field, forms.FileField):
                continue
            if isinstance(form, forms.formsets.ManagementForm):
                initial = form.initial.get(name.rsplit("-", 1)[-1], 0)
                # Not a count in the thousands: Django would render up to 1000 blank forms, slowly, for nothing.
                data[name] = draw(
                    st.one_of(st.just(str(initial)), st.sampled_from(["", "-1", "x", "1e3", "\x00"]))
                )
            else:
                data[name] = draw(HOSTILE)
    return {**data, **fixed}


@pytest.fixture
def world(db, class_quiz, learner, mentor, editor, superuser):  # noqa: F811
    factories.ProjectFactory(profile__user=learner, title="Forum launch")
    accept(invite(learner=learner, identifier=mentor.username), mentor=mentor)
    review = reviews.submit(learner=learner, mentor=mentor)
    builders.skill("moderation-2", "Moderation")
    return {
        "learner": learner,
        "mentor": mentor,
        "editor": editor,
        "superuser": superuser,
        "review": review,
        "quiz": class_quiz,
    }


def _client(world: dict, who: str) -> Client:
    client = Client(raise_request_exception=False)
    if who != "anonymous":
        client.force_login(world[who])
    return client


# A bounded number of examples per page and language, and no deadline (a page renders in tens of milliseconds, but
# the machine may be busy); the "ci" profile in tests/conftest.py sets how many.
PROPERTY = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None
)


def _our_form_classes() -> set[type]:
    """Every form class defined in our packages (the URLconf has imported them all)."""
    found, queue = set(), [forms.BaseForm]
    while queue:
        cls = queue.pop()
        queue += cls.__subclasses__()
        if cls.__module__.split(".")[0] in OUR_PACKAGES:
            found.add(cls)
    return found


# The pages of `pages` by name, as the tests are named (`test_every_form_is_driven` checks the two lists agree).
DRIVEN = [
    "sign-up",
    "log-in",
    "password reset",
    "account",
    "email change",
    "account deletion",
    "password change",
    "quiz",
    "skill goals",
    "profile",
    "background",
    "new project",
    "sharing",
    "résumé options",
    "résumé options sent",
    "JSON Resume import",
    "mentor invitation",
    "review request",
    "review comment",
    "review decision",
    "endorsement",
    "mentorship (admin)",
]


@pytest.mark.usefixtures("class_quiz")
class TestHostileForms:
    """The quiz and its course are built once for the class; each test builds its people."""

    @pytest.mark.parametrize("language", ["en", "id"])
    @pytest.mark.parametrize("page_name", DRIVEN)
    def test_hostile_input_never_answers_5xx(self, world, language, page_name):
        with translation.override(language):
            (page,) = [item for item in pages(world) if item.name == page_name]
        client = _client(world, page.who)
        shown = client.get(page.url)
        assert shown.status_code == 200
        the_forms = page_forms(shown)
        assert the_forms, f"{page.name}: no form on the page"

        @PROPERTY
        @given(st.data())
        def send(data):
            values = hostile_data(data.draw, the_forms, page.fixed)
            if page.method == "get":
                response = client.get(page.url, values)
            else:
                if page.upload:
                    content = data.draw(
                        st.one_of(st.binary(max_size=200), HOSTILE_TEXT.map(lambda text: text.encode()))
                    )
                    values[page.upload] = SimpleUploadedFile("resume.json", content)
                response = client.post(page.url, values)
            assert response.status_code < 500, (page.name, values)
            # Refused: the form is shown again, bound to what was sent.
            if response.status_code == 200 and page.method == "post":
                for form in page_forms(response):
                    if form.is_bound and form.errors:
                        texts = {
                            name
                            for name, form_field in _fields(form).items()
                            if not isinstance(form_field, forms.FileField)  # a file is never shown again
                        }
                        sent = {name: value for name, value in values.items() if name in texts}
                        assert {name: form.data.get(name) for name in sent} == sent, page.name

        send()

    def test_every_form_is_driven(self, world):
        """A form class of ours that no page above shows would not be driven: add its page to `pages`."""
        assert [page.name for page in pages(world)] == DRIVEN
        shown = set()
        for page in pages(world):
            response = _client(world, page.who).get(page.url)
            shown |= {type(form) for form in page_forms(response)}
        # Wagtail builds the admin's form class from ours (MentorshipForm) when the page asks for it.
        shown |= {base for cls in shown for base in cls.__mro__}
        assert {cls.__name__ for cls in _our_form_classes() - shown} == set(NOT_DRIVEN)
