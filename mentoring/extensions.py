"""What mentoring adds to the extension points of the layers below it: the mentors who see a learner's changes,
their menu link and landing, its notifications, endorsements as evidence (levels, timeline, learning record), a
mentor's tasks on their dashboard, reviews on the owner's portfolio page (and the pictures of the projects a mentor
reviews), and its part of a person's data. Connected by MentoringConfig.ready()."""

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms import cache_versions, navigation, notifications, personal_data
from cms.accounts.rules import is_mentor
from learning import dashboard, exports, skill_evidence, tracker
from learning.skill_levels import MentorEndorsement
from portfolio import portfolios

from . import reviews
from .mentor_tasks import mentor_tasks
from .models import ACTIVE_REVIEW_STATES, Endorsement, Mentorship, ReviewRequest
from .personal_data import MENTORING_DATA
from .rules import is_current_mentor, reviews_project

MESSAGES = {
    "mentor_invited": gettext_lazy("%(learner)s asks you to be their mentor."),
    "mentor_accepted": gettext_lazy("%(mentor)s is now your mentor."),
    "mentor_declined": gettext_lazy("%(mentor)s declined your invitation."),
    "mentorship_ended": gettext_lazy("%(name)s ended your mentorship."),
    "review_requested": gettext_lazy("%(name)s asks you to review %(scope)s."),
    "review_changes_requested": gettext_lazy("%(name)s asks for changes to %(scope)s."),
    "review_approved": gettext_lazy("%(name)s approved %(scope)s."),
    "review_resubmitted": gettext_lazy("%(name)s made changes to %(scope)s and asks you to review again."),
    "review_withdrawn": gettext_lazy("%(name)s withdrew the review request for %(scope)s."),
    "review_commented": gettext_lazy("%(name)s commented on %(scope)s: “%(quote)s”"),
    "endorsed": gettext_lazy("%(mentor)s endorsed your %(skill)s at %(level)s."),
    "endorsement_withdrawn": gettext_lazy("%(mentor)s withdrew their endorsement of your %(skill)s."),
    "account_deleted": gettext_lazy(
        "%(name)s deleted their Kelola account; your mentorship with them has ended."
    ),
}


def current_mentors(user_ids: set[int]) -> set[int]:
    return set(
        Mentorship.objects.active().filter(learner_id__in=user_ids).values_list("mentor_id", flat=True)
    )


def mentoring_link(account):
    if account and account.is_mentor:
        return navigation.NavItem(gettext_lazy("Mentoring"), reverse("mentoring:home"))
    return None


def mentoring_landing(account):
    return reverse("mentoring:home") if account and account.mentor_only else None


def word_review_scope(params_list: list[dict]) -> None:
    """A review's scope: a project's title, or none for the whole portfolio."""
    for params in params_list:
        if "scope" in params:
            params["scope"] = params["scope"] or _("the portfolio")


def _mentor_name(endorsement: Endorsement) -> str:
    return endorsement.mentor.get_full_name() or endorsement.mentor.username


def endorsement_evidence(user) -> dict[int, dict]:
    """The latest current endorsement per skill: verified evidence, which the level rule weighs most."""
    endorsements = (
        Endorsement.objects.current()
        .filter(learner=user)
        .select_related("mentor")
        .order_by("created_at", "pk")
    )
    return {
        endorsement.skill_id: {
            "endorsement": MentorEndorsement(
                at=endorsement.created_at,
                level=endorsement.level,
                mentor_name=_mentor_name(endorsement),
                reason=endorsement.reason,
            )
        }
        for endorsement in endorsements
    }


def endorsement_activity(user, *, skill_names: dict[int, str], limit: int) -> list[tracker.Activity]:
    endorsements = (
        Endorsement.objects.current().filter(learner=user).select_related("mentor").order_by("-created_at")
    )[:limit]
    return [
        tracker.Activity(
            endorsement.created_at,
            _("%(mentor)s endorsed %(skill)s at %(level)s")
            % {
                "mentor": _mentor_name(endorsement),
                "skill": skill_names.get(endorsement.skill_id, ""),
                "level": endorsement.get_level_display(),
            },
        )
        for endorsement in endorsements
    ]


def endorsements_record(user) -> dict:
    return {
        "endorsements": [
            {
                "skill": endorsement.skill.slug,
                "level": endorsement.level,
                "mentor": _mentor_name(endorsement),
                "reason": endorsement.reason,
                "at": exports.isoformat(endorsement.created_at),
                "withdrawn_at": exports.isoformat(endorsement.withdrawn_at),
            }
            for endorsement in Endorsement.objects.filter(learner=user).select_related("skill", "mentor")
        ]
    }


def mentor_tasks_on_dashboard(user) -> dict:
    return mentor_tasks(user) if is_mentor.test(user) else {}


def reviews_on_portfolio(user, projects) -> dict:
    """Each project's reviews still in play and its approval status; the learner's latest reviews."""
    active = ReviewRequest.objects.filter(state__in=ACTIVE_REVIEW_STATES).select_related("mentor")
    prefetch_related_objects(
        projects, reviews.APPROVALS, Prefetch("review_requests", queryset=active, to_attr="active_reviews")
    )
    reviews.with_approval_status(projects)
    return {
        "reviews": ReviewRequest.objects.filter(learner=user)
        .select_related("mentor", "project")
        .order_by("-updated_at")[:10]
    }


def connect() -> None:
    cache_versions.WATCHERS.register(current_mentors)
    navigation.MENU_ITEMS.register(mentoring_link, order=30)
    navigation.LANDINGS.register(mentoring_landing, order=10)
    notifications.MESSAGES.update(MESSAGES)
    notifications.PARAMETER_WORDING.register(word_review_scope)
    skill_evidence.EVIDENCE_SOURCES.register(endorsement_evidence)
    tracker.TIMELINE_SOURCES.register(endorsement_activity)
    exports.RECORD_SECTIONS.register(endorsements_record)
    dashboard.DASHBOARD_SECTIONS.register(mentor_tasks_on_dashboard)
    portfolios.MENTOR_AUDIENCES.register(is_current_mentor)
    portfolios.PROJECT_AUDIENCES.register(reviews_project)
    personal_data.PERSONAL_DATA.register(MENTORING_DATA, order=40)
    portfolios.OWNER_PAGE_PARTS.register(
        portfolios.OwnerPagePart(
            prepare=reviews_on_portfolio,
            project_badges="mentoring/includes/project_review_badges.html",
            project_actions="mentoring/includes/project_review_action.html",
            section="mentoring/includes/portfolio_reviews.html",
        )
    )
