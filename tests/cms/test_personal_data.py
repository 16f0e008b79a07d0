"""A person's data is theirs: one download of everything Kelola holds about them, and the deletion of their account,
each feature's part registered in cms.personal_data.PERSONAL_DATA."""

import io
import json
import uuid
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image
from wagtail.models import ModelLogEntry

from cms.notifications import notify
from cms.personal_data import PERSONAL_DATA, delete_account, models_naming_people, personal_data
from learning.models import LessonCompletion, QuizAttempt, SkillGoal, SkillLevelChange
from learning.skill_evidence import record_level_changes
from mentoring.models import Endorsement, Mentorship, ReviewComment, ReviewRequest
from portfolio.models import Profile, ProjectImage, Visibility
from portfolio.portfolios import set_visibility
from portfolio.resume import resume_photo
from tests import factories
from tests.factories import PASSWORD
from tests.learning import builders


def test_every_model_naming_a_person_is_in_the_download_and_the_deletion():
    covered = [label for part in PERSONAL_DATA for label in part.models]
    assert len(covered) == len(set(covered))  # each model is one part's
    assert set(covered) == models_naming_people()
    assert [part.key for part in PERSONAL_DATA] == [
        "account",
        "learning",
        "portfolio",
        "mentoring",
        "notifications",
    ]


def upload(name: str, image_format: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "teal").save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def history(learner, mentor, media_root, django_capture_on_commit_callbacks):
    """A learner with some of everything: progress, an attempt, a goal, a portfolio with pictures, a mentor who
    endorsed them and a review with comments, and notifications."""
    skill = builders.skill()
    LessonCompletion.objects.create(user=learner, lesson_key=uuid.uuid4())
    QuizAttempt.objects.create(
        user=learner, quiz_key=uuid.uuid4(), quiz_title="Quiz", number=1, earned=1, possible=2, pass_mark=70
    )
    SkillGoal.objects.create(user=learner, skill=skill, target_level=2)
    profile = factories.ProfileFactory(user=learner, photo=upload("me.jpg", "JPEG"), summary="I run forums.")
    set_visibility(profile, Visibility.MENTORS)
    project = factories.ProjectFactory(profile=profile, title="Game nights")
    picture = ProjectImage.objects.create(project=project, image=upload("n.png", "PNG"), description="Night")
    Mentorship.objects.create(learner=learner, mentor=mentor)
    Endorsement.objects.create(learner=learner, mentor=mentor, skill=skill, level=3, reason="Solid.")
    review = ReviewRequest.objects.create(learner=learner, mentor=mentor, project=project)
    ReviewComment.objects.create(request=review, author=mentor, body="Add numbers.")
    ReviewComment.objects.create(request=review, author=learner, body="Done.")
    notify(learner, message="mentor_accepted", params={"mentor": "Maya"}, route="mentoring:mentors")
    return {"profile": profile, "picture": picture, "skill": skill}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def download(client, language: str = "en"):
    with translation.override(language):
        return client.get(reverse("download_my_data"))


def archive_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


# The download.


@pytest.mark.parametrize(
    ("language", "notification", "visibility"),
    [
        ("en", "Maya is now your mentor.", "Me and my mentors"),
        ("id", "Maya sekarang menjadi mentor Anda.", "Saya dan mentor saya"),
    ],
)
def test_a_learner_downloads_everything_kelola_holds_about_them(
    learner, history, language, notification, visibility
):
    response = download(signed_in(learner), language)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="kelola-data-{today}.zip"'
    archive = archive_of(response)
    picture = history["picture"]
    assert sorted(archive.namelist()) == [
        "data.json",
        "uploads/photo.jpg",
        f"uploads/projects/{picture.pk}.png",
    ]
    assert archive.read(f"uploads/projects/{picture.pk}.png") == picture.image.open("rb").read()
    data = json.loads(archive.read("data.json"))
    assert list(data) == [
        "format",
        "exported_at",
        "account",
        "learning",
        "portfolio",
        "mentoring",
        "notifications",
    ]
    assert data["account"]["username"] == "lina" and data["account"]["roles"] == ["Learners"]
    assert len(data["learning"]["lesson_completions"]) == 1
    assert [attempt["quiz"] for attempt in data["learning"]["quiz_attempts"]] == ["Quiz"]
    assert [goal["target_level"] for goal in data["learning"]["goals"]] == [2]
    assert [endorsement["reason"] for endorsement in data["learning"]["endorsements"]] == ["Solid."]
    profile = data["portfolio"]["profile"]
    assert (profile["summary"], profile["photo"], profile["visibility_label"]) == (
        "I run forums.",
        "uploads/photo.jpg",
        visibility,
    )
    (project,) = data["portfolio"]["projects"]
    assert project["title"] == "Game nights"
    assert project["images"] == [
        {"description": "Night", "sort_order": 0, "file": f"uploads/projects/{picture.pk}.png"}
    ]
    assert [m["role"] for m in data["mentoring"]["mentorships"]] == ["learner"]
    (review,) = data["mentoring"]["reviews"]
    assert [(c["by"], c["body"]) for c in review["comments"]] == [
        (str(history["profile"].user.mentorships.get().mentor), "Add numbers."),
        (str(learner), "Done."),
    ]
    assert [n["text"] for n in data["notifications"]] == [notification]


@pytest.mark.parametrize("who", ["learner", "other_learner", "mentor", "unassigned_mentor", "editor"])
def test_everyone_downloads_their_own_data_only(request, history, who):
    person = factories.mentor(username="umar") if who == "unassigned_mentor" else request.getfixturevalue(who)
    response = download(signed_in(person))
    assert response.status_code == 200
    data = json.loads(archive_of(response).read("data.json"))
    assert data["account"]["username"] == person.username
    # The learner's review with their mentor is in both their downloads, in nobody else's.
    assert len(data["mentoring"]["reviews"]) == (1 if who in {"learner", "mentor"} else 0)


def test_the_download_holds_only_the_persons_own_data(learner, other_learner, history):
    data = json.loads(archive_of(download(signed_in(other_learner))).read("data.json"))
    assert data["account"]["username"] == "omar"
    assert data["portfolio"] == {"profile": None, "projects": [], "resume_exports": []}
    assert data["mentoring"] == {
        "mentorships": [],
        "invitations": [],
        "endorsements_given": [],
        "reviews": [],
    }
    assert data["notifications"] == [] and data["learning"]["quiz_attempts"] == []


def test_a_mentors_download_holds_what_they_gave(mentor, history):
    data = json.loads(archive_of(download(signed_in(mentor))).read("data.json"))
    assert [m["role"] for m in data["mentoring"]["mentorships"]] == ["mentor"]
    assert [e["reason"] for e in data["mentoring"]["endorsements_given"]] == ["Solid."]
    assert [r["role"] for r in data["mentoring"]["reviews"]] == ["mentor"]


def test_the_download_is_for_the_signed_in_only_and_changes_nothing(learner, history):
    response = download(Client())
    assert (response.status_code, response["Location"]) == (
        302,
        "/en/accounts/login/?next=/en/accounts/me/data/",
    )
    assert signed_in(learner).post(reverse("download_my_data")).status_code == 405


def test_the_account_page_links_to_the_download_and_the_deletion(learner):
    for language, download_label, delete_label in [
        ("en", "Download all your data", "Delete my account"),
        ("id", "Unduh semua data Anda", "Hapus akun saya"),
    ]:
        with translation.override(language):
            html = signed_in(learner).get(reverse("account")).content.decode()
        assert f'<a href="/{language}/accounts/me/data/">{download_label}</a>' in html
        assert f'<a href="/{language}/accounts/me/delete/" class="link-danger">{delete_label}</a>' in html


# The deletion.


def delete(client, language="en", **data):
    with translation.override(language):
        return client.post(reverse("delete_account"), data)


@pytest.mark.parametrize(
    ("language", "wrong_password", "unconfirmed"),
    [
        ("en", "That is not your password.", "Tick the box to confirm that you want to delete your account."),
        ("id", "Itu bukan kata sandi Anda.", "Centang kotaknya untuk memastikan Anda ingin menghapus akun."),
    ],
)
def test_deleting_asks_for_the_password_and_a_confirmation(learner, language, wrong_password, unconfirmed):
    client = signed_in(learner)
    response = delete(client, language, password="wrong", confirm="on")
    assert response.status_code == 200 and wrong_password in response.content.decode()
    response = delete(client, language, password=PASSWORD)
    assert response.status_code == 200 and unconfirmed in response.content.decode()
    assert get_user_model().objects.filter(pk=learner.pk).count() == 1


@pytest.mark.parametrize(
    ("mentor_language", "subject"),
    [
        ("en", "Kelola: Lina Learner deleted their Kelola account; your mentorship with them has ended."),
        ("id", "Kelola: Lina Learner menghapus akun Kelola-nya; pendampingan Anda dengannya berakhir."),
    ],
)
def test_deleting_removes_everything_personal_and_tells_the_mentor_in_their_language(
    learner, mentor, history, media_root, django_capture_on_commit_callbacks, mentor_language, subject
):
    learner.first_name, learner.last_name = "Lina", "Learner"
    learner.save()
    mentor.language = mentor_language
    mentor.save()
    client = signed_in(learner)
    photo_key = f"resume-photo:{history['profile'].photo.name}"
    resume_photo(history["profile"])  # the résumé keeps a copy in the cache
    assert cache.get(photo_key) is not None
    with django_capture_on_commit_callbacks(execute=True):
        response = delete(client, "id", password=PASSWORD, confirm="on")
    assert (response.status_code, response["Location"]) == (302, "/id/")
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    for model in (
        Profile,
        ProjectImage,
        QuizAttempt,
        LessonCompletion,
        SkillGoal,
        Endorsement,
        ReviewRequest,
    ):
        assert model.objects.count() == 0
    assert ReviewComment.objects.count() == 0
    assert not any(media_root.rglob("*.*"))
    assert cache.get(photo_key) is None
    # Signed out, and told so in their language on the next page.
    with translation.override("id"):
        login_page = client.get(reverse("login")).content.decode()
    assert "Akun Anda beserta seluruh isinya sudah dihapus. Sampai jumpa!" in login_page
    assert client.get(reverse("account")).status_code == 302
    # Their mentor is told, in the mentor's language, and the learner's pages are gone for them.
    assert [message.subject for message in mail.outbox] == [subject]
    assert mentor.notifications.get().message == "account_deleted"
    mentor_client = signed_in(mentor)
    assert mentor_client.get(reverse("portfolio:learner_portfolio", args=[learner.pk])).status_code == 404
    assert mentor_client.get(reverse("mentoring:learner_skills", args=[learner.pk])).status_code == 404
    assert get_user_model().objects.filter(pk=mentor.pk).count() == 1


def test_a_deleted_mentors_endorsements_leave_the_learners_levels(learner, mentor, history):
    record_level_changes(
        learner, at=timezone.now() - timedelta(days=1)
    )  # verified by the endorsement, settled
    delete_account(mentor)
    assert Endorsement.objects.count() == 0 and Mentorship.objects.count() == 0
    levels = SkillLevelChange.objects.filter(user=learner).order_by("changed_at")
    assert list(levels.values_list("level", "verified")) == [(3, True), (0, False)]
    assert learner.notifications.filter(message="account_deleted").count() == 1


def test_editors_delete_no_account_of_their_own(editor):
    client = signed_in(editor)
    for language, refusal in [
        ("en", "an administrator deletes it for you"),
        ("id", "administrator yang menghapusnya untuk Anda"),
    ]:
        with translation.override(language):
            assert refusal in client.get(reverse("delete_account")).content.decode()
        assert refusal in delete(client, language, password=PASSWORD, confirm="on").content.decode()
    assert get_user_model().objects.filter(pk=editor.pk).count() == 1


def test_deleting_is_for_the_signed_in_only():
    response = Client().post(reverse("delete_account"), {"password": PASSWORD, "confirm": "on"})
    assert (response.status_code, response["Location"]) == (
        302,
        "/en/accounts/login/?next=/en/accounts/me/delete/",
    )


def test_the_download_takes_as_many_queries_however_much_there_is(learner, mentor, history, media_root):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            personal_data(learner)
        return len(captured)

    before = queries()
    for number in range(3):
        project = factories.ProjectFactory(profile=history["profile"], title=f"More {number}")
        ProjectImage.objects.create(project=project, image=upload(f"{number}.png", "PNG"), description="More")
        review = ReviewRequest.objects.create(learner=learner, mentor=mentor, project=project)
        ReviewComment.objects.create(request=review, author=mentor, body="More.")
        notify(learner, message="mentor_accepted", params={"mentor": "Maya"}, route="mentoring:mentors")
    assert queries() == before


# The audit trail's entries about the account.


def test_the_download_holds_the_accounts_sign_ins_and_deletion_keeps_them_without_name_or_address(
    learner, superuser
):
    client = Client(REMOTE_ADDR="198.51.100.7")
    assert client.post("/en/accounts/login/", {"username": "lina", "password": PASSWORD}).status_code == 302
    history = json.loads(archive_of(download(client)).read("data.json"))["account"]["history"]
    assert [(entry["action"], entry.get("role"), entry.get("address")) for entry in history] == [
        ("kelola.role.add", "Learners", None),
        ("kelola.login", None, "198.51.100.7"),
    ]

    learner_id = learner.pk
    delete_account(learner)

    entry = ModelLogEntry.objects.get(action="kelola.login", object_id=str(learner_id))
    assert (entry.label, entry.data) == (f"#{learner_id}", {})
    # The administrators' report still reads it: the address it no longer holds is a dash.
    report = signed_in(superuser).get("/admin/reports/site-history/")
    assert report.status_code == 200
    assert "Signed in from —" in report.content.decode()
