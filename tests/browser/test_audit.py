"""The audit trail in the admin: an administrator reads who signed in, failed to, and what mentors decided, in the
Site history report, and filters it by action."""

import os

from playwright.sync_api import expect

from learning.levels import SkillLevel
from mentoring import endorsements
from mentoring.mentorships import accept, invite
from tests.factories import PASSWORD, UserFactory, learner, mentor
from tests.learning import builders

SHOTS = os.environ.get("AUDIT_SHOTS")  # a folder to save the screenshots in, when looking at them by hand


def test_an_administrator_reads_and_filters_the_trail(page, site_pages, log_in):
    UserFactory(username="root", first_name="Ratna", last_name="Admin", is_superuser=True, language="id")
    lina = learner(username="lina", first_name="Lina", last_name="Sari")
    maya = mentor(username="maya", first_name="Maya", last_name="Putri")
    log_in("lina", "not-her-password")
    log_in("lina", PASSWORD)
    page.context.clear_cookies()
    accept(invite(learner=lina, identifier="maya"), mentor=maya)
    endorsements.endorse(
        mentor=maya,
        learner=lina,
        skill=builders.skill(),
        level=SkillLevel.PROFICIENT,
        reason="Ran our forum.",
    )

    log_in("root", PASSWORD)  # their account is in Indonesian: so is the admin, once signed in
    page.goto("/admin/reports/site-history/")

    # Wagtail's own words stay English (it ships almost no Indonesian); the trail's are the reader's.
    expect(page.get_by_role("heading", name="Site history")).to_be_visible()
    rows = page.locator("table.listing tbody tr")
    expect(rows.filter(has_text="Mengesahkan Communication di level 3")).to_have_count(1)
    expect(rows.filter(has_text="Bimbingan mentor dimulai")).to_have_count(1)
    expect(rows.filter(has_text="Kata sandi salah dari 127.0.0.1")).to_have_count(1)
    expect(rows.filter(has_text="Masuk dari 127.0.0.1")).to_have_count(2)  # Lina, then the administrator
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/site-history-id.png", full_page=True)

    page.goto("/admin/reports/site-history/?action=kelola.login_failed")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Lina Sari")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/site-history-failed-sign-ins-id.png", full_page=True)
