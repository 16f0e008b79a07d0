"""Review pages: a learner asks for a review; learner and mentor comment on one page, where the mentor decides and the
learner answers."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.ids import id_or_none
from cms.rate_limits import rate_limit_wait
from portfolio.models import Project
from portfolio.portfolios import displayed_projects

from . import reviews
from .forms import ReviewCommentForm, ReviewDecisionForm, ReviewRequestForm
from .models import ReviewComment, ReviewRequest
from .rules import is_mentor_side


@login_required
def request_review(request):
    form = ReviewRequestForm(
        request.POST or None, learner=request.user, initial={"project": request.GET.get("project")}
    )
    if not form.fields["mentor"].queryset.exists():
        messages.info(request, _("Invite a mentor first: reviews come from your mentors."))
        return redirect("mentoring:mentors")
    if request.method == "POST" and form.is_valid():
        try:
            review = reviews.submit(learner=request.user, **form.cleaned_data)
        except reviews.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your review request is sent."))
            return redirect("mentoring:review", review.pk)
    return render(request, "mentoring/review_request_form.html", {"form": form})


def _visible_review(user, review_id: int) -> ReviewRequest:
    """The review for its learner, or for its mentor while they mentor the learner; otherwise 404 (not even
    "forbidden"). Read with what the permissions ask, for the page's buttons too."""
    review = get_object_or_404(
        ReviewRequest.objects.select_related("learner", "mentor", "project").with_mentorship(), pk=review_id
    )
    if not user.has_perm("mentoring.read_reviewrequest", review):
        raise Http404
    return review


# What each decision does, and what its maker is told.
DECISIONS = {
    "request_changes": (
        lambda review, user, note: reviews.request_changes(review, mentor=user, note=note),
        gettext_lazy("You asked for changes."),
    ),
    "approve": (
        lambda review, user, note: reviews.approve(review, mentor=user, note=note),
        gettext_lazy("You approved it."),
    ),
    "resubmit": (
        lambda review, user, note: reviews.resubmit(review, learner=user, message=note),
        gettext_lazy("Sent back to your mentor for another look."),
    ),
    "withdraw": (
        lambda review, user, note: reviews.withdraw(review, learner=user),
        gettext_lazy("Your review request is withdrawn."),
    ),
}


@login_required
def review(request, review_id: int):
    """The reviewed projects, each with its comment threads and what changed since its last approval; the mentor's
    decision, the learner's answer and the history of states. POST: a comment or a decision."""
    review = _visible_review(request.user, review_id)
    comment_form, decision_form = ReviewCommentForm(), ReviewDecisionForm()
    action = request.POST.get("action")
    status = 200
    if request.method == "POST" and action == "comment":
        comment_form = ReviewCommentForm(request.POST)
        if wait := rate_limit_wait(request, action="review_comment"):
            comment_form.add_error("body", wait)
            status = 429
        elif comment_form.is_valid() and _comment(request, review, comment_form):
            return redirect("mentoring:review", review.pk)
    elif request.method == "POST" and action in DECISIONS:
        decision_form = ReviewDecisionForm(request.POST)
        if decision_form.is_valid():
            step, done = DECISIONS[action]
            try:
                step(review, request.user, decision_form.cleaned_data["note"])
            except reviews.ReviewError as error:
                decision_form.add_error(None, str(error))
            else:
                messages.success(request, done)
                return redirect("mentoring:review", review.pk)
    return render(
        request,
        "mentoring/review.html",
        _review_context(request.user, review, comment_form, decision_form),
        status=status,
    )


def _comment(request, review: ReviewRequest, form: ReviewCommentForm) -> bool:
    """Add the comment; on a refusal, put the reason on the form (which keeps the text) and say False."""
    data = form.cleaned_data
    try:
        project = _named(Project, data["project"], _("That project is not part of this review."))
        reply_to = _named(ReviewComment, data["reply_to"], _("That comment belongs to another review."))
        reviews.comment(review, author=request.user, body=data["body"], project=project, reply_to=reply_to)
    except reviews.ReviewError as error:
        form.add_error("body", str(error))
        return False
    messages.success(request, _("Your comment is posted."))
    return True


def _named(model, pk: int | None, missing: str):
    """The record the form names by its hidden id, None when it names none; a refusal when there is no such record
    (a stale page, an edited form), rather than a comment posted somewhere else."""
    if pk is None:
        return None
    found = model.objects.filter(pk=id_or_none(pk)).first()
    if found is None:
        raise reviews.ReviewError(missing)
    return found


def _review_context(user, review: ReviewRequest, comment_form, decision_form) -> dict:
    projects = reviews.with_approval_status(
        displayed_projects(reviews.reviewed_projects(review).prefetch_related(reviews.APPROVALS))
    )
    comments = list(review.comments.select_related("author"))
    threads: dict[int | None, list[ReviewComment]] = defaultdict(list)
    replies: dict[int, list[ReviewComment]] = defaultdict(list)
    for item in comments:
        (replies[item.parent_id] if item.parent_id else threads[item.project_id]).append(item)
    for item in comments:
        item.thread_replies = replies[item.pk]
    for project in projects:
        project.threads = threads[project.pk]
    return {
        "review": review,
        "projects": projects,
        "general_threads": threads[None],
        "events": review.events.select_related("actor"),
        "comment_form": comment_form,
        "decision_form": decision_form,
        "is_mentor": is_mentor_side.test(user, review),
    }
