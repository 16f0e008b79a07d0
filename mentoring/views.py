"""Pages for mentoring: a mentor's tasks, starting and ending mentorships, and a mentee's skills for their mentor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.ids import id_or_none
from cms.navigation import account_of, home_url
from cms.page_cache import personal_fragment
from cms.rate_limits import rate_limit_wait
from learning.dashboard import current_course
from learning.progress import skills_by_key
from learning.tracker import skills_tracker

from . import endorsements
from .forms import EndorsementForm, InviteMentorForm
from .mentor_tasks import mentor_tasks
from .mentorships import MentoringError, accept, decline, end_mentorship, invite, withdraw
from .models import Endorsement, InvitationStatus, MentorInvitation, Mentorship
from .rules import is_mentor_side, learner_for


@login_required
def mentoring(request):
    """A mentor's tasks; the home of an account that only mentors. Anyone else has nothing here: their dashboard."""
    if not account_of(request.user).is_mentor:
        return redirect("dashboard")
    body = personal_fragment(request, "mentoring/includes/mentoring_body.html", mentoring_context)
    return render(request, "mentoring/mentoring.html", {"body": body})


def mentoring_context(mentor) -> dict:
    # A mentor who does not learn yet is shown where the course starts.
    course = current_course() if account_of(mentor).mentor_only else None
    return {**mentor_tasks(mentor), "course": course}


@login_required
def mentors(request):
    """The learner's mentors, the invitations still waiting for an answer, and a form to invite another."""
    form = InviteMentorForm(request.POST or None)
    # Every invitation tried counts: a refused one says whether a mentor has that username or address.
    wait = rate_limit_wait(request, action="mentor_invitation") if request.method == "POST" else ""
    if wait:
        form.add_error(None, wait)
    elif request.method == "POST" and form.is_valid():
        try:
            invitation = invite(
                learner=request.user,
                identifier=form.cleaned_data["mentor"],
                message=form.cleaned_data["message"],
            )
        except MentoringError as error:
            form.add_error("mentor", str(error))
        else:
            name = str(invitation.mentor)
            messages.success(request, _("Your invitation is sent to %(name)s.") % {"name": name})
            return redirect("mentoring:mentors")
    invitations = MentorInvitation.objects.filter(learner=request.user).select_related("mentor")
    return render(
        request,
        "mentoring/mentors.html",
        {
            "form": form,
            "mentorships": Mentorship.objects.active().filter(learner=request.user).select_related("mentor"),
            "waiting": invitations.filter(status=InvitationStatus.PENDING),
            "answered": invitations.exclude(status=InvitationStatus.PENDING).order_by("-answered_at")[:10],
        },
        status=429 if wait else 200,
    )


# What each answer does, and what the person who gave it is told.
ANSWERS = {
    "accept": (
        lambda invitation, user: accept(invitation, mentor=user),
        gettext_lazy("You now mentor %(name)s."),
    ),
    "decline": (
        lambda invitation, user: decline(invitation, mentor=user),
        gettext_lazy("You declined the invitation from %(name)s."),
    ),
    "withdraw": (
        lambda invitation, user: withdraw(invitation, learner=user),
        gettext_lazy("Your invitation to %(name)s is withdrawn."),
    ),
}


@require_POST
@login_required
def answer_invitation(request, invitation_id: int, answer: str):
    """The mentor accepts or declines; the learner withdraws."""
    if answer not in ANSWERS:
        raise Http404
    invitation = get_object_or_404(
        MentorInvitation.objects.select_related("learner", "mentor"), pk=invitation_id
    )
    if not request.user.has_perm("mentoring.read_mentorinvitation", invitation):
        raise Http404  # not even "forbidden": someone else's invitation is not there for them
    is_mentor = is_mentor_side.test(request.user, invitation)
    step, done = ANSWERS[answer]
    try:
        step(invitation, request.user)
    except MentoringError as error:
        messages.error(request, str(error))
    else:
        other = invitation.learner if is_mentor else invitation.mentor
        messages.success(request, done % {"name": str(other)})
    return redirect(home_url(request.user) if is_mentor else "mentoring:mentors")


@require_POST
@login_required
def end(request, mentorship_id: int):
    mentorship = get_object_or_404(Mentorship.objects.select_related("learner", "mentor"), pk=mentorship_id)
    if not request.user.has_perm("mentoring.end_mentorship", mentorship):
        raise Http404
    is_mentor = is_mentor_side.test(request.user, mentorship)
    try:
        end_mentorship(mentorship, by=request.user)
    except MentoringError as error:
        messages.error(request, str(error))
    else:
        other = mentorship.learner if is_mentor else mentorship.mentor
        messages.success(request, _("Your mentorship with %(name)s has ended.") % {"name": str(other)})
    return redirect(home_url(request.user) if is_mentor else "mentoring:mentors")


@login_required
def learner_skills(request, learner_id: int):
    """A mentee's skills tracker, read-only, for their mentor; everyone else gets a 404 (not even "forbidden")."""
    if learner_id == request.user.pk:  # their own tracker is their dashboard
        return redirect("dashboard")
    learner = learner_for(request.user, learner_id)
    if not request.user.has_perm("mentoring.read_learner", learner):
        raise Http404
    action = request.POST.get("action")
    form = EndorsementForm(request.POST if action == "endorse" else None)
    if action == "endorse" and form.is_valid():
        try:
            endorsements.endorse(mentor=request.user, learner=learner, **form.cleaned_data)
        except MentoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your endorsement is saved; the learner's level follows it."))
            return redirect("mentoring:learner_skills", learner.pk)
    if action == "withdraw":
        endorsement = get_object_or_404(
            Endorsement, pk=id_or_none(request.POST.get("endorsement")), learner=learner
        )
        try:
            endorsements.withdraw(endorsement, mentor=request.user)
        except MentoringError as error:  # withdrawn already (another tab, a second click): nothing to undo
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your endorsement is withdrawn."))
        return redirect("mentoring:learner_skills", learner.pk)
    given = list(
        Endorsement.objects.current().filter(learner=learner, mentor=request.user).select_related("skill")
    )
    names = skills_by_key(endorsement.skill for endorsement in given)
    for endorsement in given:
        endorsement.skill_name = names[endorsement.skill.translation_key].name
    return render(
        request,
        "mentoring/learner_skills.html",
        {
            "learner": learner,
            "tracker": skills_tracker(learner, is_owner=False),
            "endorsement_form": form,
            "endorsements": given,
        },
    )
