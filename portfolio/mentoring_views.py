"""Pages for starting and ending mentorships, and each person's notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .forms import InviteMentorForm
from .mentoring import MentoringError, accept, decline, end_mentorship, invite, withdraw
from .models import InvitationStatus, MentorInvitation, Mentorship
from .notifications import mark_all_read, notification_texts, notification_url


@login_required
def mentors(request):
    """The learner's mentors, the invitations still waiting for an answer, and a form to invite another."""
    form = InviteMentorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
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
            return redirect("portfolio:mentors")
    invitations = MentorInvitation.objects.filter(learner=request.user).select_related("mentor")
    return render(
        request,
        "portfolio/mentors.html",
        {
            "form": form,
            "mentorships": Mentorship.objects.active().filter(learner=request.user).select_related("mentor"),
            "waiting": invitations.filter(status=InvitationStatus.PENDING),
            "answered": invitations.exclude(status=InvitationStatus.PENDING).order_by("-answered_at")[:10],
        },
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
        MentorInvitation.objects.select_related("learner", "mentor"),
        Q(mentor=request.user) | Q(learner=request.user),
        pk=invitation_id,
    )
    step, done = ANSWERS[answer]
    try:
        step(invitation, request.user)
    except MentoringError as error:
        messages.error(request, str(error))
    else:
        other = invitation.learner if request.user.pk == invitation.mentor_id else invitation.mentor
        messages.success(request, done % {"name": str(other)})
    return redirect("dashboard" if request.user.pk == invitation.mentor_id else "portfolio:mentors")


@require_POST
@login_required
def end(request, mentorship_id: int):
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("learner", "mentor"),
        Q(mentor=request.user) | Q(learner=request.user),
        pk=mentorship_id,
    )
    is_mentor = request.user.pk == mentorship.mentor_id
    try:
        end_mentorship(mentorship, by=request.user)
    except MentoringError as error:
        messages.error(request, str(error))
    else:
        other = mentorship.learner if is_mentor else mentorship.mentor
        messages.success(request, _("Your mentorship with %(name)s has ended.") % {"name": str(other)})
    return redirect("dashboard" if is_mentor else "portfolio:mentors")


@login_required
def notifications(request):
    """Newest first; those not seen before are marked, then counted as read."""
    items = list(request.user.notifications.all()[:100])
    for item, text in zip(items, notification_texts(items), strict=True):
        item.shown_text, item.link = text, notification_url(item)
    mark_all_read(request.user)
    return render(request, "portfolio/notifications.html", {"notifications": items})
