"""A résumé export whose render was interrupted (its worker died mid-render, as when the database restarts under it)
is reported failed with a Try again, never left "being prepared" for ever, whether its page is opened or the daily
cleanup finds it first; and no export is saved without a task."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from portfolio.models import ExportStatus, ResumeExport
from portfolio.resume import ABANDONED_AFTER, ResumeOptions, clean_up_exports, request_export
from tests.portfolio.builders import full_portfolio

pytestmark = pytest.mark.django_db

LONG_AGO = timedelta(seconds=1) + ABANDONED_AFTER


@pytest.fixture
def production_tasks(settings):
    """Tasks wait in the database for `manage.py db_worker`, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def export(learner, client, production_tasks):
    client.force_login(learner)
    return request_export(full_portfolio(learner, projects=1), ResumeOptions())


def set_task(export, status: str, started_ago: timedelta | None = None) -> None:
    started_at = timezone.now() - started_ago if started_ago is not None else None
    DBTaskResult.objects.filter(pk=export.task_id).update(status=status, started_at=started_at)


def interrupt(export, task_state: tuple[str, timedelta] | None) -> None:
    """The export's task in `task_state`, or pruned (None)."""
    if task_state is None:
        DBTaskResult.objects.filter(pk=export.task_id).delete()
    else:
        set_task(export, *task_state)


BEING_PREPARED = pytest.mark.parametrize(
    "task_state",
    [("READY", None), ("RUNNING", timedelta(seconds=5))],
    ids=["waiting for a worker", "being rendered"],
)
INTERRUPTED = pytest.mark.parametrize(
    "task_state",
    [("RUNNING", LONG_AGO), ("FAILED", LONG_AGO), ("SUCCESSFUL", LONG_AGO), None],
    ids=["worker died mid-render", "task failed", "task ended without it", "task pruned"],
)


@BEING_PREPARED
def test_an_export_waiting_or_being_rendered_is_being_prepared(client, export, task_state):
    set_task(export, *task_state)

    page = client.get(reverse("portfolio:resume_export", args=[export.pk])).content.decode()

    assert "Your résumé is being prepared." in page
    export.refresh_from_db()
    assert export.status == ExportStatus.QUEUED


@INTERRUPTED
def test_an_interrupted_render_can_be_tried_again(client, export, task_state):
    interrupt(export, task_state)
    url = reverse("portfolio:resume_export", args=[export.pk])

    page = client.get(url).content.decode()

    assert "could not be made into a PDF" in page and "Try again" in page
    lost_task = export.task_id
    export.refresh_from_db()
    assert (export.status, export.pdf.name) == (ExportStatus.FAILED, "")
    client.post(url)
    export.refresh_from_db()
    assert export.status == ExportStatus.QUEUED and export.task_id != lost_task
    assert DBTaskResult.objects.get(pk=export.task_id).status == "READY"


@INTERRUPTED
def test_the_cleanup_fails_an_interrupted_render_by_the_same_rule(client, export, task_state):
    interrupt(export, task_state)

    assert clean_up_exports.call() == {"deleted": 0, "failed": 1, "cleared": 0}

    export.refresh_from_db()
    assert (export.status, export.error) == (
        ExportStatus.FAILED,
        "something went wrong on our side; try again in a moment.",
    )
    page = client.get(reverse("portfolio:resume_export", args=[export.pk])).content.decode()
    assert "could not be made into a PDF" in page and "Try again" in page


@BEING_PREPARED
def test_the_cleanup_leaves_a_render_in_progress(export, task_state):
    set_task(export, *task_state)

    assert clean_up_exports.call() == {"deleted": 0, "failed": 0, "cleared": 0}

    export.refresh_from_db()
    assert export.status == ExportStatus.QUEUED and export.html


def test_an_export_is_saved_only_with_its_task(learner, production_tasks, monkeypatch):
    def database_gone(*args, **kwargs):
        raise OperationalError("the database went away")

    monkeypatch.setattr(DatabaseBackend, "enqueue", database_gone)

    with pytest.raises(OperationalError):
        request_export(full_portfolio(learner, projects=1), ResumeOptions())
    assert not ResumeExport.objects.exists()


def wait_for_a_worker(export, *, waited: timedelta, due_ago: timedelta | None = None) -> None:
    """The export's task enqueued `waited` ago, due `due_ago` ago (by default when enqueued), started by nobody."""
    now = timezone.now()
    DBTaskResult.objects.filter(pk=export.task_id).update(
        enqueued_at=now - waited, run_after=now - (due_ago if due_ago is not None else waited)
    )


NO_WORKER = {
    "en": (
        "The résumé service is not running right now.",
        "Your request is kept and we will keep trying: the PDF is made as soon as the service is back.",
    ),
    "id": (
        "Layanan pembuat CV sedang tidak berjalan.",
        "Permintaan Anda tetap tersimpan dan kami akan terus mencoba: PDF dibuat begitu layanan kembali berjalan.",
    ),
}


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_minute_without_a_worker_says_the_service_is_not_running(client, export, language):
    wait_for_a_worker(export, waited=timedelta(seconds=61))

    with translation.override(language):
        page = client.get(reverse("portfolio:resume_export", args=[export.pk])).content.decode()

    headline, explanation = NO_WORKER[language]
    assert [headline in page, explanation in page] == [True, True]
    assert '<meta http-equiv="refresh" content="30">' in page
    export.refresh_from_db()
    assert export.status == ExportStatus.QUEUED  # still waiting: a worker that starts makes it


@pytest.mark.parametrize(
    ("waited", "due_ago"),
    [(timedelta(seconds=59), None), (timedelta(minutes=5), timedelta(seconds=30))],
    ids=["under a minute", "a retry due only 30 s ago"],
)
def test_a_render_not_yet_a_minute_overdue_is_being_prepared(client, export, waited, due_ago):
    wait_for_a_worker(export, waited=waited, due_ago=due_ago)

    page = client.get(reverse("portfolio:resume_export", args=[export.pk])).content.decode()

    assert ["Your résumé is being prepared." in page, NO_WORKER["en"][0] in page] == [True, False]
    assert '<meta http-equiv="refresh" content="3">' in page


def test_a_render_started_late_is_no_longer_reported_missing(client, export):
    wait_for_a_worker(export, waited=timedelta(minutes=5))
    set_task(export, "RUNNING", timedelta(seconds=2))

    page = client.get(reverse("portfolio:resume_export", args=[export.pk])).content.decode()

    assert ["Your résumé is being prepared." in page, NO_WORKER["en"][0] in page] == [True, False]
