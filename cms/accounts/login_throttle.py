"""Log-in throttling with django-axes (settings: AXES_* and LOGIN_*): how many failures each account may have, what
a locked-out person is told, and the log line for each failure.

A lock is temporary: it ends LOGIN_LOCKOUT_MINUTES after the last failure that counted, and tries during the lock
are refused without counting, so a stranger cannot keep someone out for longer by hammering at their account."""

import logging
import math

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Q
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .roles import Role

logger = logging.getLogger(__name__)

# Roles whose accounts open other people's data or the admin: their passwords get fewer guesses.
STAFF_ROLES = [Role.MENTOR.value, Role.EDITOR.value, Role.MODERATOR.value]


def failure_limit(request: HttpRequest, credentials: dict | None) -> int:
    """Failures allowed before the lock: fewer when the username names a staff member, an editor or a mentor."""
    username = (credentials or {}).get("username") or ""
    staff = (
        get_user_model()
        .objects.filter(username=username)
        .filter(Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name__in=STAFF_ROLES))
        .exists()
    )
    return settings.LOGIN_FAILURE_LIMIT_STAFF if staff else settings.LOGIN_FAILURE_LIMIT


def minutes_locked(request: HttpRequest) -> int:
    """Whole minutes until the lock on this request's address or username ends (at least 1)."""
    last_failure = AccessAttempt.objects.filter(
        Q(ip_address=request.axes_ip_address) | Q(username=request.POST.get("username") or None)
    ).aggregate(last=Max("attempt_time"))["last"]
    seconds = (last_failure + get_cool_off(request) - timezone.now()).total_seconds() if last_failure else 0
    return max(1, math.ceil(seconds / 60))


def lockout_message(request: HttpRequest) -> str:
    minutes = minutes_locked(request)
    return ngettext(
        "Too many failed log-ins. Try again in %(minutes)d minute.",
        "Too many failed log-ins. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def unlock_account(username: str) -> None:
    """Forget the failures counted for this username (not those of any address)."""
    AccessAttempt.objects.filter(username=username).delete()


class LockoutMessage:
    """For an AuthenticationForm: while locked out, the form's error says so, rather than "wrong password"."""

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            return forms.ValidationError(lockout_message(self.request), code="locked_out")
        return super().get_invalid_login_error()


class LoginForm(LockoutMessage, AuthenticationForm):
    pass


class AdminLoginForm(LockoutMessage, WagtailLoginForm):
    pass


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials=None
) -> HttpResponse:
    """The log-in page as its view rendered it (the form, the person's input and the lockout message), as 429."""
    if original_response is None:  # axes' asynchronous path, which Kelola does not serve
        return HttpResponse(lockout_message(request), status=429)
    original_response.status_code = 429
    return original_response


@receiver(user_login_failed)
def log_failed_login(sender, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    """One line per failure, with the username tried and the address; Django has already masked the password."""
    address = getattr(request, "axes_ip_address", "") if request else ""
    logger.warning("Failed log-in for username %r from %s", credentials.get("username", ""), address)


@receiver(user_locked_out)
def log_lockout(sender, request: HttpRequest, username: str | None, ip_address: str, **kwargs) -> None:
    logger.warning("Log-ins locked for username %r and address %s", username or "", ip_address)
