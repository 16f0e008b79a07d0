"""Telling people what happened: an in-app list with an unread count, and an email once the change is committed.

A notification is stored without language (a message key, its parameters and a route) and worded when read: on the
page in the reader's current language, by email in the recipient's own."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.translation import get_language, get_language_from_path, gettext_lazy
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.coreutils import get_supported_content_language_variant

from cms.cache_versions import people_changed
from learning.levels import SkillLevel
from learning.models import Skill

from .models import Notification

MESSAGES = {
    "mentor_invited": gettext_lazy("%(learner)s asks you to be their mentor."),
    "mentor_accepted": gettext_lazy("%(mentor)s is now your mentor."),
    "mentor_declined": gettext_lazy("%(mentor)s declined your invitation."),
    "mentorship_ended": gettext_lazy("%(name)s ended your mentorship."),
    "review_requested": gettext_lazy("%(name)s asks you to review %(scope)s."),
    "review_changes_requested": gettext_lazy("%(name)s asks for changes to %(scope)s."),
    "review_approved": gettext_lazy("%(name)s approved %(scope)s."),
    "review_resubmitted": gettext_lazy("%(name)s made changes to %(scope)s and asks you to review again."),
    "review_withdrawn": gettext_lazy("%(name)s withdrew the review request for %(scope)s."),
    "review_commented": gettext_lazy("%(name)s commented on %(scope)s: “%(quote)s”"),
    "endorsed": gettext_lazy("%(mentor)s endorsed your %(skill)s at %(level)s."),
    "endorsement_withdrawn": gettext_lazy("%(mentor)s withdrew their endorsement of your %(skill)s."),
}


def notify(user, *, message: str, params: dict, route: str, args: tuple = ()) -> Notification:
    """Record `message` (a key of MESSAGES) for `user`; a background task emails it (with the link to `route`) once
    the surrounding transaction commits, so a change that is rolled back tells nobody."""
    if message not in MESSAGES:  # caught by any test of the caller, not at reading time
        raise ValueError(f"Unknown notification message: {message}")
    notification = Notification.objects.create(
        user=user, message=message, params=params, route=route, route_args=list(args)
    )
    if user.email:
        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


def notification_text(notification: Notification) -> str:
    """The notification worded in the active language (rows from before keys keep their stored text)."""
    (text,) = notification_texts([notification])
    return text


def notification_texts(notifications: list[Notification]) -> list[str]:
    """Each notification worded in the active language; the skills they name are looked up in one query."""
    skill_names = _skill_names({n.params["skill_key"] for n in notifications if "skill_key" in n.params})
    return [_worded(notification, skill_names) for notification in notifications]


def _worded(notification: Notification, skill_names: dict[str, str]) -> str:
    if not notification.message:
        return notification.text
    params = dict(notification.params)
    if "scope" in params:  # a project's title, or none for the whole portfolio
        params["scope"] = params["scope"] or _("the portfolio")
    if "level" in params:
        params["level"] = SkillLevel(params["level"]).label
    # A skill's key names it in the reader's language; an older row, or a deleted skill, keeps the stored name.
    if params.get("skill_key") in skill_names:
        params["skill"] = skill_names[params["skill_key"]]
    return MESSAGES[notification.message] % params


def _skill_names(keys: set[str]) -> dict[str, str]:
    """Skill names by translation key, in the active language where translated, else in the default language."""
    if not keys:
        return {}
    language = get_supported_content_language_variant(get_language())
    rows = Skill.objects.filter(
        translation_key__in=keys, locale__language_code__in={language, settings.LANGUAGE_CODE}
    ).values_list("translation_key", "locale__language_code", "name")
    names = {}
    for key, language_code, name in rows:
        if str(key) not in names or language_code == language:
            names[str(key)] = name
    return names


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
    Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    people_changed([user.pk])  # an update sends no signal
