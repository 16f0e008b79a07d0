import uuid
from collections import defaultdict

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from cms.site_pages import load_site_pages
from learning.models import CourseIndexPage
from tests import factories
from tests.database import (
    fresh,
    in_memory_copy,
    load_shipped_content,
    migrate_template,
    restore,
    saved_state,
    uses_in_memory_sqlite,
)

RUN = uuid.uuid4().hex

# Property-based tests (tests/test_hostile_forms.py): a few examples per page and language keep the suite fast; a
# longer hunt: `pytest --hypothesis-profile=thorough tests/test_hostile_forms.py`. No example database: nothing is
# written to the working tree.
hypothesis_settings.register_profile("ci", max_examples=6, deadline=None, database=None, derandomize=True)
hypothesis_settings.register_profile("thorough", max_examples=200, deadline=None, database=None)
hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session")
def test_run(request) -> str:
    """This run's id, the same in every xdist worker."""
    return getattr(request.config, "workerinput", {}).get("testrunuid") or RUN


@pytest.fixture(scope="session")
def database_template(request, django_db_blocker, django_db_createdb, test_run):
    """The migrated SQLite database this process's test database starts as a copy of (tests/database.py), or None
    (PostgreSQL, `--nomigrations`)."""
    if not uses_in_memory_sqlite() or request.config.getvalue("nomigrations"):
        return None
    with django_db_blocker.unblock():
        return migrate_template(rebuild_for=test_run if django_db_createdb else None)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, database_template):
    """On SQLite, the test database starts migrated."""
    if database_template is None:
        yield
        return
    with in_memory_copy(database_template):
        yield


def _commits(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(items):
    """Two rules that keep results independent of the order tests run in.

    The tests of a class share what its class-scoped fixtures build, so they must all ask for the same: data one test
    alone asked for would be there for the tests after it and not before.

    A test that commits (a live server, a worker) empties the database when it ends, so pytest-django runs such tests
    last; xdist (`--dist loadscope`) runs a module as one unit, so a module must hold only such tests or none."""
    worlds, commits = defaultdict(set), defaultdict(set)
    for item in items:
        if getattr(item, "cls", None):
            worlds[item.cls].add(frozenset(name for name in item.fixturenames if name.startswith("class_")))
        commits[item.path].add(_commits(item))
    mixed = sorted(cls.__qualname__ for cls, asked in worlds.items() if len(asked) > 1)
    if mixed:
        raise pytest.UsageError(
            f"Tests of {', '.join(mixed)} ask for different class-scoped data: list it in the class's usefixtures."
        )
    mixed = sorted(str(path) for path, kinds in commits.items() if len(kinds) > 1)
    if mixed:
        raise pytest.UsageError(
            f"Move the tests that commit out of {', '.join(mixed)} into a module of their own."
        )


@pytest.fixture(scope="class")
def class_db(django_db_setup, django_db_blocker):
    """Data built once for a test class, as Django's setUpTestData builds it: it is kept in a transaction that ends
    with the class, and each test runs in a savepoint inside it (the `db` fixture), so every test starts from what
    the class built and undoes its own changes. A test outside a class gets class-scoped fixtures to itself. pytest
    sets class-scoped fixtures up before function-scoped ones: data a fixture builds on (a translation of everything
    under the course) must be class-scoped too."""
    with django_db_blocker.unblock(), translation.override("en"), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="class")
def class_site_pages(class_db):
    return load_site_pages()


@pytest.fixture
def site_pages(db, class_site_pages):
    """The home and about pages in English and Indonesian, as the demo loads them (built once per class)."""
    return fresh(class_site_pages)


@pytest.fixture(scope="class")
def class_curriculum(django_db_setup, django_db_blocker, test_run, database_template):
    """Like `class_db`, with the site pages and the shipped content in. Loading them takes seconds: on SQLite the
    first class of the run loads them and saves the database, later classes copy it in (tests/database.py) and put
    the untouched database back afterwards."""
    with django_db_blocker.unblock():
        copied = database_template is not None and not connection.in_atomic_block
        try:
            if copied:
                saved_state("curriculum", run=test_run, build=load_shipped_content)
            with translation.override("en"), transaction.atomic():
                yield (
                    CourseIndexPage.objects.get(locale__language_code="en")
                    if copied
                    else load_shipped_content()
                )
                transaction.set_rollback(True)
        finally:
            if copied:
                restore(database_template)


@pytest.fixture
def curriculum(db, class_curriculum):
    """The site pages and the shipped course, skills and quizzes (loaded once per class, or once per run)."""
    return fresh(class_curriculum)


@pytest.fixture
def learner(db):
    return factories.learner(username="lina")


@pytest.fixture
def other_learner(db):
    return factories.learner(username="omar")


@pytest.fixture
def mentor(db):
    return factories.mentor(username="maya")


@pytest.fixture
def editor(db):
    return factories.editor(username="eko")


@pytest.fixture
def moderator(db):
    return factories.moderator(username="dewi")


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture(autouse=True)
def english_by_default():
    """Every test starts in English (the default language), whatever an earlier test activated: reversed URLs
    carry the active language's prefix, and translated messages follow it."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: with Redis (CI's PostgreSQL run) it outlives tests and runs."""
    cache.clear()
