"""Mentor invitations and review comments are rate-limited per account (settings.RATE_LIMITS): over the limit, the
page again (429) with the person's input and the wait in the page's language, and nothing sent."""

import pytest

from cms.models import Notification
from mentoring import reviews
from mentoring.mentorships import accept, invite
from mentoring.models import MentorInvitation, ReviewComment
from tests import factories
from tests.portfolio.builders import full_portfolio
from tests.rate_limits import WAIT

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_limits(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "mentor_invitation": "2/m", "review_comment": "2/m"}


@pytest.mark.parametrize("language", ["en", "id"])
def test_invitations_over_the_limit_are_refused_with_the_input_kept(client, learner, low_limits, language):
    client.force_login(learner)
    url = f"/{language}/portfolio/mentors/"
    client.post(url, {"mentor": "nobody", "message": ""})  # refused tries count: they probe who is a mentor
    client.post(url, {"mentor": "nobody-either", "message": ""})
    factories.mentor(username="maya")

    response = client.post(url, {"mentor": "maya", "message": "Would you mentor me?"})

    html = response.content.decode()
    assert response.status_code == 429
    assert WAIT[language] in html
    assert 'value="maya"' in html
    assert "Would you mentor me?" in html
    assert MentorInvitation.objects.count() == 0


def test_each_learner_has_their_own_invitation_limit(client, learner, other_learner, mentor, low_limits):
    client.force_login(learner)
    for _ in range(3):
        client.post("/en/portfolio/mentors/", {"mentor": "nobody", "message": ""})
    client.force_login(other_learner)

    response = client.post("/en/portfolio/mentors/", {"mentor": "maya", "message": ""})

    assert response.status_code == 302
    assert MentorInvitation.objects.get().learner == other_learner


@pytest.fixture
def review(learner, mentor):
    accept(invite(learner=learner, identifier="maya"), mentor=mentor)
    project = full_portfolio(learner, projects=1).projects.get()
    return reviews.submit(learner=learner, mentor=mentor, project=project, message="")


@pytest.mark.parametrize("language", ["en", "id"])
def test_comments_over_the_limit_are_refused_with_the_text_kept(client, mentor, review, low_limits, language):
    client.force_login(mentor)
    url = f"/{language}/portfolio/reviews/{review.pk}/"
    for number in range(2):
        assert client.post(url, {"action": "comment", "body": f"Point {number}"}).status_code == 302
    notifications = Notification.objects.count()

    response = client.post(url, {"action": "comment", "body": "A third point"})

    html = response.content.decode()
    assert response.status_code == 429
    assert WAIT[language] in html
    assert "A third point" in html
    assert ReviewComment.objects.count() == 2
    assert Notification.objects.count() == notifications
