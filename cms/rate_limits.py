"""How often a person may do what costs others (mails, PDFs, notifications): the limits in settings.RATE_LIMITS,
counted in the cache by django-ratelimit, per account when signed in and per address before. And the address a
request comes from, for these limits and for log-in throttling (django-axes)."""

import ipaddress
import math

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the outermost of ours saw: each proxy appends
    what it saw to X-Forwarded-For, so anything to the left of our proxies' entries was written by the client and
    is never trusted. A header shorter than that, or not an address, falls back to REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.TRUSTED_PROXY_COUNT:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < settings.TRUSTED_PROXY_COUNT:
        return remote
    candidate = forwarded[-settings.TRUSTED_PROXY_COUNT]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def rate_limit_wait(request: HttpRequest, *, action: str) -> str:
    """Count one more `action` by this person (or address); "" while within the limit, otherwise what to tell them,
    in the active language. Call it only for a request that does the action (a POST), never to show a page."""
    usage = get_usage(
        request,
        group=action,
        key="user_or_ip",
        rate=settings.RATE_LIMITS[action],
        increment=True,
    )
    if usage is None or not usage["should_limit"]:
        return ""
    minutes = max(1, math.ceil(usage["time_left"] / 60))
    return ngettext(
        "You have done this too many times in a short while. Please try again in %(minutes)d minute.",
        "You have done this too many times in a short while. Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
