"""Rate limits (cms/rate_limits.py): counted per account or per address, sensible for real use, said in the page's
language; and the address a request comes from, behind our proxy."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation

from cms.rate_limits import client_ip, rate_limit_wait

pytestmark = pytest.mark.django_db


def request_from(address: str = "203.0.113.5", user=None, **meta):
    request = RequestFactory().post("/", REMOTE_ADDR=address, **meta)
    request.user = user or AnonymousUser()
    return request


def test_a_learner_may_export_a_resume_five_times_in_a_minute_but_not_eleven(learner):
    waits = [rate_limit_wait(request_from(user=learner), action="resume_export") for _ in range(11)]

    assert waits[:10] == [""] * 10
    assert waits[10] == "You have done this too many times in a short while. Please try again in 1 minute."


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "You have done this too many times in a short while. Please try again in 1 minute."),
        ("id", "Anda terlalu sering melakukan ini dalam waktu singkat. Silakan coba lagi dalam 1 menit."),
    ],
)
def test_the_wait_is_said_in_the_active_language(learner, settings, language, message):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "review_comment": "1/m"}
    rate_limit_wait(request_from(user=learner), action="review_comment")

    with translation.override(language):
        assert rate_limit_wait(request_from(user=learner), action="review_comment") == message


def test_signed_in_people_are_counted_each_on_their_own_account(learner, other_learner, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "review_comment": "1/m"}

    assert rate_limit_wait(request_from(user=learner), action="review_comment") == ""
    assert rate_limit_wait(request_from(user=other_learner), action="review_comment") == ""
    assert rate_limit_wait(request_from(user=learner), action="review_comment") != ""


def test_visitors_are_counted_by_address_and_each_action_on_its_own(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": "1/h", "password_reset": "1/h"}

    assert rate_limit_wait(request_from("203.0.113.5"), action="signup") == ""
    assert rate_limit_wait(request_from("203.0.113.6"), action="signup") == ""
    assert rate_limit_wait(request_from("203.0.113.5"), action="password_reset") == ""
    assert rate_limit_wait(request_from("203.0.113.5"), action="signup") != ""


def test_without_a_proxy_the_address_is_the_connections(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(request_from("203.0.113.5", HTTP_X_FORWARDED_FOR="10.0.0.1")) == "203.0.113.5"


@pytest.mark.parametrize(
    ("forwarded", "address"),
    [
        ("198.51.100.7", "198.51.100.7"),  # what our proxy saw
        ("10.0.0.1, 198.51.100.7", "198.51.100.7"),  # the client's own entry is ignored
        ("", "127.0.0.1"),  # no header: a request that did not come through the proxy
        ("10.0.0.1, not-an-address", "127.0.0.1"),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_one_proxy_the_address_is_the_one_it_appended(settings, forwarded, address):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(request_from("127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)) == address


def test_behind_two_proxies_the_address_is_the_one_the_outer_proxy_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_from("127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.1, 198.51.100.7, 192.0.2.1")

    assert client_ip(request) == "198.51.100.7"
