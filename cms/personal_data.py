"""What Kelola holds about a person: one download of all of it, and the deletion of their account.

Each feature knows its own records, so each registers a `PersonalData` part in `PERSONAL_DATA` (from its
`extensions.py`): what it exports, the files it adds to the download, and what must happen before the account's rows
go. The rows themselves go with the account (their foreign keys to it cascade), inside one transaction; uploads leave
storage once it commits (django-cleanup, portfolio/files.py). A part names the models it covers, and
tests/cms/test_personal_data.py fails when a model naming a person is nobody's, so a new kind of data cannot be
forgotten by the download or the deletion."""

import json
import shutil
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from .accounts.rules import is_editor
from .audit import account_history, forget_account
from .cache_versions import people_changed
from .extensions import Registry
from .notifications import notification_texts, notification_url

FORMAT = "kelola-personal-data/1"


def _nothing(_user) -> None:
    return None


def _no_uploads(_user) -> tuple:
    return ()


@dataclass(frozen=True)
class PersonalData:
    """One feature's part of what Kelola holds about a person."""

    key: str  # its key in the download
    # The models ("app_label.ModelName") whose rows name the person by a foreign key to the account, exported by
    # `export` and deleted with the account.
    models: tuple[str, ...]
    export: Callable[[Any], Any]  # (user) → a JSON-ready value (dates, decimals and UUIDs allowed)
    # (user) → (path in the download, stored file) for each upload to include.
    uploads: Callable[[Any], Iterable[tuple[str, Any]]] = _no_uploads
    # (user) → None: what must happen before the rows go, inside the deletion's transaction (tell the people who
    # worked with them, record what changes for others).
    erase: Callable[[Any], None] = _nothing


# Extension point: each feature's part of a person's data (PersonalData).
PERSONAL_DATA = Registry("what the features hold about a person")

# The Wagtail admin's own records (pages' owners, revisions, admin comments, editing sessions, log entries): only
# people who reach the admin have them, and their accounts are an administrator's to delete (in Wagtail's Users),
# not their own (see `may_delete_own_account`).
ADMIN_APPS = frozenset({"wagtailcore", "wagtailadmin", "wagtailusers", "wagtailimages", "wagtaildocs"})


def is_admin_record(model) -> bool:
    return model._meta.app_label in ADMIN_APPS or issubclass(model, Page)


def models_naming_people() -> set[str]:
    """The account, and every model with a foreign key to it but the admin's own."""
    user_model = get_user_model()
    return {user_model._meta.label} | {
        model._meta.label
        for model in apps.get_models()
        if not is_admin_record(model)
        and any(
            relation.concrete and relation.is_relation and relation.related_model is user_model
            for relation in model._meta.get_fields()
        )
    }


def fields_of(record, *, leave_out: Iterable[str] = ()) -> dict:
    """A record's own values by field name (not its relations, nor its id), for a part's export; a field with
    choices adds its label in the active language under `<name>_label`."""
    values = {}
    for model_field in record._meta.concrete_fields:
        if model_field.is_relation or model_field.primary_key or model_field.name in leave_out:
            continue
        values[model_field.name] = getattr(record, model_field.attname)
        if model_field.choices:
            values[f"{model_field.name}_label"] = str(getattr(record, f"get_{model_field.name}_display")())
    return values


def personal_data(user) -> dict:
    """Everything Kelola holds about `user`, by part; keys in English, labels in the active language."""
    return {
        "format": FORMAT,
        "exported_at": timezone.now(),
        **{part.key: part.export(user) for part in PERSONAL_DATA},
    }


def write_personal_data_archive(user, file) -> None:
    """Write a ZIP into `file` (open, binary): `data.json` (personal_data) and the person's uploads, under the paths
    the JSON names. Into a file, not memory: a portfolio's pictures and PDFs may weigh tens of megabytes."""
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
        document = json.dumps(personal_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        archive.writestr("data.json", document)
        for part in PERSONAL_DATA:
            for path, stored in part.uploads(user):
                try:
                    with stored.open("rb") as upload, archive.open(path, "w") as entry:
                        shutil.copyfileobj(upload, entry)
                except FileNotFoundError:  # a row whose file is gone: the JSON still describes it
                    continue


def may_delete_own_account(user) -> bool:
    """Anyone but the people who work in the admin: pages, revisions and the audit trail name them."""
    return user.is_authenticated and not is_editor.test(user)


def before_deletion(user) -> None:
    """What must happen before an account's rows go, whoever deletes it (the person, or an administrator in
    Wagtail's Users: cms/wagtail_hooks.py): the people whose pages show the person (their mentors) see the change,
    found while they still can be, and each feature does its part."""
    people_changed([user.pk])
    for part in PERSONAL_DATA:
        part.erase(user)


@transaction.atomic
def delete_account(user) -> None:
    """Delete the account and everything personal, all or nothing."""
    get_user_model().objects.select_for_update().get(pk=user.pk)  # one deletion at a time
    before_deletion(user)
    user.delete()


# The ground floor's part: the account and the notifications.


def account_data(user) -> dict:
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "language": user.language,
        "joined": user.date_joined,
        "last_login": user.last_login,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        # The audit trail's entries about the account: sign-ins and sign-outs with their addresses, role changes.
        "history": account_history(user),
    }


def notifications_data(user) -> list[dict]:
    notifications = list(user.notifications.order_by("created_at", "pk"))
    return [
        {
            "text": text,  # in the language of the download
            "link": notification_url(notification),
            "created_at": notification.created_at,
            "read_at": notification.read_at,
        }
        for notification, text in zip(notifications, notification_texts(notifications), strict=True)
    ]


PERSONAL_DATA.register(
    PersonalData("account", ("accounts.User",), account_data, erase=forget_account), order=10
)
PERSONAL_DATA.register(PersonalData("notifications", ("cms.Notification",), notifications_data), order=90)
