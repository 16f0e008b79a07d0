"""Fast, isolated settings for the test suite."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "kelola-tests"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if REDIS_URL:  # noqa: F405
    # CI's PostgreSQL run uses Redis too: a database per xdist worker, as clearing the cache flushes a whole one.
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    CACHES["default"]["LOCATION"] = urlsplit(REDIS_URL)._replace(path=f"/{1 + worker}").geturl()  # noqa: F405
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "build" / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files are served from the finders in tests; no collectstatic run, so no STATIC_ROOT to scan.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
