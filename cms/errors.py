"""The server error page: a 503 with Retry-After while the database cannot be reached (a restart, a failover), so
that browsers, proxies and monitors see a pause rather than a fault; a 500 otherwise, a query the database refused
included: reporting it as an outage would hide a bug behind "back in a moment"."""

import sqlite3
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 10

# SQLite's primary result codes for a database that cannot be opened or used now; a query it refuses (a syntax
# error, SQLITE_ERROR) is none of them.
SQLITE_UNREACHABLE = {
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_IOERR,
}


def database_unreachable(error: BaseException | None) -> bool:
    """Whether `error` says the database cannot be reached or used now, rather than that it refused a query."""
    if isinstance(error, InterfaceError):  # a connection already closed
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__  # the driver's own error, which Django wraps
    if isinstance(cause, sqlite3.Error):
        return cause.sqlite_errorcode & 0xFF in SQLITE_UNREACHABLE
    if hasattr(cause, "sqlstate"):  # psycopg: no SQLSTATE when the connection failed or broke; class 08 is a
        # connection exception; 57P01-57P03: the server shuts down or is starting
        return cause.sqlstate is None or cause.sqlstate.startswith(("08", "57P01", "57P02", "57P03"))
    return False


def server_error(request):
    # Django calls this while handling the exception, which is still the one being handled.
    if database_unreachable(sys.exc_info()[1]):
        # A template of its own, with nothing that reads the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return django_server_error(request)
