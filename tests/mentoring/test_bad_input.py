"""Mentoring refuses what it cannot do with a message in the page's language, never a 500: a race lost between the
check and the insert (the database's constraints decide), an endorsement withdrawn twice, a comment that names a
comment or project that is not in the review."""

import pytest
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation

from learning.levels import SkillLevel
from mentoring import endorsements, reviews
from mentoring.mentorships import MentoringError, accept, invite
from mentoring.models import (
    Endorsement,
    EndorsementQuerySet,
    ReviewComment,
    ReviewRequest,
    ReviewRequestQuerySet,
)
from tests import factories
from tests.learning import builders

pytestmark = pytest.mark.django_db

LOST_ENDORSEMENT = {
    "en": "You endorsed this skill again at the same moment, from another page: check the level shown.",
    "id": "Anda memberi dukungan untuk keterampilan ini pada saat yang sama dari halaman lain: periksa tingkat yang tampil.",
}


@pytest.fixture
def mentorship(learner, mentor):
    return accept(invite(learner=learner, identifier="maya"), mentor=mentor)


@pytest.fixture
def skill():
    return builders.skill()


@pytest.fixture
def project(learner):
    return factories.ProjectFactory(profile__user=learner, title="Forum launch")


def skills_page(learner, language="en") -> str:
    with translation.override(language):
        return reverse("mentoring:learner_skills", args=[learner.pk])


def review_page(review, language="en") -> str:
    with translation.override(language):
        return reverse("mentoring:review", args=[review.pk])


# A race lost between the check and the insert: another request's row arrives in between.


@pytest.fixture
def endorsed_in_between(monkeypatch, learner, mentor, skill):
    """The mentor's other request saves its endorsement just after this one withdrew the earlier ones."""
    update = QuerySet.update

    def update_then_lose(queryset, **kwargs):
        done = update(queryset, **kwargs)
        monkeypatch.setattr(EndorsementQuerySet, "update", update)
        Endorsement.objects.create(
            learner=learner, mentor=mentor, skill=skill, level=1, reason="The other tab."
        )
        return done

    monkeypatch.setattr(EndorsementQuerySet, "update", update_then_lose, raising=False)


@pytest.mark.parametrize("language", ["en", "id"])
def test_an_endorsement_that_loses_the_race_is_told_so(
    client, learner, mentor, mentorship, skill, endorsed_in_between, language
):
    client.force_login(mentor)
    data = {"action": "endorse", "skill": skill.pk, "level": SkillLevel.EXPERT, "reason": "My careful words"}
    response = client.post(skills_page(learner, language), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert LOST_ENDORSEMENT[language] in page.replace("&#x27;", "'")
    assert "My careful words" in page
    # Nothing of the attempt is left (here the other row was made inside its transaction, so it went too).
    assert Endorsement.objects.count() == 0


def test_the_service_refuses_the_lost_endorsement(learner, mentor, mentorship, skill, endorsed_in_between):
    with pytest.raises(MentoringError, match="at the same moment"):
        endorsements.endorse(mentor=mentor, learner=learner, skill=skill, level=3, reason="Seen it.")


def request_in_between(monkeypatch, **scope):
    """The learner's other request for the same review is saved just after this one checked there was none."""

    def exists_then_lose(queryset):
        if queryset.model is not ReviewRequest:
            return QuerySet.exists(queryset)
        monkeypatch.undo()
        ReviewRequest.objects.create(message="The other tab.", **scope)
        return False

    monkeypatch.setattr(ReviewRequestQuerySet, "exists", exists_then_lose, raising=False)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "You already asked maya to review this."),
        ("id", "Anda sudah meminta maya meninjau ini."),
    ],
)
def test_a_review_request_that_loses_the_race_is_told_so(
    client, monkeypatch, learner, mentor, mentorship, project, language, message
):
    mentor.first_name = mentor.last_name = ""
    mentor.save()
    client.force_login(learner)
    with translation.override(language):
        url = reverse("mentoring:request_review")
    request_in_between(monkeypatch, learner=learner, mentor=mentor, project=project)
    response = client.post(url, {"mentor": mentor.pk, "project": project.pk, "message": "My careful words"})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "My careful words" in page
    # Nothing of the attempt is left (here the other row was made inside its transaction, so it went too).
    assert ReviewRequest.objects.count() == 0


@pytest.mark.parametrize("whole_portfolio", [True, False])
def test_the_service_refuses_the_lost_review_request(
    monkeypatch, learner, mentor, mentorship, project, whole_portfolio
):
    scope = None if whole_portfolio else project
    request_in_between(monkeypatch, learner=learner, mentor=mentor, project=scope)
    with pytest.raises(reviews.ReviewError, match="You already asked"):
        reviews.submit(learner=learner, mentor=mentor, project=scope)


def test_a_review_of_the_whole_portfolio_is_one_at_a_time_in_the_database(learner, mentor, mentorship):
    from django.db import IntegrityError, transaction

    ReviewRequest.objects.create(learner=learner, mentor=mentor)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewRequest.objects.create(learner=learner, mentor=mentor)
    ReviewRequest.objects.update(state="approved")
    ReviewRequest.objects.create(learner=learner, mentor=mentor)  # a new one once the first is decided
    assert ReviewRequest.objects.count() == 2


# Withdrawing twice, and ids that name nothing.


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "This endorsement was already withdrawn."), ("id", "Dukungan ini sudah ditarik.")],
)
def test_withdrawing_an_endorsement_twice_says_it_is_withdrawn(
    client, learner, mentor, mentorship, skill, language, message
):
    endorsement = endorsements.endorse(mentor=mentor, learner=learner, skill=skill, level=2, reason="Seen.")
    client.force_login(mentor)
    data = {"action": "withdraw", "endorsement": endorsement.pk}
    client.post(skills_page(learner, language), data, follow=True)
    response = client.post(skills_page(learner, language), data, follow=True)
    assert response.status_code == 200
    assert [str(item) for item in response.context["messages"]] == [message]
    assert Endorsement.objects.get().withdrawn_at is not None


@pytest.mark.parametrize("endorsement", ["", "abc", "-1", "99999999999999999999", "1e3", "\x00"])
def test_withdrawing_an_endorsement_that_is_not_there_is_a_404(
    client, learner, mentor, mentorship, endorsement
):
    client.force_login(mentor)
    response = client.post(skills_page(learner), {"action": "withdraw", "endorsement": endorsement})
    assert response.status_code == 404


@pytest.fixture
def review(learner, mentor, mentorship, project):
    return reviews.submit(learner=learner, mentor=mentor, project=project)


@pytest.fixture
def other_review(learner, mentor, mentorship):
    """The learner's other review, of their whole portfolio, with a comment."""
    other = reviews.submit(learner=learner, mentor=mentor)
    reviews.comment(other, author=mentor, body="Elsewhere.")
    return other


@pytest.mark.parametrize(
    ("field", "value", "language", "message"),
    [
        ("reply_to", "unknown", "en", "That comment belongs to another review."),
        ("reply_to", "other", "id", "Komentar itu milik tinjauan lain."),
        ("reply_to", "99999999999999999999", "en", "That comment belongs to another review."),
        ("project", "unknown", "id", "Proyek itu bukan bagian dari tinjauan ini."),
        ("project", "99999999999999999999", "en", "That project is not part of this review."),
    ],
)
def test_a_comment_naming_what_is_not_in_the_review_is_refused(
    client, mentor, review, other_review, field, value, language, message
):
    value = {"unknown": "987654", "other": str(ReviewComment.objects.get().pk)}.get(value, value)
    client.force_login(mentor)
    data = {"action": "comment", "body": "My careful words", field: value}
    response = client.post(review_page(review, language), data)
    assert response.status_code == 200
    assert response.context["comment_form"].errors["body"] == [message]
    assert "My careful words" in response.content.decode()
    assert review.comments.count() == 0


# Names as long as an account allows.


def test_an_invitation_from_the_longest_name_reaches_the_mentor(
    client, learner, mentor, django_capture_on_commit_callbacks, mailoutbox
):
    learner.first_name, learner.last_name = "L" * 150, "M" * 150
    learner.save()
    mentor.email, mentor.language = "maya@example.org", "id"
    mentor.save()
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mentoring:mentors"), {"mentor": "maya", "message": "x" * 500})
    assert response.status_code == 302
    name = f"{'L' * 150} {'M' * 150}"
    assert [mail.subject for mail in mailoutbox] == [f"Kelola: {name} meminta Anda menjadi mentornya."]
    client.force_login(mentor)
    page = client.get("/id/notifications/").content.decode()
    assert f"{name} meminta Anda menjadi mentornya." in page
