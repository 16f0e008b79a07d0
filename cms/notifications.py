"""Telling people what happened: an in-app list with an unread count, and an email once the change is committed.

A notification is stored without language (a message key, its parameters and a route) and worded when read: on the
page in the reader's current language, by email in the recipient's own."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.translation import get_language, get_language_from_path
from django_tasks import task

from .cache_versions import people_changed
from .extensions import Registry
from .models import Notification

# Extension points (docs/architecture.md): each feature adds its messages (key → text with %(name)s parameters,
# lazily translated) and, where its parameters need wording in the reader's language, a callable that rewords a
# list of parameter dicts in place (all at once: one query for a page of notifications).
MESSAGES: dict[str, str] = {}
PARAMETER_WORDING = Registry("wording of notification parameters in the reader's language")


def notify(user, *, message: str, params: dict, route: str, args: tuple = ()) -> Notification:
    """Record `message` (a key of MESSAGES) for `user`; a background task emails it (with the link to `route`) once
    the surrounding transaction commits, so a change that is rolled back tells nobody."""
    if message not in MESSAGES:  # caught by any test of the caller, not at reading time
        raise ValueError(f"Unknown notification message: {message}")
    notification = Notification.objects.create(
        user=user, message=message, params=params, route=route, route_args=list(args)
    )
    people_changed([user.pk])  # the unread count in their header
    if user.email:
        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


def notification_text(notification: Notification) -> str:
    """The notification worded in the active language (rows from before keys keep their stored text)."""
    (text,) = notification_texts([notification])
    return text


def notification_texts(notifications: list[Notification]) -> list[str]:
    """Each notification worded in the active language (rows from before keys keep their stored text)."""
    keyed = [notification for notification in notifications if notification.message]
    params = [dict(notification.params) for notification in keyed]
    for reword in PARAMETER_WORDING:
        reword(params)
    worded = {
        notification.pk: MESSAGES[notification.message] % values
        for notification, values in zip(keyed, params, strict=True)
    }
    return [worded.get(notification.pk, notification.text) for notification in notifications]


def notification_url(notification: Notification) -> str:
    """Its link in the active language."""
    if notification.route:
        return reverse(notification.route, args=notification.route_args)
    if not notification.url:
        return ""
    # A stored path resolves only under its own language; then reverse it under the active one.
    language = get_language()
    with translation.override(get_language_from_path(notification.url)):
        return translate_url(notification.url, language)


@task()
def send_notification_email(notification_id: int) -> None:
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or not notification.user.email:
        return
    with translation.override(notification.user.language or settings.LANGUAGE_CODE):
        text = notification_text(notification)
        link = f"{settings.WAGTAILADMIN_BASE_URL}{notification_url(notification)}"
    send_mail(
        # One line: a learner's title with a line break in it must not break the mail's headers.
        subject=" ".join(f"Kelola: {text}".split()),
        message=f"{text}\n\n{link}\n",
        from_email=None,
        recipient_list=[notification.user.email],
    )


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_all_read(user) -> None:
    if Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now()):
        people_changed([user.pk])
