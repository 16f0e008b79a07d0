"""Log-in throttling (cms/accounts/login_throttle.py, django-axes): by account and by address, for a while, fewer
tries for staff; the log-in form says so in the page's language."""

import logging
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


def fail(client, times: int, *, username: str = "lina", path: str = LOGIN, **extra):
    for _ in range(times):
        response = client.post(path, {"username": username, "password": "wrong"}, **extra)
    return response


def cool_off_passes(minutes: int = 15) -> None:
    """As if the failures had happened `minutes` ago."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=minutes)
        attempt.save(update_fields=["attempt_time"])


@pytest.mark.usefixtures("site_pages")
class TestLoginThrottle:
    def test_fifty_wrong_passwords_lock_the_account_until_the_cool_off_ends(
        self, client, learner, site_pages
    ):
        fail(client, 50)

        locked = client.post(LOGIN, {"username": "lina", "password": PASSWORD})
        assert locked.status_code == 429
        assert "_auth_user_id" not in client.session
        assert AccessAttempt.objects.get().failures_since_start == 10  # tries during the lock do not count

        cool_off_passes(minutes=15)
        response = client.post(LOGIN, {"username": "lina", "password": PASSWORD})
        assert response.status_code == 302
        assert int(client.session["_auth_user_id"]) == learner.pk

    def test_the_lock_lasts_only_as_long_as_the_cool_off(self, client, learner, site_pages):
        fail(client, 10)
        cool_off_passes(minutes=14)

        assert client.post(LOGIN, {"username": "lina", "password": PASSWORD}).status_code == 429

    @pytest.mark.parametrize(
        ("language", "message"),
        [
            ("en", "Too many failed log-ins. Try again in 15 minutes."),
            ("id", "Terlalu banyak upaya masuk yang gagal. Coba lagi dalam 15 menit."),
        ],
    )
    def test_the_locked_form_says_so_in_the_pages_language_and_keeps_the_username(
        self, client, learner, site_pages, language, message
    ):
        response = fail(client, 10, path=f"/{language}/accounts/login/")

        html = response.content.decode()
        assert response.status_code == 429
        assert message in html
        assert 'value="lina"' in html
        assert 'name="password"' in html

    def test_nine_failures_leave_the_right_password_working(self, client, learner, site_pages):
        response = fail(client, 9)
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()

        assert client.post(LOGIN, {"username": "lina", "password": PASSWORD}).status_code == 302

    def test_one_address_trying_many_accounts_is_locked(self, client, learner, site_pages):
        for number in range(10):
            fail(client, 1, username=f"guess{number}")

        assert client.post(LOGIN, {"username": "lina", "password": PASSWORD}).status_code == 429

    def test_many_addresses_trying_one_account_lock_that_account(self, client, learner, site_pages):
        for number in range(10):
            fail(client, 1, REMOTE_ADDR=f"203.0.113.{number}")

        response = client.post(LOGIN, {"username": "lina", "password": PASSWORD}, REMOTE_ADDR="198.51.100.1")
        assert response.status_code == 429

    def test_another_account_from_another_address_is_not_locked(
        self, client, learner, other_learner, site_pages
    ):
        fail(client, 10)

        response = client.post(LOGIN, {"username": "omar", "password": PASSWORD}, REMOTE_ADDR="198.51.100.1")
        assert response.status_code == 302

    def test_staff_editors_and_mentors_get_five_tries(self, client, editor, mentor, superuser, site_pages):
        for number, person in enumerate((editor, mentor, superuser)):
            fail(client, 4, username=person.username, REMOTE_ADDR=f"203.0.113.{number}")
            response = client.post(
                LOGIN, {"username": person.username, "password": PASSWORD}, REMOTE_ADDR="198.51.100.1"
            )
            assert response.status_code == 302
            client.post("/en/accounts/logout/")

            fail(client, 1, username=person.username, REMOTE_ADDR=f"203.0.113.{number}")
            response = client.post(
                LOGIN, {"username": person.username, "password": PASSWORD}, REMOTE_ADDR="198.51.100.1"
            )
            assert response.status_code == 429

    def test_the_limit_is_a_setting(self, client, learner, site_pages, settings):
        settings.LOGIN_FAILURE_LIMIT = 3
        assert fail(client, 3).status_code == 429

    def test_each_failure_is_logged_with_username_and_address_and_no_password(
        self, client, learner, site_pages, caplog
    ):
        with caplog.at_level(logging.WARNING, logger="cms.accounts.login_throttle"):
            client.post(LOGIN, {"username": "lina", "password": "s3cret-guess"}, REMOTE_ADDR="203.0.113.9")

        assert [record.getMessage() for record in caplog.records] == [
            "Failed log-in for username 'lina' from 203.0.113.9"
        ]
        assert "s3cret-guess" not in caplog.text

    def test_the_wagtail_admin_login_is_throttled_too(self, client, editor, site_pages):
        response = fail(client, 5, username="eko", path="/admin/login/")

        html = response.content.decode()
        assert response.status_code == 429
        assert "Too many failed log-ins. Try again in 15 minutes." in html
        assert client.post("/admin/login/", {"username": "eko", "password": PASSWORD}).status_code == 429

    def test_the_wagtail_admin_login_still_signs_editors_in(self, client, editor, site_pages):
        fail(client, 4, username="eko", path="/admin/login/")

        response = client.post("/admin/login/", {"username": "eko", "password": PASSWORD})

        assert response.status_code == 302 and response.url == "/admin/"
        assert int(client.session["_auth_user_id"]) == editor.pk

    def test_failures_on_the_admin_and_the_site_count_together(self, client, editor, site_pages):
        fail(client, 3, username="eko", path="/admin/login/")
        fail(client, 2, username="eko")

        assert client.post(LOGIN, {"username": "eko", "password": PASSWORD}).status_code == 429


@pytest.mark.usefixtures("site_pages")
class TestBehindTheProxy:
    def test_an_address_the_client_wrote_into_x_forwarded_for_does_not_escape_the_lock(
        self, client, other_learner, site_pages, settings
    ):
        settings.TRUSTED_PROXY_COUNT = 1
        for number in range(10):
            fail(
                client,
                1,
                username=f"guess{number}",
                HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 203.0.113.7",
                REMOTE_ADDR="127.0.0.1",
            )

        response = client.post(
            LOGIN,
            {"username": "omar", "password": PASSWORD},
            HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7",
            REMOTE_ADDR="127.0.0.1",
        )
        assert response.status_code == 429
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_a_password_reset_lifts_the_lock_on_the_account(client, learner, site_pages):
    fail(client, 10)
    client.post("/en/accounts/password_reset/", {"email": learner.email})
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    client.post(
        form_url, {"new_password1": "fresh-long-passphrase", "new_password2": "fresh-long-passphrase"}
    )

    response = client.post(
        LOGIN, {"username": "lina", "password": "fresh-long-passphrase"}, REMOTE_ADDR="198.51.100.1"
    )

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == learner.pk
