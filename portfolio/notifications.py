"""Telling people what happened: an in-app list with an unread count, and an email once the change is committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification


def notify(user, text: str, url: str = "") -> Notification:
    """Record `text` for `user` and email it (with the link) after the surrounding transaction commits, so a change
    that is rolled back tells nobody."""
    notification = Notification.objects.create(user=user, text=text, url=url)
    if user.email:
        link = f"{settings.WAGTAILADMIN_BASE_URL}{url}" if url else settings.WAGTAILADMIN_BASE_URL
        transaction.on_commit(
            lambda: send_mail(
                # One line: a learner's title with a line break in it must not break the mail's headers.
                subject=" ".join(f"Kelola: {text}".split()),
                message=f"{text}\n\n{link}\n",
                from_email=None,
                recipient_list=[user.email],
                fail_silently=True,
            )
        )
    return notification


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_all_read(user) -> None:
    Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
