"""Starting and ending mentorships: the invitation's states, who may take each step, what access follows, and the
notifications each step sends."""

import pytest
from django.core import mail
from django.urls import reverse

from cms.models import Notification
from cms.notifications import notification_text, notify
from mentoring.mentorships import (
    MentoringError,
    accept,
    decline,
    end_mentorship,
    invite,
    withdraw,
)
from mentoring.models import InvitationStatus, MentorInvitation, Mentorship
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(learner, mentor):
    return invite(learner=learner, identifier="maya", message="Could you look at my moderation project?")


def skills_page(learner) -> str:
    return reverse("mentoring:learner_skills", args=[learner.pk])


def test_a_learner_invites_a_mentor_by_username_or_email(learner, mentor, django_capture_on_commit_callbacks):
    mentor.email = "maya@example.org"
    mentor.save()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(learner=learner, identifier=" MAYA@example.org ")
    assert invitation.mentor == mentor and invitation.status == InvitationStatus.PENDING
    assert (
        notification_text(Notification.objects.get(user=mentor)) == f"{learner} asks you to be their mentor."
    )
    assert (
        mail.outbox[0].to == ["maya@example.org"] and "asks you to be their mentor" in mail.outbox[0].subject
    )
    withdraw(invitation, learner=learner)
    assert invite(learner=learner, identifier="Maya").mentor == mentor


@pytest.mark.parametrize(
    ("identifier", "error"),
    [
        ("nobody", "No mentor has that username or email address."),
        ("omar", "No mentor has that username or email address."),  # a learner, not a mentor
        ("", "No mentor has that username or email address."),
    ],
)
def test_only_mentors_can_be_invited(learner, other_learner, identifier, error):
    with pytest.raises(MentoringError, match=error):
        invite(learner=learner, identifier=identifier)
    assert not MentorInvitation.objects.exists()


def test_no_second_invitation_while_one_waits_or_the_mentor_already_mentors(learner, mentor, invitation):
    with pytest.raises(MentoringError, match="already invited"):
        invite(learner=learner, identifier="maya")
    accept(invitation, mentor=mentor)
    with pytest.raises(MentoringError, match="already your mentor"):
        invite(learner=learner, identifier="maya")
    assert MentorInvitation.objects.count() == 1


def test_nobody_mentors_themselves(db):
    both = factories.mentor(username="sam")
    with pytest.raises(MentoringError, match="your own mentor"):
        invite(learner=both, identifier="sam")


def test_accepting_starts_the_mentorship_and_tells_the_learner(client, learner, mentor, invitation):
    client.force_login(mentor)
    assert client.get(skills_page(learner)).status_code == 404
    accept(invitation, mentor=mentor)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.answered_at
    assert mentor.has_perm("mentoring.read_learner", learner)
    assert client.get(skills_page(learner)).status_code == 200
    assert Notification.objects.filter(user=learner, message="mentor_accepted").exists()


def test_declining_starts_nothing(learner, mentor, invitation):
    decline(invitation, mentor=mentor)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert not Mentorship.objects.exists()
    assert Notification.objects.filter(user=learner, message="mentor_declined").exists()


@pytest.mark.parametrize(
    ("first", "then", "error"),
    [
        ("accept", "accept", "already answered: Accepted"),
        ("accept", "decline", "already answered: Accepted"),
        ("decline", "accept", "already answered: Declined"),
        ("withdraw", "accept", "already answered: Withdrawn"),
        ("accept", "withdraw", "already answered: Accepted"),
    ],
)
def test_an_answered_invitation_cannot_be_answered_again(learner, mentor, invitation, first, then, error):
    steps = {
        "accept": lambda: accept(invitation, mentor=mentor),
        "decline": lambda: decline(invitation, mentor=mentor),
        "withdraw": lambda: withdraw(invitation, learner=learner),
    }
    steps[first]()
    invitation.refresh_from_db()
    before = (
        invitation.status,
        invitation.answered_at,
        Mentorship.objects.count(),
        Notification.objects.count(),
    )
    with pytest.raises(MentoringError, match=error):
        steps[then]()
    invitation.refresh_from_db()
    after = (
        invitation.status,
        invitation.answered_at,
        Mentorship.objects.count(),
        Notification.objects.count(),
    )
    assert after == before


def test_each_side_takes_only_its_own_steps(learner, mentor, invitation):
    other_mentor = factories.mentor(username="budi")
    for step in (
        lambda: accept(invitation, mentor=learner),
        lambda: accept(invitation, mentor=other_mentor),
        lambda: decline(invitation, mentor=other_mentor),
        lambda: withdraw(invitation, learner=mentor),
    ):
        with pytest.raises(MentoringError, match="not yours to answer"):
            step()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


@pytest.mark.parametrize("ended_by", ["learner", "mentor"])
def test_ending_removes_access_at_once(client, request, learner, mentor, invitation, ended_by):
    mentorship = accept(invitation, mentor=mentor)
    client.force_login(mentor)
    assert client.get(skills_page(learner)).status_code == 200
    end_mentorship(mentorship, by=request.getfixturevalue(ended_by))
    assert client.get(skills_page(learner)).status_code == 404
    assert client.get(reverse("portfolio:learner_portfolio", args=[learner.pk])).status_code == 404
    mentorship.refresh_from_db()
    assert mentorship.ended_at and mentorship.ended_by == request.getfixturevalue(ended_by)
    other = mentor if ended_by == "learner" else learner
    assert Notification.objects.filter(user=other, message="mentorship_ended").exists()
    with pytest.raises(MentoringError, match="already ended"):
        end_mentorship(mentorship, by=learner)


def test_nobody_else_ends_a_mentorship(learner, mentor, other_learner, invitation):
    mentorship = accept(invitation, mentor=mentor)
    with pytest.raises(MentoringError, match="Only the learner or the mentor"):
        end_mentorship(mentorship, by=other_learner)
    mentorship.refresh_from_db()
    assert mentorship.ended_at is None


def test_a_former_mentor_can_be_invited_again(learner, mentor, invitation):
    end_mentorship(accept(invitation, mentor=mentor), by=learner)
    accept(invite(learner=learner, identifier="maya"), mentor=mentor)
    assert Mentorship.objects.active().filter(learner=learner, mentor=mentor).count() == 1


# The pages.


@pytest.mark.parametrize(
    "url",
    [
        reverse("mentoring:mentors"),
        reverse("notifications"),
    ],
)
def test_mentoring_pages_need_an_account(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_learner_invites_from_their_mentors_page(client, learner, mentor):
    client.force_login(learner)
    response = client.post(reverse("mentoring:mentors"), {"mentor": "nobody", "message": "Hello there"})
    assert response.status_code == 200
    assert "No mentor has that username or email address." in response.content.decode()
    assert response.context["form"]["message"].value() == "Hello there"  # nothing typed is lost
    response = client.post(reverse("mentoring:mentors"), {"mentor": "maya", "message": "Hello"}, follow=True)
    assert "Your invitation is sent to" in response.content.decode()
    assert list(response.context["waiting"]) == [MentorInvitation.objects.get()]


def test_the_mentor_answers_from_their_mentoring_page(client, learner, mentor, invitation):
    client.force_login(mentor)
    page = client.get(reverse("mentoring:home")).content.decode()
    assert "Learners asking you to mentor them" in page and "Could you look at my moderation project?" in page
    response = client.post(
        reverse("mentoring:answer_invitation", args=[invitation.pk, "accept"]), follow=True
    )
    assert "You now mentor" in response.content.decode()
    assert "Learners you mentor" in response.content.decode()
    response = client.post(
        reverse("mentoring:answer_invitation", args=[invitation.pk, "decline"]), follow=True
    )
    assert "already answered" in response.content.decode()


@pytest.mark.parametrize("who", ["other_learner", "editor", "unassigned_mentor"])
def test_strangers_cannot_answer_or_end(client, request, learner, mentor, invitation, who):
    user = factories.mentor(username="budi") if who == "unassigned_mentor" else request.getfixturevalue(who)
    client.force_login(user)
    for answer in ("accept", "decline", "withdraw"):
        url = reverse("mentoring:answer_invitation", args=[invitation.pk, answer])
        assert client.post(url).status_code == 404
    mentorship = accept(invitation, mentor=mentor)
    assert client.post(reverse("mentoring:end_mentorship", args=[mentorship.pk])).status_code == 404
    mentorship.refresh_from_db()
    assert mentorship.ended_at is None


def test_answers_need_a_post_and_a_known_answer(client, mentor, invitation):
    client.force_login(mentor)
    assert (
        client.get(reverse("mentoring:answer_invitation", args=[invitation.pk, "accept"])).status_code == 405
    )
    assert (
        client.post(reverse("mentoring:answer_invitation", args=[invitation.pk, "maybe"])).status_code == 404
    )
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_the_learner_ends_from_their_mentors_page(client, learner, mentor, invitation):
    mentorship = accept(invitation, mentor=mentor)
    client.force_login(learner)
    response = client.post(reverse("mentoring:end_mentorship", args=[mentorship.pk]), follow=True)
    assert "Your mentorship with" in response.content.decode() and "has ended" in response.content.decode()
    assert not mentor.has_perm("mentoring.read_learner", learner)


def test_notifications_show_unread_then_read(client, learner, mentor, invitation):
    accept(invitation, mentor=mentor)
    client.force_login(learner)
    unread_badge = '">1<span class="visually-hidden"> unread</span>'
    assert unread_badge in client.get(reverse("portfolio:portfolio")).content.decode()
    page = client.get(reverse("notifications")).content.decode()
    assert "is now your mentor" in page and "is-unread" in page
    page = client.get(reverse("notifications")).content.decode()
    assert "is now your mentor" in page and "is-unread" in page  # reading changes nothing
    page = client.post(reverse("notifications"), follow=True).content.decode()
    assert "All your notifications are marked as read." in page
    assert "is now your mentor" in page and "is-unread" not in page and "Mark all as read" not in page
    page = client.get(reverse("portfolio:portfolio")).content.decode()
    assert '<span class="visually-hidden">Notifications</span></a>' in page  # the bell, without a count
    assert 'visually-hidden"> unread' not in page


def test_a_notification_mail_subject_stays_on_one_line(learner, mentor, django_capture_on_commit_callbacks):
    mentor.email = "maya@example.org"
    mentor.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            mentor,
            message="mentor_invited",
            params={"learner": "A title\nBcc: someone@example.org"},
            route="dashboard",
        )
    assert mail.outbox[0].subject == "Kelola: A title Bcc: someone@example.org asks you to be their mentor."


def test_anonymous_steps_are_sent_to_log_in_and_change_nothing(client, learner, mentor, invitation):
    for url in (
        reverse("mentoring:answer_invitation", args=[invitation.pk, "accept"]),
        reverse("mentoring:end_mentorship", args=[1]),
    ):
        response = client.post(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING and not Mentorship.objects.exists()


def test_a_former_mentor_cannot_end_it_again_or_answer_for_it(client, learner, mentor, invitation):
    mentorship = accept(invitation, mentor=mentor)
    end_mentorship(mentorship, by=learner)
    client.force_login(mentor)
    response = client.post(reverse("mentoring:end_mentorship", args=[mentorship.pk]), follow=True)
    assert "already ended" in response.content.decode()
    page = client.get(reverse("mentoring:home")).content.decode()
    assert "You mentor no learner yet." in page and "End mentoring" not in page
