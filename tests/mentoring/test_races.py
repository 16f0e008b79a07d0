"""Requests at the same moment, on PostgreSQL: the database keeps one current endorsement per mentor, learner and
skill and one review in play per mentor and scope, and the requests that lose are told so, never a 500. (The lost
race itself, on either database: test_endorsements.py and test_reviews.py.)"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from learning.levels import SkillLevel
from mentoring import endorsements, reviews
from mentoring.mentorships import MentoringError, accept, invite
from mentoring.models import Endorsement, ReviewRequest
from tests import factories
from tests.learning import builders

pytestmark = [
    # The threads see only committed data; the serialized rollback brings back what the migrations created.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="SQLite's in-memory test database is one connection: its threads cannot write at the same time",
    ),
]

THREADS = 8


def together(step) -> list:
    """Run `step` in THREADS threads, each with its own database connection, released at once by a barrier; what
    each returned or raised."""
    start = threading.Barrier(THREADS)

    def run():
        start.wait()
        try:
            return step()
        except Exception as error:  # kept, to be asserted on
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(THREADS) as pool:
        return [future.result() for future in [pool.submit(run) for _ in range(THREADS)]]


@pytest.fixture
def mentorship(learner, mentor):
    return accept(invite(learner=learner, identifier="maya"), mentor=mentor)


def test_simultaneous_endorsements_leave_one_current(learner, mentor, mentorship):
    skill = builders.skill()
    outcomes = together(
        lambda: endorsements.endorse(
            mentor=mentor, learner=learner, skill=skill, level=SkillLevel.PRACTISING, reason="Seen it."
        )
    )
    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert {type(error) for error in refused} <= {MentoringError}
    assert {str(error) for error in refused} <= {
        "You endorsed this skill again at the same moment, from another page: check the level shown."
    }
    assert Endorsement.objects.current().count() == 1
    assert Endorsement.objects.count() == THREADS - len(refused)


@pytest.mark.parametrize("whole_portfolio", [True, False])
def test_simultaneous_review_requests_make_one(learner, mentor, mentorship, whole_portfolio):
    project = None if whole_portfolio else factories.ProjectFactory(profile__user=learner)
    outcomes = together(lambda: reviews.submit(learner=learner, mentor=mentor, project=project))
    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert [str(error) for error in refused] == [f"You already asked {mentor} to review this."] * (
        THREADS - 1
    )
    assert {type(error) for error in refused} == {reviews.ReviewError}
    assert ReviewRequest.objects.count() == 1
