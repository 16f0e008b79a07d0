"""Benchmark: the learner dashboard and the mentoring page at scale, against the same pages on a nearly empty database.

On PostgreSQL, in a database of its own (kelola_scale_bench unless --database-url says otherwise), loads the course
and the demo accounts, and adds the two people measured: a learner with a typical-to-heavy history (300 quiz answers
and 25 lessons over a year) and a mentor with 12 mentees of typical histories (100 answers and 20 lessons each). Then
copies that database and runs `manage.py generate_scale_data` in the copy (10,000 learners, 1,000,000 quiz answers,
200,000 lesson completions, 100 mentors with mentees), the measured people now among them. Times each one's home
(GET /en/dashboard/ for the learner, /en/mentoring/ for the mentor) in this process on both databases, alternating request by request so that whatever else the machine
is doing weighs on both alike; the cache is emptied before each request so that nothing cached hides the work. Prints
the medians, their ratio and the query counts, and drops both databases. Target: a ratio of at most 2.0 for both
pages on a 2-core machine.

    .venv/bin/python bench/scale.py [--runs 15] [--learners 10000 --answers 1000000 --completions 200000]
"""

import argparse
import io
import random
import statistics
import time
from datetime import timedelta
from urllib.parse import urlsplit

from on_postgres import on_server, set_up_django

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/kelola_scale_bench"
# Each person's home: a mentor who only mentors lands on their mentoring page.
PAGES = {"learner": "/en/dashboard/", "mentor": "/en/mentoring/"}
MENTEES = 12
TARGET_RATIO = 2.0


def add_measured_people():
    """The learner and the mentor to measure, with their histories."""
    from django.utils import timezone

    from fixtures.simulation import Budget, Course, Learner, simulate, write
    from mentoring.models import Mentorship
    from tests import factories

    learner = factories.learner(username="bench-learner")
    mentor = factories.mentor(username="bench-mentor")
    mentees = [factories.learner(username=f"bench-mentee-{number}") for number in range(1, MENTEES + 1)]
    Mentorship.objects.bulk_create(Mentorship(learner=mentee, mentor=mentor) for mentee in mentees)
    year_ago = timezone.now() - timedelta(days=365)
    learners = [Learner(learner.pk, year_ago, ability=0.7, language="en")]
    learners += [Learner(mentee.pk, year_ago, ability=0.5, language="en") for mentee in mentees]
    budgets = [Budget(completions=25, answers=300)] + [Budget(completions=20, answers=100)] * MENTEES
    write(simulate(learners, Course.load(seed=1), rng=random.Random(1), budgets=budgets))
    return learner, mentor


def describe_database(learner) -> str:
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from cms.accounts.roles import Role
    from learning.models import LessonCompletion, QuizAnswer, QuizAttempt

    attempts = QuizAttempt.objects.values("user").annotate(count=Count("pk")).values_list("user", "count")
    attempts = dict(attempts)
    learners = get_user_model().objects.filter(groups__name=Role.LEARNER.value).count()
    fewer = learners - sum(1 for count in attempts.values() if count >= attempts[learner.pk])
    return (
        f"{learners:,} learners, {QuizAnswer.objects.count():,} quiz answers, "
        f"{LessonCompletion.objects.count():,} lesson completions; the measured learner has more quiz attempts "
        f"than {fewer / learners:.0%} of learners"
    )


def timed_get(client, page: str) -> float:
    """The server time of one request in ms, nothing cached."""
    from django.core.cache import cache

    cache.clear()
    started = time.perf_counter()
    response = client.get(page)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{page} answered {response.status_code}")
    return elapsed


def measure(user, page: str, databases: dict, runs: int) -> dict[str, tuple[list[float], int]]:
    """Per database (name → connection): the page's server times for `user`, alternating between the databases,
    and its query count."""
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients, query_counts, timings = {}, {}, {name: [] for name in databases}
    for name, database in databases.items():
        connections["default"] = database
        clients[name] = Client()
        clients[name].force_login(user)  # a session in each database
        timed_get(clients[name], page)  # warm-up: templates, translations, site root paths
        with CaptureQueriesContext(connection) as queries:
            timed_get(clients[name], page)
        query_counts[name] = len(queries)  # read now: the list is read from the connection's log
    for _ in range(runs):
        for name, database in databases.items():
            connections["default"] = database
            timings[name].append(timed_get(clients[name], page))
    return {name: (timings[name], query_counts[name]) for name in databases}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--completions", type=int, default=200_000)
    parser.add_argument("--database-url", default=DATABASE_URL, help="created for the run, then dropped")
    args = parser.parse_args()
    started = time.perf_counter()
    empty_name = urlsplit(args.database_url).path.lstrip("/")
    scale_name = f"{empty_name}_at_scale"
    for name in (empty_name, scale_name):
        on_server(args.database_url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
    on_server(args.database_url, "CREATE DATABASE {}", empty_name)
    set_up_django(args.database_url)
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connections
    from django.test.utils import setup_test_environment

    try:
        setup_test_environment()
        call_command("migrate", verbosity=0)
        call_command(
            "load_demo", simulated_learners=0, stdout=io.StringIO()
        )  # nearly empty: no simulated learners
        learner, mentor = add_measured_people()
        connections.close_all()  # a database being copied must have no connections
        on_server(args.database_url, "CREATE DATABASE {} TEMPLATE {}", scale_name, empty_name)
        empty = connections["default"]
        # A second connection to the copy, kept open as the first one is: requests switch between the two.
        connections["default"] = at_scale = empty.__class__(
            {**empty.settings_dict, "NAME": scale_name}, "default"
        )
        # Its own database: the bench's accounts belong to nobody, hence --force.
        call_command(
            "generate_scale_data",
            learners=args.learners,
            answers=args.answers,
            completions=args.completions,
            force=True,
        )
        databases = {"nearly empty": empty, "at scale": at_scale}
        for name, database in databases.items():
            connections["default"] = database
            with database.cursor() as cursor:
                cursor.execute(
                    "ANALYZE"
                )  # statistics for the planner, as autovacuum keeps them in production
            print(f"{name.capitalize()}: {describe_database(learner)}.")
        # Keep each connection across requests, as a server with persistent connections does.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)

        print(
            f"\nEach one's home, {args.runs} runs on each database, alternating, the cache emptied before each:"
        )
        print(f"  {'':<8} {'nearly empty':>21} {'at scale':>21} {'ratio':>7}")
        for person, user in {"learner": learner, "mentor": mentor}.items():
            (before, before_queries), (after, after_queries) = measure(
                user, PAGES[person], databases, args.runs
            ).values()
            ratio = statistics.median(after) / statistics.median(before)
            print(
                f"  {person:<8} {statistics.median(before):>7.1f} ms {before_queries:>3} queries "
                f"{statistics.median(after):>7.1f} ms {after_queries:>3} queries {ratio:>7.2f}"
            )
        print(f"  target: ratio at most {TARGET_RATIO} for both pages, 2 cores")
    finally:
        connections.close_all()
        for name in (empty_name, scale_name):
            on_server(args.database_url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
    print(f"Benchmark run in {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
