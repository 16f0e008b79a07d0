"""A newcomer's first visit, sign-up and log-in, and an editor's way into the admin, in a real browser."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD_LABEL
from tests.factories import PASSWORD, editor, learner


def test_home_page_in_both_languages_and_the_choice_is_remembered(page, site_pages, screenshot):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Learn the craft of community management")
    screenshot(page, "home-en")

    page.get_by_role("button", name="Bahasa Indonesia").click()

    expect(page).to_have_url(re.compile(r"/id/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kuasai keterampilan mengelola komunitas")
    expect(page.get_by_role("link", name="Daftar")).to_be_visible()
    screenshot(page, "home-id")

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/id/$"))


def test_skip_link_is_the_first_stop_for_keyboard_users(page, site_pages):
    page.goto("/en/")
    page.keyboard.press("Tab")

    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_newcomer_signs_up_then_logs_out_and_back_in(page, site_pages, log_in, screenshot):
    page.goto("/en/")
    page.get_by_role("link", name="Create a free account").click()
    page.get_by_label("Your name").fill("Nadia")
    page.get_by_label("Username").fill("nadia")
    page.get_by_label("Email address").fill("nadia@example.com")
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill("not the same")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_text("The two password fields didn\u2019t match.")).to_be_visible()
    expect(page.get_by_label("Email address")).to_have_value("nadia@example.com")
    screenshot(page, "signup-error")

    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_text("Welcome to Kelola, Nadia!")).to_be_visible()
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("Learner")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()

    log_in("nadia", PASSWORD)
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("Nadia")


def test_editor_reaches_the_admin_and_a_learner_does_not(page, site_pages, log_in, screenshot):
    editor(username="eko")
    learner(username="lina")

    log_in("lina", PASSWORD)
    expect(page.get_by_test_id("signed-in-as")).to_be_visible()
    expect(page.get_by_role("link", name="Edit content")).to_have_count(0)
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.get_by_text("You do not have permission to access the admin.")).to_be_visible()

    page.context.clear_cookies()
    log_in("eko", PASSWORD)
    page.get_by_role("link", name="Edit content").click()

    expect(page).to_have_url(re.compile(r"^http://[^/]+/admin/$"))
    expect(page.get_by_role("heading", name=re.compile("Kelola"))).to_be_visible()
    screenshot(page, "admin-editor")
