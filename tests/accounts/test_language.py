"""A signed-in person's language choice is kept on their account and follows them to other devices."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
COOKIE = settings.LANGUAGE_COOKIE_NAME


def test_switching_language_while_signed_in_is_saved_on_the_account(client, learner, site_pages):
    client.force_login(learner)

    client.post("/i18n/setlang/", {"language": "id", "next": "/id/"})

    learner.refresh_from_db()
    assert learner.language == "id"


def test_signing_in_on_another_device_brings_the_language_back(learner, site_pages):
    learner.language = "id"
    learner.save()
    other_device = Client()

    response = other_device.post("/en/accounts/login/", {"username": "lina", "password": PASSWORD})

    assert response.cookies[COOKIE].value == "id"
    assert other_device.get("/").url == "/id/"


def test_anonymous_switch_changes_only_the_cookie(client, learner, site_pages):
    response = client.post("/i18n/setlang/", {"language": "id", "next": "/id/"})

    assert response.cookies[COOKIE].value == "id"
    learner.refresh_from_db()
    assert learner.language == ""


def test_sign_up_keeps_the_language_the_visitor_used(client, site_pages):
    client.post(
        "/id/accounts/signup/",
        {
            "first_name": "Ayu",
            "username": "ayu",
            "email": "ayu@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert get_user_model().objects.get(username="ayu").language == "id"


def test_choosing_a_language_on_the_account_page_shows_it_in_that_language(client, learner, site_pages):
    client.force_login(learner)

    response = client.post(
        "/en/accounts/me/",
        {"first_name": "Lina", "last_name": "", "email": "lina@example.com", "language": "id"},
    )

    assert response.url == "/id/accounts/me/"
    assert response.cookies[COOKIE].value == "id"
