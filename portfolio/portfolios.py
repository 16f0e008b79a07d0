"""Portfolios: sharing (with mentors, through a public link), and keeping projects in the learner's order. Who may
see one: portfolio/rules.py."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from cms.cache_versions import people_changed
from cms.extensions import Registry
from learning.progress import skills_by_key
from learning.skill_evidence import record_level_changes

from .models import Profile, Project, Visibility

TOKEN_BYTES = 24  # 32 URL-safe characters: unguessable

# Extension points (docs/architecture.md):
# - who, besides the owner, sees a portfolio shared with mentors: callables (viewer, learner) → bool;
MENTOR_AUDIENCES = Registry("who sees a portfolio shared with mentors")
# - who, besides the portfolio's readers, is shown a project (and so its pictures): callables (viewer, project) → bool.
PROJECT_AUDIENCES = Registry("who else is shown a project and its pictures")


@dataclass(frozen=True)
class OwnerPagePart:
    """What a feature adds to the owner's portfolio page: `prepare(user, projects)` fetches its data (in a fixed
    number of queries, annotating the projects) and returns context; the templates show, per project, a badge
    line and a button, and a section beside the projects."""

    prepare: Callable[..., dict]
    project_badges: str = ""
    project_actions: str = ""
    section: str = ""


# - what the features add to the owner's portfolio page: OwnerPagePart.
OWNER_PAGE_PARTS = Registry("what the features add to the owner's portfolio page")


def profile_of(user) -> Profile:
    """The person's portfolio profile, stored on first use with the name of their account: for a change (a POST);
    a page that only reads asks saved_profile_of, and stores nothing. The contact email starts empty: sign-up
    promises the account's address stays private, and the portfolio is published."""
    profile, _created = Profile.objects.get_or_create(user=user, defaults={"name": _default_name(user)})
    return profile


def saved_profile_of(user) -> Profile | None:
    return Profile.objects.filter(user=user).first()


def profile_to_edit(user) -> Profile:
    """The stored profile, or the one profile_of would store, unsaved: what an edit form starts from."""
    return saved_profile_of(user) or Profile(user=user, name=_default_name(user))


def _default_name(user) -> str:
    return user.get_full_name() or user.username


def shared_profile(token: str) -> Profile | None:
    if not token:
        return None
    return (
        Profile.objects.filter(public_token=token, visibility=Visibility.PUBLIC)
        .select_related("user")
        .first()
    )


def set_visibility(profile: Profile, visibility: Visibility) -> None:
    """Sharing publicly makes a link (kept if there is one); sharing less makes the link stop working."""
    profile.visibility = visibility
    if visibility == Visibility.PUBLIC:
        profile.public_token = profile.public_token or secrets.token_urlsafe(TOKEN_BYTES)
    else:
        profile.public_token = None
    profile.save(update_fields=["visibility", "public_token", "updated_at"])
    people_changed([profile.user_id])  # their mentors see whether it is shared


def regenerate_link(profile: Profile) -> None:
    """A new public link; the old one stops working at once."""
    profile.public_token = secrets.token_urlsafe(TOKEN_BYTES)
    profile.visibility = Visibility.PUBLIC
    profile.save(update_fields=["visibility", "public_token", "updated_at"])
    people_changed([profile.user_id])


def contact_line(profile: Profile) -> list[tuple[str, str]]:
    """The profile's contact items that have a value, as (text, address) pairs; address is empty for plain text.
    Built here so the page joins only what is there, never a separator beside an empty item."""
    items = [(profile.location, ""), (profile.email, f"mailto:{profile.email}"), (profile.phone, "")]
    items += [(link.label, link.url) for link in profile.links.all()]
    return [(text, address) for text, address in items if text]


def displayed_projects(projects) -> list[Project]:
    """The projects with what showing them needs, each with `skill_names` in the active language."""
    projects = list(projects.prefetch_related("results", "links", "images", "skills"))
    names = skills_by_key({skill for project in projects for skill in project.skills.all()})
    for project in projects:
        project.skill_names = [names[skill.translation_key].name for skill in project.skills.all()]
    return projects


def next_sort_order(profile: Profile) -> int:
    return (profile.projects.aggregate(last=Max("sort_order"))["last"] or 0) + 1


@transaction.atomic
def save_profile(*, form, links) -> Profile:
    """Save the profile with its links, all or nothing."""
    profile = form.save()
    links.save()
    people_changed([profile.user_id])
    return profile


@transaction.atomic
def save_background(profile: Profile, *, formsets) -> None:
    """Experience, education, certifications and languages, saved together or not at all."""
    for formset in formsets:
        formset.save()
    people_changed([profile.user_id])


@transaction.atomic
def move_project(project: Project, *, up: bool) -> None:
    """Swap the project with its neighbour above (or below) in the learner's order."""
    projects = list(project.profile.projects.select_for_update().order_by("sort_order", "pk"))
    index = next(i for i, item in enumerate(projects) if item.pk == project.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(projects):
        return
    projects[index], projects[other] = projects[other], projects[index]
    for position, item in enumerate(projects, start=1):
        if item.sort_order != position:
            Project.objects.filter(pk=item.pk).update(sort_order=position)
    people_changed([project.profile.user_id])  # update() sends no signal


@transaction.atomic
def save_project(*, form, formsets) -> Project:
    """Save a project with its results and links, then update the learner's skill levels, all or nothing."""
    project = form.save()
    for formset in formsets:
        formset.instance = project
        formset.save()
    record_level_changes(project.profile.user)
    return project


@transaction.atomic
def delete_project(project: Project) -> None:
    user = project.profile.user
    project.delete()
    record_level_changes(user)
