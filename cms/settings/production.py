"""Production: every secret and host comes from the environment; HTTPS is assumed."""

import os

from django.core.checks.security.base import SECRET_KEY_MIN_LENGTH, SECRET_KEY_MIN_UNIQUE_CHARACTERS
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from .base import *  # noqa: F403
from .base import LOGGING, REDIS_URL, SECRET_KEY, STORAGES, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable (50+ random characters).")
# What `check --deploy` only warns about (W009) stops the start: a guessable key lets anyone forge sessions and
# password-reset links. .env.example's placeholder is refused however it is padded.
if (
    SECRET_KEY.startswith(("change-me", "django-insecure-"))
    or len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
):
    raise ImproperlyConfigured(
        "SECRET_KEY is the placeholder from .env.example or too weak: it needs 50 or more random characters. "
        'Make one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

DEBUG = env_bool("DEBUG", False)

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
# The résumé's font files are read from disk by the PDF renderer, seldom downloaded: compressing their megabytes with
# Brotli would make every collectstatic take minutes.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "ttf", "otf"]

# The app runs behind a TLS-terminating proxy that sets X-Forwarded-Proto, and appends the address it saw to
# X-Forwarded-For (docs/deployment.md): log-in throttling and rate limits count that address, never one a client
# wrote into the header itself.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if not REDIS_URL:
    # Without Redis the app servers share their cache through the database (`manage.py createcachetable`, once).
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kelola_cache"}
    }

# Background tasks wait in the database for `manage.py db_worker` (see README, Deploying): no extra service to run,
# and a task is saved like any other row, in the transaction that asks for it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Load balancers and process managers probe /health/ over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# Structured logs: one JSON object per line on stdout, for whatever collects them.
LOGGING["formatters"]["json"] = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
}
LOGGING["handlers"]["console"]["formatter"] = "json"
