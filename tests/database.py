"""The test database: how it starts, and what tests share of it.

On SQLite it starts as a copy of a migrated template kept in build/test-db/. Running Wagtail's and our migrations
takes half a minute, in every xdist worker, on every run: the template is migrated once and each worker copies it
into its in-memory test database with SQLite's backup API, as Django's own parallel runner clones SQLite databases.
The template is named after the migration files of every installed app, so a new or edited migration gets a new
template (`--create-db` builds it again anyway). Tests never write to it. PostgreSQL keeps its test databases itself
(`--reuse-db`).

Loading the shipped curriculum takes seconds too; on SQLite the first test of a run to need it saves the database it
loaded into a file, and later ones copy that in (`saved_state`).
"""

import fcntl
import hashlib
import sqlite3
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

from cms.site_pages import load_site_pages
from learning.curriculum import load_curriculum, load_skills
from learning.models import CourseIndexPage

FOLDER = Path(settings.BASE_DIR) / "build" / "test-db"


def template_path() -> Path:
    digest = hashlib.sha256()
    for app in apps.get_app_configs():
        for path in sorted(Path(app.path).glob("migrations/*.py")):
            digest.update(path.read_bytes())
    return FOLDER / f"migrated-{digest.hexdigest()[:16]}.sqlite3"


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


def migrate_template(*, rebuild_for: str | None) -> Path:
    """The template for the migrations as they are, migrated if need be; with `rebuild_for` (this run's id), built
    again from nothing unless this run already did."""
    template = template_path()
    with _locked(FOLDER / "template"):
        built_by = template.with_suffix(".run")
        if rebuild_for and (not built_by.exists() or built_by.read_text() != rebuild_for):
            template.unlink(missing_ok=True)
            built_by.write_text(rebuild_for)
        for old in FOLDER.glob("migrated-*"):
            if old.stem != template.stem:
                old.unlink()
        connection = connections["default"]
        name = connection.settings_dict["NAME"]
        connection.close()
        connection.settings_dict["NAME"] = str(template)
        try:
            call_command("migrate", verbosity=0, interactive=False)
        finally:
            connection.close()
            connection.settings_dict["NAME"] = name
    return template


@contextmanager
def in_memory_copy(template: Path):
    """While open, the in-memory database Django's test set-up uses holds a copy of `template`, so its `migrate`
    finds nothing to do."""
    # Django names the in-memory test database after the alias; a shared cache lets its connections see this copy.
    keeper = sqlite3.connect("file:memorydb_default?mode=memory&cache=shared", uri=True)
    try:
        with sqlite3.connect(template) as source:
            source.backup(keeper)
        yield
    finally:
        keeper.close()


def restore(path: Path) -> None:
    """Replace everything in the test database with the database saved in `path` (outside any transaction)."""
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def saved_state(name: str, *, run: str, build: Callable[[], object]) -> Path:
    """Bring the test database, untouched since the migrations, to the state `build()` leaves it in: the first
    process of this run (`run` is its id) to ask runs `build()` and saves the result in a file, later ones copy the
    file in. Returns the file."""
    path = FOLDER / f"{name}-{run}.sqlite3"
    with _locked(FOLDER / name):
        if path.exists():
            restore(path)
            return path
        for old in FOLDER.glob(f"{name}-*.sqlite3"):
            old.unlink()
        build()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    return path


def load_shipped_content() -> CourseIndexPage:
    """The site pages and the shipped course, skills and quizzes, as the demo loads them: the English course."""
    load_skills()
    return load_curriculum(home=load_site_pages())


def fresh(instance):
    """`instance` as the database holds it: data a test class shares reaches each test as its own object, whatever
    an earlier test did to its copy."""
    return type(instance).objects.get(pk=instance.pk)
