import re

import pytest
from django.core import mail

from tests.factories import PASSWORD, learner

pytestmark = pytest.mark.django_db


def test_account_page_needs_login(client):
    response = client.get("/en/accounts/me/")

    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/?next=")


@pytest.mark.usefixtures("site_pages")
class TestAccounts:
    """Tests that share the site pages, built once."""

    def test_login_and_logout(self, client, learner, site_pages):
        response = client.post("/en/accounts/login/", {"username": "lina", "password": PASSWORD})
        assert response.status_code == 302
        assert "_auth_user_id" in client.session

        response = client.post("/en/accounts/logout/")
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session

    def test_login_with_a_wrong_password_says_so_and_keeps_the_username(self, client, learner, site_pages):
        response = client.post("/en/accounts/login/", {"username": "lina", "password": "nope"})

        html = response.content.decode()
        assert response.status_code == 200
        assert "Please enter a correct username and password" in html
        assert 'value="lina"' in html

    def test_owner_edits_their_account_but_not_its_email_there(self, client, learner, site_pages):
        client.force_login(learner)

        response = client.post(
            "/en/accounts/me/", {"first_name": "Lina", "last_name": "Marpaung", "email": "lina@example.org"}
        )

        assert response.status_code == 302
        learner.refresh_from_db()
        assert (learner.first_name, learner.last_name, learner.email) == (
            "Lina",
            "Marpaung",
            "lina@example.com",
        )

    def test_password_change(self, client, learner, site_pages):
        client.force_login(learner)

        response = client.post(
            "/en/accounts/password_change/",
            {
                "old_password": PASSWORD,
                "new_password1": "a-new-long-passphrase",
                "new_password2": "a-new-long-passphrase",
            },
        )

        assert response.status_code == 302
        learner.refresh_from_db()
        assert learner.check_password("a-new-long-passphrase")

    def test_password_reset_by_email(self, client, site_pages):
        user = learner(username="rina", email="rina@example.com")

        client.post("/en/accounts/password_reset/", {"email": "RINA@example.com"})

        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["rina@example.com"]
        link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
        form_url = client.get(link).url  # Django swaps the token for a session-bound address first.
        response = client.post(
            form_url, {"new_password1": "fresh-long-passphrase", "new_password2": "fresh-long-passphrase"}
        )

        assert response.status_code == 302
        user.refresh_from_db()
        assert user.check_password("fresh-long-passphrase")

    def test_password_reset_does_not_reveal_whether_an_address_has_an_account(self, client, site_pages):
        response = client.post("/en/accounts/password_reset/", {"email": "nobody@example.com"})

        assert response.status_code == 302
        assert mail.outbox == []

    def test_password_reset_email_is_in_the_visitors_language(self, client, site_pages):
        learner(username="rina", email="rina@example.com")

        client.post("/id/accounts/password_reset/", {"email": "rina@example.com"})

        assert "/id/accounts/reset/" in mail.outbox[0].body
        assert mail.outbox[0].subject == "Pilih kata sandi Kelola yang baru"

    @pytest.mark.parametrize(
        ("language", "message"), [("en", "You have been logged out."), ("id", "Anda telah keluar.")]
    )
    def test_logging_out_says_so_in_the_page_s_language(self, client, learner, site_pages, language, message):
        client.force_login(learner)

        response = client.post(f"/{language}/accounts/logout/", follow=True)

        assert '<div class="alert alert-success">' + message + "</div>" in response.content.decode()
