"""The database cache's table (production without Redis): made by `migrate`, and missed by `check --deploy`.

Without its table every cache read fails, so every page answers 503. `createcachetable` makes it; running it after
each `migrate` means no deployment can forget, and the deployment check catches a database migrated before that."""

from django.conf import settings
from django.core import checks
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import DatabaseError, connections
from django.db.migrations.recorder import MigrationRecorder


def database_cache_tables() -> list[str]:
    return [
        options["LOCATION"]
        for options in settings.CACHES.values()
        if options["BACKEND"] == f"{DatabaseCache.__module__}.{DatabaseCache.__name__}"
    ]


def create_cache_tables(sender, using, verbosity, **kwargs) -> None:
    """After `migrate` (post_migrate): the tables that are missing; nothing when there are none to make."""
    if database_cache_tables():
        call_command("createcachetable", database=using, verbosity=verbosity)


@checks.register(checks.Tags.caches, deploy=True)
def check_cache_tables(app_configs, **kwargs) -> list[checks.Error]:
    """`check --deploy`: a migrated database whose cache table is missing (a database not migrated yet gets it from
    `migrate`, so is not reported)."""
    connection = connections["default"]
    try:
        tables = connection.introspection.table_names()
    except DatabaseError:  # unreachable: Django's own checks and /health/ say so
        return []
    if MigrationRecorder.Migration._meta.db_table not in tables:
        return []
    return [
        checks.Error(
            f"The database cache table '{table}' does not exist: every page would answer 503.",
            hint="Run `python manage.py createcachetable` (`migrate` does it too).",
            id="kelola.E001",
        )
        for table in database_cache_tables()
        if table not in tables
    ]
