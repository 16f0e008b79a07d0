"""JSON Resume export and import: every field out and back in, full and broken documents, nothing overwritten
without asking."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from portfolio.json_resume import (
    SECTIONS,
    ResumeError,
    apply_plan,
    export_resume,
    leave_out_existing,
    read_resume,
)
from portfolio.models import Certification, Education, Experience, Profile, Project, SpokenLanguage
from portfolio.portfolios import profile_of
from tests.factories import ProfileFactory, ProjectFactory
from tests.learning import builders

FULL_DOCUMENT = {
    "basics": {
        "name": "Nguyễn Thị Minh Khai",
        "label": "Community manager",
        "image": "https://example.org/me.jpg",
        "email": "minh@example.org",
        "phone": "+84 90 000 0000",
        "url": "https://minh.example.org",
        "summary": "I run gaming communities.",
        "location": {"city": "Hà Nội", "countryCode": "VN"},
        "profiles": [{"network": "LinkedIn", "username": "minh", "url": "https://linkedin.example/minh"}],
    },
    "work": [
        {
            "name": "Rồng Games",
            "position": "Community lead",
            "startDate": "2021-03",
            "endDate": "2023-12-31",
            "summary": "Discord and forum.",
            "highlights": ["Grew the server"],
        }
    ],
    "volunteer": [{"organization": "Code Club", "position": "Mentor", "startDate": "2019"}],
    "education": [
        {
            "institution": "Hanoi University",
            "area": "Media",
            "studyType": "Bachelor",
            "startDate": "2015-09-01",
            "endDate": "2019-06-30",
            "score": "3.6",
            "courses": ["Ethics"],
        }
    ],
    "awards": [{"title": "Best community 2022", "date": "2022-11-01", "awarder": "GameFest"}],
    "certificates": [
        {"name": "Moderation 101", "date": "2020-05-01", "issuer": "Kelola", "url": "https://example.org/c"}
    ],
    "publications": [{"name": "Growing a server", "publisher": "Blog", "releaseDate": "2022-01-01"}],
    "skills": [{"name": "Moderation", "level": "Master", "keywords": ["spam"]}],
    "languages": [
        {"language": "Vietnamese", "fluency": "Native speaker"},
        {"language": "English", "fluency": "C1"},
    ],
    "interests": [{"name": "Board games", "keywords": ["strategy"]}],
    "references": [{"name": "Lan", "reference": "Great to work with."}],
    "projects": [
        {
            "name": "Rồng Discord",
            "description": "Turned a quiet server into a lively one.",
            "highlights": ["Weekly events"],
            "startDate": "2022-01-01",
            "roles": ["Founder"],
            "url": "https://example.org/discord",
        }
    ],
    "meta": {"version": "v1.0.0"},
}


@pytest.fixture
def full_profile(learner):
    profile = ProfileFactory(
        user=learner,
        headline="Community manager",
        location="Bandung",
        phone="+62 812",
        summary="Two lines.\nOf summary.",
        links=[{"label": "LinkedIn", "url": "https://linkedin.example/sari"}],
    )
    Experience.objects.create(
        profile=profile,
        role="Lead",
        organisation="Kopi",
        location="Bandung",
        start_date=date(2022, 3, 1),
        end_date=date(2024, 8, 31),
        description="Events.",
    )
    Education.objects.create(
        profile=profile,
        institution="Unpad",
        qualification="Bachelor",
        field_of_study="Communication",
        start_date=date(2018, 8, 1),
        end_date=date(2022, 7, 31),
    )
    Certification.objects.create(
        profile=profile, name="Basics", issuer="Kelola", date=date(2025, 3, 1), url="https://example.org/cert"
    )
    SpokenLanguage.objects.create(profile=profile, language="Bahasa Indonesia", fluency="native")
    ProjectFactory(
        profile=profile,
        title="Board Gamers",
        community_type="social_media",
        platforms="Discord",
        role="Host",
        start_date=date(2024, 9, 1),
        situation="Quiet.",
        actions="Game nights.",
        outcome="Lively.",
        in_resume=False,
        skills=[builders.skill()],
        results=[
            {
                "label": "Members",
                "before": Decimal("40"),
                "after": Decimal("210.5"),
                "unit": "members",
                "period": "6 months",
            }
        ],
        links=[{"label": "Server", "url": "https://example.org/server"}],
    )
    return profile


def test_every_field_round_trips(full_profile, other_learner):
    document = json.loads(json.dumps(export_resume(full_profile)))
    assert set(SECTIONS) <= set(document) and document["basics"]["name"] == full_profile.name
    target = profile_of(other_learner)
    plan = read_resume(document)
    apply_plan(target, plan, overwrite=set(plan.basics))
    target.refresh_from_db()

    def fields(profile):
        return (
            [profile.name, profile.headline, profile.location, profile.email, profile.phone, profile.summary],
            list(profile.links.values_list("label", "url")),
            list(
                profile.experience.values_list(
                    "role", "organisation", "location", "start_date", "end_date", "description"
                )
            ),
            list(
                profile.education.values_list(
                    "institution", "qualification", "field_of_study", "start_date", "end_date"
                )
            ),
            list(profile.certifications.values_list("name", "issuer", "date", "url")),
            list(profile.languages.values_list("language", "fluency")),
            list(
                profile.projects.values_list(
                    "title",
                    "community_type",
                    "platforms",
                    "role",
                    "start_date",
                    "end_date",
                    "situation",
                    "actions",
                    "outcome",
                    "in_resume",
                )
            ),
            [
                list(project.results.values_list("label", "before", "after", "unit", "period"))
                for project in profile.projects.all()
            ],
            [list(project.links.values_list("label", "url")) for project in profile.projects.all()],
        )

    assert fields(target) == fields(full_profile)


def test_a_full_document_from_another_tool(other_learner):
    plan = read_resume(FULL_DOCUMENT)
    assert plan.basics["name"] == "Nguyễn Thị Minh Khai"
    assert plan.basics["location"] == "Hà Nội, VN"
    assert plan.counts() == {
        "experience": 2,
        "education": 1,
        "certification": 1,
        "language": 2,
        "community project": 1,
    }
    left_out = " ".join(plan.not_mapped)
    for expected in (
        "basics.image",
        "basics.url",
        "awards: 1 entry;",
        "publications: 1 entry",
        "interests: 1",
        "references: 1",
        "skills: Kelola works out skill levels",
    ):
        assert expected in left_out
    profile = profile_of(other_learner)
    apply_plan(profile, plan, overwrite=set())
    assert profile.experience.filter(role="Mentor (volunteer)", organisation="Code Club").exists()
    assert profile.experience.get(organisation="Rồng Games").start_date == date(2021, 3, 1)
    assert dict(profile.languages.values_list("language", "fluency")) == {
        "Vietnamese": "native",
        "English": "fluent",
    }
    project = profile.projects.get()
    assert (project.community_type, project.role, project.links.get().url) == (
        "other",
        "Founder",
        "https://example.org/discord",
    )


@pytest.mark.parametrize("document", [[], "resume", 42, {"hello": "world"}])
def test_something_that_is_not_a_json_resume_is_refused(document):
    with pytest.raises(ResumeError):
        read_resume(document)


def test_broken_entries_are_left_out_and_listed():
    plan = read_resume(
        {
            "basics": {"email": "not-an-email", "profiles": [{"network": "X", "url": "javascript:alert(1)"}]},
            "work": [
                {"name": "A", "position": "B"},  # no start date
                {"name": "C", "position": "D", "startDate": "2020-02-30"},  # no such day
                {"name": "E", "position": "F", "startDate": "2022-01-01", "endDate": "2021-01-01"},
            ],
            "projects": "not a list",
            "education": [{"area": "No institution"}],
        }
    )
    assert "email" not in plan.basics and plan.links == []
    assert [entry.organisation for entry in plan.entries] == ["E"]
    assert plan.entries[0].end_date is None
    notes = " ".join(plan.not_mapped)
    for expected in (
        "basics.email",
        "Experience “B, A”: needs a position",
        "“2020-02-30” is not a date",
        "Experience “F, E”: the end date is before",
        "projects: not a list",
        "education[0]: no institution",
        "basics.profiles: an entry without a web address",
    ):
        assert expected in notes


def test_nothing_is_overwritten_without_asking(learner):
    profile = profile_of(learner)
    profile.headline = "My own headline"
    profile.save()
    plan = read_resume({"basics": {"label": "Their headline", "summary": "Their summary"}})
    apply_plan(profile, plan, overwrite=set())
    profile.refresh_from_db()
    assert profile.headline == "My own headline"  # kept
    assert profile.summary == "Their summary"  # was empty: filled
    apply_plan(profile, plan, overwrite={"headline"})
    profile.refresh_from_db()
    assert profile.headline == "Their headline"


# Through the pages


def upload(client, content: bytes, name: str = "resume.json"):
    return client.post(reverse("portfolio:import"), {"file": SimpleUploadedFile(name, content)})


def test_import_shows_the_plan_then_imports_on_confirmation(client, learner):
    profile = profile_of(learner)
    profile.headline = "Mine"
    profile.save()
    client.force_login(learner)
    response = upload(client, json.dumps(FULL_DOCUMENT).encode())
    assert response.status_code == 302 and response.url == reverse("portfolio:confirm_import")
    html = client.get(response.url).content.decode()
    assert "2 × experience" in html and "“Mine” → “Community manager”" in html and "awards: 1 entry;" in html  # noqa: RUF001
    assert not Experience.objects.exists()  # nothing yet
    client.post(reverse("portfolio:confirm_import"), {"overwrite": ["headline"]})
    profile.refresh_from_db()
    assert profile.headline == "Community manager" and profile.experience.count() == 2
    assert client.get(reverse("portfolio:confirm_import")).url == reverse("portfolio:import")  # used up


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"{not json", "This file is not valid JSON."),
        (b"\xff\xfe\x00", "This file is not valid JSON."),
        (b"[1, 2]", "it must hold one JSON object"),
        (b" " * (1024 * 1024 + 1), "This file is larger than 1 MB."),
    ],
)
def test_a_broken_file_is_refused_with_a_reason(client, learner, content, error):
    client.force_login(learner)
    response = upload(client, content)
    assert response.status_code == 200 and error in response.content.decode()
    assert not Profile.objects.filter(user=learner, experience__isnull=False).exists()


def test_export_downloads_json(client, full_profile, learner):
    client.force_login(learner)
    response = client.get(reverse("portfolio:export_json"))
    assert "attachment" in response["Content-Disposition"]
    document = json.loads(response.content)
    assert document["projects"][0]["x-kelola"]["results"][0]["after"] == "210.50"
    # The tracker's levels go in as extra properties: the project makes the learner Aware in communication.
    assert document["skills"] == [
        {
            "name": "Communication",
            "level": "Aware",
            "x-kelola": {"skill": "communication", "level": 1, "verifiedByMentor": False},
        }
    ]


@pytest.mark.parametrize("url_name", ["export_json", "import", "confirm_import"])
def test_json_resume_pages_need_an_account(client, db, url_name):
    response = client.get(reverse(f"portfolio:{url_name}"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("language", "heading", "project"),
    [
        ("en", "Already in your portfolio", "Community project “Board Gamers”"),
        ("id", "Sudah ada di portofolio Anda", "Proyek komunitas “Board Gamers”"),
    ],
)
def test_importing_ones_own_export_again_doubles_nothing(
    client, full_profile, learner, language, heading, project
):
    document = json.loads(json.dumps(export_resume(full_profile)))
    client.force_login(learner)
    upload(client, json.dumps(document).encode())
    with translation.override(language):
        url = reverse("portfolio:confirm_import")
    html = client.get(url).content.decode()
    skipped = re.search(r'<ul class="import-skipped small">(.*?)</ul>', html, re.S).group(1)
    assert heading in html
    assert re.findall(r"<li>(.*?)</li>", skipped)[-1] == project
    assert (
        len(re.findall(r"<li>", skipped)) == 6
    )  # link, experience, education, certification, language, project
    client.post(url)
    counts = [
        full_profile.links.count(),
        full_profile.experience.count(),
        full_profile.education.count(),
        full_profile.certifications.count(),
        full_profile.languages.count(),
        full_profile.projects.count(),
        full_profile.projects.get().results.count(),
    ]
    assert counts == [1, 1, 1, 1, 1, 1, 1]


def test_the_same_entry_differently_spaced_and_cased_is_skipped(learner):
    profile = profile_of(learner)
    SpokenLanguage.objects.create(profile=profile, language="Bahasa Indonesia", fluency="native")
    plan = read_resume({"languages": [{"language": "  bahasa   INDONESIA "}, {"language": "English"}]})
    leave_out_existing(profile, plan)
    assert [entry.language for entry in plan.entries] == ["English"]
    assert plan.already_there == ["Language “bahasa   INDONESIA”"]


def test_a_broken_entry_is_named_in_the_error(learner):
    plan = read_resume(
        {
            "projects": [
                {
                    "name": "Miss Direction",
                    "startDate": "2024-01-01",
                    "x-kelola": {"results": [{"label": "Members", "before": "1e20", "after": "2"}]},
                }
            ]
        }
    )
    with pytest.raises(ValidationError) as caught:
        apply_plan(profile_of(learner), plan, overwrite=set())
    assert caught.value.messages[0].startswith("Community project “Miss Direction”: ")
    assert not Project.objects.exists()
