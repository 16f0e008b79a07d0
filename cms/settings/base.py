"""Settings shared by every environment. Values that differ per deployment come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import bootstrap
import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "cms",
    "cms.accounts",
    "learning",
    "portfolio",
    "mentoring",
    "fixtures",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_tasks_db",
    # Who may do what: imports each app's rules.py (its predicates and permissions) and gives templates
    # {% load rules %}.
    "rules.apps.AutodiscoverRulesConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Deletes uploads with their rows, only for the models marked @cleanup.select.
    "django_cleanup.apps.CleanupSelectedConfig",
    # Counts failed log-ins and locks out for a while (cms/accounts/login_throttle.py).
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # issue 21 (headers): security headers on every response but static files (the settings at the end).
    "cms.response_headers.PersonalNoStoreMiddleware",
    "cms.response_headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.accounts.language.AccountLanguageMiddleware",
    "cms.accounts.sessions.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.page_cache.AnonymousPageCacheMiddleware",
    # Last, so that the log-in views' responses pass through it: a locked-out log-in answers 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite file by default (nothing to start); DATABASE_URL switches to PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses every log-in, right password or not, while the account or the address is locked
    # out. It is a ModelBackend too, so a session that names it (force_login in tests names the first backend) can
    # still load its user. Then Django's own, which signs people in and gives the Wagtail admin's permissions by
    # group; then Kelola's permissions, declared in each app's rules.py (docs/architecture.md).
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
    "rules.permissions.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# A session ends after this many minutes without a request (cms/accounts/sessions.py keeps it alive while used).
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "120"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60

# Log-in throttling (django-axes, cms/accounts/login_throttle.py): after so many failures from one address, or for
# one username, every log-in from that address or for that username is refused for LOGIN_LOCKOUT_MINUTES, counted
# from the last failure before the lock (tries during the lock do not prolong it, and nothing locks for good).
# Staff and editors, whose accounts reach the admin, get fewer tries.
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_FAILURE_LIMIT = "cms.accounts.login_throttle.failure_limit"
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
LOGIN_FAILURE_LIMIT_STAFF = int(os.environ.get("LOGIN_FAILURE_LIMIT_STAFF", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The log-in form says so itself, in the page's language, with the person's input (login_throttle.LockoutMessage).
AXES_LOCKOUT_CALLABLE = "cms.accounts.login_throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "cms.rate_limits.client_ip"
# Successful log-ins are the audit trail's to record; axes keeps only the failures it counts.
AXES_DISABLE_ACCESS_LOG = True
# The Wagtail admin's log-in form, with the same lockout message.
WAGTAILADMIN_USER_LOGIN_FORM = "cms.accounts.login_throttle.AdminLoginForm"

# The address a request comes from (cms/rate_limits.py): REMOTE_ADDR, or, behind proxies that append the address
# they saw to X-Forwarded-For, the entry that many places from its end (the one our own proxy wrote).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# django-ratelimit reads the address through the same function; IPv6 addresses count by their /64.
RATELIMIT_IP_META_KEY = "cms.rate_limits.client_ip"
# How often each person (or address, before signing in) may do each of these: "count/period" (s, m, h, d).
RATE_LIMITS = {
    "signup": "10/h",
    "password_reset": "5/h",
    "mentor_invitation": "20/h",
    "resume_export": "10/m",
    "json_resume_import": "20/h",
    "review_comment": "10/m",
    "email_change": "5/h",
}
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "/"

# Internationalisation: English and Bahasa Indonesia, for the interface and for Wagtail content.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("id", "Bahasa Indonesia")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# A page created in one language gets an alias in the other, which shows the original until an editor translates
# it: learners never hit a missing page, and the admin shows what is still untranslated.
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
# Our own date formats (cms/formats/<language>/formats.py): day before month in every language, 24-hour clock.
FORMAT_MODULE_PATH = ["cms.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Bootstrap's dist files come from the bootstrap-wrapper package, served as static/vendor/bootstrap/...
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor/bootstrap", Path(bootstrap.__path__[0]))]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "cms.fonts.FontFinder",
]
# The résumé's fonts come from the npm packages here (cms/fonts.py names the files in use).
NODE_MODULES = BASE_DIR / "node_modules"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads go to S3-compatible storage when a bucket is named (install with `pip install ".[s3]"`; credentials in
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), to MEDIA_ROOT otherwise.
if bucket := os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # Private objects: pages link to signed URLs that expire, so a photo's address is not for ever.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kelola <noreply@kelola.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Kelola"
# The admin in the account's language: Wagtail knows Indonesian only as "id-id", so without this an editor whose
# Wagtail profile exists (it is made on first use) always gets English, whatever their language.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# Cache and sessions: in Redis when REDIS_URL is set, shared by every app server; otherwise in this process's memory
# (production.py falls back to the database instead).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # django-redis rather than Django's own Redis backend: it keeps one client per process, where Django's builds
    # a new one for every cache call (a third of a millisecond each, several per request).
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
    # Sessions are read from Redis and written through to the database: a Redis restart signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Résumé PDFs are kept this many days after they are asked for, then deleted by `manage.py cleanup_exports`.
RESUME_EXPORT_RETENTION_DAYS = int(os.environ.get("RESUME_EXPORT_RETENTION_DAYS", "30"))

# Background tasks (résumé PDFs, notification emails, Wagtail's own): run at once, in the request, unless a
# deployment queues them for a worker (production.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stdout"}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per background task is noise at INFO; failures still show.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        # axes' own lines hide the username and address; cms.accounts.login_throttle writes one with both.
        "axes": {"level": "ERROR"},
    },
}

# Kelola works offline: no avatars fetched from gravatar.com in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- issue 21 (headers): what browsers may load, use and keep (cms/response_headers.py, docs/security.md) -----------
# Content-Security-Policy (django-csp): scripts and styles only from our own files, never inline, so that markup
# slipped into a page cannot run. Images from our media, the S3 bucket when uploads go there (signed URLs) and data:
# URLs (Bootstrap's form icons, the résumé's embedded photo); frames only for our own pages (the résumé preview)
# and the YouTube and Vimeo players that lessons embed. The Wagtail admin runs inline scripts (its date pickers and
# panels) and inline styles (its editors) of its own: it gets CONTENT_SECURITY_POLICY_ADMIN below, on its URLs only,
# which allows those but still no event-handler attributes (`onerror=`, the usual form of injected script).
from urllib.parse import urlsplit  # noqa: E402

from csp.constants import NONE, SELF, UNSAFE_INLINE  # noqa: E402
from wagtail.embeds.oembed_providers import vimeo, youtube  # noqa: E402

VIDEO_PLAYERS = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def upload_origins(storage: dict) -> list[str]:
    """Where signed upload URLs point when uploads are on S3-compatible storage: the endpoint, path-style and
    bucket-named (virtual-hosted) alike; none for files on disk, served from our own origin."""
    options = storage.get("OPTIONS", {})
    if not (bucket := options.get("bucket_name")):
        return []
    if endpoint := options.get("endpoint_url"):
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://{bucket}.{parts.netloc}"]
    hosts = ["s3.amazonaws.com"] + (
        [f"s3.{region}.amazonaws.com"] if (region := options.get("region_name")) else []
    )
    return [origin for host in hosts for origin in (f"https://{host}", f"https://{bucket}.{host}")]


UPLOAD_ORIGINS = upload_origins(STORAGES["default"])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *UPLOAD_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *VIDEO_PLAYERS],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, UNSAFE_INLINE],
    "script-src-attr": [NONE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *UPLOAD_ORIGINS],
}
# Permissions-Policy (django-permissions-policy): no page of ours uses these, so no script may ask for them. Left
# alone: fullscreen, autoplay, picture-in-picture and encrypted-media, which the embedded video players use. Only
# features browsers know (Chromium reports an unknown one as an error: tests/browser/test_security_headers.py).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# Lessons embed YouTube and Vimeo only (the video block says so), the players the policy lets in: the admin refuses
# other addresses rather than publish a video the browser would block.
WAGTAILEMBEDS_FINDERS = [
    {"class": "wagtail.embeds.finders.oembed", "providers": [youtube, vimeo]},
]
# --- end of issue 21 (headers) ----------------------------------------------------------------------------------
