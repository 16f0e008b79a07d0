"""The audit trail: who signed in (or failed to), signed out, and whose roles changed, in Wagtail's own audit log.

Entries are Wagtail's `ModelLogEntry` rows, listed in the admin's Site history report (Reports → Site history).
Wagtail shows a person only the entries about models they hold a permission on: administrators see all; editors see
no account entries (they hold no permission on accounts), only those of what they manage themselves (mentorships).

Each app registers its own actions (its wagtail_hooks.py, with `audit_action`) and logs them with
`wagtail.log_actions.log` where the change is made. Accounts change in Django's and Wagtail's own views, so their
entries are written here, by the signals those views send."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogActionRegistry, LogFormatter, log
from wagtail.models import ModelLogEntry

from .accounts.roles import Role
from .rate_limits import client_ip


class AuditFormatter(LogFormatter):
    """A message worded from the entry's data: `message` holds %(name)s placeholders for its keys."""

    def format_message(self, log_entry):
        # A dash for what an entry no longer holds (the address, once its account is deleted).
        return self.message % defaultdict(lambda: "—", log_entry.data)


class RoleFormatter(AuditFormatter):
    """The role named in the reader's language: entries keep the group's name, or ADMINISTRATOR."""

    def format_message(self, log_entry):
        return self.message % {"role": role_label(log_entry.data["role"])}


def audit_action(
    actions: LogActionRegistry, action: str, label: str, message: str, formatter=AuditFormatter
) -> None:
    """Register `action` (namespaced `kelola.<topic>.<verb>`) with its filter label and message."""
    actions.register_action(action)(type("Formatter", (formatter,), {"label": label, "message": message}))


def register_account_actions(actions: LogActionRegistry) -> None:
    audit_action(actions, "kelola.login", _("Sign in"), _("Signed in from %(address)s"))
    audit_action(actions, "kelola.login_failed", _("Failed sign-in"), _("Wrong password from %(address)s"))
    audit_action(actions, "kelola.logout", _("Sign out"), _("Signed out from %(address)s"))
    audit_action(actions, "kelola.role.add", _("Role given"), _("Given the role %(role)s"), RoleFormatter)
    audit_action(
        actions,
        "kelola.role.remove",
        _("Role taken away"),
        _("No longer has the role %(role)s"),
        RoleFormatter,
    )


# Not a group: Django's superuser flag, the "Administrator" box of Wagtail's user form.
ADMINISTRATOR = "superuser"


def role_label(role: str) -> str:
    """A role as people know it (the group Learners is the role "Learner"); a group that is no role by its name."""
    if role == ADMINISTRATOR:
        return _("Administrator")
    return Role(role).label if role in Role.values else role


def _logged_in(sender, request, user, **kwargs):
    log(instance=user, action="kelola.login", user=user, data={"address": client_ip(request)})


def _logged_out(sender, request, user, **kwargs):
    # Nobody to record: signing out when not signed in, or the sign-out that follows deleting one's account.
    if user is not None and user.pk is not None:
        log(instance=user, action="kelola.logout", user=user, data={"address": client_ip(request)})


def _login_failed(sender, credentials, request=None, **kwargs):
    # Recorded against the account that was tried; names that belong to no account are the throttle's business.
    User = get_user_model()
    account = User._default_manager.filter(
        **{User.USERNAME_FIELD: credentials.get(User.USERNAME_FIELD)}
    ).first()
    if account is not None and request is not None:
        log(
            instance=account,
            action="kelola.login_failed",
            user=None,
            data={"address": client_ip(request)},
        )


def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Every change of someone's groups: `assign_role`, Wagtail's user form, a group's members, the shell. The acting
    person comes from Wagtail's log context (the admin's views set it); elsewhere it is "system"."""
    if action == "pre_clear":
        pk_set = set((instance.user_set if reverse else instance.groups).values_list("pk", flat=True))
    elif action not in ("post_add", "post_remove"):
        return
    verb = "add" if action == "post_add" else "remove"
    User = get_user_model()
    if reverse:  # group.user_set.add(...)
        pairs = [(user, instance) for user in User._default_manager.filter(pk__in=pk_set)]
    else:
        pairs = [(instance, group) for group in Group.objects.filter(pk__in=pk_set)]
    for user, group in pairs:
        log(instance=user, action=f"kelola.role.{verb}", data={"role": group.name})


def superuser_changed(*, user, was_superuser: bool) -> None:
    """Record that `user` became, or stopped being, an administrator (Wagtail's user form, by its hooks)."""
    if user.is_superuser != was_superuser:
        verb = "add" if user.is_superuser else "remove"
        log(instance=user, action=f"kelola.role.{verb}", data={"role": ADMINISTRATOR})


def _entries_about(user):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()), object_id=str(user.pk)
    )


def account_history(user) -> list[dict]:
    """The entries about `user`'s account (sign-ins with their addresses, roles), oldest first, for their data."""
    return [
        {"action": entry.action, "at": entry.timestamp, **entry.data}
        for entry in _entries_about(user).order_by("timestamp", "pk")
    ]


def forget_account(user) -> None:
    """When `user`'s account is deleted its entries stay, for administrators' record of what happened, but no longer
    name the person or the addresses they used."""
    for entry in _entries_about(user):
        entry.label = f"#{user.pk}"
        entry.data = {key: value for key, value in entry.data.items() if key != "address"}
        entry.save(update_fields=["label", "data"])


def connect_signals() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="audit-login")
    user_logged_out.connect(_logged_out, dispatch_uid="audit-logout")
    user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")
    m2m_changed.connect(_groups_changed, sender=get_user_model().groups.through, dispatch_uid="audit-groups")
