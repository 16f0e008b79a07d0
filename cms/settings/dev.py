"""Local development: README command 1 serves the site with these settings."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine on a developer's machine; production.py refuses to start without a real one.
SECRET_KEY = SECRET_KEY or "django-insecure-kelola-development-only"  # noqa: F405
