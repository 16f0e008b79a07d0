"""Sign-up and password reset are rate-limited per address (settings.RATE_LIMITS): over the limit, the form again
with the visitor's input, the wait in the page's language, and nothing done."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.accounts.test_signup import signup_data
from tests.rate_limits import WAIT

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_limits(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": "2/m", "password_reset": "2/m"}


@pytest.mark.usefixtures("site_pages", "low_limits")
class TestRateLimits:
    @pytest.mark.parametrize("language", ["en", "id"])
    def test_signup_tries_over_the_limit_are_refused_with_the_input_kept(self, client, site_pages, language):
        url = f"/{language}/accounts/signup/"
        client.post(url, signup_data(password2="typo"))
        client.post(url, signup_data(password2="typo"))

        response = client.post(url, signup_data())

        html = response.content.decode()
        assert response.status_code == 429
        assert WAIT[language] in html
        assert 'value="nadia@example.com"' in html
        assert 'value="Nadia"' in html
        assert get_user_model().objects.count() == 0

    def test_signup_limit_is_per_address(self, client, site_pages):
        for _ in range(2):
            client.post("/en/accounts/signup/", signup_data(password2="typo"), REMOTE_ADDR="203.0.113.1")

        response = client.post("/en/accounts/signup/", signup_data(), REMOTE_ADDR="203.0.113.2")

        assert response.status_code == 302
        assert get_user_model().objects.get().username == "nadia"

    @pytest.mark.parametrize("language", ["en", "id"])
    def test_password_resets_over_the_limit_send_nothing(self, client, learner, site_pages, language):
        url = f"/{language}/accounts/password_reset/"
        for _ in range(2):
            assert client.post(url, {"email": learner.email}).status_code == 302

        response = client.post(url, {"email": learner.email})

        html = response.content.decode()
        assert response.status_code == 429
        assert WAIT[language] in html
        assert f'value="{learner.email}"' in html
        assert len(mail.outbox) == 2
