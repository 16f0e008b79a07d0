"""Benchmark: page throughput under gunicorn with 2 workers on PostgreSQL and Redis, with production settings.

Creates a fresh PostgreSQL database (dropped afterwards) with the demo content and accounts, starts gunicorn with
`cms.settings.production` plus one bare Django view returning a fixed string (bench/throughput_settings.py), then
runs wrk against each page right after the bare view, so both are measured under the same conditions:

- the home page, a lesson page and the course overview, anonymously;
- the same lesson page and the dashboard, signed in as the demo learner (a session cookie, one user: per-user caches warm up as they would
  for a learner clicking around).

Prints requests/s, p50 and p99 latency and the ratio to the bare view. Targets: anonymous lesson page at least
50% of the bare view's throughput, signed-in dashboard at least 25%. wrk shares the machine's cores with gunicorn.

    .venv/bin/python bench/throughput.py [--duration 10] [--connections 8]

Needs wrk (Debian: apt-get install wrk), PostgreSQL (DATABASE_URL's server; default the local one) and Redis.
"""

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))

from tests.servers import gunicorn  # noqa: E402

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/kelola_throughput"
REDIS_URL = "redis://127.0.0.1:6379/15"


@dataclass
class Figures:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def wrk(url: str, *, duration: int, connections: int, headers: dict[str, str]) -> Figures:
    command = ["wrk", "--latency", f"-d{duration}s", f"-c{connections}", "-t2", url]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def latency(percentile: str) -> float:
        number, unit = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return Figures(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=latency("50"),
        p99_ms=latency("99"),
        errors=(int(errors.group(1)) if errors else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    )


def row(label: str, figures: Figures, ratio: str = "") -> str:
    return (
        f"{label:30} {figures.requests_per_second:8.0f} {figures.p50_ms:8.1f} {figures.p99_ms:8.1f} "
        f"{figures.errors:7d} {ratio:>8}"
    )


def prepare(database_url: str) -> dict[str, str]:
    """A fresh database with the demo loaded; returns the pages to measure and the learner's session cookie."""
    import django
    import psycopg
    from django.core.management import call_command

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    django.setup()
    call_command("migrate", verbosity=0)
    call_command(
        "load_demo", simulated_learners=0, stdout=io.StringIO()
    )  # figures comparable with earlier runs
    call_command("collectstatic", interactive=False, verbosity=0)

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.core.cache import cache

    from learning.models import CourseIndexPage, LessonPage

    cache.clear()
    learner = get_user_model().objects.get(username="learner")
    session = SessionStore()
    session.update(
        {
            SESSION_KEY: str(learner.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: learner.get_session_auth_hash(),
        }
    )
    session.create()
    course = CourseIndexPage.objects.get(locale__language_code="en")
    lesson = LessonPage.objects.filter(locale__language_code="en").order_by("path")[3]
    return {
        "course": course.url,
        "lesson": lesson.url,
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
    }


def drop(database_url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    parts = urlsplit(database_url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--database-url", default=DATABASE_URL)
    parser.add_argument("--redis-url", default=REDIS_URL)
    args = parser.parse_args()

    static_root = tempfile.mkdtemp(prefix="kelola-static-")
    env = {
        "DJANGO_SETTINGS_MODULE": "throughput_settings",
        "PYTHONPATH": str(BENCH_DIR),
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "SECRET_KEY": "throughput-bench-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": static_root,
    }
    os.environ.update(env)
    sys.path.insert(0, str(BENCH_DIR))
    pages = prepare(args.database_url)
    anonymous: dict[str, str] = {}
    signed_in = {"Cookie": pages["cookie"]}
    runs = [
        ("Home page (anonymous)", "/en/", anonymous),
        ("Lesson page (anonymous)", pages["lesson"], anonymous),
        ("Course overview (anonymous)", pages["course"], anonymous),
        ("Lesson page (signed in)", pages["lesson"], signed_in),
        ("Dashboard (signed in)", "/en/dashboard/", signed_in),
    ]
    try:
        with gunicorn(env=env, workers=2) as server:
            print(
                f"gunicorn, 2 workers, production settings; wrk -t2 -c{args.connections}, {args.duration} s each"
            )
            print(f"{'':30} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs bare':>8}")
            for label, path, headers in runs:
                for url in (f"{server}/bare/", f"{server}{path}"):  # warm-up: templates, caches, connections
                    wrk(url, duration=1, connections=2, headers=headers)
                bare = wrk(
                    f"{server}/bare/", duration=args.duration, connections=args.connections, headers=headers
                )
                page = wrk(
                    f"{server}{path}", duration=args.duration, connections=args.connections, headers=headers
                )
                print(row("  bare view", bare))
                print(row(label, page, f"{page.requests_per_second / bare.requests_per_second:.0%}"))
            print("targets: lesson page ≥ 50% of the bare view, signed-in dashboard ≥ 25%")
    finally:
        drop(args.database_url)
        shutil.rmtree(static_root)


if __name__ == "__main__":
    main()
