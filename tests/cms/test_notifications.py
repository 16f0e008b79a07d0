"""Notifications are worded when read: on the page in the reader's current language, by email in the recipient's
own, with links into that language."""

import pytest
from django.core import mail
from django.utils import translation

from cms.models import Notification
from cms.notifications import notification_text, notify
from learning.levels import SkillLevel
from mentoring import endorsements, reviews
from mentoring.mentorships import accept, invite
from tests.learning import builders
from tests.portfolio.builders import full_portfolio
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def test_an_indonesian_learner_gets_indonesian_text_and_links(
    learner, mentor, django_capture_on_commit_callbacks
):
    learner.language, learner.email = "id", "lina@example.org"
    learner.save()
    invitation = invite(learner=learner, identifier="maya")
    with django_capture_on_commit_callbacks(execute=True):
        accept(invitation, mentor=mentor)  # the mentor acts in English
    (email,) = mail.outbox
    assert email.subject == f"Kelola: {mentor} sekarang menjadi mentor Anda."
    assert (
        email.body == f"{mentor} sekarang menjadi mentor Anda.\n\nhttp://testserver/id/portfolio/mentors/\n"
    )


def test_an_english_mentor_gets_english_when_an_indonesian_learner_acts(
    learner, mentor, django_capture_on_commit_callbacks
):
    learner.language = "id"
    learner.save()
    mentor.language, mentor.email = "en", "maya@example.org"
    mentor.save()
    with translation.override("id"), django_capture_on_commit_callbacks(execute=True):
        invite(learner=learner, identifier="maya")
    (email,) = mail.outbox
    assert email.subject == f"Kelola: {learner} asks you to be their mentor."
    assert email.body.endswith("\n\nhttp://testserver/en/dashboard/\n")


def test_a_stored_notification_reads_in_each_language(client, learner):
    notify(learner, message="mentor_accepted", params={"mentor": "Maya Halim"}, route="mentoring:mentors")
    client.force_login(learner)
    english = client.get("/en/notifications/").content.decode()
    indonesian = client.get("/id/notifications/").content.decode()
    assert '<a href="/en/portfolio/mentors/">Maya Halim is now your mentor.</a>' in english
    assert '<a href="/id/portfolio/mentors/">Maya Halim sekarang menjadi mentor Anda.</a>' in indonesian


def test_a_notification_from_before_keys_keeps_its_text_and_follows_the_language(client, learner):
    Notification.objects.create(user=learner, text="Maya is now your mentor.", url="/en/portfolio/mentors/")
    client.force_login(learner)
    page = client.get("/id/notifications/").content.decode()
    assert '<a href="/id/portfolio/mentors/">Maya is now your mentor.</a>' in page


def test_a_comment_notification_names_the_project_and_quotes_the_comment(learner, mentor):
    accept(invite(learner=learner, identifier="maya"), mentor=mentor)
    project = full_portfolio(learner, projects=1).projects.get()
    review = reviews.submit(learner=learner, mentor=mentor)
    body = "Which numbers?\nThe outcome " + "needs members per month " * 10
    reviews.comment(review, author=mentor, body=body, project=project)
    notification = Notification.objects.get(user=learner, message="review_commented")
    with translation.override("en"):
        assert notification_text(notification) == (
            f"{mentor} commented on {project.title}: “Which numbers? The outcome needs members per month needs "
            "members per month needs members per month needs members per month…”"
        )
    with translation.override("id"):
        assert notification_text(notification).startswith(
            f"{mentor} mengomentari {project.title}: “Which numbers?"
        )
    assert (notification.route, notification.route_args) == ("mentoring:review", [review.pk])


def endorse_communication(learner, mentor):
    """Maya endorses Lina's communication, then withdraws it, acting in English; each sends Lina a notification."""
    skill = builders.skill("communication", "Communication", indonesian="Komunikasi")
    accept(invite(learner=learner, identifier="maya"), mentor=mentor)
    with translation.override("en"):
        endorsement = endorsements.endorse(
            mentor=mentor, learner=learner, skill=skill, level=SkillLevel.PROFICIENT, reason="Ran our forum."
        )
        endorsements.withdraw(endorsement, mentor=mentor)


def test_an_endorsement_names_the_skill_in_the_readers_language(client, learner, mentor):
    endorse_communication(learner, mentor)
    client.force_login(learner)
    english = client.get("/en/notifications/").content.decode()
    indonesian = client.get("/id/notifications/").content.decode()
    assert f"{mentor} endorsed your Communication at Proficient." in english
    assert f"{mentor} withdrew their endorsement of your Communication." in english
    assert f"{mentor} mendukung keterampilan Komunikasi Anda di tingkat Cakap." in indonesian
    assert f"{mentor} menarik dukungannya untuk keterampilan Komunikasi Anda." in indonesian
    assert "Communication" not in indonesian


@pytest.mark.parametrize(
    ("language", "endorsed", "withdrawn"),
    [
        (
            "en",
            "endorsed your Communication at Proficient.",
            "withdrew their endorsement of your Communication.",
        ),
        (
            "id",
            "mendukung keterampilan Komunikasi Anda di tingkat Cakap.",
            "menarik dukungannya untuk keterampilan Komunikasi Anda.",
        ),
    ],
)
def test_an_endorsement_email_names_the_skill_in_the_recipients_language(
    learner, mentor, language, endorsed, withdrawn, django_capture_on_commit_callbacks
):
    learner.language, learner.email = language, "lina@example.org"
    learner.save()
    with django_capture_on_commit_callbacks(execute=True):
        endorse_communication(learner, mentor)
    assert [email.subject for email in mail.outbox[-2:]] == [
        f"Kelola: {mentor} {endorsed}",
        f"Kelola: {mentor} {withdrawn}",
    ]
    assert mail.outbox[-2].body == f"{mentor} {endorsed}\n\nhttp://testserver/{language}/dashboard/\n"


def test_an_endorsement_notification_from_before_skill_keys_keeps_its_skill_name(learner):
    notification = notify(
        learner,
        message="endorsed",
        params={"mentor": "Maya Halim", "skill": "Communication", "level": SkillLevel.AWARE},
        route="dashboard",
    )
    with translation.override("id"):
        assert notification_text(notification) == (
            "Maya Halim mendukung keterampilan Communication Anda di tingkat Mengenal."
        )


def test_the_notifications_page_looks_skills_up_in_one_query(client, learner, mentor):
    endorse_communication(learner, mentor)
    client.force_login(learner)
    few = page_queries(client, "/id/notifications/")
    other = builders.skill("moderation", "Moderation", indonesian="Moderasi")
    for _ in range(3):
        endorsements.endorse(
            mentor=mentor, learner=learner, skill=other, level=SkillLevel.AWARE, reason="Seen."
        )
    assert page_queries(client, "/id/notifications/") == few


def test_the_former_address_of_the_list_leads_to_it(client, learner):
    client.force_login(learner)

    response = client.get("/id/portfolio/notifications/")

    assert (response.status_code, response.url) == (301, "/id/notifications/")


def test_reading_the_notifications_leaves_them_new_until_marked_read(client, learner, other_learner):
    mine = notify(learner, message="mentor_accepted", params={"mentor": "Maya"}, route="dashboard")
    theirs = notify(other_learner, message="mentor_accepted", params={"mentor": "Maya"}, route="dashboard")
    client.force_login(learner)

    for _ in range(2):
        page = client.get("/en/notifications/").content.decode()
        assert page.count("is-unread") == 1
        assert "Mark all as read" in page
    mine.refresh_from_db()
    assert mine.read_at is None

    response = client.post("/en/notifications/", follow=True)

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert response.redirect_chain == [("/en/notifications/", 302)]
    assert "All your notifications are marked as read." in response.content.decode()
    assert "is-unread" not in response.content.decode()
    assert mine.read_at is not None and theirs.read_at is None


def test_marking_read_says_so_in_the_pages_language(client, learner):
    notify(learner, message="mentor_accepted", params={"mentor": "Maya"}, route="dashboard")
    client.force_login(learner)

    response = client.post("/id/notifications/", follow=True)

    assert "Semua notifikasi Anda sudah ditandai telah dibaca." in response.content.decode()


def test_marking_read_needs_an_account(client, learner):
    notification = notify(learner, message="mentor_accepted", params={"mentor": "Maya"}, route="dashboard")

    response = client.post("/en/notifications/")

    assert response.status_code == 302 and response.url == "/en/accounts/login/?next=/en/notifications/"
    notification.refresh_from_db()
    assert notification.read_at is None
