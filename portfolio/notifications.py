"""Telling people what happened: an in-app list with an unread count, and an email once the change is committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from cms.cache_versions import people_changed

from .models import Notification


def notify(user, text: str, url: str = "") -> Notification:
    """Record `text` for `user`; a background task emails it (with the link) once the surrounding transaction
    commits, so a change that is rolled back tells nobody."""
    notification = Notification.objects.create(user=user, text=text, url=url)
    if user.email:
        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


@task()
def send_notification_email(notification_id: int) -> None:
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or not notification.user.email:
        return
    link = f"{settings.WAGTAILADMIN_BASE_URL}{notification.url}"
    send_mail(
        # One line: a learner's title with a line break in it must not break the mail's headers.
        subject=" ".join(f"Kelola: {notification.text}".split()),
        message=f"{notification.text}\n\n{link}\n",
        from_email=None,
        recipient_list=[notification.user.email],
    )


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_all_read(user) -> None:
    Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    people_changed([user.pk])  # an update sends no signal
