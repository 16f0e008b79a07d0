"""What Wagtail's own admin views change that people see, said where they can be heard: its hooks."""

from wagtail import hooks

from .cache_versions import people_changed
from .personal_data import before_deletion


@hooks.register("after_edit_user")
def person_edited(request, user):
    # Name, active or not: shown on their pages and their mentors'. Groups are said by the m2m receivers.
    people_changed([user.pk])


@hooks.register("before_delete_user")
def person_deleted(request, user):
    # Before: once deleted, their mentors (WATCHERS) can no longer be found, and each feature does its part as when
    # people delete their own account (mentors told, levels recorded again without the endorsements they gave).
    before_deletion(user)
