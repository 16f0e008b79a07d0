"""The site navigation: what each kind of visitor sees in the header."""

from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cms.accounts.roles import Role, can_edit_content, has_role, primary_role
from cms.cache_versions import content_version, personal_version
from portfolio.mentoring import is_mentor_only
from portfolio.notifications import unread_count


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    count: int = 0  # shown as a badge: unread notifications
    icon: str = (
        ""  # shown instead of the label, which screen readers still read: keeps the header on one line
    )


@dataclass(frozen=True)
class Account:
    """What the header shows about the signed-in person."""

    role: Role | None
    can_edit_content: bool
    unread_notifications: int
    is_mentor: bool
    mentor_only: bool  # see is_mentor_only: lands on the mentoring page, not on empty learner panels


def account_of(user) -> Account | None:
    """The signed-in person's `Account`: read once (three queries, four for a mentor), then cached until their
    version changes, as every page shows it."""
    if not user.is_authenticated:
        return None
    return cache.get_or_set(
        f"account:v2:{user.pk}:{personal_version(user)}",
        lambda: Account(
            role=primary_role(user),
            can_edit_content=can_edit_content(user),
            unread_notifications=unread_count(user),
            is_mentor=has_role(user, Role.MENTOR),
            mentor_only=is_mentor_only(user),
        ),
        timeout=60 * 60,
    )


def home_url(user) -> str:
    """Where a signed-in person lands after logging in: their mentoring tasks if they only mentor, else their
    learning dashboard."""
    account = account_of(user)
    return reverse("mentoring" if account and account.mentor_only else "dashboard")


def main_navigation(request, account: Account | None) -> list[NavItem]:
    """Links in the main menu, by role, then the site pages editors chose to show in menus."""
    items = []
    if account and not account.mentor_only:
        items.append(NavItem(_("My learning"), reverse("dashboard")))
        items.append(NavItem(_("Portfolio"), reverse("portfolio:portfolio")))
    if account and account.is_mentor:
        items.append(NavItem(_("Mentoring"), reverse("mentoring")))
    if account and account.can_edit_content:
        items.append(NavItem(_("Edit content"), reverse("wagtailadmin_home")))
    items.extend(site_menu(request))
    items.append(NavItem(_("Search"), reverse("search")))
    return items


def site_menu(request) -> list[NavItem]:
    """The site pages editors chose to show in menus: content, so cached until the content changes."""

    def read_menu():
        site = Site.find_for_request(request)
        pages = site.root_page.localized.get_children().live().in_menu() if site else []
        return [NavItem(page.title, page.get_url(request)) for page in pages]

    key = f"site-menu:{content_version()}:{request.get_host()}:{get_language()}"
    return cache.get_or_set(key, read_menu, timeout=60 * 60 * 24)


def account_navigation(account: Account | None) -> list[NavItem]:
    """Links in the account menu (right-hand side of the header)."""
    if not account:
        return [NavItem(_("Log in"), reverse("login")), NavItem(_("Sign up"), reverse("signup"))]
    # The person's name (beside these) links to their account page, and password change is linked from there,
    # which keeps the header on one line.
    return [
        NavItem(
            _("Notifications"),
            reverse("portfolio:notifications"),
            count=account.unread_notifications,
            icon="bell",
        )
    ]
