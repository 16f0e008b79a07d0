import pytest
from django.core.cache import cache
from django.utils import translation

from cms.site_pages import load_site_pages
from tests import factories


@pytest.fixture
def site_pages(db):
    """The home and about pages in English and Indonesian, as the demo loads them."""
    return load_site_pages()


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
