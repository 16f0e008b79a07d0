"""Résumé exports in production: queued in the database, made by `manage.py db_worker`.

A module of its own: the test commits, so it runs after the tests that stay inside a transaction (a module runs as
one unit on an xdist worker, and pytest-django orders transactional tests last)."""

from io import StringIO

import pytest
from django.core.management import call_command

from portfolio.models import ExportStatus
from portfolio.resume import ResumeOptions, request_export
from tests.portfolio.builders import full_portfolio


# The worker closes its database connections between tasks, as a long-running process should: the test cannot sit
# inside a transaction (PostgreSQL would lose it), so it commits, and restores the migrations' data afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_production_the_worker_makes_the_pdf(learner, settings):
    """The production set-up: the export waits in the database until `manage.py db_worker` runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    export = request_export(full_portfolio(learner, projects=1), ResumeOptions())
    export.refresh_from_db()
    assert (export.status, export.pdf.name) == (ExportStatus.QUEUED, "")
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=StringIO(), stderr=StringIO())
    export.refresh_from_db()
    assert export.status == ExportStatus.READY and export.pdf.read().startswith(b"%PDF")
