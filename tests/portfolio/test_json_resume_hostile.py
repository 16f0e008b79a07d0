"""JSON Resume files as an attacker or a careless tool writes them: wrong types, nulls, deep nesting, NUL
characters, a byte-order mark, text longer than its field. Each is read or refused with a reason in the page's
language at the upload, and the import then saves (on PostgreSQL too): never a 500."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from portfolio.json_resume import ResumeError, parse_resume, read_resume
from portfolio.models import Experience, Profile, Project
from portfolio.portfolios import profile_of
from tests.portfolio.test_json_resume import FULL_DOCUMENT

pytestmark = pytest.mark.django_db

WRONG_TYPES = {
    "basics": {"name": None, "label": ["a"], "email": {"x": 1}, "location": "Jakarta", "profiles": "none"},
    "work": [
        {"name": "Rumah", "position": "Host", "startDate": "2020-01", "highlights": 5, "summary": None},
        "a string where an entry should be",
        None,
    ],
    "projects": [
        {
            "name": "Forum",
            "startDate": "2021",
            "roles": 7,
            "highlights": "one string",
            "x-kelola": {"results": "lots", "links": {"url": "https://a.example"}},
        },
        {"name": "Meetups", "startDate": "2022", "x-kelola": {"results": ["text", 3, None, {"label": "x"}]}},
    ],
    "education": {"institution": "not a list"},
    "languages": [None, {"language": None}],
    "certificates": None,
    "skills": 3,
}


def upload(client, content: bytes, language: str = "en"):
    with translation.override(language):
        url = reverse("portfolio:import")
    return client.post(url, {"file": SimpleUploadedFile("resume.json", content)})


def confirm(client, language: str = "en"):
    """The plan as shown, and the answer to confirming it with every profile field ticked to be replaced."""
    with translation.override(language):
        url = reverse("portfolio:confirm_import")
    return client.get(url), client.post(url, {"overwrite": ["name", "headline", "summary", "location"]})


def test_wrong_types_are_left_out_and_named():
    plan = read_resume(WRONG_TYPES)
    assert plan.not_mapped == [
        "profiles: not a list; left out.",
        "work[1]: not an object; left out.",
        "Experience “Host, Rumah”: highlights is not a list; left out.",
        "education: not a list; left out.",
        "languages[1]: no language; left out.",
        "Community project “Forum”: highlights is not a list; left out.",
        "Community project “Forum”: roles is not a list; left out.",
        "Community project “Forum”: results is not a list; left out.",
        "Community project “Forum”: links is not a list; left out.",
        "Community project “Meetups”: a result without label, before and after numbers; left out.",
        "Community project “Meetups”: a result without label, before and after numbers; left out.",
        "Community project “Meetups”: a result without label, before and after numbers; left out.",
        "Community project “Meetups”: a result without label, before and after numbers; left out.",
        "skills: not a list; left out.",
    ]
    assert plan.basics == {}
    assert [type(entry).__name__ for entry in plan.entries] == ["Experience", "tuple", "tuple"]


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_file_of_wrong_types_and_nulls_imports_what_it_can(client, learner, language):
    client.force_login(learner)
    assert upload(client, json.dumps(WRONG_TYPES).encode(), language).status_code == 302
    shown, saved = confirm(client, language)
    assert shown.status_code == 200
    left_out = {"en": "roles is not a list; left out.", "id": "roles bukan daftar; tidak diimpor."}[language]
    assert left_out in shown.content.decode()
    assert saved.status_code == 302
    assert (Experience.objects.count(), Project.objects.count()) == (1, 2)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This file is nested too deeply to be a JSON Resume."),
        ("id", "Berkas ini bersarang terlalu dalam untuk sebuah JSON Resume."),
    ],
)
@pytest.mark.parametrize("depth", [100_000, 25])
def test_deep_nesting_is_refused(client, learner, language, message, depth):
    client.force_login(learner)
    content = b'{"work": ' + b"[" * depth + b"]" * depth + b"}"
    response = upload(client, content, language)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [message]


def test_nesting_as_deep_as_a_resume_is_read():
    assert parse_resume(b'{"basics": {"profiles": [{"network": "x"}]}}') == {
        "basics": {"profiles": [{"network": "x"}]}
    }
    with pytest.raises(ResumeError):
        parse_resume(b"[" * 22 + b"]" * 22)


@pytest.mark.parametrize("language", ["en", "id"])
def test_nul_characters_are_taken_out_at_the_upload(client, learner, language):
    document = {
        "basics": {"name": "Li\x00na", "summary": "\x00"},
        "work": [{"name": "Ru\x00mah", "position": "Host", "startDate": "2020-01", "highlights": ["a\x00b"]}],
        "projects": [{"name": "Fo\x00rum", "startDate": "2021", "x-ke\x00lola": {}}],
    }
    client.force_login(learner)
    assert upload(client, json.dumps(document).encode(), language).status_code == 302
    shown, saved = confirm(client, language)
    assert (shown.status_code, saved.status_code) == (200, 302)
    profile = profile_of(learner)
    assert profile.name == "Lina"
    assert list(Experience.objects.values_list("organisation", "description")) == [("Rumah", "ab")]
    assert list(Project.objects.values_list("title", flat=True)) == ["Forum"]


def test_a_byte_order_mark_is_accepted(client, learner):
    client.force_login(learner)
    response = upload(client, "\ufeff".encode() + json.dumps(FULL_DOCUMENT).encode())
    assert response.status_code == 302
    assert confirm(client)[1].status_code == 302
    assert Experience.objects.count() == 2


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "This file is larger than 1 MB."), ("id", "Berkas ini lebih besar dari 1 MB.")],
)
def test_a_huge_file_is_refused(client, learner, language, message):
    client.force_login(learner)
    content = json.dumps({"basics": {"summary": "x" * (2 * 1024 * 1024)}}).encode()
    response = upload(client, content, language)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [message]


LONG = {
    "basics": {"name": "N" * 200, "summary": "S" * 2500},
    "work": [{"name": "O" * 151, "position": "Host", "startDate": "2020-01", "summary": "D" * 2001}],
    "projects": [{"name": "Forum", "startDate": "2021", "roles": ["R" * 100, "Q" * 100]}],
}


@pytest.mark.parametrize(
    ("language", "notes"),
    [
        (
            "en",
            [
                "basics.name: name has 200 characters; only the first 150 are kept.",
                "basics.summary: summary has 2500 characters; only the first 2000 are kept.",
                f"Experience “Host, {'O' * 53}…”: organisation has 151 characters; only the first 150 are kept.",
                f"Experience “Host, {'O' * 53}…”: what you did has 2001 characters; only the first 2000 are kept.",
                "Community project “Forum”: your role has 202 characters; only the first 150 are kept.",
            ],
        ),
        (
            "id",
            [
                "basics.name: nama berisi 200 karakter; hanya 150 karakter pertama yang disimpan.",
                "basics.summary: ringkasan berisi 2500 karakter; hanya 2000 karakter pertama yang disimpan.",
            ],
        ),
    ],
)
def test_text_too_long_for_its_field_is_cut_and_the_plan_says_so(client, learner, language, notes):
    client.force_login(learner)
    assert upload(client, json.dumps(LONG).encode(), language).status_code == 302
    shown, saved = confirm(client, language)
    shortened = shown.context["plan"].shortened
    assert shortened[: len(notes)] == notes
    assert notes[0] in shown.content.decode()
    assert saved.status_code == 302
    profile = Profile.objects.get(user=learner)
    assert (len(profile.name), len(profile.summary)) == (150, 2000)
    assert len(Project.objects.get().role) == 150
