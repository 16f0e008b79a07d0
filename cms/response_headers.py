"""What browsers and caches may do with our responses: what a page may load and run, and that personal ones are
never stored.

The Content-Security-Policy (settings.CONTENT_SECURITY_POLICY, by django-csp) lets a public page run only our own
script files and styles, never inline code. The Wagtail admin writes inline scripts and styles of its own (its date
pickers and panels), so its pages get CONTENT_SECURITY_POLICY_ADMIN: the same but for inline code. Nonces would not
help there, as Wagtail's widgets render their scripts without the request; nor on the public site, whose pages are
cached whole for every visitor.

A page shown to a signed-in person (their dashboard, portfolio, reviews, notifications, account) and every file
they download is `Cache-Control: private, no-store`: no proxy keeps it, and after signing out on a shared computer
the browser's Back button or history shows nothing of it.
"""

from functools import cache

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse
from django.utils.cache import patch_cache_control


def _is_personal(request, response) -> bool:
    # A session is what a signed-in person has (and what the page cache refuses: cms/page_cache.py); a response
    # that starts one is about to be personal. The cookie is read rather than the user, which costs a query.
    return settings.SESSION_COOKIE_NAME in request.COOKIES or settings.SESSION_COOKIE_NAME in response.cookies


class PersonalNoStoreMiddleware:
    """`private, no-store` on every response to a request with a session, unless the view chose its own
    Cache-Control. Just inside WhiteNoise (static files keep their long cache), outside the session middleware (so
    that it sees the session cookie being set)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response and _is_personal(request, response):
            patch_cache_control(response, private=True, no_store=True)
        return response


@cache
def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy on the admin's pages (unless a view chose its own)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(_admin_prefix()):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN
        return parts
