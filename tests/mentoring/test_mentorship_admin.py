"""Staff assign mentors in the admin; a mentorship gives the mentor read access for as long as it lasts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Mentorship

ADD_URL = "mentorships:add"


def add(client, **data):
    return client.post(reverse(ADD_URL), {"started_at": timezone.now().strftime("%Y-%m-%d %H:%M"), **data})


@pytest.mark.parametrize("who", ["editor", "moderator", "superuser"])
def test_staff_assign_a_mentor(client, request, who, learner, mentor):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("mentorships:index")).status_code == 200
    response = add(client, learner=learner.pk, mentor=mentor.pk)
    assert response.status_code == 302
    assert mentor.has_perm("mentoring.read_learner", learner)


@pytest.mark.parametrize("who", ["learner", "mentor"])
def test_learners_and_mentors_cannot_assign_mentors(client, request, who, learner, mentor):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("mentorships:add")).status_code == 302  # sent away from the admin
    add(client, learner=learner.pk, mentor=mentor.pk)
    assert not Mentorship.objects.exists()


def test_only_mentors_are_offered_as_mentors(client, editor, learner, other_learner):
    client.force_login(editor)
    response = add(client, learner=learner.pk, mentor=other_learner.pk)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Mentorship.objects.exists()


def test_a_mentor_is_assigned_once_at_a_time(client, editor, learner, mentor):
    Mentorship.objects.create(learner=learner, mentor=mentor)
    client.force_login(editor)
    response = add(client, learner=learner.pk, mentor=mentor.pk)
    assert "This mentor already mentors this learner." in response.content.decode()
    assert Mentorship.objects.count() == 1


def test_an_ended_mentorship_gives_no_access_and_can_start_again(learner, mentor):
    Mentorship.objects.create(learner=learner, mentor=mentor, ended_at=timezone.now())
    assert not mentor.has_perm("mentoring.read_learner", learner)
    Mentorship.objects.create(learner=learner, mentor=mentor)
    assert mentor.has_perm("mentoring.read_learner", learner)


def test_the_model_refuses_a_mentor_without_the_mentor_role(learner, other_learner):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="This person is not a mentor"):
        Mentorship(learner=learner, mentor=other_learner).full_clean()
