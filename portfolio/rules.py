"""Who may do what with a portfolio: its owner everything; a mentor reads a portfolio shared with mentors (the
public link is not a permission: anyone who holds it sees the page, as `portfolios.shared_profile` checks).
Mentors are mentoring's to know: it adds them to `portfolios.MENTOR_AUDIENCES`."""

import rules

from cms.accounts.rules import is_owner

from .models import EXPORT_TRANSITIONS, Visibility
from .portfolios import MENTOR_AUDIENCES, PROJECT_AUDIENCES

# The sharing that lets mentors see a portfolio.
SHARED_WITH_MENTORS = frozenset({Visibility.MENTORS, Visibility.PUBLIC})


@rules.predicate
def is_project_owner(user, project) -> bool:
    return is_owner(user, project.profile)


@rules.predicate
def is_shared_with_mentors(user, profile) -> bool:
    """The learner shares the profile with mentors (or publicly), and `user` is one of their mentors, as the
    features that know mentors say (MENTOR_AUDIENCES)."""
    return profile.visibility in SHARED_WITH_MENTORS and any(
        audience(user, profile.user) for audience in MENTOR_AUDIENCES
    )


# Who reads a portfolio: its owner, and the mentors it is shared with.
reads_profile = is_owner | is_shared_with_mentors


@rules.predicate
def reads_owning_profile(user, picture) -> bool:
    """A project's picture is shown wherever its portfolio is: to whoever may read the profile now."""
    return reads_profile.test(user, picture.project.profile)


@rules.predicate
def is_shown_the_project(user, picture) -> bool:
    """A feature shows the picture's project to `user` (a mentor reviewing it: PROJECT_AUDIENCES)."""
    return any(audience(user, picture.project) for audience in PROJECT_AUDIENCES)


@rules.predicate
def may_retry(_user, export) -> bool:
    return EXPORT_TRANSITIONS["retry"].allows(export.status)


rules.add_perm("portfolio.read_profile", reads_profile)
rules.add_perm("portfolio.edit_project", is_project_owner)
# Uploads answer to the same people as the pages showing them, asked at each request (portfolio/upload_views.py).
rules.add_perm("portfolio.read_projectimage", reads_owning_profile | is_shown_the_project)
rules.add_perm("portfolio.read_resumeexport", is_owner)
rules.add_perm("portfolio.retry_resumeexport", is_owner & may_retry)
