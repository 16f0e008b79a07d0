"""The site navigation: what each kind of visitor sees in the header."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import OuterRef, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cms.accounts.roles import Role, primary_role
from cms.accounts.rules import is_mentor
from cms.cache_versions import content_version, personal_version
from cms.extensions import Registry
from cms.notifications import unread_count

# Extension points (docs/architecture.md):
# - the features' links in the main menu: callables (account) → a NavItem, or None to show none;
MENU_ITEMS = Registry("main menu links of the features")
# - the features' tools, after the site pages in the main menu (search): callables (account) → a NavItem or None;
MENU_TOOLS = Registry("main menu tools of the features, after the site pages")
# - where a signed-in person lands: callables (account) → a URL, or None to leave it to the next;
LANDINGS = Registry("where a signed-in person lands")
# - a person's own learning: callables (the person's pk as an OuterRef) → an Exists over what they did.
OWN_LEARNING = Registry("what counts as a person's own learning")


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
    mentor_only: bool  # see is_mentor_only


def account_of(user) -> Account | None:
    """The signed-in person's `Account`: read once (three queries, four for a mentor), then cached until their
    version changes, as every page shows it."""
    if not user.is_authenticated:
        return None
    return cache.get_or_set(
        f"account:v2:{user.pk}:{personal_version(user)}",
        lambda: Account(
            role=primary_role(user),
            can_edit_content=user.has_perm("accounts.edit_content"),
            unread_notifications=unread_count(user),
            is_mentor=is_mentor.test(user),
            mentor_only=is_mentor_only(user),
        ),
        timeout=60 * 60,
    )


def is_mentor_only(user) -> bool:
    """Whether `user` only mentors: in the Mentors group, with no learning of their own (what the features count in
    OWN_LEARNING: lessons completed, quizzes, goals, portfolio projects). Such an account lands on its mentoring
    tasks instead of empty learner panels; a mentor who also learns keeps the learner dashboard."""
    if not is_mentor.test(user):
        return False
    learns = Q()
    for own_learning in OWN_LEARNING:
        learns |= Q(own_learning(OuterRef("pk")))
    return not get_user_model().objects.filter(learns, pk=user.pk).exists()


def home_url(user) -> str:
    """Where a signed-in person lands after logging in: the first landing the features offer for them (their
    mentoring tasks if they only mentor, else their learning dashboard)."""
    account = account_of(user)
    return next(url for landing in LANDINGS if (url := landing(account)))


def main_navigation(request, account: Account | None) -> list[NavItem]:
    """Links in the main menu: the features' (by role), the editors' admin, the site pages editors chose to show
    in menus, then the features' tools."""
    items = [item for menu_item in MENU_ITEMS if (item := menu_item(account))]
    if account and account.can_edit_content:
        items.append(NavItem(_("Edit content"), reverse("wagtailadmin_home")))
    items.extend(site_menu(request))
    items.extend(item for menu_tool in MENU_TOOLS if (item := menu_tool(account)))
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
            reverse("notifications"),
            count=account.unread_notifications,
            icon="bell",
        )
    ]
