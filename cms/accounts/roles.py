"""The roles people have in Kelola, kept as auth groups so the Wagtail admin can manage them.

Editors and Moderators are the groups Wagtail itself creates (with admin access and page permissions);
Learners and Mentors are ours and carry no admin permission, so they can never reach the admin.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Each role's value is its group's name."""

    LEARNER = "Learners", _("Learner")
    MENTOR = "Mentors", _("Mentor")
    EDITOR = "Editors", _("Editor")
    MODERATOR = "Moderators", _("Moderator")


def roles_of(user) -> frozenset[Role]:
    """The user's roles, read once per request object and cached on it."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_kelola_roles", None)
    if cached is None:
        names = {group.name for group in user.groups.all()}
        cached = frozenset(role for role in Role if role.value in names)
        user._kelola_roles = cached
    return cached


def has_role(user, role: Role) -> bool:
    return role in roles_of(user)


def primary_role(user) -> Role | None:
    """The role a person is shown as: the most senior one they hold."""
    held = roles_of(user)
    for role in (Role.MODERATOR, Role.EDITOR, Role.MENTOR, Role.LEARNER):
        if role in held:
            return role
    return None


def assign_role(*, user, role: Role) -> None:
    group, _created = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    user.__dict__.pop("_kelola_roles", None)
