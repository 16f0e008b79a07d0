"""GET /health/: whether this app server can reach its database and its cache, for load balancers and monitors."""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _database_works() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database is unreachable")
        return False


def _cache_works() -> bool:
    key = f"health:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        works = cache.get(key) == "ok"
        cache.delete(key)
        return works
    except Exception:  # each cache backend fails in its own way (socket, Redis, database errors)
        logger.exception("Health check: the cache is unreachable")
        return False


@never_cache
def health(request):
    checks = {"database": _database_works(), "cache": _cache_works()}
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "failing",
            **{name: "ok" if ok else "failing" for name, ok in checks.items()},
        },
        status=200 if healthy else 503,
    )
