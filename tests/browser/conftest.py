"""Headless Chromium (Debian's package) driven by Playwright against pytest-django's live server."""

import os
import re
import time

import pytest
from django.conf import settings
from django.db import connection, connections
from playwright.sync_api import expect, sync_playwright
from wagtail.admin.models import EditingSession

from cms.site_pages import load_site_pages
from learning.models import CourseIndexPage
from tests.database import load_shipped_content, saved_state

# Assertions wait as long as actions do (the pages' default): saving a page in Wagtail's editor takes seconds when
# the suite keeps both cores busy.
expect.set_options(timeout=10_000)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# crispy-forms marks required fields with "*"; "Password confirmation" must not match.
PASSWORD_LABEL = re.compile(r"^\s*Password\s*\*?\s*$")
SCREENSHOTS_DIR = settings.BASE_DIR / "docs" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The live server makes each test transactional; the serialized rollback brings back what the
            # migrations created (site, home page, role groups and their admin permissions) after each flush.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make stay synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections
    }
    with sync_playwright() as playwright:
        # With that loop running, Django hands this thread new (per-context) connections to the same test
        # database; they need the serialized data too, or serialized rollbacks would restore nothing.
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    # Leave the page while the test's database is still there: Wagtail's page editor releases its editing session
    # by a beacon as it unloads, and a release arriving after the test meets a database being emptied (an error in
    # teardown). Wait for the release, for a while.
    if not page.is_closed():  # some tests close it themselves
        page.goto("about:blank")
    for _wait in range(50):
        if not EditingSession.objects.exists():
            break
        time.sleep(0.1)
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot into docs/screenshots/ when UPDATE_SCREENSHOTS=1 (the pictures the README and docs
    show); otherwise take none, as nobody would look at it and each costs the test time."""

    def take(page, name: str) -> None:
        if os.environ.get("UPDATE_SCREENSHOTS") == "1":
            page.screenshot(path=str(SCREENSHOTS_DIR / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def log_in(page):
    def log_in_as(username: str, password: str, path: str = "/en/accounts/login/"):
        page.goto(path)
        page.get_by_label("Username").fill(username)
        page.get_by_label(PASSWORD_LABEL).fill(password)
        page.get_by_role("button", name="Log in").click()

    return log_in_as


@pytest.fixture
def site_pages():
    """Built in each test: a live server's test commits, so the data cannot wait in a class's transaction."""
    return load_site_pages()


@pytest.fixture(autouse=True)
def untouched_database():
    """Whether the test has changed the database yet (SQLite counts the rows its connection changed)."""
    if connection.vendor != "sqlite":
        return lambda: False
    start = connection.connection.total_changes
    return lambda: connection.connection.total_changes == start


@pytest.fixture
def curriculum(untouched_database, test_run):
    """The site pages and the shipped course, skills and quizzes. Loading takes seconds: on SQLite, a test that has
    not changed the database yet copies in the one the run saved after loading them (tests/database.py)."""
    if not untouched_database():
        return load_shipped_content()
    saved_state("curriculum", run=test_run, build=load_shipped_content)
    return CourseIndexPage.objects.get(locale__language_code="en")
