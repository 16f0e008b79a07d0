"""The test database: how it starts, and what tests share of it.

On SQLite it starts as a copy of a migrated template, kept between runs in build/. Running Wagtail's and our
migrations takes half a minute, in every xdist worker, on every run. The template is migrated once (new migrations
are applied to it at the start of each run, as `--reuse-db` does for a kept database; `--create-db` builds it again
from nothing) and each worker copies it into its in-memory test database with SQLite's backup API, as Django's own
parallel runner clones SQLite databases. Tests never write to the template: it only ever holds what the migrations
created. PostgreSQL keeps its test databases itself (`--reuse-db`).
"""

import fcntl
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections

TEMPLATE = Path(settings.BASE_DIR) / "build" / "test-db" / "migrated.sqlite3"


def uses_in_memory_sqlite(alias: str = "default") -> bool:
    database = settings.DATABASES[alias]
    return database["ENGINE"] == "django.db.backends.sqlite3" and not database.get("TEST", {}).get("NAME")


@contextmanager
def _locked(path: Path):
    """One process at a time (xdist workers start together)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def migrate_template(*, rebuild_for: str | None) -> None:
    """Apply pending migrations to the template; with `rebuild_for` (this run's id), start it again from nothing
    unless this run already did."""
    with _locked(TEMPLATE):
        built_by = TEMPLATE.with_suffix(".run")
        if rebuild_for and (not built_by.exists() or built_by.read_text() != rebuild_for):
            TEMPLATE.unlink(missing_ok=True)
            built_by.write_text(rebuild_for)
        connection = connections["default"]
        name = connection.settings_dict["NAME"]
        connection.close()
        connection.settings_dict["NAME"] = str(TEMPLATE)
        try:
            call_command("migrate", verbosity=0, interactive=False)
        finally:
            connection.close()
            connection.settings_dict["NAME"] = name


@contextmanager
def in_memory_copy():
    """While open, the in-memory database Django's test set-up uses holds a copy of the template, so its `migrate`
    finds nothing to do."""
    # Django names the in-memory test database after the alias; a shared cache lets its connections see this copy.
    keeper = sqlite3.connect("file:memorydb_default?mode=memory&cache=shared", uri=True)
    try:
        with sqlite3.connect(TEMPLATE) as template:
            template.backup(keeper)
        yield
    finally:
        keeper.close()


def fresh(instance):
    """`instance` as the database holds it: data a test class shares reaches each test as its own object, whatever
    an earlier test did to its copy."""
    return type(instance).objects.get(pk=instance.pk)
