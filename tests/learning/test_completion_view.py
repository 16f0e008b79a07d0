"""Marking a lesson complete (or undoing it): who may, and what happens."""

import pytest

from learning.models import LessonCompletion

pytestmark = pytest.mark.django_db


def completion_url(lesson) -> str:
    return f"/en/learn/lessons/{lesson.pk}/completion/"


@pytest.mark.usefixtures("course")
class TestCompletion:
    """Tests that share one course, built once."""

    def test_anonymous_visitor_is_sent_to_log_in_and_back_to_the_lesson(self, client, lessons):
        response = client.post(completion_url(lessons[0]), {"action": "complete"})

        assert response.status_code == 302
        assert response.url == f"/en/accounts/login/?next={lessons[0].url}"
        assert not LessonCompletion.objects.exists()

    @pytest.mark.parametrize("role", ["learner", "mentor", "editor"])
    def test_any_signed_in_person_tracks_their_own_progress(self, client, lessons, request, role):
        user = request.getfixturevalue(role)
        client.force_login(user)

        response = client.post(completion_url(lessons[0]), {"action": "complete"})

        assert response.status_code == 302
        assert response.url == lessons[0].url
        assert LessonCompletion.objects.filter(user=user, lesson_key=lessons[0].translation_key).count() == 1

    def test_a_double_submit_records_one_completion(self, client, learner, lessons):
        client.force_login(learner)

        client.post(completion_url(lessons[0]), {"action": "complete"})
        client.post(completion_url(lessons[0]), {"action": "complete"})

        assert LessonCompletion.objects.filter(user=learner).count() == 1

    def test_undo_removes_only_the_learners_own_completion(self, client, learner, other_learner, lessons):
        for user in (learner, other_learner):
            client.force_login(user)
            client.post(completion_url(lessons[0]), {"action": "complete"})

        client.post(completion_url(lessons[0]), {"action": "undo"})

        assert list(LessonCompletion.objects.values_list("user__username", flat=True)) == ["lina"]

    def test_unknown_action_is_refused(self, client, learner, lessons):
        client.force_login(learner)

        assert client.post(completion_url(lessons[0]), {"action": "explode"}).status_code == 400
        assert not LessonCompletion.objects.exists()

    def test_get_is_not_allowed(self, client, learner, lessons):
        client.force_login(learner)

        assert client.get(completion_url(lessons[0])).status_code == 405

    def test_unpublished_lesson_cannot_be_completed(self, client, learner, lessons):
        lessons[0].unpublish()
        client.force_login(learner)

        assert client.post(completion_url(lessons[0]), {"action": "complete"}).status_code == 404
