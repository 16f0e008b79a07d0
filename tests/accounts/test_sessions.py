"""Sessions end after SESSION_IDLE_MINUTES without a request (cms/accounts/sessions.py), and are kept alive by use
with at most one write a minute."""

import importlib
from importlib import import_module

import pytest
from django.conf import settings

from cms.accounts.sessions import LAST_SEEN_KEY
from cms.settings import base

pytestmark = pytest.mark.django_db


def stored_session(client):
    return import_module(settings.SESSION_ENGINE).SessionStore(
        client.cookies[settings.SESSION_COOKIE_NAME].value
    )


def test_a_session_idle_for_longer_than_the_limit_is_signed_out(client, learner):
    client.force_login(learner)
    assert client.get("/en/accounts/me/").status_code == 200
    session = stored_session(client)
    session.set_expiry(-1)  # as if the last request were SESSION_IDLE_MINUTES ago, and a second more
    session.save()

    response = client.get("/en/accounts/me/")

    assert response.status_code == 302 and response.url == "/en/accounts/login/?next=/en/accounts/me/"


def test_use_keeps_the_session_alive_with_one_write_a_minute_at_most(client, learner):
    client.force_login(learner)
    client.get("/en/accounts/me/")
    first_seen = stored_session(client)[LAST_SEEN_KEY]

    client.get("/en/accounts/me/")
    assert stored_session(client)[LAST_SEEN_KEY] == first_seen  # not written again within the minute

    session = stored_session(client)
    session[LAST_SEEN_KEY] = first_seen - 61
    session.save()
    client.get("/en/accounts/me/")
    assert stored_session(client)[LAST_SEEN_KEY] >= first_seen  # touched, so its expiry moved on


def test_the_idle_time_is_a_setting(monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "30")
    try:
        assert importlib.reload(base).SESSION_COOKIE_AGE == 30 * 60
    finally:
        monkeypatch.undo()
        importlib.reload(base)
    assert base.SESSION_COOKIE_AGE == settings.SESSION_COOKIE_AGE == 120 * 60
