"""Notifications are worded when read: on the page in the reader's current language, by email in the recipient's
own, with links into that language."""

import pytest
from django.core import mail
from django.utils import translation

from portfolio import reviews
from portfolio.mentoring import accept, invite
from portfolio.models import Notification
from portfolio.notifications import notification_text, notify
from tests.portfolio.builders import full_portfolio

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
    notify(learner, message="mentor_accepted", params={"mentor": "Maya Halim"}, route="portfolio:mentors")
    client.force_login(learner)
    english = client.get("/en/portfolio/notifications/").content.decode()
    indonesian = client.get("/id/portfolio/notifications/").content.decode()
    assert '<a href="/en/portfolio/mentors/">Maya Halim is now your mentor.</a>' in english
    assert '<a href="/id/portfolio/mentors/">Maya Halim sekarang menjadi mentor Anda.</a>' in indonesian


def test_a_notification_from_before_keys_keeps_its_text_and_follows_the_language(client, learner):
    Notification.objects.create(user=learner, text="Maya is now your mentor.", url="/en/portfolio/mentors/")
    client.force_login(learner)
    page = client.get("/id/portfolio/notifications/").content.decode()
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
    assert (notification.route, notification.route_args) == ("portfolio:review", [review.pk])
