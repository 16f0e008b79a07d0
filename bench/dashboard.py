"""Benchmark: the learner dashboard (skills tracker included) for a learner with a long history.

Fills a fresh SQLite database with the shipped course and one learner with 10,000 quiz answers (about 1,000 attempts
over the course's quizzes, spread over a year, as `manage.py generate_scale_data` makes them) and 500 lesson
completions (every lesson of the course, the rest for lessons since removed from it) with the level history they
make, then times GET /en/dashboard/ in this process, rendered and from the per-person cache, and prints the median
and spread of several runs. Target: rendered, median under 100 ms on a 2-core machine.

    .venv/bin/python bench/dashboard.py [--runs 15]
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

ANSWERS = 10_000
COMPLETIONS = 500


def set_up_django(database: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()


def fill(learner) -> None:
    from django.utils import timezone

    from cms.site_pages import load_site_pages
    from fixtures.simulation import Budget, Course, Learner, simulate, write
    from learning.curriculum import load_curriculum, load_skills
    from learning.models import LessonCompletion

    load_skills()
    load_curriculum(home=load_site_pages())
    course = Course.load(seed=1)
    write(
        simulate(
            [Learner(learner.pk, timezone.now() - timedelta(days=365), ability=0.5, language="en")],
            course,
            rng=random.Random(1),
            budgets=[Budget(completions=len(course.lessons), answers=ANSWERS)],
        )
    )
    LessonCompletion.objects.bulk_create(
        LessonCompletion(user=learner, lesson_key=uuid.uuid4())
        for _ in range(COMPLETIONS - len(course.lessons))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        set_up_django(Path(directory) / "bench.sqlite3")
        from django.core.management import call_command
        from django.core.signals import request_finished, request_started
        from django.db import close_old_connections, connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, setup_test_environment

        from cms.cache_versions import people_changed
        from learning.models import QuizAnswer
        from tests import factories

        setup_test_environment()
        call_command("migrate", verbosity=0)
        learner = factories.learner(username="bench")
        started = time.perf_counter()
        fill(learner)
        print(
            f"Filled in {time.perf_counter() - started:.1f} s: {QuizAnswer.objects.count():,} quiz answers, "
            f"{learner.lesson_completions.count()} lesson completions"
        )
        # Keep one connection across requests, as a server with persistent connections does.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        client = Client()
        client.force_login(learner)
        client.get("/en/dashboard/")  # warm-up: templates, translations, site root paths
        for label, before_each in (
            (
                "rendered (after a change of the learner's own, as a lesson completed)",
                lambda: people_changed([learner.pk]),
            ),
            ("from the per-person cache", lambda: None),
        ):
            before_each()
            with CaptureQueriesContext(connection) as queries:
                client.get("/en/dashboard/")
            query_count = len(queries)  # read now: requests empty the connection's log
            timings = []
            for _ in range(args.runs):
                before_each()
                started = time.perf_counter()
                response = client.get("/en/dashboard/")
                timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"The dashboard answered {response.status_code}")
            print(f"GET /en/dashboard/ {label}, {args.runs} runs, {query_count} queries each:")
            print(
                f"  median {statistics.median(timings):.1f} ms   min {min(timings):.1f} ms   "
                f"max {max(timings):.1f} ms"
            )
        print("  target: rendered, median under 100 ms on SQLite, 2 cores")


if __name__ == "__main__":
    main()
