"""Changing the email address (cms/accounts/email_change.py): the password first, then a link to the new address,
which alone changes it; the old address is told; the page never says whether an address has an account."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing

from cms.accounts.email_change import SALT
from mentoring.mentorships import accept, invite
from tests.factories import PASSWORD
from tests.factories import learner as make_learner
from tests.factories import mentor as make_mentor

pytestmark = pytest.mark.django_db

CHANGE = "/en/accounts/me/email/"


def ask(client, new_email: str = "lina.new@example.org", password: str = PASSWORD, language: str = "en"):
    return client.post(f"/{language}/accounts/me/email/", {"new_email": new_email, "password": password})


def link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def email_of(user) -> str:
    return get_user_model().objects.get(pk=user.pk).email


@pytest.mark.usefixtures("site_pages")
class TestEmailChange:
    def test_the_address_changes_only_when_the_link_is_followed_and_confirmed(
        self, client, learner, site_pages
    ):
        client.force_login(learner)

        response = ask(client)

        assert response.status_code == 302 and response.url == "/en/accounts/me/"
        assert email_of(learner) == "lina@example.com"
        assert [message.to for message in mail.outbox] == [["lina.new@example.org"]]
        assert mail.outbox[0].subject == "Confirm your new Kelola email address"
        link = link_path(mail.outbox[0])
        page = client.get(link)
        assert page.status_code == 200
        assert (
            "Use <strong>lina.new@example.org</strong> as the email address of your account?"
            in page.content.decode()
        )
        assert email_of(learner) == "lina@example.com"  # reading the link changes nothing

        done = client.post(link, follow=True)

        assert email_of(learner) == "lina.new@example.org"
        assert "Your email address is now lina.new@example.org." in done.content.decode()
        notice = mail.outbox[1]
        assert notice.to == ["lina@example.com"]
        assert notice.subject == "Your Kelola email address was changed"
        assert "is now lina.new@example.org" in notice.body

    def test_a_link_works_once(self, client, learner, site_pages):
        client.force_login(learner)
        ask(client)
        link = link_path(mail.outbox[0])
        client.post(link)

        response = client.post(link)

        assert response.status_code == 400
        assert (
            "This link is not valid. Ask for a new one from your account page." in response.content.decode()
        )

    def test_a_wrong_password_changes_nothing_and_keeps_the_input(self, client, learner, site_pages):
        client.force_login(learner)

        response = ask(client, password="not-mine")

        html = response.content.decode()
        assert response.status_code == 200
        assert "This is not your current password." in html
        assert 'value="lina.new@example.org"' in html
        assert mail.outbox == []

    def test_the_current_address_is_refused(self, client, learner, site_pages):
        client.force_login(learner)

        response = ask(client, new_email="LINA@example.com")

        assert "This is already your email address." in response.content.decode()
        assert mail.outbox == []

    def test_an_address_with_an_account_gets_a_note_and_the_page_says_the_same(
        self, client, learner, site_pages
    ):
        make_learner(username="omar", email="omar@example.com", language="id")
        client.force_login(learner)

        response = ask(client, new_email="OMAR@example.com")

        assert response.status_code == 302 and response.url == "/en/accounts/me/"
        assert [message.to for message in mail.outbox] == [["OMAR@example.com"]]
        assert mail.outbox[0].subject == "Alamat email Kelola Anda"  # in that account's language
        assert "/accounts/me/email/" not in mail.outbox[0].body  # no link to take the address
        assert email_of(learner) == "lina@example.com"

    def test_an_address_taken_after_the_link_was_sent_is_refused(self, client, learner, site_pages):
        client.force_login(learner)
        ask(client)
        make_learner(username="omar", email="Lina.New@example.org")

        response = client.post(link_path(mail.outbox[0]))

        assert response.status_code == 400
        assert "Another account now uses this address, so yours stays as it is." in response.content.decode()
        assert email_of(learner) == "lina@example.com"

    def test_a_link_is_only_for_the_account_it_was_sent_for(self, client, learner, other_learner, site_pages):
        client.force_login(learner)
        ask(client)
        client.force_login(other_learner)

        response = client.post(link_path(mail.outbox[0]))

        assert response.status_code == 400
        assert (email_of(learner), email_of(other_learner)) == ("lina@example.com", "omar@example.com")

    def test_an_expired_link_is_refused(self, client, learner, site_pages, monkeypatch):
        client.force_login(learner)
        ask(client)
        link = link_path(mail.outbox[0])
        monkeypatch.setattr("cms.accounts.email_change.LINK_VALID_FOR", timedelta(seconds=-1))

        response = client.post(link)

        assert response.status_code == 400
        assert "This link has expired. Ask for a new one from your account page." in response.content.decode()
        assert email_of(learner) == "lina@example.com"

    def test_a_forged_link_is_refused(self, client, learner, site_pages):
        client.force_login(learner)
        forged = signing.dumps(
            {"user": learner.pk, "email": "x@example.org", "old": learner.email}, salt="other"
        )

        response = client.post(f"/en/accounts/me/email/{forged}/")

        assert response.status_code == 400
        assert email_of(learner) == "lina@example.com"
        assert SALT != "other"

    def test_emails_are_in_the_accounts_language_whatever_the_page(self, client, site_pages):
        user = make_learner(username="rina", email="rina@example.com", language="id")
        client.force_login(user)

        ask(client, new_email="rina@example.org", language="en")
        client.post(link_path(mail.outbox[0]))

        assert "/id/accounts/me/email/" in mail.outbox[0].body
        assert [message.subject for message in mail.outbox] == [
            "Konfirmasi alamat email Kelola Anda yang baru",
            "Alamat email Kelola Anda telah diubah",
        ]

    @pytest.mark.parametrize(
        ("language", "message"),
        [
            (
                "en",
                "We sent a link to lina.new@example.org. Open it to confirm: until then your address stays as it is.",
            ),
            (
                "id",
                "Kami mengirim tautan ke lina.new@example.org. Buka tautan itu untuk mengonfirmasi; sampai saat itu alamat Anda tetap sama.",
            ),
        ],
    )
    def test_the_page_says_where_the_link_went_in_its_language(
        self, client, learner, site_pages, language, message
    ):
        client.force_login(learner)

        response = client.get(ask(client, language=language).url)

        assert message in response.content.decode()

    def test_the_link_asks_a_signed_out_visitor_to_log_in_first(self, client, learner, site_pages):
        client.force_login(learner)
        ask(client)
        link = link_path(mail.outbox[0])
        client.logout()

        response = client.post(link)

        assert response.status_code == 302 and response.url.startswith("/en/accounts/login/?next=")
        assert email_of(learner) == "lina@example.com"


def test_the_email_change_page_needs_an_account(client):
    response = client.get(CHANGE)

    assert response.status_code == 302 and response.url == f"/en/accounts/login/?next={CHANGE}"


@pytest.mark.parametrize("who", ["other_learner", "mentor", "unassigned_mentor", "editor"])
def test_nobody_else_can_use_a_learners_link(client, request, learner, mentor, site_pages, who):
    accept(invite(learner=learner, identifier="maya"), mentor=mentor)  # `mentor` mentors the learner
    person = make_mentor(username="budi") if who == "unassigned_mentor" else request.getfixturevalue(who)
    client.force_login(learner)
    ask(client)
    link = link_path(mail.outbox[0])
    client.force_login(person)

    assert client.get(link).status_code == 400
    assert client.post(link).status_code == 400
    assert email_of(learner) == "lina@example.com"
    assert client.get(CHANGE).status_code == 200  # their own page, for their own address


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "You have done this too many times in a short while. Please try again in 1 minute."),
        ("id", "Anda terlalu sering melakukan ini dalam waktu singkat. Silakan coba lagi dalam 1 menit."),
    ],
)
def test_password_guesses_on_the_email_change_are_rate_limited(client, learner, settings, language, message):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "email_change": "2/m"}
    client.force_login(learner)
    ask(client, password="guess-1", language=language)
    ask(client, password="guess-2", language=language)

    response = ask(client, language=language)

    html = response.content.decode()
    assert response.status_code == 429
    assert message in html
    assert 'value="lina.new@example.org"' in html
    assert mail.outbox == []
