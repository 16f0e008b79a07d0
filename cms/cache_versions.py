"""Versions that cached pages and fragments are keyed by, so that a change shows at once instead of when a cache
entry expires.

- Each person's version changes when a service changes something their own pages show: the service calls
  `people_changed` for the people concerned, where it makes the change (bulk writes and `update()` included, which
  send no signal): learning (progress, bookmarks, quizzes, goals, levels), portfolio, mentoring, notifications, the
  account. Their current mentors' versions change with it (WATCHERS), as a mentor's pages summarise their learners.
- Changes made in Wagtail's own admin views say so here and in the apps' wagtail_hooks: group membership and
  permissions (the m2m receivers below), a person's details (cms/wagtail_hooks.py), mentorships
  (mentoring/wagtail_hooks.py).
- The content version changes when what everyone sees changes: a page is published, unpublished, moved or deleted
  (Wagtail's signals; saving a draft changes nothing anyone sees), or a row of a model that pages show is saved or
  deleted (`shown_on_pages`: sites, images and page privacy here, each app its own, as learning its skills). A change
  of what a group may do changes it too. It is part of every person's version.

Versions are random tokens, never counters: a version lost from the cache comes back as a new token, so no entry
stored under an older one can be served again.
"""

import uuid
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.extensions import Registry

CONTENT_KEY = "version:content"

# Extension point: who else sees a person's changes (a mentor's pages summarise their learners): callables
# (set of user ids) → the ids of those who see them.
WATCHERS = Registry("who else sees a person's changes")


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


def _on_content_change(sender, **kwargs):
    content_changed()


def shown_on_pages(*models: type) -> None:
    """Saving or deleting a row of these models changes the content version: what editors change, besides pages,
    that pages show. Called from the owning app's `ready()`."""
    for model in models:
        uid = f"content-version-{model._meta.label}"
        post_save.connect(_on_content_change, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_content_change, sender=model, dispatch_uid=uid)


def _on_groups_or_permissions_change(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if sender is get_user_model().groups.through and not reverse and pk_set is not None:
        people_changed([instance.pk])
    else:  # a group's members or permissions, or someone's own permissions: rare, so everyone's pages
        content_changed()


def connect_signals() -> None:
    # What visitors see of pages changes when a page goes live, goes or moves; drafts change nothing. Wagtail
    # unpublishes a live page before deleting it (`page_unpublished`, in the deletion's transaction).
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_content_change, dispatch_uid="content-version-pages")
    shown_on_pages(Site, get_image_model(), PageViewRestriction)
    # Roles and permissions are changed in Wagtail's own views (and by `assign_role`): said here for all of them.
    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            _on_groups_or_permissions_change, sender=through, dispatch_uid=f"cache-versions-{through}"
        )
