"""A learner's first lesson, end to end, in both languages."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD_LABEL
from tests.browser.test_accessibility import violations
from tests.factories import PASSWORD


def module_progress(page, title: str):
    card = page.locator("article.module-card", has=page.get_by_role("link", name=title))
    return card.get_by_role("progressbar")


def test_learner_signs_up_completes_a_lesson_and_sees_it_in_indonesian(page, curriculum, screenshot):
    page.goto("/en/")
    page.get_by_role("link", name="The course").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The course")
    screenshot(page, "course-en-anonymous")

    page.get_by_role("link", name="Create a free account").first.click()
    page.get_by_label("Your name").fill("Putri")
    page.get_by_label("Username").fill("putri")
    page.get_by_label("Email address").fill("putri@example.com")
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()

    expect(page).to_have_url(re.compile(r"/en/course/$"))  # back where the visitor was
    first_module = "The community manager's job"
    expect(module_progress(page, first_module)).to_have_attribute("aria-valuenow", "0")

    page.get_by_role("link", name=re.compile("Start the course")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What community managers actually do")
    page.get_by_text("Show the model answer").first.click()
    screenshot(page, "lesson-en")
    assert violations(page) == []
    page.get_by_role("button", name="Mark as complete").click()

    expect(page.get_by_text("Lesson marked as complete.")).to_be_visible()
    expect(page.get_by_text("You have completed this lesson.")).to_be_visible()

    page.get_by_role("link", name="The course").first.click()
    expect(module_progress(page, first_module)).to_have_attribute("aria-valuenow", "1")
    expect(page.get_by_text("1 of ")).to_be_visible()
    screenshot(page, "course-en")
    assert violations(page) == []

    page.go_back()
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page).to_have_url(re.compile(r"/id/course/"))
    expect(page.get_by_text("Anda telah menyelesaikan pelajaran ini.")).to_be_visible()
    expect(page.get_by_role("button", name="Tandai belum selesai")).to_be_visible()
    screenshot(page, "lesson-id")
    assert violations(page) == []

    page.get_by_role("link", name="Kursus").first.click()
    expect(page.get_by_text("1 dari ")).to_be_visible()
    screenshot(page, "course-id")


def test_search_finds_lessons_in_each_language(page, curriculum, screenshot):
    page.goto("/en/")
    page.get_by_role("link", name="Search").click()
    page.get_by_label("Search for").fill("troll")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_role("link", name=re.compile("troll", re.IGNORECASE)).first).to_be_visible()
    screenshot(page, "search-en")
    assert violations(page) == []

    page.goto("/id/search/?q=troll")
    expect(page.get_by_role("status")).to_contain_text("hasil untuk")
