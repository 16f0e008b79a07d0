"""Whole pages cached for visitors who are not signed in: course content reads the same for all of them.

Only pages that say so are cached (`AnonymousCacheMixin`), only for requests without a session (a signed-in person,
or anyone with messages waiting, gets the page rendered for them), and only until editors change content (the key
holds the content version, see cms/cache_versions.py). Pages hold CSRF tokens (the language switch is a form):
those are taken out before storing and each visitor gets their own when the page is served.
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

from cms.cache_versions import content_version

TIMEOUT = 60 * 60
CSRF_INPUT = b'name="csrfmiddlewaretoken" value="%s"'
CSRF_INPUTS = re.compile(CSRF_INPUT % rb'[^"]+')
CSRF_PLACEHOLDER = CSRF_INPUT % b"-"


class AnonymousCacheMixin:
    """For page models that show every visitor who is not signed in the same thing."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.cacheable_for_anonymous = not request.user.is_authenticated
        return response


def _may_use_cache(request) -> bool:
    return request.method in ("GET", "HEAD") and not {
        settings.SESSION_COOKIE_NAME,
        "messages",
    }.intersection(request.COOKIES)


def _key(request) -> str:
    return f"page:{content_version()}:{request.get_host()}:{request.get_full_path()}"


class AnonymousPageCacheMiddleware:
    """Serve cached pages to visitors without a session. Innermost: the middleware around it (security headers,
    language, CSRF cookie) works on a cached page as on a rendered one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _key(request)
        if (cached := cache.get(key)) is not None:
            content, content_type = cached
            response = HttpResponse(
                content.replace(CSRF_PLACEHOLDER, CSRF_INPUT % get_token(request).encode()),
                content_type=content_type,
            )
            patch_vary_headers(response, ["Cookie"])
            return response
        response = self.get_response(request)
        if response.status_code == 200 and getattr(response, "cacheable_for_anonymous", False):
            content = CSRF_INPUTS.sub(CSRF_PLACEHOLDER, response.content)
            cache.set(key, (content, response["Content-Type"]), TIMEOUT)
        return response
