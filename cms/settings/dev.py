"""Local development: README command 1 serves the site with these settings."""

from importlib.util import find_spec

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, MIDDLEWARE, env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine on a developer's machine; production.py refuses to start without a real one.
SECRET_KEY = SECRET_KEY or "django-insecure-kelola-development-only"  # noqa: F405

# django-debug-toolbar (the `dev` extra) on pages served to this machine. Outermost, so the page cache stores pages
# without it.
if DEBUG and find_spec("debug_toolbar"):
    INSTALLED_APPS = [*INSTALLED_APPS, "debug_toolbar"]
    MIDDLEWARE = ["debug_toolbar.middleware.DebugToolbarMiddleware", *MIDDLEWARE]
    INTERNAL_IPS = ["127.0.0.1", "::1"]
    # Folded to its handle, so that it hides no page until opened.
    DEBUG_TOOLBAR_CONFIG = {"SHOW_COLLAPSED": True}
