import pytest
from django.contrib.auth import get_user_model

from cms.accounts.roles import Role, roles_of
from tests.factories import PASSWORD, learner

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/en/accounts/signup/"


def signup_data(**overrides):
    return {
        "first_name": "Nadia",
        "username": "nadia",
        "email": "nadia@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def test_signup_creates_a_learner_and_signs_them_in(client, site_pages):
    response = client.post(SIGNUP_URL, signup_data())

    user = get_user_model().objects.get(username="nadia")
    assert roles_of(user) == {Role.LEARNER}
    assert response.status_code == 302
    assert response.url == "/en/dashboard/"
    assert int(client.session["_auth_user_id"]) == user.pk


def test_signup_returns_to_the_page_the_visitor_came_from(client, site_pages):
    response = client.post(SIGNUP_URL, signup_data(next="/en/about/"))

    assert response.url == "/en/about/"


def test_signup_ignores_a_next_address_on_another_site(client, site_pages):
    response = client.post(SIGNUP_URL, signup_data(next="https://evil.example/steal"))

    assert response.url == "/en/dashboard/"


def test_signup_with_errors_rerenders_with_messages_and_keeps_the_input(client, site_pages):
    response = client.post(SIGNUP_URL, signup_data(password2="something-else", email="nadia@example.com"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "The two password fields didn" in html
    assert 'value="nadia@example.com"' in html
    assert 'value="Nadia"' in html
    assert not get_user_model().objects.filter(username="nadia").exists()


def test_signup_refuses_an_email_already_used_whatever_its_case(client, site_pages):
    learner(username="first", email="nadia@example.com")

    response = client.post(SIGNUP_URL, signup_data(email="Nadia@Example.com"))

    assert response.status_code == 200
    assert "An account with this email address already exists." in response.content.decode()
    assert get_user_model().objects.count() == 1


def test_signed_in_visitors_are_sent_home_from_signup(client, learner):
    client.force_login(learner)

    assert client.get(SIGNUP_URL).status_code == 302


def test_signup_form_labels_every_input(client, site_pages):
    html = client.get(SIGNUP_URL).content.decode()

    for field in ("first_name", "username", "email", "password1", "password2"):
        assert f'for="id_{field}"' in html
