"""Two live app servers (gunicorn processes) sharing one database and one cache: either serves the same learner the
same, and a quiz form submitted to both at the same moment is saved once."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.cache import cache
from django.db import connection

from learning.models import LessonCompletion, QuizAttempt
from tests import factories
from tests.learning import builders
from tests.learning.conftest import QUIZ_QUESTIONS
from tests.learning.test_quizzes import answers
from tests.servers import gunicorn

pytestmark = [
    # The servers only see committed data; the serialized rollback brings back what the migrations created.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="SQLite's test database lives in the test process's memory: the servers cannot open it",
    ),
    pytest.mark.skipif(
        not settings.REDIS_URL,
        reason="without REDIS_URL each server has a cache of its own in memory, which no two-server deployment has",
    ),
]

ROUNDS = 5
ALREADY_SUBMITTED = "This attempt was already submitted; here is its result."


def shared_database_url() -> str:
    """The test database (PostgreSQL), for the servers."""
    database = connection.settings_dict
    credentials = quote(database["USER"]) + (
        f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    )
    return f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{quote(database['NAME'])}"


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def shown_attempt_number(html: str) -> int:
    return int(re.search(r'name="attempt" value="(\d+)"', html).group(1))


def post_together(requests_to_send: list[tuple[requests.Session, str, dict]]) -> list[requests.Response]:
    """POST each (session, url, data) from its own thread, all released at once by a barrier."""
    start = threading.Barrier(len(requests_to_send))

    def send(session, url, data):
        start.wait()
        return session.post(url, data=data, timeout=30)

    with ThreadPoolExecutor(len(requests_to_send)) as pool:
        return list(pool.map(lambda request: send(*request), requests_to_send))


def test_two_servers_serve_one_learner_alike_and_save_a_double_submit_once():
    learner = factories.learner(username="lina", first_name="Lina")
    course = builders.course(modules=1, lessons=1, skills=[builders.skill()])
    builders.skill("moderation", "Moderation")
    module = course.get_children().first()
    lesson = module.get_children().first().specific
    quiz = builders.add_quiz(module, slug="module-1-quiz", title="Check yourself", questions=QUIZ_QUESTIONS)
    # Settings for tests over plain http; REDIS_URL and PYTEST_XDIST_WORKER are inherited, so the servers' Redis
    # database is this test's. One worker each: two processes are what matters.
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.test", "DATABASE_URL": shared_database_url()}

    with gunicorn(env=env, workers=1) as server_a, gunicorn(env=env, workers=1) as server_b:
        on_a = requests.Session()
        login_page = on_a.get(f"{server_a}/en/accounts/login/").text
        on_a.post(
            f"{server_a}/en/accounts/login/",
            data={
                "username": "lina",
                "password": factories.PASSWORD,
                "csrfmiddlewaretoken": csrf_token(login_page),
            },
        )
        # The same browser behind a load balancer: its cookies go to whichever server answers.
        on_b = requests.Session()
        on_b.cookies.update(on_a.cookies)
        assert "Hello, Lina" in on_b.get(f"{server_b}/en/dashboard/").text
        assert cache.get(SessionStore(on_a.cookies["sessionid"]).cache_key), "the servers use another Redis"

        lesson_page = on_a.get(f"{server_a}{lesson.url}").text
        on_a.post(
            f"{server_a}/en/learn/lessons/{lesson.pk}/completion/",
            data={"action": "complete", "csrfmiddlewaretoken": csrf_token(lesson_page)},
        )
        assert LessonCompletion.objects.filter(user=learner).count() == 1
        assert "You have completed this lesson." in on_b.get(f"{server_b}{lesson.url}").text
        assert "1 of 1 lessons done" in on_b.get(f"{server_b}/en/dashboard/").text

        for round_number in range(1, ROUNDS + 1):
            quiz_page = on_a.get(f"{server_a}{quiz.url}").text
            assert shown_attempt_number(quiz_page) == round_number
            form = answers(quiz, number=round_number, csrfmiddlewaretoken=csrf_token(quiz_page))
            responses = post_together(
                [(on_a, f"{server_a}{quiz.url}", form), (on_b, f"{server_b}{quiz.url}", form)]
            )

            attempt = QuizAttempt.objects.get(user=learner, number=round_number)
            assert QuizAttempt.objects.filter(user=learner).count() == round_number
            for response in responses:
                assert [r.status_code for r in [*response.history, response]] == [302, 200]
                assert response.url.endswith(attempt.get_absolute_url())
            # Both land on the one result; the later submit says why it is not a new attempt.
            assert sorted(ALREADY_SUBMITTED in response.text for response in responses) == [False, True]

        assert f"Attempt {ROUNDS}" in on_b.get(f"{server_b}{attempt.get_absolute_url()}").text
