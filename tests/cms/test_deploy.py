"""Production settings pass Django's deployment checklist and refuse to start half-configured."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import checks
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "x7#Tq2!vLp9@Zr4$Wm8^Kd3&Hs6*Nb1(Jf5)Gc0-Yu7+Ea2=Qo9_Xi4",
    "ALLOWED_HOSTS": "kelola.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    inherited = {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean_env = {k: v for k, v in os.environ.items() if k not in inherited}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    # Set but empty, so that a developer's .env cannot fill it in.
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


PLACEHOLDER_KEY = re.search(
    r"^SECRET_KEY=(.*)$", (settings.BASE_DIR / ".env.example").read_text(), re.MULTILINE
)[1]


@pytest.mark.parametrize(
    "secret_key",
    [
        PLACEHOLDER_KEY,
        PLACEHOLDER_KEY + "-padded-to-more-than-fifty-characters",
        "x7#Tq2!vLp9@Zr4$Wm8^Kd3&Hs6*Nb1(Jf5)Gc0",  # 40 random characters
        "abcd" * 20,  # 80 characters, 4 distinct
        "django-insecure-" + PRODUCTION_ENV["SECRET_KEY"],
    ],
    ids=[
        "the .env.example placeholder",
        "the placeholder padded",
        "too short",
        "too few characters",
        "insecure",
    ],
)
def test_production_refuses_a_weak_secret_key(secret_key):
    result = run_manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": secret_key})

    assert result.returncode == 1
    assert (
        "django.core.exceptions.ImproperlyConfigured: SECRET_KEY is the placeholder from .env.example or too weak: "
        "it needs 50 or more random characters."
    ) in result.stderr


# The database cache's table: production without Redis. ------------------------------------------------------------

DATABASE_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kelola_cache"}
}


def deploy_errors() -> list:
    return [
        message
        for message in checks.run_checks(include_deployment_checks=True)
        if message.id == "kelola.E001"
    ]


@pytest.mark.django_db
def test_check_deploy_reports_a_missing_cache_table(settings):
    settings.CACHES = DATABASE_CACHE

    (error,) = deploy_errors()

    assert (error.level, error.msg, error.hint) == (
        checks.ERROR,
        "The database cache table 'kelola_cache' does not exist: every page would answer 503.",
        "Run `python manage.py createcachetable` (`migrate` does it too).",
    )


@pytest.mark.django_db
def test_migrate_makes_the_cache_table(settings):
    settings.CACHES = DATABASE_CACHE
    assert "kelola_cache" not in connection.introspection.table_names()

    emit_post_migrate_signal(
        verbosity=0, interactive=False, db="default"
    )  # what `migrate` sends when it is done

    assert "kelola_cache" in connection.introspection.table_names()
    assert deploy_errors() == []


@pytest.mark.django_db
def test_with_redis_there_is_no_table_to_miss(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379"}
    }

    assert deploy_errors() == []
