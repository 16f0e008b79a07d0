"""Rendered HTML kept in the cache: whole content pages for visitors without a session, and per-person fragments.

Entries are keyed by versions (cms/cache_versions.py) that content and personal changes replace, so a change shows
at once. Rendered HTML holds CSRF tokens made from one browser's secret (the language switch, a mentor's buttons):
they are taken out before storing and every browser gets its own when the HTML is served.

Whole pages are keyed by host and path, never by the query string: no cached page reads a query parameter, and
keying by it let anyone store one copy per made-up parameter (`/en/?utm=1`, `?utm=2`...) until the cache was full.
The page is rendered without the query, so the copy stored is right for every query. (A page type that comes to read
a parameter, a page number say, must add it to the key and keep it when rendering.)
"""

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.timezone import localdate
from django.utils.translation import get_language

from cms.cache_versions import content_version, personal_version

PAGE_TIMEOUT = 60 * 60
# A backstop for what no version covers: "waiting 2 hours" on a review, say.
FRAGMENT_TIMEOUT = 5 * 60
CSRF_INPUT = 'name="csrfmiddlewaretoken" value="{}"'
CSRF_INPUTS = re.compile(CSRF_INPUT.format('[^"]+'))
CSRF_PLACEHOLDER = CSRF_INPUT.format("-")


def _storable(html: str) -> str:
    return CSRF_INPUTS.sub(CSRF_PLACEHOLDER, html)


def _for_request(html: str, request) -> str:
    if CSRF_PLACEHOLDER not in html:
        return html
    return html.replace(CSRF_PLACEHOLDER, CSRF_INPUT.format(get_token(request)))


class AnonymousCacheMixin:
    """For page models that show every visitor who is not signed in the same thing."""

    def serve(self, request, *args, **kwargs):
        cacheable = not request.user.is_authenticated
        if cacheable:
            # Rendered for the address it is stored under: a visitor's query (utm_source, a cache-buster) must not
            # show in the copy the next visitor gets, in the language switch's links say.
            request.GET = QueryDict()
            request.META["QUERY_STRING"] = ""
        response = super().serve(request, *args, **kwargs)
        response.cacheable_for_anonymous = cacheable
        return response


def _may_use_page_cache(request) -> bool:
    # Without a session nobody is signed in; with messages waiting, the page must show them.
    return request.method in ("GET", "HEAD") and not {
        settings.SESSION_COOKIE_NAME,
        "messages",
    }.intersection(request.COOKIES)


class AnonymousPageCacheMiddleware:
    """Serve content pages (`AnonymousCacheMixin`) from the cache to visitors without a session. Innermost: the
    middleware around it (security headers, language, CSRF cookie) works on a cached page as on a rendered one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_page_cache(request):
            return self.get_response(request)
        key = f"page:{content_version()}:{request.get_host()}:{request.path}"
        if (cached := cache.get(key)) is not None:
            html, content_type = cached
            response = HttpResponse(_for_request(html, request), content_type=content_type)
            patch_vary_headers(response, ["Cookie"])
            return response
        response = self.get_response(request)
        if response.status_code == 200 and getattr(response, "cacheable_for_anonymous", False):
            html = _storable(response.content.decode(response.charset))
            cache.set(key, (html, response["Content-Type"]), PAGE_TIMEOUT)
        return response


def personal_fragment(request, template_name: str, get_context: Callable[[Any], dict]) -> str:
    """`template_name` rendered for the signed-in person with `get_context(user)`, from the cache until their version
    or the content changes; also keyed by language and by day (levels fade with time)."""
    user = request.user
    key = f"fragment:{template_name}:{user.pk}:{personal_version(user)}:{get_language()}:{localdate()}"
    html = cache.get_or_set(
        key, lambda: _storable(render_to_string(template_name, get_context(user), request)), FRAGMENT_TIMEOUT
    )
    return mark_safe(_for_request(html, request))  # noqa: S308 (our own template's output)
