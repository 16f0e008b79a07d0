"""What the portfolio adds to the extension points of the layers below it: its menu link, projects as a person's own
learning and as evidence of skills, its part of a person's data. Connected by PortfolioConfig.ready()."""

from django.db.models import Count, Exists
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms import navigation, personal_data
from learning import skill_evidence

from .models import Project
from .personal_data import PORTFOLIO_DATA


def portfolio_link(account):
    if account and not account.mentor_only:
        return navigation.NavItem(_("Portfolio"), reverse("portfolio:portfolio"))
    return None


def project_evidence(user) -> dict[int, dict]:
    """How many of the learner's portfolio projects demonstrate each skill."""
    rows = (
        Project.skills.through.objects.filter(project__profile__user=user)
        .values("skill_id")
        .annotate(projects=Count("project_id"))
        .values_list("skill_id", "projects")
    )
    return {skill_id: {"projects": projects} for skill_id, projects in rows}


def connect() -> None:
    navigation.MENU_ITEMS.register(portfolio_link, order=20)
    navigation.OWN_LEARNING.register(lambda person: Exists(Project.objects.filter(profile__user=person)))
    skill_evidence.EVIDENCE_SOURCES.register(project_evidence)
    personal_data.PERSONAL_DATA.register(PORTFOLIO_DATA, order=30)
