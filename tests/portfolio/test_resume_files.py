"""Résumé PDFs in file storage: downloaded from it, shared between a learner's exports of the same résumé (never
between learners), deleted with the last export naming them once that commits, and kept no longer than the
retention by `manage.py cleanup_exports`."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from portfolio.models import ExportStatus, ResumeExport
from portfolio.pdf import render_pdf
from portfolio.resume import ResumeOptions, render_export, request_export
from tests.portfolio.builders import full_portfolio

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The HTML of every PDF rendered."""
    rendered = []

    def counted(html, **kwargs):
        rendered.append(html)
        return render_pdf(html, **kwargs)

    monkeypatch.setattr("portfolio.resume.render_pdf", counted)
    return rendered


def stored_pdfs(media_root) -> set[str]:
    return {path.relative_to(media_root).as_posix() for path in media_root.glob("resumes/*")}


def test_the_pdf_is_a_file_in_storage_downloaded_by_its_owner(client, learner, media_root):
    export = request_export(full_portfolio(learner, projects=1), ResumeOptions(language="id"))
    export.refresh_from_db()
    assert export.status == ExportStatus.READY and stored_pdfs(media_root) == {export.pdf.name}
    stored = (media_root / export.pdf.name).read_bytes()
    assert stored.startswith(b"%PDF")
    client.force_login(learner)

    response = client.get(reverse("portfolio:resume_export_file", args=[export.pk]))

    assert response.getvalue() == stored
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(stored))
    assert response["Content-Disposition"] == content_disposition_header(
        True, "CV \N{EN DASH} Sari Wulandari.pdf"
    )
    assert (response["Cache-Control"], response["X-Content-Type-Options"]) == (
        "max-age=0, no-cache, no-store, must-revalidate, private",
        "nosniff",
    )


def test_the_same_resume_again_shares_the_file_without_a_second_render(learner, media_root, renders):
    profile = full_portfolio(learner, projects=1)
    first = request_export(profile, ResumeOptions())
    again = request_export(profile, ResumeOptions())
    first.refresh_from_db()
    assert len(renders) == 1
    assert (again.status, again.pdf.name, again.html) == (ExportStatus.READY, first.pdf.name, "")
    assert again.digest == first.digest and len(first.digest) == 64
    assert stored_pdfs(media_root) == {first.pdf.name}
    # Anything that changes the résumé makes another PDF.
    profile.projects.update(title="A new title")
    changed = request_export(profile, ResumeOptions())
    classic = request_export(profile, ResumeOptions(design="classic"))
    assert len(renders) == 3
    names = set(ResumeExport.objects.filter(pk__in=[changed.pk, classic.pk]).values_list("pdf", flat=True))
    assert len(names | {first.pdf.name}) == 3 and stored_pdfs(media_root) == names | {first.pdf.name}


def test_learners_never_share_a_file_even_for_the_same_resume(learner, other_learner, media_root, renders):
    mine = request_export(full_portfolio(learner, projects=1), ResumeOptions())
    theirs = request_export(full_portfolio(other_learner, projects=1), ResumeOptions())
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.digest == theirs.digest and renders[0] == renders[1]
    assert mine.pdf.name != theirs.pdf.name and len(stored_pdfs(media_root)) == 2


def test_a_shared_file_goes_with_the_last_export_naming_it(
    learner, media_root, django_capture_on_commit_callbacks
):
    profile = full_portfolio(learner, projects=1)
    first, again = (request_export(profile, ResumeOptions()) for _ in range(2))
    name = ResumeExport.objects.get(pk=first.pk).pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        ResumeExport.objects.filter(pk=first.pk).delete()
    assert stored_pdfs(media_root) == {name}
    with django_capture_on_commit_callbacks(execute=True):
        ResumeExport.objects.filter(pk=again.pk).delete()
        assert stored_pdfs(media_root) == {name}  # not before the deletion commits
    assert stored_pdfs(media_root) == set()


def test_a_deletion_rolled_back_keeps_the_file(learner, media_root, django_capture_on_commit_callbacks):
    export = request_export(full_portfolio(learner, projects=1), ResumeOptions())
    export.refresh_from_db()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        ResumeExport.objects.filter(pk=export.pk).delete()
        raise RuntimeError("the rest of the change failed")
    assert callbacks == []
    assert ResumeExport.objects.filter(pk=export.pk).exists()
    assert stored_pdfs(media_root) == {export.pdf.name}


def test_an_account_deleted_takes_its_pdfs(learner, media_root, django_capture_on_commit_callbacks):
    profile = full_portfolio(learner, projects=1)
    request_export(profile, ResumeOptions())
    request_export(profile, ResumeOptions(design="classic"))
    assert len(stored_pdfs(media_root)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        learner.delete()
    assert stored_pdfs(media_root) == set()


def test_an_export_deleted_while_rendering_leaves_no_file(learner, media_root, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    export = request_export(full_portfolio(learner, projects=1), ResumeOptions())

    def deleted_meanwhile(html, **kwargs):
        ResumeExport.objects.all().delete()
        return b"%PDF-1.7 made for nobody"

    monkeypatch.setattr("portfolio.resume.render_pdf", deleted_meanwhile)
    render_export.call(export.pk)  # what the worker does
    assert not ResumeExport.objects.exists() and stored_pdfs(media_root) == set()


def age(export: ResumeExport, days: float) -> None:
    ResumeExport.objects.filter(pk=export.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_the_cleanup_deletes_expired_exports_with_their_files_and_keeps_fresh_ones(
    learner, media_root, settings, django_capture_on_commit_callbacks
):
    settings.RESUME_EXPORT_RETENTION_DAYS = 7
    profile = full_portfolio(learner, projects=1)
    expired = request_export(profile, ResumeOptions())
    sharing_its_file = request_export(profile, ResumeOptions())
    expired_alone = request_export(profile, ResumeOptions(design="classic"))
    fresh = request_export(profile, ResumeOptions(paper="letter"))
    for export in (expired, sharing_its_file, expired_alone, fresh):
        export.refresh_from_db()
    age(expired, 7.01)
    age(expired_alone, 30)
    age(sharing_its_file, 6.99)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    queued = request_export(profile, ResumeOptions(language="id"))  # waiting for a worker: its HTML is needed
    output = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("cleanup_exports", stdout=output)

    assert output.getvalue() == (
        "Résumé exports: 2 expired and deleted, 0 failed (render lost), 1 HTML snapshots cleared.\n"
    )
    assert set(ResumeExport.objects.values_list("pk", flat=True)) == {
        sharing_its_file.pk,
        fresh.pk,
        queued.pk,
    }
    assert stored_pdfs(media_root) == {
        expired.pdf.name,
        fresh.pdf.name,
    }  # the first now named by its twin only
    assert dict(ResumeExport.objects.values_list("pk", "html")) == {
        sharing_its_file.pk: "",
        fresh.pk: "",
        queued.pk: queued.html,
    }
    assert queued.html.startswith("<!DOCTYPE html>")
