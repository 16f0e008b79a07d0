"""Learners' pictures are served by views that ask who is asking, at every request: the owner, the mentors the
portfolio is shared with, a mentor reviewing the project, and anyone holding the public link while it works."""

import importlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import Resolver404, get_resolver, reverse
from django.utils import timezone, translation
from django.views.static import serve
from PIL import Image

from mentoring.models import Mentorship, ReviewRequest
from portfolio.models import Profile, ProjectImage, Visibility
from portfolio.portfolios import delete_project, regenerate_link, set_visibility
from tests import factories


def upload(name: str, image_format: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "teal").save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def profile(learner) -> Profile:
    profile = factories.ProfileFactory(user=learner, photo=upload("me.jpg", "JPEG"))
    set_visibility(profile, Visibility.MENTORS)
    return profile


@pytest.fixture
def picture(profile) -> ProjectImage:
    project = factories.ProjectFactory(profile=profile, title="Game nights")
    return ProjectImage.objects.create(project=project, image=upload("night.png"), description="Game night")


@pytest.fixture
def assigned_mentor(mentor, learner):
    Mentorship.objects.create(learner=learner, mentor=mentor)
    return mentor


def client_of(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def photo_url(profile) -> str:
    return reverse("portfolio:photo", args=[profile.pk])


def image_url(picture) -> str:
    return reverse("portfolio:project_image", args=[picture.pk])


@pytest.fixture
def person(request, learner, other_learner, mentor, editor):
    unassigned = factories.mentor(username="umar")
    if request.param == "assigned_mentor":
        Mentorship.objects.create(learner=learner, mentor=mentor)
    people = {
        "anonymous": None,
        "owner": learner,
        "other_learner": other_learner,
        "assigned_mentor": mentor,
        "unassigned_mentor": unassigned,
        "editor": editor,
    }
    return people[request.param]


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("anonymous", 404),
        ("owner", 200),
        ("other_learner", 404),
        ("assigned_mentor", 200),
        ("unassigned_mentor", 404),
        ("editor", 404),
    ],
    indirect=["person"],
)
def test_pictures_answer_only_to_the_portfolios_readers(person, status, profile, picture):
    client = client_of(person)
    assert client.get(photo_url(profile)).status_code == status
    assert client.get(image_url(picture)).status_code == status


def test_a_picture_is_sent_private_inline_and_typed_by_its_content(profile, picture, learner):
    response = client_of(learner).get(image_url(picture))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="image-{picture.pk}.png"'
    assert b"".join(response.streaming_content) == picture.image.open("rb").read()
    photo = client_of(learner).get(photo_url(profile))
    assert (photo["Content-Type"], photo["Content-Disposition"]) == (
        "image/jpeg",
        'inline; filename="photo.jpg"',
    )


def test_a_file_that_is_not_one_of_our_images_is_not_served(profile, picture, learner):
    # A file swapped in storage behind our back (or an old one): never sent with a type the browser may sniff.
    with picture.image.open("wb") as file:
        file.write(b"<script>alert(1)</script>")
    assert client_of(learner).get(image_url(picture)).status_code == 404


def test_a_missing_photo_is_not_found(learner):
    profile = factories.ProfileFactory(user=learner)
    assert client_of(learner).get(photo_url(profile)).status_code == 404
    assert client_of(learner).get(reverse("portfolio:photo", args=[99999])).status_code == 404


# Revocation: the next request is refused.


def test_making_the_portfolio_private_revokes_its_pictures_for_the_mentor(profile, picture, assigned_mentor):
    client = client_of(assigned_mentor)
    assert client.get(image_url(picture)).status_code == 200
    set_visibility(profile, Visibility.PRIVATE)
    assert client.get(image_url(picture)).status_code == 404
    assert client.get(photo_url(profile)).status_code == 404


def test_ending_the_mentorship_revokes_the_pictures(profile, picture, assigned_mentor, learner):
    client = client_of(assigned_mentor)
    assert client.get(photo_url(profile)).status_code == 200
    Mentorship.objects.filter(learner=learner).update(ended_at=timezone.now())
    assert client.get(photo_url(profile)).status_code == 404
    assert client.get(image_url(picture)).status_code == 404


def test_deleting_the_project_revokes_its_pictures(picture, learner):
    url = image_url(picture)
    assert client_of(learner).get(url).status_code == 200
    delete_project(picture.project)
    assert client_of(learner).get(url).status_code == 404


# The public link.


def test_the_public_link_shows_the_pictures_to_anyone_while_it_works(profile, picture):
    set_visibility(profile, Visibility.PUBLIC)
    token = profile.public_token
    anonymous = Client()
    shared_photo = reverse("portfolio:shared_photo", args=[token])
    shared_image = reverse("portfolio:shared_project_image", args=[token, picture.pk])
    assert anonymous.get(shared_photo).status_code == 200
    assert anonymous.get(shared_image).status_code == 200
    # Anyone with the link, but not without it: by id, a stranger is refused.
    assert anonymous.get(image_url(picture)).status_code == 404
    regenerate_link(profile)
    assert anonymous.get(shared_photo).status_code == 404
    assert anonymous.get(shared_image).status_code == 404
    set_visibility(profile, Visibility.MENTORS)
    new_token = reverse("portfolio:shared_photo", args=[profile.public_token or "none"])
    assert anonymous.get(new_token).status_code == 404


def test_the_public_link_does_not_reach_another_learners_pictures(profile, other_learner):
    set_visibility(profile, Visibility.PUBLIC)
    theirs = factories.ProjectFactory(profile__user=other_learner)
    their_picture = ProjectImage.objects.create(project=theirs, image=upload("x.png"), description="Theirs")
    url = reverse("portfolio:shared_project_image", args=[profile.public_token, their_picture.pk])
    assert Client().get(url).status_code == 404


# A mentor reviewing a project sees its pictures, even when the portfolio is not shared with mentors.


def test_a_mentor_reviewing_the_project_sees_its_pictures_while_the_mentorship_lasts(
    profile, picture, assigned_mentor, learner
):
    set_visibility(profile, Visibility.PRIVATE)
    client = client_of(assigned_mentor)
    assert client.get(image_url(picture)).status_code == 404
    ReviewRequest.objects.create(learner=learner, mentor=assigned_mentor, project=picture.project)
    assert client.get(image_url(picture)).status_code == 200
    assert client.get(photo_url(profile)).status_code == 404  # the review shows projects, not the profile
    Mentorship.objects.filter(learner=learner).update(ended_at=timezone.now())
    assert client.get(image_url(picture)).status_code == 404


def test_a_review_of_the_whole_portfolio_shows_every_projects_pictures(
    profile, picture, assigned_mentor, learner
):
    set_visibility(profile, Visibility.PRIVATE)
    ReviewRequest.objects.create(learner=learner, mentor=assigned_mentor, project=None)
    assert client_of(assigned_mentor).get(image_url(picture)).status_code == 200


# Pages name the pictures by these views, in both languages, never by their storage address.


@pytest.mark.parametrize(
    ("language", "current"), [("en", "the uploaded picture"), ("id", "gambar yang sudah diunggah")]
)
def test_pages_show_pictures_through_the_views(language, current, profile, picture, learner, assigned_mentor):
    with translation.override(language):
        prefix = f"/{language}/portfolio"
        own = client_of(learner).get(reverse("portfolio:preview")).content.decode()
        mentors = (
            client_of(assigned_mentor)
            .get(reverse("portfolio:learner_portfolio", args=[learner.pk]))
            .content.decode()
        )
        form = (
            client_of(learner)
            .get(reverse("portfolio:edit_project", args=[picture.project.pk]))
            .content.decode()
        )
        profile_form = client_of(learner).get(reverse("portfolio:edit_profile")).content.decode()
        set_visibility(profile, Visibility.PUBLIC)
        public = Client().get(reverse("portfolio:shared", args=[profile.public_token])).content.decode()
    for html in (own, mentors):
        assert f'<img src="{prefix}/photos/{profile.pk}/" alt="" class="portfolio-photo">' in html
        assert f'<img src="{prefix}/images/{picture.pk}/" alt="Game night" loading="lazy">' in html
    token = profile.public_token
    assert f'<img src="{prefix}/shared/{token}/photo/" alt="" class="portfolio-photo">' in public
    assert (
        f'<img src="{prefix}/shared/{token}/images/{picture.pk}/" alt="Game night" loading="lazy">' in public
    )
    assert (
        f'<img src="{prefix}/images/{picture.pk}/" alt="" class="formset-thumbnail mb-2" width="96">' in form
    )
    assert f'<a href="{prefix}/images/{picture.pk}/">{current}</a>' in form
    assert f'<a href="{prefix}/photos/{profile.pk}/">{current}</a>' in profile_form
    for html in (own, mentors, public, form, profile_form):
        assert "/media/" not in html
        assert picture.image.name not in html and profile.photo.name not in html


def test_the_dev_server_serves_wagtails_images_from_media_and_no_learners_file(settings):
    import cms.urls

    settings.DEBUG = True
    try:
        resolver = get_resolver(importlib.reload(cms.urls))
        assert resolver.resolve("/media/original_images/logo.png").func is serve
        assert resolver.resolve("/media/images/logo.width-1000.png").func is serve
        for path in (
            "/media/portfolio/photos/a.jpg",
            "/media/portfolio/projects/a.png",
            "/media/resumes/a.pdf",
        ):
            with pytest.raises(Resolver404):
                resolver.resolve(path)
    finally:
        settings.DEBUG = False
        importlib.reload(cms.urls)


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_review_page_shows_the_projects_pictures_through_the_view(
    language, profile, picture, assigned_mentor, learner
):
    set_visibility(profile, Visibility.PRIVATE)
    review = ReviewRequest.objects.create(learner=learner, mentor=assigned_mentor, project=picture.project)
    with translation.override(language):
        html = client_of(assigned_mentor).get(reverse("mentoring:review", args=[review.pk])).content.decode()
    assert f'<img src="/{language}/portfolio/images/{picture.pk}/" alt="Game night" loading="lazy">' in html
    assert client_of(assigned_mentor).get(image_url(picture)).status_code == 200
