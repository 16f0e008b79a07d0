"""The résumé: both designs in both languages read back from the PDF, typesetting, scripts, safe rendering, the
digest, limits, and the pages that choose, preview and download it (stored files: test_resume_files.py)."""

import http.server
import re
import subprocess
import threading
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from portfolio import pdf
from portfolio.models import ExportStatus, Project, ResumeExport
from portfolio.pdf import BASE_URL, PdfError, render_pdf
from portfolio.portfolios import profile_of
from portfolio.resume import (
    RENDER_ATTEMPTS,
    ResumeOptions,
    file_roots,
    render_export,
    request_export,
    resume_digest,
    resume_html,
    resume_pdf,
    stylesheet_path,
)
from tests.learning import builders as learning_builders
from tests.portfolio.builders import full_portfolio
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def pdf_of(profile, options: ResumeOptions) -> bytes:
    return resume_pdf(resume_html(profile, options))


def pdf_text(content: bytes, *, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", *pages, "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def pdf_info(content: bytes) -> dict[str, str]:
    output = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True).stdout.decode()
    return dict(line.split(":", 1) for line in output.splitlines() if ":" in line) | {}


def pdf_metadata(content: bytes) -> str:
    """The XMP metadata packet."""
    return subprocess.run(
        ["pdfinfo", "-meta", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def document_language(content: bytes) -> str | None:
    """The catalog's /Lang, which WeasyPrint writes into a compressed object stream."""
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", content, re.DOTALL):
        try:
            data = zlib.decompress(match[1])
        except zlib.error:
            continue
        if language := re.search(rb"/Lang \((\w+)\)", data):
            return language[1].decode()
    return None


def pdf_fonts(content: bytes) -> str:
    return subprocess.run(["pdffonts", "-"], input=content, capture_output=True, check=True).stdout.decode()


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def skills():
    return [learning_builders.skill()]


@pytest.mark.parametrize("design", ["modern", "classic"])
@pytest.mark.parametrize(
    ("language", "heading", "result"),
    [
        ("en", "Community projects", "Active members: 1,200 members → 4,800 members in 6 months"),
        ("id", "Proyek komunitas", "Active members: 1.200 members → 4.800 members dalam 6 months"),
    ],
)
def test_the_pdf_reads_back_as_typed(learner, skills, design, language, heading, result):
    profile = full_portfolio(learner, skills=skills)
    content = pdf_of(profile, ResumeOptions(design=design, language=language))
    text = words(pdf_text(content))
    assert "Sari Wulandari" in text
    assert result in text
    assert heading.upper() in text.upper()
    info = pdf_info(content)
    title = "Résumé" if language == "en" else "CV"
    assert info["Title"].strip() == f"Sari Wulandari \N{EN DASH} {title}"
    assert info["Author"].strip() == "Sari Wulandari"
    assert info["Tagged"].strip() == "yes" and 'pdfuaid:part="1"' in pdf_metadata(content)  # PDF/UA-1
    assert info["Page size"].strip().startswith("595.")  # A4
    assert document_language(content) == language


def test_letter_paper(learner):
    content = pdf_of(full_portfolio(learner, projects=1), ResumeOptions(paper="letter"))
    assert pdf_info(content)["Page size"].strip().startswith("612 x 792")


def test_words_come_back_without_ligatures_and_every_font_is_ours(learner):
    profile = full_portfolio(learner, projects=1)
    profile.summary = "An official profile: fluent in workflow, fifty affiliates, offline-first."
    profile.save()
    content = pdf_of(profile, ResumeOptions(design="classic"))
    assert "An official profile: fluent in workflow, fifty affiliates, offline-first." in words(
        pdf_text(content)
    )
    fonts = pdf_fonts(content).splitlines()[2:]
    # Embedded, subset, and named after our own font faces: no system font stood in.
    assert fonts and all(line.split()[0].split("+")[1].startswith("Kelola-") for line in fonts), fonts
    assert all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in fonts), fonts


@pytest.mark.parametrize("design", ["modern", "classic"])
def test_names_in_any_script(learner, design):
    profile = full_portfolio(learner, projects=1, name="Nguyễn Thị Hương")
    profile.headline = "王小明 · 社区经理"
    profile.summary = "مدير المجتمع"
    profile.save()
    content = pdf_of(profile, ResumeOptions(design=design))
    text = pdf_text(content)
    assert "Nguyễn Thị Hương" in text and "王小明" in text and "社区经理" in text
    assert any(letter in text for letter in "مدير")
    fonts = pdf_fonts(content)
    assert "Kelola-Chinese" in fonts and "Kelola-Arabic" in fonts and "DejaVu" not in fonts


def test_a_long_portfolio_breaks_pages_well(learner):
    content = pdf_of(full_portfolio(learner, projects=8), ResumeOptions(design="classic"))
    pages = int(pdf_info(content)["Pages"])
    assert 3 <= pages <= 5
    for page in range(1, pages + 1):
        text = words(pdf_text(content, page=page))
        assert re.search(rf"{page} ?/ ?{pages}$", text)  # page numbers
        # A project never splits: its title and its outcome share a page.
        for number in range(1, 9):
            if f"Project {number}:" in text:
                assert f"Outcome {number}:" in text, (page, number)
        # A heading is never left alone at the bottom of a page.
        assert (
            not text.upper().removesuffix(f"SARI WULANDARI {page} / {pages}").strip().endswith("EXPERIENCE")
        )


def test_the_skills_chart_and_levels_are_in_the_pdf(learner, skills):
    learning_builders.skill("moderation", "Moderation")
    learning_builders.skill("analytics", "Analytics")
    profile = full_portfolio(learner, projects=1, skills=skills)
    html = resume_html(profile, ResumeOptions())
    assert 'class="skills-radar"' in html
    text = words(pdf_text(pdf_of(profile, ResumeOptions())))
    assert "SKILLS" in text and "Aware" in text


def test_achievements_can_be_left_out(learner, skills):
    profile = full_portfolio(learner, projects=1, skills=skills)
    profile.include_course_achievements = False
    profile.save()
    html = resume_html(profile, ResumeOptions())
    assert "Sari Wulandari" in html and "Project 1:" in html
    assert "skills-radar" not in html


def test_projects_left_out_stay_out(learner):
    profile = full_portfolio(learner, projects=2)
    profile.projects.filter(sort_order=2).update(in_resume=False)
    html = resume_html(profile, ResumeOptions())
    assert "Project 1:" in html and "Project 2:" not in html


def test_hostile_text_is_inert_in_html_and_pdf(learner):
    profile = full_portfolio(learner, projects=1, text=XSS)
    html = resume_html(profile, ResumeOptions())
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<script>alert("x")</script>' in pdf_text(pdf_of(profile, ResumeOptions()))


class Canary(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        Canary.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"root:x:0:0:canary")

    def log_message(self, *args):
        pass


@pytest.fixture
def canary():
    """A web server on 127.0.0.1 that records every request made to it."""
    Canary.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Canary)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def hostile_references(canary: str) -> str:
    return (
        f'<img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/passwd">'
        f'<link rel="stylesheet" href="{canary}/style.css"><img src="{canary}/pixel.png">'
        f'<img src="http://169.254.169.254/latest/meta-data/"><a rel="attachment" href="{canary}/a">x</a>'
        f'<style>@import url("{canary}/import.css"); body {{ background: url("file:///etc/passwd") }}</style>'
        f'<img src="/static/../../../../etc/passwd"><img src="/media/../cms/settings/base.py">'
        f'<img src="/static/%2e%2e/%2e%2e/etc/passwd"><img src="//127.0.0.1:1/x">'
    )


def test_a_resume_with_hostile_references_fetches_nothing(learner, canary):
    profile = full_portfolio(learner, projects=1, text=hostile_references(canary)[:150])
    profile.summary = hostile_references(canary)
    profile.save()
    content = pdf_of(profile, ResumeOptions())
    assert Canary.hits == []
    assert "Sari Wulandari" in pdf_text(content)
    assert b"/EmbeddedFiles" not in content and b"root:x:0" not in content


def test_even_raw_hostile_html_fetches_nothing(canary):
    """Were the template ever to let markup through, the fetcher still serves only our files."""
    content = render_pdf(
        f"<html><body><p>Hello</p>{hostile_references(canary)}</body></html>", roots=file_roots()
    )
    assert Canary.hits == []
    assert b"/EmbeddedFiles" not in content and b"/FileAttachment" not in content
    assert "Hello" in pdf_text(content)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1/static/css/resume.css",
        "https://kelola.invalid/static/../../../etc/passwd",
        "https://kelola.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "https://kelola.invalid/media/../manage.py",
        "https://kelola.invalid/etc/passwd",
        "https://kelola.invalid.example.org/static/css/resume.css",
    ],
)
def test_the_fetcher_serves_nothing_outside_our_files(url):
    assert file_roots().find(url) is None


def test_the_fetcher_serves_our_static_files_and_fonts():
    roots = file_roots()
    assert roots.find(f"{BASE_URL}static/css/resume.css") == Path(settings.BASE_DIR / "static/css/resume.css")
    assert roots.find(f"{BASE_URL}static/css/resume-fonts-print.css") == Path(
        settings.BASE_DIR / "static/css/resume-fonts-print.css"
    )
    assert roots.find(f"{BASE_URL}static/vendor/fonts/NotoSans-Regular.ttf") == Path(
        settings.BASE_DIR / "node_modules/@embedpdf/fonts-latin/fonts/NotoSans-Regular.ttf"
    )


def test_limits_stop_a_render(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_HTML_BYTES", 100)
    with pytest.raises(PdfError, match="too long"):
        render_pdf("<p>" + "x" * 200 + "</p>", roots=file_roots())
    monkeypatch.setattr(pdf, "MAX_HTML_BYTES", 2_000_000)
    monkeypatch.setattr(pdf, "RENDER_TIMEOUT", 0.01)
    with pytest.raises(PdfError, match="too long and was stopped"):
        render_pdf("<p>" + "word " * 50_000 + "</p>", roots=file_roots())
    monkeypatch.setattr(pdf, "RENDER_TIMEOUT", 30)
    assert render_pdf("<p>After a timeout the next render works.</p>", roots=file_roots()).startswith(b"%PDF")


# The pages.


@pytest.mark.parametrize("url_name", ["resume", "resume_preview"])
def test_resume_pages_need_an_account(client, url_name):
    response = client.get(reverse(f"portfolio:{url_name}"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_exports_need_an_account_and_belong_to_their_owner(client, learner, other_learner, mentor):
    full_portfolio(learner, projects=1)
    response = client.post(reverse("portfolio:resume_pdf"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(learner)
    export = ResumeExport.objects.get(pk=client.post(reverse("portfolio:resume_pdf")).url.split("/")[-2])
    for who in (other_learner, mentor):
        client.force_login(who)
        assert client.get(reverse("portfolio:resume_export", args=[export.pk])).status_code == 404
        assert client.get(reverse("portfolio:resume_export_file", args=[export.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("portfolio:resume_export_file", args=[export.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("who", ["learner", "other_learner", "mentor", "editor"])
def test_everyone_gets_their_own_resume_only(client, request, learner, who):
    full_portfolio(learner, projects=1, name="Sari Owner")
    user = request.getfixturevalue(who)
    client.force_login(user)
    html = client.get(reverse("portfolio:resume_preview")).content.decode()
    assert ("Sari Owner" in html) == (who == "learner")


def test_download_gives_the_pdf_with_a_file_name(client, learner):
    full_portfolio(learner, projects=1)
    client.force_login(learner)
    options = {"design": "classic", "paper": "a4", "language": "id"}
    response = client.post(reverse("portfolio:resume_pdf"), options, follow=True)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert "CV%20%E2%80%93" in disposition and "attachment" in disposition
    assert "Proyek komunitas".upper() in pdf_text(response.getvalue()).upper()
    export = ResumeExport.objects.latest("pk")
    assert export.status == ExportStatus.READY and export.options["language"] == "id"


def test_a_queued_export_says_it_is_being_prepared(client, learner, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    full_portfolio(learner, projects=1)
    client.force_login(learner)
    page = client.post(reverse("portfolio:resume_pdf"), follow=True)
    assert "being prepared" in page.content.decode() and '<meta http-equiv="refresh"' in page.content.decode()
    export = ResumeExport.objects.get()
    assert client.get(reverse("portfolio:resume_export_file", args=[export.pk])).status_code == 404
    render_export.call(export.pk)  # what the worker does
    response = client.get(reverse("portfolio:resume_export", args=[export.pk]), follow=True)
    assert response["Content-Type"] == "application/pdf"


def test_a_failing_render_is_retried_then_reported_and_leaves_no_file(client, learner, monkeypatch):
    full_portfolio(learner, projects=1)
    client.force_login(learner)
    monkeypatch.setattr(pdf, "MAX_HTML_BYTES", 100)
    page = client.post(reverse("portfolio:resume_pdf"), follow=True).content.decode()
    assert "could not be made into a PDF" in page and "too long" in page
    export = ResumeExport.objects.get()
    assert (export.status, export.attempts, export.pdf.name) == (ExportStatus.FAILED, RENDER_ATTEMPTS, "")
    assert client.get(reverse("portfolio:resume_export_file", args=[export.pk])).status_code == 404
    # Fixed (here: the limit back), "Try again" makes it.
    monkeypatch.setattr(pdf, "MAX_HTML_BYTES", 2_000_000)
    response = client.post(reverse("portfolio:resume_export", args=[export.pk]), follow=True)
    assert response["Content-Type"] == "application/pdf"


def test_a_later_attempt_can_succeed(learner, monkeypatch):
    real_render = pdf.render_pdf
    failures = iter([PdfError("took too long")])

    def flaky(html, **kwargs):
        if (error := next(failures, None)) is not None:
            raise error
        return real_render(html, **kwargs)

    monkeypatch.setattr("portfolio.resume.render_pdf", flaky)
    export = request_export(full_portfolio(learner, projects=1), ResumeOptions())
    export.refresh_from_db()
    assert (export.status, export.attempts) == (ExportStatus.READY, 1) and export.pdf.read().startswith(
        b"%PDF"
    )


def test_unknown_options_are_refused(client, learner):
    profile_of(learner)
    client.force_login(learner)
    assert client.post(reverse("portfolio:resume_pdf"), {"design": "fancy"}).status_code == 400
    assert not ResumeExport.objects.exists()
    assert client.get(reverse("portfolio:resume_preview"), {"paper": "A0"}).status_code == 400
    page = client.get(reverse("portfolio:resume"), {"design": "fancy"})
    assert page.status_code == 200 and page.context["form"].errors["design"]


def test_updating_the_preview_shows_the_options_in_the_address(client, learner):
    profile_of(learner)
    client.force_login(learner)
    options = {"design": "classic", "paper": "letter", "language": "id"}
    response = client.post(reverse("portfolio:resume"), options)
    assert response.url == f"{reverse('portfolio:resume')}?design=classic&paper=letter&language=id"
    page = client.get(response.url).content.decode()
    assert (
        f'src="{reverse("portfolio:resume_preview")}?design=classic&amp;paper=letter&amp;language=id"' in page
    )
    with_photo = client.post(reverse("portfolio:resume"), {**options, "photo": "on"})
    assert with_photo.url == f"{reverse('portfolio:resume')}?design=classic&paper=letter&language=id&photo=on"
    refused = client.post(reverse("portfolio:resume"), {**options, "design": "fancy"})
    assert refused.status_code == 200 and refused.context["form"].errors["design"]
    assert refused.context["form"].data["language"] == "id"


def test_the_preview_may_be_framed_by_our_pages_only(client, learner):
    client.force_login(learner)
    assert client.get(reverse("portfolio:resume_preview"))["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.parametrize("url_name", ["resume", "resume_preview"])
def test_query_count_does_not_grow_with_the_portfolio(client, learner, url_name):
    skills = [
        learning_builders.skill(name.lower(), name) for name in ("Communication", "Moderation", "Analytics")
    ]
    full_portfolio(learner, projects=1, skills=skills[:1])
    client.force_login(learner)
    small = page_queries(client, reverse(f"portfolio:{url_name}"))
    Project.objects.all().delete()
    full_portfolio(learner, projects=6, skills=skills)
    assert page_queries(client, reverse(f"portfolio:{url_name}")) == small


def test_the_photo_travels_in_the_html_at_print_size(learner):
    profile = full_portfolio(learner, projects=1)
    upload = BytesIO()
    Image.new("RGB", (1600, 1200), (15, 118, 110)).save(upload, "PNG")
    profile.photo.save("face.png", ContentFile(upload.getvalue()))
    html = resume_html(profile, ResumeOptions())
    assert '<img class="photo" src="data:image/jpeg;base64,' in html
    assert profile.photo.url not in html
    images = subprocess.run(
        ["pdfimages", "-list", "-"], input=pdf_of(profile, ResumeOptions()), capture_output=True, check=True
    ).stdout.decode()
    (row,) = images.splitlines()[2:]
    width, height = (int(value) for value in row.split()[3:5])
    assert (width, height) == (480, 360)
    html = resume_html(profile, ResumeOptions(photo=False))
    assert "Sari Wulandari" in html
    assert "data:image" not in html


@pytest.mark.parametrize(
    "url",
    [
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "data:image/png,not-base64",
        "data:image/jpeg;base64,@@@",
    ],
)
def test_only_embedded_jpeg_and_png_images_are_read(url):
    with pytest.raises(ValueError, match="Only JPEG and PNG"):
        pdf._embedded_image(url)


LONG_URL = "https://example.com/a-very-long-community-project-name-with-many-hyphens"


@pytest.mark.parametrize("design", ["modern", "classic"])
def test_addresses_read_back_whole_from_the_pdf(learner, design):
    """A line may end inside an address, never after one of its hyphens: extraction would drop that hyphen."""
    profile = full_portfolio(learner, projects=1)
    profile.links.create(label="Project", url=LONG_URL)
    profile.projects.get().links.create(label="Site", url=LONG_URL)
    lines = pdf_text(pdf_of(profile, ResumeOptions(design=design))).splitlines()
    assert not [line for line in lines if line.endswith("-")]
    text = "".join(lines)  # a line break inside an address adds nothing to it
    assert text.count(LONG_URL.removeprefix("https://")) == 2
    assert text.count(LONG_URL) == 1  # the project's link, printed with its scheme


@pytest.mark.parametrize("stylesheet", ["css/resume.css", "css/resume-fonts-print.css"])
def test_the_renderer_reads_the_stylesheets_the_digest_hashes(settings, tmp_path, stylesheet):
    """A stale collected copy (left by `collectstatic`) is neither served nor hashed."""
    (tmp_path / "css").mkdir()
    (tmp_path / stylesheet).write_text("body { color: red; }")
    settings.STATIC_ROOT = tmp_path
    served = file_roots().find(f"{BASE_URL}static/{stylesheet}")
    assert served == stylesheet_path(stylesheet) == settings.BASE_DIR / "static" / stylesheet


def test_a_new_font_is_not_served_from_an_old_pdf(learner, settings, tmp_path):
    html = resume_html(full_portfolio(learner, projects=1), ResumeOptions())
    before = resume_digest(html)
    (tmp_path / "css").mkdir()
    fonts = stylesheet_path("css/resume-fonts-print.css").read_text()
    (tmp_path / "css" / "resume-fonts-print.css").write_text(fonts.replace("NotoSans-Bold", "NotoSans-Black"))
    settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]  # found before ours
    assert resume_digest(html) != before


def test_the_pdf_and_the_preview_each_load_their_own_fonts(learner):
    """WeasyPrint reads the print and "all" stylesheets, a browser the screen and "all" ones."""
    html = resume_html(full_portfolio(learner, projects=1), ResumeOptions())
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)" media="(\w+)">', html) == [
        ("/static/css/resume-fonts-print.css", "print"),
        ("/static/css/resume-fonts-screen.css", "screen"),
        ("/static/css/resume.css", "all"),
    ]


def test_every_face_of_the_pdf_is_a_file_the_renderer_can_fetch():
    faces = re.findall(r"@font-face \{(.*?)\}", stylesheet_path("css/resume-fonts-print.css").read_text())
    assert len(faces) == 12
    for face in faces:
        (source,) = re.findall(r'url\("\.\./(.+\.(?:ttf|otf))"\)', face)
        assert file_roots().find(f"{BASE_URL}static/{source}").is_file()
    # The résumé's own stylesheet declares no face: the fonts differ between the PDF and the preview.
    assert "@font-face" not in stylesheet_path().read_text()


def test_levels_and_paper_come_from_the_stylesheet_not_inline_styles(learner, skills):
    """The Content-Security-Policy refuses inline styles in the preview: an Aware meter is a quarter full by its
    class, and letter paper is a named page of the stylesheet (the PDF's size: test_letter_paper)."""
    profile = full_portfolio(learner, projects=1, skills=skills)
    html = resume_html(profile, ResumeOptions(paper="letter"))
    assert re.findall(r'<span class="meter-fill[^"]*">', html) == ['<span class="meter-fill meter-fill-1">']
    assert '<html lang="en" class="paper-letter">' in html
    assert re.findall(r"<style|style=", html) == []
