"""The project form in a browser: result rows are added without saving first."""

from playwright.sync_api import expect

from portfolio.models import ProjectResult
from tests.factories import PASSWORD, learner


def test_adding_a_result_row_without_saving(page, log_in, screenshot):
    learner(username="sari", first_name="Sari", last_name="Wulandari")
    log_in("sari", PASSWORD)
    page.goto("/en/portfolio/projects/new/")
    page.locator("#id_title").fill("Miss Direction")
    page.locator("#id_community_type").select_option("forum")
    page.locator("#id_role").fill("Host")
    page.locator("#id_start_date").fill("2024-01-01")
    page.locator("#id_situation").fill("Quiet.")
    page.locator("#id_actions").fill("Events.")
    page.locator("#id_outcome").fill("Lively.")
    for index, (label, before, after) in enumerate([("Members", "40", "210"), ("Posts", "3.5", "12")]):
        page.locator(f"#id_results-{index}-label").fill(label)
        page.locator(f"#id_results-{index}-before").fill(before)
        page.locator(f"#id_results-{index}-after").fill(after)
    expect(page.locator("#id_results-2-label")).to_have_count(0)
    page.locator('[data-formset="results"] [data-formset-add]').click()
    page.locator("#id_results-2-label").fill("Replies")
    page.locator("#id_results-2-before").fill("1")
    page.locator("#id_results-2-after").fill("70")
    screenshot(page, "project-form-added-row")
    page.get_by_role("button", name="Save project").click()
    expect(page.get_by_text("“Miss Direction” is saved.")).to_be_visible()
    assert list(ProjectResult.objects.values_list("label", flat=True)) == ["Members", "Posts", "Replies"]
