"""The health endpoint: 200 when the database and the cache answer, 503 naming what fails."""

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


def test_healthy(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_a_failing_database_is_reported(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "failing", "database": "failing", "cache": "ok"}


def test_a_failing_cache_is_reported(client, monkeypatch):
    def broken_set(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "set", broken_set)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "failing", "database": "ok", "cache": "failing"}
