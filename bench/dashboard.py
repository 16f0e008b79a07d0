"""Benchmark: the learner dashboard (skills tracker included) for a learner with a long history.

Fills a fresh SQLite database with the shipped course and one learner with 10,000 quiz answers (1,000 attempts of
10 questions over the course's quizzes, spread over a year) and 500 lesson completions (every lesson of the course,
the rest for lessons since removed from it), records their level history, then times GET /en/dashboard/ in this
process and prints the median and spread of several runs. Target: median under 100 ms on a 2-core machine.

    .venv/bin/python bench/dashboard.py [--runs 15]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ANSWERS = 10_000
QUESTIONS_PER_ATTEMPT = 10
COMPLETIONS = 500


def set_up_django(database: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()


def fill(learner) -> None:
    from django.utils import timezone

    from cms.demo import load_site_pages
    from learning.curriculum import load_curriculum, load_skills
    from learning.models import LessonCompletion, LessonPage, QuizAnswer, QuizAttempt, QuizPage
    from learning.skill_evidence import framework_skills, record_level_changes

    load_skills()
    load_curriculum(home=load_site_pages())
    skills = list(framework_skills())
    quizzes = list(QuizPage.objects.filter(locale__language_code="en"))
    now = timezone.now()
    attempts = QuizAttempt.objects.bulk_create(
        QuizAttempt(
            user=learner,
            quiz_key=quizzes[number % len(quizzes)].translation_key,
            quiz=quizzes[number % len(quizzes)],
            quiz_title=quizzes[number % len(quizzes)].title,
            number=number // len(quizzes) + 1,
            submitted_at=now - timedelta(minutes=525 * (ANSWERS // QUESTIONS_PER_ATTEMPT - number)),
            earned=Decimal(7),
            possible=QUESTIONS_PER_ATTEMPT,
            score=70,
            pass_mark=70,
            passed=True,
        )
        for number in range(ANSWERS // QUESTIONS_PER_ATTEMPT)
    )
    QuizAnswer.objects.bulk_create(
        (
            QuizAnswer(
                attempt=attempt,
                position=position,
                question_id=f"q{position}",
                kind="self_rating" if position == 0 else "single_choice",
                skill=skills[(attempt.number + position) % len(skills)],
                earned=Decimal(0 if position == 0 else (attempt.number + position) % 2),
                possible=0 if position == 0 else 1,
                self_rating=attempt.number % 5 if position == 0 else None,
                question={"prompt": "?", "choices": []},
                selected=[],
            )
            for attempt in attempts
            for position in range(QUESTIONS_PER_ATTEMPT)
        ),
        batch_size=2000,
    )
    lesson_keys = list(
        LessonPage.objects.filter(locale__language_code="en").values_list("translation_key", flat=True)
    )
    lesson_keys += [uuid.uuid4() for _ in range(COMPLETIONS - len(lesson_keys))]
    LessonCompletion.objects.bulk_create(
        LessonCompletion(user=learner, lesson_key=key) for key in lesson_keys
    )
    record_level_changes(learner)


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
        with CaptureQueriesContext(connection) as queries:
            client.get("/en/dashboard/")
        query_count = len(
            queries
        )  # read now: the list is read from the connection's log, which requests empty
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get("/en/dashboard/")
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"The dashboard answered {response.status_code}")
        print(f"GET /en/dashboard/, {args.runs} runs, {query_count} queries each:")
        print(
            f"  median {statistics.median(timings):.1f} ms   min {min(timings):.1f} ms   max {max(timings):.1f} ms"
        )
        print("  target: median under 100 ms on SQLite, 2 cores")


if __name__ == "__main__":
    main()
