"""The server error page: a 503 with Retry-After while the database cannot be reached (a restart, a failover), so
that browsers, proxies and monitors see a pause rather than a fault; a 500 otherwise."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 10


def server_error(request):
    # Django calls this while handling the exception, which is still the one being handled.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        # A template of its own, with nothing that reads the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return django_server_error(request)
