"""Building a portfolio: profile, projects with results and links, order, sharing and who sees what."""

import io
import os
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from PIL import Image

from learning.models import Skill
from learning.skill_evidence import assess_skills
from mentoring.models import Mentorship
from portfolio.models import Profile, Project, ProjectImage, ProjectResult, Visibility
from portfolio.portfolios import delete_project, profile_of, regenerate_link, set_visibility
from tests.factories import ProjectFactory
from tests.learning import builders

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def formset_data(prefix: str, rows: list[dict], *, initial: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def project_data(**overrides) -> dict:
    data = {
        "title": "Gamers of Bandung",
        "community_type": "social_media",
        "platforms": "Discord, Instagram",
        "role": "Volunteer community manager",
        "start_date": "2025-01-01",
        "end_date": "2025-07-01",
        "situation": "A quiet Discord server.",
        "actions": "Weekly events and a welcome ritual.",
        "outcome": "A lively server run with volunteers.",
        "in_resume": "on",
        **formset_data(
            "results",
            [
                {
                    "label": "Active members",
                    "before": "1200",
                    "after": "4800",
                    "unit": "members",
                    "period": "6 months",
                }
            ],
        ),
        **formset_data("links", [{"label": "Server", "url": "https://example.org/server"}]),
        **formset_data("images", []),
    }
    data.update(overrides)
    return data


@pytest.fixture
def communication(db):
    return builders.skill()


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def project(learner):
    return ProjectFactory(profile__user=learner, title="Support forum")


def test_a_new_portfolio_starts_private_with_the_account_name(signed_in, learner):
    response = signed_in.get(reverse("portfolio:portfolio"))
    assert response.status_code == 200
    assert "Start your portfolio" in response.content.decode()
    assert not Profile.objects.exists()  # reading stores nothing
    form = signed_in.get(reverse("portfolio:edit_profile")).content.decode()
    assert f'value="{learner.get_full_name()}"' in form
    assert not Profile.objects.exists()

    signed_in.post(reverse("portfolio:sharing"), {"visibility": Visibility.PRIVATE})

    profile = Profile.objects.get(user=learner)
    assert profile.name == learner.get_full_name()
    assert profile.visibility == Visibility.PRIVATE and profile.public_token is None


def test_adding_a_project_with_results_links_and_skills(signed_in, learner, communication):
    response = signed_in.post(reverse("portfolio:add_project"), project_data(skills=[communication.pk]))
    assert response.status_code == 302
    project = Project.objects.get()
    assert (project.title, project.platforms, project.end_date) == (
        "Gamers of Bandung",
        "Discord, Instagram",
        date(2025, 7, 1),
    )
    (result,) = project.results.all()
    assert (result.label, result.before, result.after, result.unit, result.period) == (
        "Active members",
        1200,
        4800,
        "members",
        "6 months",
    )
    assert project.links.get().url == "https://example.org/server"
    assert list(project.skills.all()) == [communication]
    # The project is evidence for the skill straight away.
    (item,) = assess_skills(learner)
    assert item.evidence.projects == 1 and item.assessment.level == 1
    html = signed_in.get(reverse("portfolio:portfolio")).content.decode()
    assert "Active members</strong>: 1,200 members → 4,800 members in 6 months" in html


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"title": ""}, "This field is required."),
        ({"end_date": "2024-01-01"}, "The end date is before the start date."),
        ({"start_date": "soon"}, "Enter a valid date."),
        ({"results-0-after": "lots"}, "Enter a number."),
        ({"links-0-url": "javascript:alert(1)"}, "Enter a valid URL."),
    ],
)
def test_a_bad_project_re_renders_with_everything_kept(signed_in, overrides, error):
    response = signed_in.post(reverse("portfolio:add_project"), project_data(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert error in html
    assert "Some fields need a second look" in html
    assert "Weekly events and a welcome ritual." in html and 'value="Active members"' in html
    assert not Project.objects.exists() and not ProjectResult.objects.exists()


def test_editing_a_profile_round_trips_every_field(signed_in, learner):
    data = {
        "name": "Sari Wulandari",
        "headline": "Community manager",
        "location": "Bandung",
        "email": "sari@example.org",
        "phone": "+62 812 0000",
        "summary": "I grow communities.\nSecond line.",
        "include_course_achievements": "",
        **formset_data("links", [{"label": "LinkedIn", "url": "https://linkedin.example/sari"}]),
    }
    assert signed_in.post(reverse("portfolio:edit_profile"), data).status_code == 302
    profile = Profile.objects.get(user=learner)
    assert (profile.name, profile.headline, profile.location, profile.email, profile.phone) == (
        "Sari Wulandari",
        "Community manager",
        "Bandung",
        "sari@example.org",
        "+62 812 0000",
    )
    assert profile.summary == "I grow communities.\nSecond line."
    assert profile.include_course_achievements is False
    assert profile.links.get().label == "LinkedIn"


def test_projects_keep_the_learners_order(signed_in, learner, project):
    second = ProjectFactory(profile=project.profile, title="Second", community_type="internal", role="Lead")
    signed_in.post(reverse("portfolio:move_project", args=[second.pk]), {"direction": "up"})
    assert list(Project.objects.order_by("sort_order").values_list("title", flat=True)) == [
        "Second",
        "Support forum",
    ]
    signed_in.post(reverse("portfolio:move_project", args=[second.pk]), {"direction": "up"})  # already first
    assert list(Project.objects.order_by("sort_order").values_list("title", flat=True)) == [
        "Second",
        "Support forum",
    ]
    assert (
        signed_in.post(reverse("portfolio:move_project", args=[second.pk]), {"direction": "x"}).status_code
        == 400
    )


def test_deleting_asks_first(signed_in, project):
    url = reverse("portfolio:delete_project", args=[project.pk])
    assert "Delete “Support forum”?" in signed_in.get(url).content.decode()
    assert Project.objects.exists()
    signed_in.post(url)
    assert not Project.objects.exists()


@pytest.mark.parametrize("url_name", ["edit_project", "delete_project", "move_project"])
def test_nobody_else_can_change_a_project(client, other_learner, mentor, project, url_name):
    Mentorship.objects.create(learner=project.profile.user, mentor=mentor)
    set_visibility(project.profile, Visibility.MENTORS)
    for who in (other_learner, mentor):
        client.force_login(who)
        assert (
            client.post(reverse(f"portfolio:{url_name}", args=[project.pk]), project_data()).status_code
            == 404
        )
    assert Project.objects.get().title == "Support forum"


@pytest.mark.parametrize("url_name", ["portfolio", "edit_profile", "add_project"])
def test_editing_needs_an_account(client, db, url_name):
    response = client.get(reverse(f"portfolio:{url_name}"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# Who sees a portfolio


def mentor_page(learner):
    return reverse("portfolio:learner_portfolio", args=[learner.pk])


@pytest.mark.parametrize(
    ("visibility", "assigned_mentor", "unassigned_mentor", "other_learner_", "editor_"),
    [
        (Visibility.PRIVATE, 404, 404, 404, 404),
        (Visibility.MENTORS, 200, 404, 404, 404),
        (Visibility.PUBLIC, 200, 404, 404, 404),
    ],
)
def test_the_mentor_view_follows_visibility(
    client,
    learner,
    mentor,
    other_learner,
    editor,
    project,
    visibility,
    assigned_mentor,
    unassigned_mentor,
    other_learner_,
    editor_,
):
    from tests import factories

    Mentorship.objects.create(learner=learner, mentor=mentor)
    set_visibility(project.profile, visibility)
    expected = {
        mentor: assigned_mentor,
        factories.mentor(username="stranger"): unassigned_mentor,
        other_learner: other_learner_,
        editor: editor_,
    }
    for who, status in expected.items():
        client.force_login(who)
        assert client.get(mentor_page(learner)).status_code == status, who
    client.logout()
    assert client.get(mentor_page(learner)).status_code == 302


def test_a_former_mentor_loses_the_portfolio_at_once(client, learner, mentor, project):
    from django.utils import timezone

    mentorship = Mentorship.objects.create(learner=learner, mentor=mentor)
    set_visibility(project.profile, Visibility.MENTORS)
    client.force_login(mentor)
    assert client.get(mentor_page(learner)).status_code == 200
    mentorship.ended_at = timezone.now()
    mentorship.save()
    assert client.get(mentor_page(learner)).status_code == 404


def test_the_public_link_works_until_it_is_replaced_or_withdrawn(client, project):
    profile = project.profile
    set_visibility(profile, Visibility.PUBLIC)
    first = reverse("portfolio:shared", args=[profile.public_token])
    assert len(profile.public_token) >= 32
    response = client.get(first)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get(reverse("portfolio:shared", args=["not-the-token"])).status_code == 404

    regenerate_link(profile)
    second = reverse("portfolio:shared", args=[profile.public_token])
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200

    set_visibility(profile, Visibility.MENTORS)
    assert client.get(second).status_code == 404
    set_visibility(profile, Visibility.PUBLIC)
    assert client.get(second).status_code == 404  # sharing again makes a new link


def test_sharing_settings_through_the_page(signed_in, learner):
    signed_in.post(reverse("portfolio:sharing"), {"visibility": "public"})
    profile = Profile.objects.get(user=learner)
    assert profile.visibility == Visibility.PUBLIC
    html = signed_in.get(reverse("portfolio:portfolio")).content.decode()
    assert reverse("portfolio:shared", args=[profile.public_token]) in html
    signed_in.post(reverse("portfolio:sharing"), {"visibility": "nobody"})
    assert Profile.objects.get(user=learner).visibility == Visibility.PUBLIC  # refused, unchanged


def test_nothing_a_learner_types_becomes_html(client, signed_in, learner, communication):
    data = project_data(title=XSS, situation=XSS, actions=XSS, outcome=XSS, platforms=XSS, role=XSS)
    data.update(
        {
            "results-0-label": XSS,
            "results-0-unit": XSS[:30],
            "results-0-period": XSS[:60],
            "links-0-label": XSS[:60],
        }
    )
    assert signed_in.post(reverse("portfolio:add_project"), data).status_code == 302
    profile = Profile.objects.get(user=learner)
    profile.name = profile.headline = profile.summary = profile.location = XSS[:150]
    profile.save()
    set_visibility(profile, Visibility.PUBLIC)
    for url in (reverse("portfolio:portfolio"), reverse("portfolio:shared", args=[profile.public_token])):
        html = signed_in.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html


def test_portfolio_pages_make_the_same_number_of_queries_for_1_and_5_projects(
    signed_in, learner, project, communication
):
    def count(url):
        signed_in.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get(url).status_code == 200
        return len(queries)

    skill = Skill.objects.get()
    project.skills.add(skill)
    set_visibility(project.profile, Visibility.PUBLIC)
    shared_url = reverse("portfolio:shared", args=[project.profile.public_token])
    before = count(reverse("portfolio:portfolio")), count(shared_url)
    for number in range(4):
        ProjectFactory(
            profile=project.profile,
            title=f"P{number}",
            skills=[skill],
            results=[{"label": "Members", "before": 1, "after": 2}],
        )
    assert (count(reverse("portfolio:portfolio")), count(shared_url)) == before


# Experience, education, certifications, languages


def background_data(**overrides) -> dict:
    data = {
        **formset_data(
            "experience",
            [
                {
                    "role": "Community lead",
                    "organisation": "Warung Kopi Co.",
                    "location": "Jakarta",
                    "start_date": "2023-02-01",
                    "end_date": "2024-06-30",
                    "description": "Ran the customer forum.",
                }
            ],
        ),
        **formset_data(
            "education",
            [
                {
                    "institution": "Universitas Padjadjaran",
                    "qualification": "Bachelor",
                    "field_of_study": "Communication",
                    "start_date": "2018-09-01",
                    "end_date": "2022-07-01",
                }
            ],
        ),
        **formset_data(
            "certifications",
            [
                {
                    "name": "Community Management Basics",
                    "issuer": "Kelola",
                    "date": "2025-03-01",
                    "url": "example.org/cert",
                }
            ],
        ),
        **formset_data("languages", [{"language": "Bahasa Indonesia", "fluency": "native"}]),
    }
    data.update(overrides)
    return data


def test_background_round_trips_every_field(signed_in, learner):
    assert signed_in.post(reverse("portfolio:edit_background"), background_data()).status_code == 302
    profile = Profile.objects.get(user=learner)
    experience = profile.experience.get()
    assert (
        experience.role,
        experience.organisation,
        experience.location,
        experience.start_date,
        experience.end_date,
        experience.description,
    ) == (
        "Community lead",
        "Warung Kopi Co.",
        "Jakarta",
        date(2023, 2, 1),
        date(2024, 6, 30),
        "Ran the customer forum.",
    )
    education = profile.education.get()
    assert (education.institution, education.qualification, education.field_of_study, education.end_date) == (
        "Universitas Padjadjaran",
        "Bachelor",
        "Communication",
        date(2022, 7, 1),
    )
    certification = profile.certifications.get()
    assert (certification.name, certification.issuer, certification.url) == (
        "Community Management Basics",
        "Kelola",
        "https://example.org/cert",
    )
    assert profile.languages.get().get_fluency_display() == "Native"
    html = signed_in.get(reverse("portfolio:portfolio")).content.decode()
    assert "Community lead, Warung Kopi Co." in html and "Bahasa Indonesia (Native)" in html


def test_one_bad_row_saves_nothing_and_keeps_everything(signed_in, learner):
    response = signed_in.post(
        reverse("portfolio:edit_background"), background_data(**{"experience-0-end_date": "2020-01-01"})
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The end date is before the start date." in html
    assert 'value="Universitas Padjadjaran"' in html
    profile = Profile.objects.get(user=learner)
    assert not profile.education.exists() and not profile.experience.exists()


# Images


def picture(size=(400, 300), image_format="PNG", name="event.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_a_project_image_is_stored_under_a_random_name(signed_in, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = project_data(
        **formset_data(
            "images", [{"image": picture(name="my secret plans.png"), "description": "Game night"}]
        )
    )
    assert signed_in.post(reverse("portfolio:add_project"), data).status_code == 302
    image = Project.objects.get().images.get()
    assert image.description == "Game night"
    assert image.image.name.startswith("portfolio/projects/") and "secret" not in image.image.name
    set_visibility(Profile.objects.get(), Visibility.PUBLIC)
    token = Profile.objects.get().public_token
    html = signed_in.get(reverse("portfolio:shared", args=[token])).content.decode()
    assert f'<img src="/en/portfolio/shared/{token}/images/{image.pk}/" alt="Game night"' in html


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (lambda: SimpleUploadedFile("cv.png", b"%PDF-1.4 not a picture"), "Upload a valid image"),
        (lambda: picture(image_format="GIF", name="anim.gif"), "This file is not a JPEG, PNG or WebP image."),
        (lambda: picture(size=(120, 120)), "This image is 120 × 120 pixels"),  # noqa: RUF001
        (lambda: picture(size=(7000, 210)), "each side must be 200 to 6000 pixels"),
    ],
)
def test_a_bad_picture_is_refused_with_a_reason(signed_in, settings, tmp_path, upload, error):
    settings.MEDIA_ROOT = tmp_path
    data = project_data(**formset_data("images", [{"image": upload(), "description": "Pic"}]))
    response = signed_in.post(reverse("portfolio:add_project"), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Project.objects.exists()
    assert not any(tmp_path.rglob("*.*"))


def test_an_oversized_photo_is_refused(signed_in, settings, tmp_path):
    from portfolio.images import MAX_BYTES

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.frombytes("RGB", (1500, 1500), os.urandom(1500 * 1500 * 3)).save(
        buffer, "PNG"
    )  # noise: no compression
    assert buffer.tell() > MAX_BYTES
    data = {
        "name": "Sari",
        **formset_data("links", []),
        "photo": SimpleUploadedFile("big.png", buffer.getvalue()),
    }
    response = signed_in.post(reverse("portfolio:edit_profile"), data)
    assert "the most is 5.0" in response.content.decode()
    assert not Profile.objects.get().photo


def test_a_profile_photo_shows_on_the_shared_page(client, signed_in, learner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = {
        "name": "Sari",
        **formset_data("links", []),
        "photo": picture(size=(300, 300), image_format="JPEG", name="me.jpg"),
    }
    assert signed_in.post(reverse("portfolio:edit_profile"), data).status_code == 302
    profile = Profile.objects.get()
    set_visibility(profile, Visibility.PUBLIC)
    html = client.get(reverse("portfolio:shared", args=[profile.public_token])).content.decode()
    assert f'<img src="/en/portfolio/shared/{profile.public_token}/photo/"' in html
    assert profile.photo.name.endswith(".jpg") and profile.photo.name not in html


# Uploads leave storage with their row, or when replaced or cleared, once the change commits.


def stored(media_root, folder: str) -> set[str]:
    return {path.relative_to(media_root).as_posix() for path in media_root.glob(f"portfolio/{folder}/*")}


@pytest.fixture
def pictured_project(signed_in, django_capture_on_commit_callbacks) -> Project:
    data = project_data(**formset_data("images", [{"image": picture(), "description": "Game night"}]))
    with django_capture_on_commit_callbacks(execute=True):
        assert signed_in.post(reverse("portfolio:add_project"), data).status_code == 302
    return Project.objects.get()


def test_a_projects_pictures_leave_storage_with_it(
    signed_in, pictured_project, media_root, django_capture_on_commit_callbacks
):
    name = pictured_project.images.get().image.name
    assert stored(media_root, "projects") == {name}
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(reverse("portfolio:delete_project", args=[pictured_project.pk]))
        assert stored(media_root, "projects") == {name}  # not before the deletion commits
    assert not Project.objects.exists() and stored(media_root, "projects") == set()


def test_a_replaced_or_removed_picture_leaves_storage(
    signed_in, pictured_project, media_root, django_capture_on_commit_callbacks
):
    image = pictured_project.images.get()
    url = reverse("portfolio:edit_project", args=[pictured_project.pk])
    replaced = {"id": image.pk, "image": picture(name="after.png"), "description": "After"}
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            signed_in.post(url, project_data(**formset_data("images", [replaced], initial=1))).status_code
            == 302
        )
    image.refresh_from_db()
    assert stored(media_root, "projects") == {image.image.name} and image.description == "After"
    removed = {"id": image.pk, "description": "After", "DELETE": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            signed_in.post(url, project_data(**formset_data("images", [removed], initial=1))).status_code
            == 302
        )
    assert not pictured_project.images.exists() and stored(media_root, "projects") == set()


def test_a_replaced_or_cleared_photo_leaves_storage(
    signed_in, media_root, django_capture_on_commit_callbacks
):
    def post_profile(**photo):
        with django_capture_on_commit_callbacks(execute=True):
            response = signed_in.post(
                reverse("portfolio:edit_profile"), {"name": "Sari", **formset_data("links", []), **photo}
            )
        assert response.status_code == 302
        return Profile.objects.get().photo.name

    first = post_profile(photo=picture(size=(300, 300), name="me.png"))
    assert stored(media_root, "photos") == {first}
    second = post_profile(photo=picture(size=(300, 300), name="me-again.png"))
    assert second != first and stored(media_root, "photos") == {second}
    assert post_profile(**{"photo-clear": "on"}) == "" and stored(media_root, "photos") == set()


def test_an_account_deleted_takes_its_photo_and_pictures(
    learner, pictured_project, media_root, django_capture_on_commit_callbacks
):
    profile = pictured_project.profile
    profile.photo.save("me.png", picture(size=(300, 300)))
    assert len(stored(media_root, "photos")) == len(stored(media_root, "projects")) == 1
    with django_capture_on_commit_callbacks(execute=True):
        learner.delete()
    assert stored(media_root, "photos") == stored(media_root, "projects") == set()


def test_a_change_rolled_back_keeps_its_files(
    pictured_project, media_root, django_capture_on_commit_callbacks
):
    project_id, names = pictured_project.pk, stored(media_root, "projects")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        delete_project(pictured_project)
        raise RuntimeError("the rest of the change failed")
    assert callbacks == []
    assert (
        ProjectImage.objects.filter(project=project_id).exists() and stored(media_root, "projects") == names
    )


def test_the_mentoring_page_links_to_shared_portfolios_only(client, learner, other_learner, mentor):
    Mentorship.objects.create(learner=learner, mentor=mentor)
    Mentorship.objects.create(learner=other_learner, mentor=mentor)
    set_visibility(profile_of(learner), Visibility.MENTORS)
    profile_of(other_learner)  # private
    client.force_login(mentor)
    html = client.get(reverse("mentoring:home")).content.decode()
    assert mentor_page(learner) in html
    assert mentor_page(other_learner) not in html


def test_the_sign_up_address_is_not_the_contact_email(signed_in, learner):
    """Sign-up promises the account's address stays private; the published portfolio starts without it."""
    learner.email = "private@example.org"
    learner.save()
    signed_in.post(reverse("portfolio:sharing"), {"visibility": Visibility.PRIVATE})  # stores the profile
    profile = Profile.objects.get(user=learner)
    assert profile.email == ""
    set_visibility(profile, Visibility.PUBLIC)
    page = signed_in.get(reverse("portfolio:shared", args=[profile.public_token])).content.decode()
    assert "private@example.org" not in page
    assert f'<h1 class="mb-1">{profile.name}</h1>' in page


def _public_page(client, profile, language: str) -> str:
    set_visibility(profile, Visibility.PUBLIC)
    with translation.override(language):
        url = reverse("portfolio:shared", args=[profile.public_token])
    return client.get(url).content.decode()


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_public_title_names_the_site_once(client, learner, language):
    profile = profile_of(learner)
    page = _public_page(client, profile, language)
    assert re.search(r"<title>(.*?)</title>", page, re.S).group(1) == f"{profile.name} · Kelola"


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_contact_line_joins_only_what_is_there(client, learner, language):
    profile = profile_of(learner)
    profile.phone = "+62 812 0000"
    profile.save()
    profile.links.create(label="LinkedIn", url="https://linkedin.example/sari")
    page = _public_page(client, profile, language)
    line = re.search(r'<p class="[^"]*portfolio-contact">(.*?)</p>', page, re.S).group(1)
    assert (
        line == '+62 812 0000 · <a href="https://linkedin.example/sari" rel="nofollow noopener">LinkedIn</a>'
    )


def test_no_contact_line_without_contact_details(client, learner):
    page = _public_page(client, profile_of(learner), "en")
    assert page.count("portfolio-contact") == 0
    assert f'<h1 class="mb-1">{profile_of(learner).name}</h1>' in page


@pytest.mark.parametrize(("language", "shown"), [("en", "1,200.5 → 70"), ("id", "1.200,5 → 70")])
def test_results_show_numbers_as_typed(client, project, language, shown):
    project.results.create(label="Members", before="1200.50", after="70.00")
    page = _public_page(client, project.profile, language)
    assert f"<strong>Members</strong>: {shown}" in page


def test_the_project_form_shows_numbers_as_typed(signed_in, project):
    project.results.create(label="Rate", before="3.50", after="70.00")
    page = signed_in.get(reverse("portfolio:edit_project", args=[project.pk])).content.decode()
    (before,) = re.findall(r'<input[^>]*name="results-0-before"[^>]*>', page)
    assert 'value="3.5"' in before
    assert 'value="70"' in page and 'value="70.00"' not in page


@pytest.mark.parametrize(
    ("language", "banner"),
    [
        ("en", "This is your portfolio as others see it."),
        ("id", "Beginilah portofolio Anda terlihat oleh orang lain."),
    ],
)
def test_see_it_as_others_do_has_no_owner_controls(signed_in, project, language, banner):
    with translation.override(language):
        own = signed_in.get(reverse("portfolio:portfolio")).content.decode()
        preview_url = reverse("portfolio:preview")
        page = signed_in.get(preview_url).content.decode()
        edit = f'href="{reverse("portfolio:edit_project", args=[project.pk])}"'
    assert f'href="{preview_url}"' in own
    assert banner in page
    assert '<h3 class="h5 mb-1">Support forum</h3>' in page
    assert page.count(edit) == 0
    assert own.count(edit) == 1
