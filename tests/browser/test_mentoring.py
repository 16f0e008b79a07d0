"""The mentoring loop in two browsers side by side: the learner invites, the mentor accepts, the learner asks for a
review, the mentor comments and asks for changes, the learner replies, edits and sends it back, the mentor approves
and endorses a skill, and the learner sees the verified level."""

import re

import pytest
from playwright.sync_api import expect

from learning.skill_evidence import framework_skills
from tests.browser.conftest import PASSWORD_LABEL
from tests.browser.test_accessibility import violations
from tests.factories import PASSWORD, learner, mentor
from tests.portfolio.builders import full_portfolio

PROJECT = "Project 1: Bandung Board Gamers"


@pytest.fixture
def signed_in(browser, live_server):
    """A page in its own browser context, signed in as `username`."""
    contexts = []

    def open_as(username: str):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/en/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_the_mentoring_loop(signed_in, curriculum, screenshot):
    sari = learner(username="sari", first_name="Sari", last_name="Wulandari")
    mentor(username="maya", first_name="Maya", last_name="Halim")
    full_portfolio(sari, projects=1, skills=list(framework_skills()[:1]))
    sari_page, maya_page = signed_in("sari"), signed_in("maya")
    # A mentor who only mentors lands on their mentoring tasks, the learner on their learning.
    expect(maya_page).to_have_url(re.compile(r"/en/mentoring/$"))
    expect(sari_page).to_have_url(re.compile(r"/en/dashboard/$"))

    # The learner invites the mentor.
    sari_page.goto("/en/portfolio/")
    sari_page.get_by_role("link", name="Your mentors and invitations").click()
    sari_page.get_by_label("Your mentor's username or email address").fill("maya")
    sari_page.get_by_label("A message for them (optional)").fill("Could you review my community projects?")
    sari_page.get_by_role("button", name="Send the invitation").click()
    expect(sari_page.get_by_text("Your invitation is sent to Maya Halim.")).to_be_visible()

    # The mentor accepts from their mentoring page, where the notification count shows.
    maya_page.goto("/en/mentoring/")
    expect(maya_page.get_by_role("link", name=re.compile(r"Notifications\s*1"))).to_be_visible()
    expect(maya_page.get_by_text("Could you review my community projects?")).to_be_visible()
    maya_page.get_by_role("button", name="Accept Sari Wulandari").click()
    expect(maya_page.get_by_text("You now mentor Sari Wulandari.")).to_be_visible()

    # The learner asks for a review of one project.
    sari_page.goto("/en/portfolio/")
    sari_page.get_by_role("link", name=f"Review {PROJECT}").click()
    sari_page.get_by_label("What would you like feedback on?").fill("Is the outcome convincing?")
    sari_page.get_by_role("button", name="Send the request").click()
    expect(sari_page.get_by_test_id("review-state")).to_have_text("Waiting for review")

    # The mentor comments on the project and asks for changes.
    maya_page.goto("/en/mentoring/")
    maya_page.locator(".review-queue").get_by_role("link", name=PROJECT).click()
    maya_page.get_by_label(f"Comment on “{PROJECT}”").fill("Which numbers show the server runs itself?")
    maya_page.get_by_role("button", name="Post the comment").click()
    expect(maya_page.get_by_text("Your comment is posted.")).to_be_visible()
    maya_page.get_by_label("A note (optional)").fill("Add one number to the outcome, please.")
    maya_page.get_by_role("button", name="Request changes").click()
    expect(maya_page.get_by_test_id("review-state")).to_have_text("Changes requested")
    screenshot(maya_page, "review-changes-requested-en")
    assert violations(maya_page) == []

    # The learner replies, edits the project and sends it back.
    sari_page.goto("/en/notifications/")
    sari_page.get_by_role("link", name=re.compile("asks for changes")).first.click()
    sari_page.get_by_text("Reply", exact=True).click()
    sari_page.get_by_label("Your reply").fill("Eight volunteer hosts now run the weekly nights.")
    sari_page.get_by_role("button", name="Send the reply").click()
    expect(sari_page.get_by_text("Eight volunteer hosts now run the weekly nights.")).to_be_visible()
    sari_page.goto("/en/portfolio/")
    sari_page.get_by_role("link", name=f"Edit {PROJECT}").click()
    sari_page.locator("#id_outcome").fill(
        "Eight volunteer hosts run the weekly nights; the founders only watch."
    )
    sari_page.get_by_role("button", name="Save").click()
    sari_page.get_by_role("link", name=re.compile("Changes requested")).click()
    sari_page.get_by_label("A note (optional)").fill("I added the number of hosts.")
    sari_page.get_by_role("button", name="Send it back for review").click()
    expect(sari_page.get_by_test_id("review-state")).to_have_text("Waiting for review")

    # The mentor approves, then endorses a skill.
    maya_page.reload()
    expect(maya_page.get_by_text("I added the number of hosts.")).to_be_visible()
    maya_page.get_by_role("button", name="Approve").click()
    expect(maya_page.get_by_test_id("review-state")).to_have_text("Approved")
    maya_page.goto("/en/mentoring/")
    maya_page.locator(".mentee-row").get_by_role("link", name="skills").click()
    maya_page.locator("#id_skill").select_option(label="Moderation")
    maya_page.locator("#id_level").select_option(label="Proficient")
    maya_page.get_by_label("What have you seen? (one or two sentences)").fill(
        "Calm, fair moderation of a busy server."
    )
    maya_page.get_by_role("button", name="Endorse", exact=True).click()
    expect(maya_page.get_by_text("Your endorsement is saved")).to_be_visible()

    # The learner sees the approval on their portfolio and the verified level on their dashboard.
    sari_page.goto("/en/portfolio/")
    expect(sari_page.get_by_text("Approved by Maya Halim")).to_be_visible()
    sari_page.goto("/en/dashboard/")
    moderation = sari_page.locator(".skill-list .skill-row").filter(has_text="Moderation")
    expect(moderation).to_contain_text("Proficient")
    expect(moderation.locator(".verified-badge")).to_have_text("verified by a mentor")
    maya_page.goto("/en/mentoring/")
    screenshot(maya_page, "mentor-dashboard-en")
    assert violations(maya_page) == []
