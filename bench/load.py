"""Load with faults: mixed traffic against production settings while PostgreSQL restarts.

Sets up a throwaway PostgreSQL cluster (initdb into a temporary folder, on a free port, removed afterwards; the
shared server on 5432 is never touched), migrates it, loads the demo content, collects static files (kept in
build/load-static/ for the next run) and creates the load-test learners. Then it runs gunicorn (2 workers,
cms.settings.production, the cache in the database, behind a pretend HTTPS proxy: every request says
X-Forwarded-Proto: https) and one `manage.py db_worker`, restarted 5 s after it exits as its systemd unit is
(docs/deployment.md), and sends `--users` simulated people of each kind for `--duration` seconds:

- anonymous readers: the home page, the course, lessons;
- signed-in readers: their dashboard and lessons;
- quiz takers: open a quiz and submit it, sometimes twice at once (a double click in two tabs), sending the same
  form again after an error, as a learner pressing reload would; every answer is recorded;
- résumé requesters: ask for a PDF, poll until it is ready (or failed: then press Try again, once), download it.

At `--restart-at` seconds PostgreSQL is stopped (`pg_ctl stop -m fast`, as `pg_ctl restart -m fast` does) and
started again `--down-for` seconds later. Afterwards it prints requests per kind and status codes, 5xx answers
(and requests with no answer) during the outage (± `--grace` seconds) and otherwise, quiz submissions against
the attempts in the database, résumé exports and what the database holds for them, and PASS or FAIL.

Targets: no 5xx outside the outage (none at all with --no-restart); no attempt lost (acknowledged, not in the
database), duplicated (more attempts than acknowledged forms) or half-written (missing answers); every export
ready with a whole PDF or failed with a Try again, none stuck; no more errors `--recovery` seconds after
PostgreSQL is back.

    .venv/bin/python bench/load.py [--duration 60] [--restart-at 20] [--down-for 5] [--no-restart] [--users 3]

Run as root (the cluster runs as the postgres user, through runuser).
"""

import argparse
import itertools
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import urlencode

import requests

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from tests.servers import free_port, gunicorn  # noqa: E402

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
STATIC_ROOT = BASE_DIR / "build" / "load-static"
PASSWORD = secrets.token_urlsafe()
DOUBLE_SUBMIT_SHARE = 0.2
# After the load stops, time for outstanding exports: a failed render is tried again 20 s, then 40 s later; an
# interrupted one is reported a minute after it started (portfolio.resume.ABANDONED_AFTER).
SETTLE_SECONDS = 90
WORKER_RESTART_DELAY = 5  # RestartSec in the worker's systemd unit
RESUME_OPTIONS = [
    {"design": design, "paper": paper, "language": language}
    for design, paper, language in itertools.product(("modern", "classic"), ("a4", "letter"), ("en", "id"))
]

zero = time.monotonic()


def clock() -> float:
    """Seconds since the load started (since the script started, until then)."""
    return time.monotonic() - zero


def start_the_clock() -> None:
    global zero
    zero = time.monotonic()


def think() -> None:
    time.sleep(random.uniform(0.1, 0.5))


# --- PostgreSQL, Django, the processes ---------------------------------------------------------------------------


class Cluster:
    """A PostgreSQL cluster of our own in `folder`, run as the postgres user (the server refuses to run as root)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        shutil.chown(folder, "postgres", "postgres")
        self._run(
            "initdb", "--pgdata", self.folder / "data", "--username=postgres", "--auth=trust", "--no-sync"
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/kelola"

    def start(self) -> None:
        self._run(
            "pg_ctl", "start", "--wait", "--pgdata", self.folder / "data", "--log", self.folder / "postgres.log",
            "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1",
        )  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "stop", "--wait", "--mode=fast", "--pgdata", self.folder / "data")

    def _run(self, program: str, *args) -> None:
        command = ["runuser", "-u", "postgres", "--", POSTGRES_BIN / program, *args]
        subprocess.run([str(part) for part in command], check=True, capture_output=True)


@contextmanager
def throwaway_cluster():
    with tempfile.TemporaryDirectory(prefix="kelola-load-") as folder:
        cluster = Cluster(Path(folder))
        cluster.start()
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "kelola"], check=True
        )
        try:
            yield cluster
        finally:
            cluster.stop()


def server_env(cluster: Cluster) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": cluster.url,
        "MEDIA_ROOT": str(cluster.folder / "media"),
        "STATIC_ROOT": str(STATIC_ROOT),
        "LOG_LEVEL": "WARNING",
    }


@dataclass(frozen=True)
class Site:
    reading: list[str]
    quizzes: list[str]
    learners: list[str]


def prepare(env: dict[str, str], learners: int) -> Site:
    """Migrate, load the demo content, collect static files, create the learners; what the visitors will open."""
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from cms.accounts.roles import Role
    from learning.models import CourseIndexPage, LessonPage, QuizPage

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_demo", simulated_learners=0, stdout=StringIO())  # figures comparable with earlier runs
    collect_static_files()
    names = [f"load{number}" for number in range(learners)]
    for name in names:
        user = get_user_model().objects.create_user(name, email=f"{name}@example.com", password=PASSWORD)
        user.groups.add(Group.objects.get(name=Role.LEARNER))
    english = {"locale__language_code": "en"}
    course = CourseIndexPage.objects.live().get(**english)
    return Site(
        reading=["/en/", course.url, *(lesson.url for lesson in LessonPage.objects.live().filter(**english))],
        quizzes=[
            quiz.url
            for quiz in QuizPage.objects.live().filter(**english, max_attempts=None, cooldown_minutes=0)
        ],
        learners=names,
    )


def collect_static_files() -> None:
    """Production's manifest storage needs collected files. They are kept in build/ between runs and collected
    again only when a source is newer: whitenoise's compression of the CJK fonts alone takes minutes."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    sources = (storage.path(path) for finder in get_finders() for path, storage in finder.list([]))
    if not manifest.exists() or max(map(os.path.getmtime, sources)) > manifest.stat().st_mtime:
        call_command("collectstatic", interactive=False, verbosity=0)


@contextmanager
def supervised_worker(env: dict[str, str], folder: Path):
    """`manage.py db_worker`, started again whenever it exits, as its systemd unit is (docs/deployment.md); yields
    its exits as they happen: (when, the last line it wrote)."""
    exits: list[tuple[float, str]] = []
    stopping = threading.Event()

    def supervise():
        for run in itertools.count(1):
            log = folder / f"worker-{run}.log"
            with log.open("w") as output:
                process = subprocess.Popen(
                    [sys.executable, "manage.py", "db_worker", "--interval=0.5"],
                    cwd=BASE_DIR,
                    env={**os.environ, **env},
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
                while process.poll() is None and not stopping.wait(0.2):
                    pass
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=60)
                return
            exits.append((clock(), (log.read_text().strip().splitlines() or [""])[-1]))
            if stopping.wait(WORKER_RESTART_DELAY):
                return

    supervisor = threading.Thread(target=supervise)
    supervisor.start()
    try:
        yield exits
    finally:
        stopping.set()
        supervisor.join()


def wait_for_worker(timeout: float = 120) -> None:
    """Until the worker has run the tasks the demo content queued (notification emails): it is up and warm."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while DBTaskResult.objects.ready().exists() and time.monotonic() < deadline:
        time.sleep(0.5)


# --- Simulated people ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    kind: str
    started: float
    ended: float
    status: int | None  # None: no answer at all (connection refused or reset)

    @property
    def failed(self) -> bool:
        return self.status is None or self.status >= 500


class Visitor:
    """One simulated person's browser: its cookies, the proxy's headers, every request recorded in `log`."""

    def __init__(self, base_url: str, log: list[Record]):
        self.base_url = base_url
        self.log = log
        self.session = requests.Session()
        origin = base_url.replace("http://", "https://")
        self.session.headers.update({"X-Forwarded-Proto": "https", "Origin": origin})

    def second_tab(self) -> "Visitor":
        """The same person in another tab: their cookies as they are now."""
        tab = Visitor(self.base_url, self.log)
        tab.session.cookies.update(self.session.cookies)
        return tab

    def request(self, kind: str, method: str, path: str, **kwargs) -> requests.Response | None:
        began = clock()
        try:
            response = self.session.request(
                method, self.base_url + path, allow_redirects=False, timeout=30, **kwargs
            )
        except requests.RequestException:
            response = None
        for cookie in self.session.cookies:
            cookie.secure = False  # sent back over plain http: the app thinks it is behind the HTTPS proxy
        self.log.append(Record(kind, began, clock(), response.status_code if response is not None else None))
        return response

    def get(self, kind: str, path: str) -> requests.Response | None:
        return self.request(kind, "GET", path)

    def post(self, kind: str, path: str, data: dict) -> requests.Response | None:
        return self.request(kind, "POST", path, data=data)

    def log_in(self, username: str, *, until: float) -> bool:
        """Sign in, trying again while the site is down, until `until`; whether it worked."""
        while clock() < until:
            page = self.get("log in", "/en/accounts/login/")
            if ok(page):
                data = {
                    "username": username,
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": csrf_token(page.text),
                }
                answer = self.post("log in", "/en/accounts/login/", data)
                if answer is not None and answer.status_code == 302:
                    return True
            think()
        return False


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class QuizFormReader(HTMLParser):
    """Fills in the quiz form as a learner would: a random choice for each question, a sentence in each text box,
    the hidden fields (attempt number, CSRF token) as they are."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.hidden: dict[str, str] = {}
        self.choices: dict[str, list[str]] = {}
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == "quiz-form"
        if not self.inside or "name" not in attrs:
            return
        if tag == "textarea":
            self.texts.append(attrs["name"])
        elif attrs.get("type") == "hidden":
            self.hidden[attrs["name"]] = attrs.get("value", "")
        elif attrs.get("type") in {"radio", "checkbox"}:
            self.choices.setdefault(attrs["name"], []).append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False

    def answers(self) -> dict:
        return {
            **self.hidden,
            **{name: random.choice(values) for name, values in self.choices.items()},
            **dict.fromkeys(self.texts, "I would listen to the members first."),
        }


def filled_in_quiz(html: str) -> dict:
    reader = QuizFormReader()
    reader.feed(html)
    return reader.answers()


@dataclass
class Submission:
    """One quiz form as sent (maybe several times): the attempts the server said it was saved as."""

    username: str
    number: int
    double: bool = False
    posts: int = 0
    attempt_ids: set[int] = field(default_factory=set)
    refused: bool = False


@dataclass
class Export:
    path: str
    outcome: str = "still being prepared"


@dataclass
class Load:
    records: list[Record] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)
    exports: list[Export] = field(default_factory=list)
    down_at: float | None = None
    up_at: float | None = None


def ok(response: requests.Response | None) -> bool:
    return response is not None and response.status_code == 200


def anonymous_reader(visitor: Visitor, site: Site, until: float, load: Load) -> None:
    while clock() < until:
        visitor.get("read (anonymous)", random.choice(site.reading))
        think()


def signed_in_reader(visitor: Visitor, site: Site, until: float, load: Load, username: str) -> None:
    if not visitor.log_in(username, until=until):
        return
    while clock() < until:
        visitor.get("read (signed in)", random.choice(["/en/dashboard/", *site.reading]))
        think()


ATTEMPT_URL = re.compile(r"/learn/attempts/(\d+)/$")


def quiz_taker(visitor: Visitor, site: Site, until: float, load: Load, username: str) -> None:
    if not visitor.log_in(username, until=until):
        return
    second_tab = visitor.second_tab()
    with ThreadPoolExecutor(2) as tabs:
        while clock() < until:
            page = visitor.get("quiz page", quiz := random.choice(site.quizzes))
            if not ok(page):
                think()
                continue
            form = filled_in_quiz(page.text)
            submission = Submission(username, int(form["attempt"]))
            load.submissions.append(submission)
            submission.double = random.random() < DOUBLE_SUBMIT_SHARE
            senders = (visitor, second_tab) if submission.double else (visitor,)
            # Sent again after an error, as a learner would, until the server answers or gives a reason.
            while not (submission.attempt_ids or submission.refused) and clock() < until + SETTLE_SECONDS:
                for answer in tabs.map(
                    partial(Visitor.post, kind="quiz submission", path=quiz, data=form), senders
                ):
                    submission.posts += 1
                    if answer is None or answer.status_code != 302:
                        continue
                    if attempt := ATTEMPT_URL.search(answer.headers["Location"]):
                        submission.attempt_ids.add(int(attempt.group(1)))
                    else:
                        submission.refused = True
                think()


def resume_requester(visitor: Visitor, site: Site, until: float, load: Load, username: str) -> None:
    if not visitor.log_in(username, until=until):
        return
    options = itertools.cycle(RESUME_OPTIONS)
    while clock() < until:
        page = visitor.get("résumé page", "/en/portfolio/resume/")
        if not ok(page):
            think()
            continue
        asked = visitor.post(
            "PDF request",
            f"/en/portfolio/resume/export/?{urlencode(next(options))}",
            {"csrfmiddlewaretoken": csrf_token(page.text)},
        )
        if asked is not None and asked.status_code == 302:
            export = Export(asked.headers["Location"])
            load.exports.append(export)
            export.outcome = follow_export(visitor, export.path, until=until + SETTLE_SECONDS)
        think()


def follow_export(visitor: Visitor, path: str, *, until: float) -> str:
    """Poll an export as its page does, pressing Try again once if it failed, then download the PDF: its outcome."""
    tried_again = False
    while clock() < until:
        status = visitor.get("PDF status", path)
        if status is not None and status.status_code == 302:
            download = visitor.get("PDF download", status.headers["Location"])
            if download is not None and download.status_code == 200:
                if not download.content.startswith(b"%PDF"):
                    return "broken download"
                return "ready after Try again" if tried_again else "ready"
        elif ok(status) and "could not be made into a PDF" in status.text:
            if tried_again:
                return "failed again"
            visitor.post("PDF Try again", path, {"csrfmiddlewaretoken": csrf_token(status.text)})
            tried_again = True
        time.sleep(1)
    return "still being prepared"


def restart_postgres(cluster: Cluster, load: Load, *, at: float, down_for: float) -> None:
    time.sleep(max(0.0, at - clock()))
    load.down_at = clock()
    cluster.stop()
    time.sleep(down_for)
    cluster.start()
    load.up_at = clock()


SIGNED_IN_PEOPLE = (signed_in_reader, quiz_taker, resume_requester)


def run_load(base_url: str, site: Site, cluster: Cluster, args) -> Load:
    start_the_clock()
    load = Load()
    until = args.duration
    learners = iter(site.learners)
    people = [(anonymous_reader, ()) for _ in range(args.users)]
    for kind in SIGNED_IN_PEOPLE:
        people += [(kind, (next(learners),)) for _ in range(args.users)]
    threads = [
        threading.Thread(target=person, args=(Visitor(base_url, load.records), site, until, load, *extra))
        for person, extra in people
    ]
    if not args.no_restart:
        threads.append(
            threading.Thread(
                target=restart_postgres,
                args=(cluster, load),
                kwargs={"at": args.restart_at, "down_for": args.down_for},
            )
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return load


# --- What happened ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stored:
    """What the database holds for the load-test learners afterwards."""

    attempt_ids: set[int]
    half_written: int  # attempts without an answer row for every question
    exports: Counter  # by status
    ready_without_pdf: int  # ready, but no whole PDF stored


def stored(site: Site) -> Stored:
    from django.db import connections
    from django.db.models import Count

    from learning.models import QuizAttempt, QuizPage
    from portfolio.models import ExportStatus, ResumeExport

    connections.close_all()  # ours did not outlive the restart
    questions = {quiz.translation_key: len(quiz.question_list()) for quiz in QuizPage.objects.all()}
    attempts = QuizAttempt.objects.filter(user__username__in=site.learners).annotate(
        answer_count=Count("answers")
    )
    exports = ResumeExport.objects.filter(user__username__in=site.learners)
    ready = exports.filter(status=ExportStatus.READY)
    return Stored(
        attempt_ids={attempt.pk for attempt in attempts},
        half_written=sum(attempt.answer_count != questions[attempt.quiz_key] for attempt in attempts),
        exports=Counter(exports.values_list("status", flat=True)),
        ready_without_pdf=sum(not whole_pdf(export.pdf) for export in ready),
    )


def whole_pdf(stored) -> bool:
    if not stored:
        return False
    with stored.open("rb") as file:
        content = file.read()
    return content.startswith(b"%PDF") and content.rstrip().endswith(b"%%EOF")


def request_table(records: list[Record]) -> None:
    columns = ("2xx", "3xx", "4xx", "5xx", "no answer")

    def column(record: Record) -> str:
        return "no answer" if record.status is None else f"{record.status // 100}xx"

    print(f"  {'kind':<20}{'requests':>9}" + "".join(f"{name:>10}" for name in columns))
    for kind in dict.fromkeys(record.kind for record in records):
        counts = Counter(column(record) for record in records if record.kind == kind)
        print(f"  {kind:<20}{counts.total():>9}" + "".join(f"{counts[name]:>10}" for name in columns))
    codes = Counter(record.status for record in records if record.status is not None)
    print("  status codes: " + ", ".join(f"{code}: {count}" for code, count in sorted(codes.items())))


def report(load: Load, stored: Stored, worker_exits: list[tuple[float, str]], args) -> bool:
    """Print the figures; True if every target is met."""
    records = load.records
    print(
        f"Load: {args.duration:g} s, {args.users} of each kind of visitor, "
        f"{len(records) / args.duration:.0f} requests/s"
    )
    failures = [record for record in records if record.failed]
    other_failures, recovery = failures, None
    if load.down_at is None:
        request_table(records)
        print(f"  5xx or no answer: {len(failures)}")
    else:
        print(
            f"PostgreSQL stopped at {load.down_at:.1f} s, running again at {load.up_at:.1f} s "
            f"({load.up_at - load.down_at:.1f} s down)"
        )
        request_table(records)
        begins, ends = load.down_at - args.grace, load.up_at + args.grace
        other_failures = [r for r in failures if r.ended < begins or r.started > ends]
        print(
            f"  5xx or no answer: {len(failures) - len(other_failures)} while PostgreSQL was down "
            f"(± {args.grace:g} s), {len(other_failures)} otherwise"
        )
        recovery = max((r.ended for r in failures if r.ended > load.up_at), default=load.up_at) - load.up_at
        print(f"  recovery: the last error ended {recovery:.1f} s after PostgreSQL was back")

    submissions = load.submissions
    acknowledged = [s for s in submissions if s.attempt_ids]
    acknowledged_ids = set().union(*(s.attempt_ids for s in submissions))
    lost = len(acknowledged_ids - stored.attempt_ids)
    duplicated = max(0, len(stored.attempt_ids) - len(acknowledged))  # one attempt per acknowledged form
    print(
        f"Quiz submissions: {len(submissions)} forms in {sum(s.posts for s in submissions)} POSTs "
        f"({sum(s.double for s in submissions)} sent twice at once), {len(acknowledged)} acknowledged as an "
        f"attempt, {sum(s.refused for s in submissions)} refused, "
        f"{len(submissions) - len(acknowledged) - sum(s.refused for s in submissions)} never answered"
    )
    print(
        f"  attempts in the database: {len(stored.attempt_ids)}; lost {lost}, duplicated {duplicated}, "
        f"half-written {stored.half_written}"
    )

    outcomes = Counter(export.outcome for export in load.exports)
    print(
        f"Résumé PDFs: {len(load.exports)} requested: "
        + ", ".join(f"{count} {outcome}" for outcome, count in outcomes.most_common())
    )
    print(
        f"  in the database: {stored.exports.total()} exports: "
        + ", ".join(f"{count} {status}" for status, count in stored.exports.most_common())
        + f"; {stored.ready_without_pdf} ready without a whole PDF"
    )
    print(f"db_worker exits (each followed by a restart): {len(worker_exits)}")
    for at, last_words in worker_exits:
        print(f"  at {at:.1f} s: {last_words[:150]}")

    targets = [
        ("no 5xx outside the outage", not other_failures),
        ("no attempt lost, duplicated or half-written", not (lost or duplicated or stored.half_written)),
        (
            "every export ready with a whole PDF or failed with a Try again, none stuck",
            set(outcomes) <= {"ready", "ready after Try again", "failed again"}
            and set(stored.exports) <= {"ready", "failed"}
            and not stored.ready_without_pdf,
        ),
    ]
    if recovery is not None:
        targets.append((f"no more errors {args.recovery:g} s after the restart", recovery <= args.recovery))
    for target, met in targets:
        print(f"  {'met' if met else 'MISSED'}: {target}")
    passed = all(met for _target, met in targets)
    print("PASS" if passed else "FAIL")
    return passed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--users", type=int, default=3, help="simulated people of each kind (default 3)")
    parser.add_argument("--restart-at", type=float, default=20, help="seconds into the load (default 20)")
    parser.add_argument("--down-for", type=float, default=5, help="seconds PostgreSQL stays down (default 5)")
    parser.add_argument("--no-restart", action="store_true", help="leave PostgreSQL running")
    parser.add_argument("--grace", type=float, default=3, help="errors this close to the outage are its own")
    parser.add_argument("--recovery", type=float, default=5, help="seconds allowed to recover (default 5)")
    args = parser.parse_args()
    with throwaway_cluster() as cluster:
        env = server_env(cluster)
        print("Setting up: migrate, demo content, static files, learners ...", flush=True)
        site = prepare(env, learners=args.users * len(SIGNED_IN_PEOPLE))
        print(f"Set up in {clock():.0f} s", flush=True)
        with (
            gunicorn(env=env, workers=2) as base_url,
            supervised_worker(env, cluster.folder) as worker_exits,
        ):
            wait_for_worker()
            load = run_load(base_url, site, cluster, args)
        passed = report(load, stored(site), worker_exits, args)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
