"""`manage.py generate_scale_data`: many learners with a year of history, to measure pages at scale (bench/scale.py).

The histories follow the app's own rules: answers are scored by `learning.scoring`, stored as `submit_attempt`
stores them, and the level history is what `record_level_changes` would have recorded along the way.
"""

import itertools
import json
import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from uuid import UUID

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from cms.accounts.roles import Role
from cms.content_loader import read_yaml
from cms.demo import FIXTURES_DIR
from learning.levels import SkillLevel
from learning.models import LessonCompletion, LessonPage, QuizAnswer, QuizAttempt, QuizPage, SkillLevelChange
from learning.quizzes import question_record, stored_points
from learning.scoring import AnswerResult, Kind, Question, credit, percent
from learning.skill_levels import SkillEvidence, evidence_level
from portfolio.models import Mentorship

USERNAME_PREFIX = "scale-"
HISTORY_DAYS = 365
RETRY_GAIN = 0.08  # each retry of a quiz makes a right answer this much likelier
MENTEES_PER_MENTOR = (5, 25)
BATCH = 5000
FIRST_NAMES = [
    "Adi", "Ayu", "Bagus", "Citra", "Dimas", "Eka", "Fajar", "Gita", "Hendra", "Indah", "Joko", "Kartika",
    "Lestari", "Made", "Nur", "Putri", "Rizky", "Siti", "Teguh", "Wulan", "Yoga", "Zahra",
]  # fmt: skip
LAST_NAMES = [
    "Anggraini", "Budiman", "Daulay", "Gunawan", "Harahap", "Kusuma", "Lubis", "Nasution", "Purnomo", "Rahayu",
    "Saputra", "Setiawan", "Siregar", "Susanto", "Tambunan", "Utami", "Wibowo", "Yulianti",
]  # fmt: skip
REFLECTIONS = [
    "Reply to complaints in public first, then follow up privately.",
    "Write the weekly announcement with one clear ask.",
    "Welcome newcomers by name in their first week.",
    "Check the numbers every month, not only when something goes wrong.",
]


@dataclass(frozen=True)
class AnswerOption:
    """An answer a learner may give, scored by the quiz rules, with the QuizAnswer columns (but attempt and
    position) that `submit_attempt` would store for it."""

    skill_id: int | None
    earned: Decimal
    possible: int
    columns: dict

    @classmethod
    def of(cls, answer: AnswerResult) -> "AnswerOption":
        question = answer.question
        skill_id = question.skill.pk if question.skill else None
        earned = stored_points(answer.earned)
        columns = {
            "question_id": question.id,
            "kind": str(question.kind),
            "skill": skill_id,
            "earned": earned,
            "possible": answer.possible,
            "self_rating": int(next(iter(answer.selected))) if question.kind == Kind.SELF_RATING else None,
            "text": answer.text,
            # JSON as text, serialised once here rather than for every row: text is what COPY and SQLite take.
            "question": json.dumps(question_record(question)),
            "selected": json.dumps(sorted(answer.selected)),
        }
        return cls(skill_id, earned, answer.possible, columns)


def answer_options(question: Question) -> list[AnswerOption]:
    """The answers one may give to `question`; to a scored one the best answer first."""
    if question.kind == Kind.REFLECTION:
        return [AnswerOption.of(AnswerResult(question, text=text)) for text in REFLECTIONS]
    if question.kind == Kind.SELF_RATING:
        selections = [{choice.id} for choice in question.choices]
    else:
        best = {choice.id for choice in question.best_choices()}
        selections = [best, *({choice.id} for choice in question.choices if choice.id not in best)]
    return [
        AnswerOption.of(
            AnswerResult(question, selected=frozenset(ids), earned=credit(question, ids) * question.points)
        )
        for ids in selections
    ]


@dataclass(frozen=True)
class QuizWork:
    """A quiz and, per question, the answers one may give."""

    page: QuizPage
    questions: list[list[AnswerOption]]

    def take(self, *, accuracy: float, rng: random.Random) -> list[AnswerOption]:
        """One attempt's answers: to a scored question the best one with probability `accuracy`, else another
        one; self-ratings and reflections at random."""
        answers = []
        for best, *others in self.questions:
            if not best.possible:
                answers.append(rng.choice([best, *others]))
            elif not others or rng.random() < accuracy:
                answers.append(best)
            else:
                answers.append(rng.choice(others))
        return answers

    def attempt(self, user_id: int, number: int, answers: list[AnswerOption], at: datetime) -> QuizAttempt:
        """The attempt as `submit_attempt` stores it. Points are summed as the tracker sums stored answers: in
        Decimal, exact for the whole and half credits the answers above earn, and many times faster than Fraction."""
        earned = sum((answer.earned for answer in answers), Decimal(0))
        possible = sum(answer.possible for answer in answers)
        score = percent(earned, possible) if possible else None
        return QuizAttempt(
            user_id=user_id,
            quiz_key=self.page.translation_key,
            quiz=self.page,
            quiz_title=self.page.title,
            number=number,
            submitted_at=at,
            earned=earned,
            possible=possible,
            score=score,
            pass_mark=self.page.pass_mark,
            # As QuizResult.passed: nothing to pass without a pass mark or scored questions.
            passed=score >= self.page.pass_mark if score is not None and self.page.pass_mark else None,
        )


@dataclass(frozen=True)
class Coursework:
    """What learners work through: the live quizzes and lessons of the default language, in course order."""

    quizzes: list[QuizWork]
    lessons: list[tuple[UUID, list[int]]]  # translation key and skill ids
    lessons_per_skill: Counter

    @classmethod
    def load(cls) -> "Coursework":
        language = {"locale__language_code": settings.LANGUAGE_CODE}
        quizzes = QuizPage.objects.live().filter(**language).order_by("path")
        lessons = LessonPage.objects.live().filter(**language).order_by("path").prefetch_related("skills")
        lesson_skills = [
            (lesson.translation_key, [skill.pk for skill in lesson.skills.all()]) for lesson in lessons
        ]
        return cls(
            quizzes=[QuizWork(quiz, [answer_options(q) for q in quiz.question_list()]) for quiz in quizzes],
            lessons=lesson_skills,
            lessons_per_skill=Counter(skill for _key, skills in lesson_skills for skill in skills),
        )


@dataclass(frozen=True)
class LearnerPlan:
    """What one learner does between `joined` and now: quiz attempts (the course's quizzes in order, then again)
    while they fit in `answers` questions, and the first `completions` lessons of the course. `accuracy`: the
    chance of the best answer to a scored question on a first attempt; each retry adds RETRY_GAIN."""

    user_id: int
    joined: datetime
    answers: int
    completions: int
    accuracy: float


@dataclass
class History:
    attempts: list[tuple[QuizAttempt, list[AnswerOption]]]
    completions: list[tuple[datetime, int, UUID]]
    changes: list[SkillLevelChange]
    unused_answers: int


def prepared(model, **values) -> dict:
    """Field values as the database stores them."""
    return {
        name: model._meta.get_field(name).get_db_prep_save(value, connection)
        for name, value in values.items()
    }


def moments(count: int, *, since: datetime, until: datetime, rng: random.Random) -> list[datetime]:
    return sorted(since + (until - since) * rng.random() for _ in range(count))


def learner_history(
    plan: LearnerPlan, coursework: Coursework, *, rng: random.Random, now: datetime
) -> History:
    """What `plan` comes to, unsaved: attempts with their answers, completions and the level changes they make."""
    taken = []
    numbers: Counter = Counter()
    budget = plan.answers
    for quiz in itertools.cycle(coursework.quizzes):
        if len(quiz.questions) > budget:
            break
        budget -= len(quiz.questions)
        numbers[quiz.page.pk] += 1
        number = numbers[quiz.page.pk]
        taken.append((quiz, number, quiz.take(accuracy=plan.accuracy + RETRY_GAIN * (number - 1), rng=rng)))
    submitted_at = moments(len(taken), since=plan.joined, until=now, rng=rng)
    attempts = [
        (quiz.attempt(plan.user_id, number, answers, at), answers)
        for (quiz, number, answers), at in zip(taken, submitted_at, strict=True)
    ]
    lessons = coursework.lessons[: plan.completions]
    completed_at = moments(len(lessons), since=plan.joined, until=now, rng=rng)
    return History(
        attempts=attempts,
        completions=[
            (at, plan.user_id, key) for (key, _skills), at in zip(lessons, completed_at, strict=True)
        ],
        changes=level_changes(
            plan.user_id,
            coursework,
            [(attempt.submitted_at, skill_percents(answers), []) for attempt, answers in attempts]
            + [(at, {}, skills) for (_key, skills), at in zip(lessons, completed_at, strict=True)],
        ),
        unused_answers=budget,
    )


def skill_percents(answers: list[AnswerOption]) -> dict[int, tuple[int, frozenset[str]]]:
    """Per skill, the percentage of its scored points an attempt earned and the questions it asked, as the tracker
    reads them back."""
    totals: defaultdict[int, list] = defaultdict(lambda: [Decimal(0), 0, set()])
    for answer in answers:
        if answer.skill_id is not None and answer.possible:
            totals[answer.skill_id][0] += answer.earned
            totals[answer.skill_id][1] += answer.possible
            totals[answer.skill_id][2].add(answer.columns["question_id"])
    return {
        skill_id: (percent(earned, possible), frozenset(questions))
        for skill_id, (earned, possible, questions) in totals.items()
    }


def level_changes(user_id: int, coursework: Coursework, events: list) -> list[SkillLevelChange]:
    """The changes `record_level_changes` would have stored after each event: (when, quiz percentage and questions
    per skill, skills of a completed lesson)."""
    quiz_scores: defaultdict[int, list[int]] = defaultdict(list)
    quiz_questions: defaultdict[int, list[frozenset[str]]] = defaultdict(list)
    lessons_done: Counter = Counter()
    levels: dict[int, int] = {}
    changes = []
    for at, scores, lesson_skills in sorted(events, key=lambda event: event[0]):
        for skill_id, (score, questions) in scores.items():
            quiz_scores[skill_id].append(score)
            quiz_questions[skill_id].append(questions)
        lessons_done.update(lesson_skills)
        for skill_id in {*scores, *lesson_skills}:
            level = evidence_level(
                SkillEvidence(
                    quiz_scores=quiz_scores[skill_id],
                    quiz_questions=quiz_questions[skill_id],
                    lessons_done=lessons_done[skill_id],
                    lessons_total=coursework.lessons_per_skill[skill_id],
                )
            )
            if level != levels.get(skill_id, SkillLevel.NOT_STARTED):
                levels[skill_id] = level
                changes.append(
                    SkillLevelChange(user_id=user_id, skill_id=skill_id, level=level, changed_at=at)
                )
    return changes


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def insert_rows(model, rows: Iterable[dict]) -> None:
    """Append rows of database-ready values as fast as the database takes them: COPY on PostgreSQL, batched
    INSERTs elsewhere. Unlike bulk_create, no field fills itself in (auto_now_add) and no ids come back."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in first)
    rows = (tuple(row.values()) for row in itertools.chain([first], rows))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(first))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from the model
            for batch in batched(rows, BATCH):
                cursor.executemany(sql, batch)


@transaction.atomic
def write_histories(coursework: Coursework, plans: Iterable[LearnerPlan], *, rng: random.Random) -> None:
    """Store the planned histories, each kind in time order across learners, as a live database would hold them.
    Answers a learner leaves unused (the next quiz did not fit) go to the next one."""
    now = timezone.now()
    histories, unused = [], 0
    for plan in plans:
        history = learner_history(replace(plan, answers=plan.answers + unused), coursework, rng=rng, now=now)
        histories.append(history)
        unused = history.unused_answers
    attempts = sorted(
        (item for history in histories for item in history.attempts), key=lambda item: item[0].submitted_at
    )
    QuizAttempt.objects.bulk_create([attempt for attempt, _answers in attempts], batch_size=BATCH)
    insert_rows(
        QuizAnswer,
        (
            {"attempt": attempt.pk, "position": position, **answer.columns}
            for attempt, answers in attempts
            for position, answer in enumerate(answers, start=1)
        ),
    )
    insert_rows(
        LessonCompletion,
        (
            prepared(LessonCompletion, user=user_id, lesson_key=key, completed_at=at)
            for at, user_id, key in sorted(item for history in histories for item in history.completions)
        ),
    )
    SkillLevelChange.objects.bulk_create(
        sorted(
            (change for history in histories for change in history.changes),
            key=lambda change: change.changed_at,
        ),
        batch_size=BATCH,
    )


def split(total: int, weights: list[float], *, cap: int | None = None) -> list[int]:
    """`total` in whole shares in proportion to `weights`, none above `cap`; they add up to `total` when
    `total` is at most `cap` times the number of weights."""
    shares = [0] * len(weights)
    left, weight_left = total, sum(weights)
    # Heaviest first, rounding up: what the cap cuts off goes to the lighter ones, never past the cap.
    for index in sorted(range(len(weights)), key=weights.__getitem__, reverse=True):
        share = math.ceil(left * weights[index] / weight_left)
        shares[index] = min(share, left, cap if cap is not None else left)
        left -= shares[index]
        weight_left -= weights[index]
    return shares


def create_accounts(role: Role, count: int, *, rng: random.Random) -> list:
    """`count` accounts in `role`, joined over the past year, numbered on from earlier runs; none can sign in."""
    User = get_user_model()
    stem = f"{USERNAME_PREFIX}{role.name.lower()}-"
    first = User.objects.filter(username__startswith=stem).count() + 1
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(
                username=f"{stem}{number:05d}",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"{stem}{number:05d}@example.com",
                password=make_password(None),
                date_joined=now - timedelta(days=HISTORY_DAYS) * rng.random(),
            )
            for number in range(first, first + count)
        ],
        batch_size=BATCH,
    )
    group, _created = Group.objects.get_or_create(name=role.value)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user.pk, group_id=group.pk) for user in users], batch_size=BATCH
    )
    return users


def assign_mentees(mentors: list, learners: list, *, rng: random.Random) -> None:
    """Each mentor follows a few learners, since some time after both joined; a learner may have two mentors."""
    now = timezone.now()
    mentorships = []
    for mentor in mentors:
        for learner in rng.sample(learners, min(rng.randint(*MENTEES_PER_MENTOR), len(learners))):
            since = max(mentor.date_joined, learner.date_joined)
            mentorships.append(
                Mentorship(mentor=mentor, learner=learner, started_at=since + (now - since) * rng.random())
            )
    Mentorship.objects.bulk_create(mentorships, batch_size=BATCH)


@transaction.atomic
def generate(*, learners: int, answers: int, completions: int, mentors: int, seed: int) -> None:
    coursework = Coursework.load()
    if not coursework.quizzes or not coursework.lessons:
        raise CommandError("The course is not loaded: run `manage.py load_demo` first.")
    if completions > learners * len(coursework.lessons):
        raise CommandError(
            f"{learners} learners can complete at most {learners * len(coursework.lessons)} of the "
            f"{len(coursework.lessons)} lessons."
        )
    rng = random.Random(seed)  # noqa: S311 - made-up data, the same for the same seed
    users = create_accounts(Role.LEARNER, learners, rng=rng)
    # A few learners do much more than most: a long tail, as on any learning site.
    weights = [rng.lognormvariate(0, 1) for _ in users]
    plans = [
        LearnerPlan(
            user.pk, user.date_joined, answer_count, completion_count, accuracy=rng.uniform(0.45, 0.95)
        )
        for user, answer_count, completion_count in zip(
            users,
            split(answers, weights),
            split(completions, weights, cap=len(coursework.lessons)),
            strict=True,
        )
    ]
    write_histories(coursework, plans, rng=rng)
    assign_mentees(create_accounts(Role.MENTOR, mentors, rng=rng), users, rng=rng)


def other_accounts():
    """Accounts neither generated nor from the demo: on a database that has them, real people may be affected."""
    demo = [account["username"] for account in read_yaml(FIXTURES_DIR / "demo_accounts.yaml")]
    return get_user_model().objects.exclude(username__in=demo).exclude(username__startswith=USERNAME_PREFIX)


class Command(BaseCommand):
    help = (
        "Add generated learners with a year of quiz answers, lesson completions and level history over the loaded "
        "course (run load_demo first), and mentors with mentees, to measure pages at scale. Generated accounts are "
        f"named {USERNAME_PREFIX}… and cannot sign in; a second run adds more. For throwaway databases: it refuses "
        "to run where there are accounts other than the demo ones and generated ones (real people's, perhaps) "
        "unless --force is given. All or nothing: it runs in one transaction. Full size takes a few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=10_000)
        parser.add_argument(
            "--answers",
            type=int,
            default=1_000_000,
            help="quiz answers in all; whole attempts, so up to one quiz's questions fewer",
        )
        parser.add_argument("--completions", type=int, default=200_000, help="lesson completions in all")
        parser.add_argument(
            "--mentors", type=int, help="mentors, each with 5 to 25 mentees; default: 1 per 100 learners"
        )
        parser.add_argument("--seed", type=int, default=1, help="the same seed generates the same histories")
        parser.add_argument("--force", action="store_true", help="run even where there are other accounts")

    def handle(self, *args, learners, answers, completions, mentors, seed, force, **options):
        if not force and (others := other_accounts().count()):
            raise CommandError(
                f"This database has accounts that are neither demo nor generated ones ({others}). Generate scale "
                "data in a database of its own, or pass --force if these accounts are not real people's."
            )
        started = time.perf_counter()
        mentors = learners // 100 if mentors is None else mentors
        generate(learners=learners, answers=answers, completions=completions, mentors=mentors, seed=seed)
        if connection.vendor == "postgresql":
            # Statistics for the new sizes now, rather than when autovacuum gets to them: plans as in production.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {learners:,} learners and {mentors:,} mentors in {time.perf_counter() - started:.0f} s; "
                f"the database now holds {QuizAnswer.objects.count():,} quiz answers and "
                f"{LessonCompletion.objects.count():,} lesson completions."
            )
        )
