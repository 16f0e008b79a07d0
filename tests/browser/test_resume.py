"""A learner builds a profile and two projects, puts them in order, previews the résumé and downloads it as a PDF in
both designs and both languages; the PDFs' pages become the images in docs/screenshots/."""

import base64
import os
import subprocess
from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS_DIR
from tests.browser.test_accessibility import violations
from tests.factories import PASSWORD, learner
from tests.portfolio.builders import full_portfolio

PROJECTS = [
    {
        "title": "Bandung Board Gamers",
        "community_type": "social_media",
        "role": "Volunteer community manager",
        "start": "2024-09-01",
        "situation": "A Discord server of 300 members where only the founders spoke.",
        "actions": "Weekly game nights with volunteer hosts and a welcome thread for every newcomer.",
        "outcome": "The server runs itself on most weeks.",
        "result": ("Active members per month", "40", "210", "members", "6 months"),
    },
    {
        "title": "Kopi Teras customer group",
        "community_type": "customer",
        "role": "Group moderator",
        "start": "2023-01-01",
        "situation": "Regulars asked the same questions in private messages.",
        "actions": "A WhatsApp group with pinned answers and a clear no-spam rule.",
        "outcome": "Fewer repeated questions and a steady crowd at events.",
        "result": ("Median time to answer a question", "9", "2", "h", "3 months"),
    },
]


def add_project(page, project: dict) -> None:
    page.get_by_role("link", name="Add a project").click()
    page.locator("#id_title").fill(project["title"])
    page.locator("#id_community_type").select_option(project["community_type"])
    page.locator("#id_role").fill(project["role"])
    page.locator("#id_start_date").fill(project["start"])
    page.locator("#id_situation").fill(project["situation"])
    page.locator("#id_actions").fill(project["actions"])
    page.locator("#id_outcome").fill(project["outcome"])
    page.get_by_label("Communication").check()
    for field, value in zip(("label", "before", "after", "unit", "period"), project["result"], strict=True):
        page.locator(f"#id_results-0-{field}").fill(value)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"“{project['title']}” is saved.")).to_be_visible()


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


def test_build_a_portfolio_order_it_preview_and_download_the_resume(
    page, curriculum, log_in, screenshot, tmp_path
):
    learner(username="sari", first_name="Sari", last_name="Wulandari")
    log_in("sari", PASSWORD)
    page.goto("/en/portfolio/profile/")
    page.locator("#id_headline").fill("Volunteer community manager for board-game and coffee communities")
    page.locator("#id_location").fill("Bandung, Indonesia")
    page.locator("#id_summary").fill(
        "I bring people together around shared hobbies, online and at the table."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()

    for project in PROJECTS:
        add_project(page, project)
    titles = page.locator(".project-row h3")
    expect(titles).to_have_text([PROJECTS[0]["title"], PROJECTS[1]["title"]])
    page.get_by_role("button", name=f"Move “{PROJECTS[1]['title']}” up").click()
    expect(titles).to_have_text([PROJECTS[1]["title"], PROJECTS[0]["title"]])

    page.get_by_role("link", name="Résumé (PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your résumé")
    preview = page.frame_locator("iframe.resume-preview")
    expect(preview.locator("h1.person")).to_have_text("Sari Wulandari")
    expect(preview.locator(".project h3")).to_have_text([PROJECTS[1]["title"], PROJECTS[0]["title"]])
    expect(preview.locator("svg.skills-radar")).to_be_visible()  # the projects are evidence of Communication
    expect(preview.get_by_text("Median time to answer a question")).to_be_visible()
    screenshot(page, "resume-page-en")
    assert violations(page) == []

    folder = SCREENSHOTS_DIR if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    for design, design_label in (("modern", "Modern: two columns"), ("classic", "Classic: one column")):
        for language, language_label in (("en", "English"), ("id", "Bahasa Indonesia")):
            page.get_by_label(design_label).check()
            page.get_by_label(language_label).check()
            page.get_by_role("button", name="Update the preview").click()
            with page.expect_download() as download:
                page.get_by_role("button", name="Download the PDF").click()
            pdf = tmp_path / f"{design}-{language}.pdf"
            download.value.save_as(pdf)
            title = "Résumé" if language == "en" else "CV"
            expected_name = f"{title} \N{EN DASH} Sari Wulandari.pdf"
            assert download.value.suggested_filename == expected_name
            text = " ".join(pdf_text(pdf).split())
            assert "Sari Wulandari" in text
            heading = "COMMUNITY PROJECTS" if language == "en" else "PROYEK KOMUNITAS"
            # The learner's order: the project moved up comes first.
            assert text.index(heading) < text.index(PROJECTS[1]["title"]) < text.index(PROJECTS[0]["title"])
            subprocess.run(
                ["pdftoppm", "-r", "80", "-png", str(pdf), str(folder / f"resume-{design}-{language}")],
                check=True,
            )


def test_the_download_has_the_options_chosen_even_before_the_preview_is_updated(page, log_in, tmp_path):
    from portfolio.models import ResumeExport

    sari = learner(username="sari", first_name="Sari", last_name="Wulandari")
    full_portfolio(sari, projects=1)
    log_in("sari", PASSWORD)
    page.goto("/en/portfolio/resume/")
    preview = page.frame_locator("iframe.resume-preview")
    expect(preview.locator("body")).to_have_class("resume resume-modern")
    page.get_by_label("Classic: one column").check()
    page.get_by_label("Bahasa Indonesia").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PDF").click()
    expect(preview.locator("body")).to_have_class("resume resume-modern")  # the preview was not updated
    assert download.value.suggested_filename == "CV \N{EN DASH} Sari Wulandari.pdf"
    export = ResumeExport.objects.get()
    assert (export.options["design"], export.options["language"]) == ("classic", "id")
    pdf = tmp_path / "resume.pdf"
    download.value.save_as(pdf)
    text = " ".join(pdf_text(pdf).split())
    assert "PROYEK KOMUNITAS" in text and "COMMUNITY PROJECTS" not in text


# Measured: 310 KB for the modern design (Noto Sans 400, 600 and 700 in Latin, 13 KB each, and Noto Sans Math for the
# results' arrows, 270 KB: Fontsource ships it whole), 322 KB for the classic one (Noto Serif too), in either language.
PREVIEW_FONT_BYTES = 400_000


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("design", ["modern", "classic"])
def test_the_preview_fetches_only_the_woff2_files_its_text_needs(page, log_in, screenshot, language, design):
    sari = learner(username="sari", first_name="Sari", last_name="Wulandari")
    full_portfolio(sari, projects=2)
    log_in("sari", PASSWORD)
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(request))
    page.goto(f"/{language}/portfolio/resume/?design={design}&paper=a4&language={language}&photo=on")
    preview = page.frame_locator("iframe.resume-preview")
    expect(preview.locator("h1.person")).to_have_text("Sari Wulandari")
    page.wait_for_load_state("networkidle")

    fonts = {
        request.url.rsplit("/", 1)[1]: request.sizes()["responseBodySize"]
        for request in fetched
        if request.resource_type == "font"
    }
    assert not [request.url for request in fetched if request.url.endswith((".ttf", ".otf"))]
    assert f"noto-{'sans' if design == 'modern' else 'serif'}-latin-700-normal.woff2" in fonts
    assert all(name.endswith(".woff2") for name in fonts), fonts
    assert sum(fonts.values()) < PREVIEW_FONT_BYTES, fonts
    screenshot(page, f"resume-preview-{design}-{language}")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"resume-preview-{design}-{language}-390")
    page.context.close()  # its keep-alive connections end now, while the test database is still there


def test_the_preview_shows_its_text_while_the_fonts_are_still_loading(page, log_in):
    """font-display: swap: the text is drawn at once in a fallback face, not hidden until the fonts arrive."""
    sari = learner(username="sari", first_name="Sari", last_name="Wulandari")
    full_portfolio(sari, projects=1)
    log_in("sari", PASSWORD)
    page.route("**/*.woff2", lambda route: None)  # never answered
    page.goto("/id/portfolio/resume/preview/", wait_until="domcontentloaded")
    heading = page.locator("h1.person")
    expect(heading).to_have_text("Sari Wulandari")
    assert page.evaluate("[...document.fonts].filter(face => face.status === 'loaded').length") == 0
    # Chromium's own screenshot: Playwright's waits for the fonts.
    box = heading.bounding_box()
    clip = {"x": box["x"], "y": box["y"], "width": box["width"], "height": box["height"], "scale": 1}
    shot = page.context.new_cdp_session(page).send("Page.captureScreenshot", {"format": "png", "clip": clip})
    ink = (
        Image.open(BytesIO(base64.b64decode(shot["data"])))
        .convert("L")
        .point(lambda value: value < 128 and 255)
    )
    assert ink.getbbox() is not None  # dark pixels: the name is drawn
