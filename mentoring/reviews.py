"""Portfolio reviews: a learner asks a mentor, the mentor comments per project and decides.

Every step is taken as REVIEW_TRANSITIONS (models.py) says: by its side (the learner or their current mentor, as
mentoring/rules.py decides), from a state it leaves; otherwise it raises ReviewError and changes nothing. Each state
change is kept as a ReviewEvent. An approval keeps a snapshot of each project it covers, so an edit after approval
shows as "changed since approval", field by field, until the next one.
"""

import difflib
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from cms.cache_versions import people_changed
from cms.notifications import notify
from portfolio.models import CommunityType, Project
from portfolio.rules import is_project_owner

from .models import (
    ACTIVE_REVIEW_STATES,
    REVIEW_TRANSITIONS,
    ProjectApproval,
    ReviewComment,
    ReviewEvent,
    ReviewRequest,
    ReviewState,
)
from .rules import SIDES, in_mentorship


class ReviewError(Exception):
    """A review step that cannot be taken; the message says why, for the person who tried."""


def _tell(
    person, request: ReviewRequest, *, message: str, name: str, scope: str | None = None, **params
) -> None:
    """Notify `person` of a step in `request`; `scope` names a project (by default the request's, or none: the
    whole portfolio), worded when read."""
    scope = scope or (request.project.title if request.project_id else None)
    notify(
        person,
        message=message,
        params={"name": name, "scope": scope, **params},
        route="mentoring:review",
        args=(request.pk,),
    )


@transaction.atomic
def submit(*, learner, mentor, project: Project | None = None, message: str = "") -> ReviewRequest:
    if not mentor.has_perm("mentoring.review_learner", learner):
        raise ReviewError(_("Only one of your current mentors can review your work."))
    if project is not None and not is_project_owner.test(learner, project):
        raise ReviewError(_("You can only ask for a review of your own projects."))
    already = ReviewError(_("You already asked %(mentor)s to review this.") % {"mentor": str(mentor)})
    if ReviewRequest.objects.filter(
        learner=learner, mentor=mentor, project=project, state__in=ACTIVE_REVIEW_STATES
    ).exists():
        raise already
    try:
        with transaction.atomic():
            request = ReviewRequest.objects.create(
                learner=learner, mentor=mentor, project=project, message=message.strip()
            )
    except IntegrityError:
        # Another request for the same review was saved after the check (the database keeps one in play per mentor
        # and scope).
        raise already from None
    ReviewEvent.objects.create(request=request, actor=learner, state=ReviewState.OPEN, note=request.message)
    log(instance=request, action="kelola.review.submit", user=learner, **_audit_entry(request))
    people_changed([learner.pk, mentor.pk])
    _tell(mentor, request, message="review_requested", name=str(learner))
    return request


def _locked(request: ReviewRequest, *, actor, action: str) -> ReviewRequest:
    """The request, locked, if `actor` may take `action` on it now (REVIEW_TRANSITIONS): their side of it, while the
    mentorship lasts, from a state the action leaves; otherwise ReviewError, saying which."""
    locked = (
        ReviewRequest.objects.select_for_update(of=("self",))
        .select_related("learner", "mentor", "project")
        .with_mentorship()
        .get(pk=request.pk)
    )
    transition = REVIEW_TRANSITIONS[action]
    if not SIDES[transition.side].test(actor, locked):
        raise ReviewError(_("This review is not yours to act on."))
    if not in_mentorship.test(actor, locked):
        raise ReviewError(_("This mentorship has ended, and its reviews with it."))
    if not transition.allows(locked.state):
        raise ReviewError(
            _("This review can no longer change this way: it is “%(state)s”.")
            % {"state": locked.get_state_display()}
        )
    return locked


def _audit_entry(request: ReviewRequest) -> dict:
    """What its audit entries keep (the admin's Site history): a title in no language (the learner, the project if
    one), between whom and of which project (none: the whole portfolio)."""
    scope = [request.project.title] if request.project_id else []
    return {
        "title": " · ".join([str(request.learner), *scope, str(request.mentor)]),
        "data": {"learner": request.learner_id, "mentor": request.mentor_id, "project": request.project_id},
    }


def _other_side(request: ReviewRequest, person):
    return request.learner if person.pk == request.mentor_id else request.mentor


def _move(request: ReviewRequest, *, actor, action: str, note: str, message: str) -> ReviewRequest:
    """Record the state `action` leads to, and tell the other side."""
    request.state = REVIEW_TRANSITIONS[action].target
    request.updated_at = timezone.now()
    request.save(update_fields=["state", "updated_at"])
    ReviewEvent.objects.create(request=request, actor=actor, state=request.state, note=note.strip())
    log(instance=request, action=f"kelola.review.{action}", user=actor, **_audit_entry(request))
    people_changed([request.learner_id, request.mentor_id])
    _tell(_other_side(request, actor), request, message=message, name=str(actor))
    return request


@transaction.atomic
def request_changes(request: ReviewRequest, *, mentor, note: str = "") -> ReviewRequest:
    request = _locked(request, actor=mentor, action="request_changes")
    return _move(
        request,
        actor=mentor,
        action="request_changes",
        note=note,
        message="review_changes_requested",
    )


@transaction.atomic
def approve(request: ReviewRequest, *, mentor, note: str = "") -> ReviewRequest:
    request = _locked(request, actor=mentor, action="approve")
    ProjectApproval.objects.bulk_create(
        ProjectApproval(project=project, request=request, mentor=mentor, snapshot=snapshot(project))
        for project in reviewed_projects(request)
    )
    return _move(
        request,
        actor=mentor,
        action="approve",
        note=note,
        message="review_approved",
    )


@transaction.atomic
def resubmit(request: ReviewRequest, *, learner, message: str = "") -> ReviewRequest:
    request = _locked(request, actor=learner, action="resubmit")
    return _move(
        request,
        actor=learner,
        action="resubmit",
        note=message,
        message="review_resubmitted",
    )


@transaction.atomic
def withdraw(request: ReviewRequest, *, learner) -> ReviewRequest:
    request = _locked(request, actor=learner, action="withdraw")
    return _move(
        request,
        actor=learner,
        action="withdraw",
        note="",
        message="review_withdrawn",
    )


@transaction.atomic
def comment(
    request: ReviewRequest,
    *,
    author,
    body: str,
    project: Project | None = None,
    reply_to: ReviewComment | None = None,
) -> ReviewComment:
    """A comment by the learner or their current mentor, on one of the reviewed projects; a reply stays on its
    parent's project. Allowed until the request is withdrawn."""
    request = _locked(request, actor=author, action="comment")
    if reply_to is not None:
        if reply_to.request_id != request.pk:
            raise ReviewError(_("That comment belongs to another review."))
        project = reply_to.project
    if project is not None and not reviewed_projects(request).filter(pk=project.pk).exists():
        raise ReviewError(_("That project is not part of this review."))
    body = body.strip()
    if not body:
        raise ReviewError(_("Write a comment first."))
    created = ReviewComment.objects.create(
        request=request, author=author, body=body, project=project, parent=reply_to
    )
    people_changed([request.learner_id, request.mentor_id])
    _tell(
        _other_side(request, author),
        request,
        message="review_commented",
        name=str(author),
        scope=project.title if project is not None else None,
        # A short quote on one line, cut at a word.
        quote=Truncator(" ".join(body.split())).words(20),
    )
    return created


def close_with_mentorship(*, learner, mentor, by) -> None:
    """Withdraw the requests still in play between them, as their mentorship ends (call inside its transaction):
    the former mentor can no longer act on them, so they must not wait in anyone's queue."""
    close = REVIEW_TRANSITIONS["close"]
    closing = list(
        ReviewRequest.objects.select_for_update()
        .filter(learner=learner, mentor=mentor, state__in=close.sources)
        .values_list("pk", flat=True)
    )
    now = timezone.now()
    ReviewRequest.objects.filter(pk__in=closing).update(state=close.target, updated_at=now)
    ReviewEvent.objects.bulk_create(
        ReviewEvent(request_id=pk, actor=by, state=close.target, at=now) for pk in closing
    )
    # No cache version to change here: ending the mentorship changes both people's.


def reviewed_projects(request: ReviewRequest):
    """The projects a review covers: its one project, or every project of the learner's portfolio."""
    if request.project_id:
        return Project.objects.filter(pk=request.project_id)
    return Project.objects.filter(profile__user=request.learner_id)


# What an approval keeps of a project, and what changed since.

SNAPSHOT_FIELDS = {
    "title": gettext_lazy("Title"),
    "community_type": gettext_lazy("Community type"),
    "platforms": gettext_lazy("Platforms"),
    "role": gettext_lazy("Role"),
    "dates": gettext_lazy("Dates"),
    "situation": gettext_lazy("The situation"),
    "actions": gettext_lazy("What I did"),
    "outcome": gettext_lazy("The outcome"),
    "results": gettext_lazy("Measurable results"),
    "skills": gettext_lazy("Skills"),
    "links": gettext_lazy("Links"),
}


def snapshot(project: Project) -> dict[str, str]:
    """The project's reviewable content as text, one entry per field (lists as lines); choices as their keys, so an
    approval compares the same in every language."""
    return {
        "title": project.title,
        "community_type": project.community_type,
        "platforms": project.platforms,
        "role": project.role,
        "dates": f"{project.start_date.isoformat()} \N{EN DASH} {project.end_date.isoformat() if project.end_date else ''}",
        "situation": project.situation,
        "actions": project.actions,
        "outcome": project.outcome,
        "results": "\n".join(
            f"{result.label}: {result.before} \N{RIGHTWARDS ARROW} {result.after} {result.unit} {result.period}".strip()
            for result in project.results.all()
        ),
        "skills": ", ".join(sorted(skill.name for skill in project.skills.all())),
        "links": "\n".join(f"{link.label}: {link.url}" for link in project.links.all()),
    }


@dataclass(frozen=True)
class FieldChange:
    label: str
    pieces: list[tuple[str, str]]  # ("same" | "removed" | "added", text), for the template to mark up


def _word_diff(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.split(" "), after.split(" ")
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(("added", " ".join(new[j1:j2])))
    return pieces


# Fetch projects with this to show their approval status.
APPROVALS = Prefetch("approvals", queryset=ProjectApproval.objects.select_related("mentor"))


def with_approval_status(projects: list[Project]) -> list[Project]:
    """Give each project (fetched with APPROVALS) `approval`, its latest, and `changes` since it (None: never
    approved)."""
    for project in projects:
        project.approval = next(iter(project.approvals.all()), None)
        project.changes = changes_since_approval(project, project.approval)
    return projects


def changes_since_approval(project: Project, approval: ProjectApproval | None) -> list[FieldChange] | None:
    """None when the project was never approved; else the fields that differ from the approved version."""
    if approval is None:
        return None
    current = snapshot(project)
    return [
        FieldChange(
            label=str(label),
            pieces=_word_diff(_shown(name, approval.snapshot.get(name, "")), _shown(name, current[name])),
        )
        for name, label in SNAPSHOT_FIELDS.items()
        if approval.snapshot.get(name, "") != current[name]
    ]


def _shown(name: str, value: str) -> str:
    """A snapshot value as the reader reads it: a choice's label in their language."""
    if name == "community_type" and value in CommunityType.values:
        return str(CommunityType(value).label)
    return value
