"""Changing an account's email address: asked for with the password, done only when the person follows the signed,
expiring link sent to the new address; the old address is told. Every email is in the account's language.

Whether the new address already has an account is said only to that address (its owner reads it), never on the
page, which answers the same either way."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cms.cache_versions import people_changed

LINK_VALID_FOR = timedelta(days=1)
SALT = "cms.accounts.email_change"


class EmailChangeError(Exception):
    """The link cannot change the address; the message says why, in the active language."""


def address_taken(email: str, *, by_other_than) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exclude(pk=by_other_than.pk).exists()


def _send(user, *, to: str, template: str, **context) -> None:
    """One plain-text email from templates/accounts/email/<template>_{subject,body}.txt, in the account's language."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"user": user, "site": settings.WAGTAILADMIN_BASE_URL, **context}
        if "token" in context:
            context["link"] = settings.WAGTAILADMIN_BASE_URL + reverse(
                "email_change_confirm", args=[context["token"]]
            )
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
        body = render_to_string(f"accounts/email/{template}_body.txt", context)
    send_mail(subject=" ".join(subject.split()), message=body, from_email=None, recipient_list=[to])


def request_email_change(*, user, new_email: str) -> None:
    """Send the new address its confirmation link, or, when another account has it, a note saying so."""
    owner = get_user_model().objects.filter(email__iexact=new_email).exclude(pk=user.pk).first()
    if owner is not None:
        _send(owner, to=new_email, template="email_change_taken", new_email=new_email)
        return
    token = signing.dumps({"user": user.pk, "email": new_email, "old": user.email}, salt=SALT)
    _send(user, to=new_email, template="email_change_confirm", new_email=new_email, token=token)


def read_token(*, user, token: str) -> str:
    """The new address the link asks for, if it is this account's, unexpired, and the address has not changed since
    it was sent; otherwise EmailChangeError."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_VALID_FOR)
    except signing.SignatureExpired as error:
        raise EmailChangeError(
            _("This link has expired. Ask for a new one from your account page.")
        ) from error
    except signing.BadSignature as error:
        raise EmailChangeError(
            _("This link is not valid. Ask for a new one from your account page.")
        ) from error
    if data.get("user") != user.pk or data.get("old") != user.email:
        raise EmailChangeError(_("This link is not valid. Ask for a new one from your account page."))
    return data["email"]


def confirm_email_change(*, user, token: str) -> str:
    """Change the address as the link says and tell the old one; the new address, or EmailChangeError (nothing
    changed)."""
    new_email = read_token(user=user, token=token)
    taken = EmailChangeError(_("Another account now uses this address, so yours stays as it is."))
    if address_taken(new_email, by_other_than=user):
        raise taken
    old_email = user.email
    try:
        with transaction.atomic():
            get_user_model().objects.filter(pk=user.pk).update(email=new_email)
    except IntegrityError as error:  # taken between the check and the update
        raise taken from error
    user.email = new_email
    people_changed([user.pk])
    if old_email:
        _send(user, to=old_email, template="email_changed_notice", new_email=new_email)
    return new_email
