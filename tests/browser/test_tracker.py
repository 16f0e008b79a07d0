"""A learner with some history reads their skills, sets a goal and gets told what to do next; their mentor reads
the same tracker without being able to change it."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from fixtures.demo import load_demo_learner_history
from tests.browser.test_accessibility import violations
from tests.factories import PASSWORD, learner, mentor


def test_learner_reads_their_skills_sets_a_goal_and_sees_the_gap_and_what_to_do(
    page, curriculum, log_in, screenshot
):
    sari = learner(username="sari", first_name="Sari", last_name="Lopez")
    mentor(username="maya", first_name="Maya", last_name="Halim")
    load_demo_learner_history(course=curriculum, username="sari", mentor_username="maya")
    log_in("sari", PASSWORD)

    skills = page.locator(".skill-list .skill-row")
    expect(skills).to_have_count(7)
    expect(page.locator("svg.skills-radar")).to_be_visible()
    expect(page.locator("svg.skills-radar .radar-target")).to_have_count(1)  # the demo learner has goals
    relationships = skills.filter(has_text="Relationship building")
    expect(relationships.locator(".verified-badge")).to_have_text("verified by a mentor")
    expect(page.get_by_role("heading", name="Recent activity")).to_be_visible()
    screenshot(page, "skills-dashboard-en")
    assert violations(page) == []

    # "Why this level?" opens without JavaScript (<details>).
    communication = skills.filter(has_text="Communication")
    communication.get_by_text("Why this level?").click()
    expect(communication.get_by_text(re.compile(r"^Quiz questions: \d+% over \d+ attempts"))).to_be_visible()

    page.get_by_role("link", name="Change your goals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your goals")
    assert violations(page) == []
    page.get_by_label("Target level for Data analysis and insight").select_option(label="Proficient")
    page.get_by_label("Reach it by (Data analysis and insight)").fill(
        (timezone.localdate() - timedelta(days=1)).isoformat()
    )
    page.get_by_role("button", name="Save goals").click()
    expect(page.get_by_text("Choose a date from today on.")).to_be_visible()
    expect(page.get_by_label("Target level for Data analysis and insight")).to_have_value("3")

    page.get_by_label("Reach it by (Data analysis and insight)").fill(
        (timezone.localdate() + timedelta(days=30)).isoformat()
    )
    page.get_by_role("button", name="Save goals").click()
    expect(page.get_by_text("Your goals are saved.")).to_be_visible()
    data = skills.filter(has_text="Data analysis and insight")
    expect(data).to_contain_text("Goal: Proficient, 2 levels to go, 30 days left")
    recommendation = page.locator(".recommendation").filter(has_text="Data analysis and insight")
    expect(recommendation).to_be_visible()
    expect(recommendation.get_by_role("link").first).to_be_visible()
    screenshot(page, "skills-goal-set-en")

    page.goto("/id/dashboard/")
    expect(page.get_by_role("heading", name="Keterampilan", exact=True)).to_be_visible()
    expect(page.locator(".skill-list .skill-row").first).to_contain_text("Komunikasi")
    screenshot(page, "skills-dashboard-id")
    page.get_by_role("button", name="Keluar").click()

    # Her mentor sees the same tracker, read-only.
    log_in("maya", PASSWORD)
    page.goto(f"/en/learn/learners/{sari.pk}/skills/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sari Lopez's skills")
    expect(page.locator(".skill-list .skill-row")).to_have_count(7)
    expect(page.get_by_role("link", name="Change your goals")).to_have_count(0)
    assert violations(page) == []
    screenshot(page, "skills-mentor-view-en")
