"""Who reaches the Wagtail admin: editors and moderators do, learners and mentors never."""

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


@pytest.mark.parametrize("role", ["learner", "mentor"])
def test_learners_and_mentors_get_no_admin(client, role, request):
    client.force_login(request.getfixturevalue(role))

    for path in ("/admin/", "/admin/pages/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == f"/admin/login/?next={path}"


@pytest.mark.parametrize("role", ["editor", "moderator", "superuser"])
def test_editors_moderators_and_admins_reach_the_admin(client, role, request):
    client.force_login(request.getfixturevalue(role))

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200
