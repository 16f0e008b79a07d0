"""Versions that cached pages and fragments are keyed by, so that a change shows at once instead of when a cache
entry expires.

- The content version changes whenever editors change what pages show: a page, a skill, an image, a site.
- Each person's version changes whenever something their own pages show changes: their progress, goals, levels,
  endorsements, mentoring, reviews, profile, notifications, roles. Their current mentors' versions change with it,
  as a mentor's dashboard summarises their mentees.
- A change of what a group may do changes the content version, which is part of every person's.

Versions are random tokens, never counters: a version lost from the cache comes back as a new token, so no entry
stored under an older one can be served again.
"""

import functools
import uuid
from collections.abc import Iterable

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from cms.extensions import Registry

CONTENT_KEY = "version:content"

# Extension point: who else sees a person's changes (a mentor's pages summarise their learners): callables
# (set of user ids) → the ids of those who see them.
WATCHERS = Registry("who else sees a person's changes")

# What editors change, and what people's pages show (model → the fields naming the people concerned, through
# related objects with dots). A safety net: services that change what a person sees also say so themselves.
CONTENT_MODELS = [
    "wagtailcore.Page",
    "wagtailcore.Site",
    "wagtailimages.Image",
    "learning.Skill",
    "learning.SkillCategory",
]
PERSONAL_MODELS = {
    "accounts.User": ["pk"],
    "learning.LessonCompletion": ["user_id"],
    "learning.CourseBookmark": ["user_id"],
    "learning.QuizAttempt": ["user_id"],
    "learning.SkillGoal": ["user_id"],
    "learning.SkillLevelChange": ["user_id"],
    "mentoring.Endorsement": ["learner_id", "mentor_id"],
    "mentoring.Mentorship": ["learner_id", "mentor_id"],
    "mentoring.MentorInvitation": ["learner_id", "mentor_id"],
    "mentoring.ReviewRequest": ["learner_id", "mentor_id"],
    "portfolio.Profile": ["user_id"],
    "cms.Notification": ["user_id"],
    "portfolio.Project": ["profile.user_id"],
}


def _user_key(user_id: int) -> str:
    return f"version:user:{user_id}"


def _versions(keys: list[str]) -> list[str]:
    found = cache.get_many(keys)
    for key in set(keys) - found.keys():
        cache.add(key, uuid.uuid4().hex, timeout=None)
        found[key] = cache.get(key)
    return [found[key] for key in keys]


def content_version() -> str:
    return _versions([CONTENT_KEY])[0]


def personal_version(user) -> str:
    """The content version and the person's own, in one string: what their personal pages depend on. Read once
    per request (on its user object): the header and the page ask for it both."""
    if (version := getattr(user, "_personal_version", None)) is None:
        version = user._personal_version = "-".join(_versions([CONTENT_KEY, _user_key(user.pk)]))
    return version


def _bump(keys: list[str]) -> None:
    def set_new_versions():
        cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)

    # Now, and again once committed: a page rendered in between would have stored the uncommitted state.
    set_new_versions()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(set_new_versions)


def content_changed() -> None:
    _bump([CONTENT_KEY])


def people_changed(user_ids: Iterable[int]) -> None:
    """These people's pages change, and the pages of those who follow them (WATCHERS)."""
    user_ids = set(user_ids)
    watchers = {watcher for watchers_of in WATCHERS for watcher in watchers_of(user_ids)}
    _bump([_user_key(user_id) for user_id in user_ids | watchers])


@functools.cache
def _content_classes() -> tuple[type, ...]:
    return tuple(apps.get_model(label) for label in CONTENT_MODELS)


def _person(instance, path: str) -> int | None:
    try:
        return functools.reduce(getattr, path.split("."), instance)
    except ObjectDoesNotExist:  # deleted with its owner
        return None


def _on_save_or_delete(sender, instance, **kwargs):
    if isinstance(instance, _content_classes()):
        content_changed()
    if fields := PERSONAL_MODELS.get(sender._meta.label):
        people_changed(user_id for field in fields if (user_id := _person(instance, field)))


def _on_project_skills_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action.startswith("post_") and not reverse:
        people_changed([instance.profile.user_id])


def _on_groups_or_permissions_change(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if sender is get_user_model().groups.through and not reverse and pk_set is not None:
        people_changed([instance.pk])
    else:  # a group's members or permissions, or someone's own permissions: rare, so everyone's pages
        content_changed()


def connect_signals() -> None:
    # Page saves come from its subclasses: one receiver for every sender sorts them out.
    post_save.connect(_on_save_or_delete, dispatch_uid="cache-versions")
    post_delete.connect(_on_save_or_delete, dispatch_uid="cache-versions")
    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            _on_groups_or_permissions_change, sender=through, dispatch_uid=f"cache-versions-{through}"
        )
    m2m_changed.connect(
        _on_project_skills_change,
        sender=apps.get_model("portfolio.Project").skills.through,
        dispatch_uid="cache-versions-project-skills",
    )
