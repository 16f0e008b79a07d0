"""Who a person is to a record, for every app's permissions (each app's rules.py; docs/architecture.md): its owner,
an editor, a mentor by role."""

import rules

from .roles import Role, has_role


@rules.predicate
def is_owner(user, record) -> bool:
    """The record is the person's own: it belongs to one person by its `user` (a portfolio profile, a résumé
    export, a quiz attempt)."""
    return user.is_authenticated and record is not None and record.user_id == user.pk


@rules.predicate
def is_editor(user) -> bool:
    """Editors, moderators and superusers work in the Wagtail admin."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


@rules.predicate
def is_mentor(user) -> bool:
    """In the Mentors group: can be invited to mentor, and has a mentor's tasks."""
    return has_role(user, Role.MENTOR)


rules.add_perm("accounts.edit_content", is_editor)
