"""axe-core finds no WCAG 2.1 A/AA problem on the main pages, in either language."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import learner

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}x, e.g. {violation['nodes'][0]['html'][:120]})"
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize(
    "path",
    ["/en/", "/id/", "/en/accounts/signup/", "/id/accounts/login/", "/en/about/", "/en/search/?q=community"],
)
def test_public_pages_have_no_accessibility_violations(page, site_pages, path):
    assert page.goto(path).status == 200
    expect(page.get_by_role("heading", level=1)).to_have_count(1)

    assert violations(page) == []


def test_signup_form_with_errors_has_no_accessibility_violations(page, site_pages):
    page.goto("/en/accounts/signup/")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_text("This field is required.").first).to_be_visible()
    assert violations(page) == []


def test_signed_in_pages_have_no_accessibility_violations(page, site_pages, log_in):
    learner(username="lina")
    log_in("lina", "correct-horse-battery")

    for path in ("/en/", "/en/accounts/me/", "/id/accounts/password_change/"):
        assert page.goto(path).status == 200, path
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert violations(page) == [], path
