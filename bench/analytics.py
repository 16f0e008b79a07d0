"""Benchmark: the editors' course and question reports over 10,000 learners and 1,000,000 quiz answers.

On PostgreSQL, in a database of its own (kelola_analytics_bench unless --database-url says otherwise), loads the
course and the demo accounts, then runs `manage.py generate_scale_data` (10,000 learners, 1,000,000 quiz answers,
200,000 lesson completions: lesson starts, picked choices and both languages included). Times, in this process,
the report pages in the Wagtail admin as the demo editor sees them (the course report, the question report's index
and the page of the quiz with the most first attempts), and the report functions on their own, the cache emptied
before each run. Prints the median and 95th percentile and the query counts, and drops the database.

    .venv/bin/python bench/analytics.py [--runs 15] [--learners 10000 --answers 1000000 --completions 200000]
"""

import argparse
import io
import statistics
import time
from urllib.parse import urlsplit

from on_postgres import on_server, set_up_django

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/kelola_analytics_bench"


def p95(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=20, method="inclusive")[-1]


def measure(label: str, run, runs: int) -> None:
    """Time `run` (which returns nothing worth keeping) `runs` times after a warm-up, the cache emptied before
    each, and print the median, the 95th percentile and the query count of one run."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    run()  # warm-up: templates, translations, site root paths
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        run()
    query_count = len(queries)
    timings = []
    for _ in range(runs):
        cache.clear()
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    print(
        f"  {label:<52} {statistics.median(timings):>8.1f} ms {p95(timings):>8.1f} ms {query_count:>4} queries"
    )


def page(client, url: str):
    def get() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")

    return get


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--completions", type=int, default=200_000)
    parser.add_argument("--database-url", default=DATABASE_URL, help="created for the run, then dropped")
    args = parser.parse_args()
    started = time.perf_counter()
    name = urlsplit(args.database_url).path.lstrip("/")
    on_server(args.database_url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
    on_server(args.database_url, "CREATE DATABASE {}", name)
    set_up_django(args.database_url)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connections
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import setup_test_environment

    from learning.course_reports import ReportFilters, course_funnel, quiz_statistics, quizzes_with_attempts
    from learning.models import LessonStart, QuizAnswer, QuizAttempt, QuizChoicePick

    try:
        setup_test_environment()
        call_command("migrate", verbosity=0)
        # The demo's simulated learners left out: the figures are scale data's alone.
        call_command("load_demo", simulated_learners=0, stdout=io.StringIO())
        call_command(
            "generate_scale_data",
            learners=args.learners,
            answers=args.answers,
            completions=args.completions,
            force=True,  # its own database: the bench's accounts belong to nobody
        )
        print(
            f"{QuizAttempt.objects.count():,} quiz attempts, {QuizAnswer.objects.count():,} answers, "
            f"{QuizChoicePick.objects.count():,} picked choices, {LessonStart.objects.count():,} lesson starts."
        )
        # Keep one connection across requests, as a server with persistent connections does.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        client = Client()
        client.force_login(get_user_model().objects.get(username="editor"))
        busiest = (
            QuizAttempt.objects.filter(number=1)
            .values("quiz_key")
            .annotate(count=Count("pk"))
            .order_by("-count")
            .first()
        )
        quiz = next(quiz for quiz in quizzes_with_attempts() if quiz.translation_key == busiest["quiz_key"])
        print(f"\n{args.runs} runs each, the cache emptied before each:")
        print(f"  {'':<52} {'median':>11} {'p95':>11}")
        measure("GET /admin/reports/course/", page(client, "/admin/reports/course/"), args.runs)
        measure("GET /admin/reports/questions/", page(client, "/admin/reports/questions/"), args.runs)
        measure(
            f"GET /admin/reports/questions/<{quiz.slug}>/",
            page(client, f"/admin/reports/questions/{quiz.pk}/"),
            args.runs,
        )
        measure(
            "GET /admin/reports/questions/?language=id",
            page(client, "/admin/reports/questions/?language=id"),
            args.runs,
        )
        filters = ReportFilters()
        measure("course_funnel()", lambda: course_funnel(filters), args.runs)
        measure(
            "quiz_statistics() of every quiz",
            lambda: quiz_statistics(filters, quizzes=quizzes_with_attempts()),
            args.runs,
        )
        measure(
            f"quiz_statistics() of {quiz.slug}", lambda: quiz_statistics(filters, quizzes=[quiz]), args.runs
        )
    finally:
        connections.close_all()
        on_server(args.database_url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
    print(f"Benchmark run in {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
