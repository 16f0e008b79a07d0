"""What Wagtail's own admin views change that people see, said where they can be heard: its hooks. And the account
actions of the audit trail (cms/audit.py)."""

from wagtail import hooks

from .audit import register_account_actions, superuser_changed
from .cache_versions import people_changed
from .personal_data import before_deletion


@hooks.register("register_log_actions")
def account_actions(actions):
    register_account_actions(actions)


@hooks.register("before_edit_user")
def person_about_to_be_edited(request, user):
    # Kept to compare once saved: the form's "Administrator" box is a role change for the audit trail.
    request.kelola_was_superuser = user.is_superuser


@hooks.register("after_edit_user")
def person_edited(request, user):
    # Name, active or not: shown on their pages and their mentors'. Groups are said by the m2m receivers.
    people_changed([user.pk])
    superuser_changed(user=user, was_superuser=request.kelola_was_superuser)


@hooks.register("after_create_user")
def person_created(request, user):
    superuser_changed(user=user, was_superuser=False)


@hooks.register("before_delete_user")
def person_deleted(request, user):
    # Before: once deleted, their mentors (WATCHERS) can no longer be found, and each feature does its part as when
    # people delete their own account (mentors told, levels recorded again without the endorsements they gave).
    before_deletion(user)
