"""The header changes with the visitor's role."""

import pytest
from django.test.html import parse_html

pytestmark = pytest.mark.django_db


def header(client) -> str:
    html = client.get("/en/").content.decode()
    return html[html.index("<header") : html.index("</header>")]


@pytest.mark.usefixtures("site_pages")
class TestNavigation:
    """Tests that share the site pages, built once."""

    def test_anonymous_visitor_is_offered_login_and_signup(self, client, site_pages):
        nav = header(client)

        assert "Log in" in nav
        assert "Sign up" in nav
        assert "Log out" not in nav
        assert "Edit content" not in nav
        assert "About Kelola" in nav

    def test_learner_sees_their_account_and_role_but_no_admin(self, client, site_pages, learner):
        client.force_login(learner)
        nav = header(client)

        assert "My account" in nav
        assert "Log out" in nav
        assert "Learner" in nav
        assert "Sign up" not in nav
        assert "Edit content" not in nav

    def test_mentor_is_shown_as_mentor_without_admin(self, client, site_pages, mentor):
        client.force_login(mentor)
        nav = header(client)

        assert "Mentor" in nav
        assert "Edit content" not in nav

    @pytest.mark.parametrize(("role", "label"), [("editor", "Editor"), ("moderator", "Moderator")])
    def test_editors_get_a_link_to_the_admin(self, client, site_pages, request, role, label):
        client.force_login(request.getfixturevalue(role))
        nav = header(client)

        assert label in nav
        assert parse_html('<a class="nav-link" href="/admin/">Edit content</a>') in parse_html(nav)

    def test_header_is_in_indonesian_under_id(self, client, site_pages):
        html = client.get("/id/").content.decode()

        assert "Masuk" in html
        assert "Daftar" in html
        assert "Tentang Kelola" in html
