"""The error pages: 503 "back in a moment" only while the database cannot be reached, 500 for anything else, a
query the database refused included."""

import sqlite3

import psycopg
import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import reverse

from cms.errors import database_unreachable
from learning import views


def _sqlite_error(sql: str | None = None) -> sqlite3.Error:
    """A real error from SQLite: a file it cannot open, or a query it refuses."""
    try:
        if sql is None:
            sqlite3.connect("/nonexistent/folder/kelola.sqlite3")
        else:
            sqlite3.connect(":memory:").execute(sql)
    except sqlite3.Error as error:
        return error
    raise AssertionError("SQLite accepted it")


def _wrapped(cause: Exception, wrapper=OperationalError) -> Exception:
    """The error as Django raises it: its own class, from the driver's."""
    try:
        raise wrapper(str(cause)) from cause
    except wrapper as error:
        return error


LOST = {
    "postgresql: the connection failed": _wrapped(
        psycopg.OperationalError("connection failed: Connection refused")
    ),
    "postgresql: the server is shutting down": _wrapped(
        psycopg.errors.AdminShutdown("terminating connection")
    ),
    "postgresql: the server is starting": _wrapped(
        psycopg.errors.CannotConnectNow("the database system is starting")
    ),
    "postgresql: a connection exception": _wrapped(psycopg.errors.ConnectionFailure("connection failure")),
    "a connection already closed": _wrapped(
        psycopg.InterfaceError("the connection is closed"), InterfaceError
    ),
    "sqlite: cannot open the file": _wrapped(_sqlite_error()),
}
REFUSED = {
    "sqlite: full-text syntax": _wrapped(_sqlite_error("SELECT 'unterminated")),
    "postgresql: statement timeout": _wrapped(psycopg.errors.QueryCanceled("canceling statement")),
    "postgresql: too long for tsvector": _wrapped(psycopg.errors.ProgramLimitExceeded("string is too long")),
    "an error with no driver behind it": OperationalError("no such function"),
}


def test_lost_connections_and_refused_queries_are_told_apart():
    assert {name: database_unreachable(error) for name, error in {**LOST, **REFUSED}.items()} == {
        **dict.fromkeys(LOST, True),
        **dict.fromkeys(REFUSED, False),
    }


def _failing_search(monkeypatch, error):
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(views, "search_course", fail)
    return Client(raise_request_exception=False).get(reverse("search"), {"q": "trolls"})


@pytest.mark.parametrize("name", LOST)
def test_an_unreachable_database_answers_503_with_retry_after(site_pages, monkeypatch, name):
    response = _failing_search(monkeypatch, LOST[name])
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Kelola is back in a moment" in response.content.decode()


@pytest.mark.parametrize("error", [*REFUSED.values(), ValueError("a bug")], ids=[*REFUSED, "a bug"])
def test_other_errors_stay_500(site_pages, monkeypatch, error):
    response = _failing_search(monkeypatch, error)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
