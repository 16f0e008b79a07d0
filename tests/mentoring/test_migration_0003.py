"""Migration mentoring 0003 adds the constraints that close the races; duplicates that races left before it are
settled first (the latest endorsement stays current, the first review request stays in play), so it applies."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("mentoring", "0002_tables_renamed")]
AFTER = [("mentoring", "0003_one_current_endorsement_one_active_review")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_duplicates_left_by_races_are_settled_and_the_constraints_added(learner, mentor):
    from tests.learning import builders

    skill = builders.skill()
    old = migrate(BEFORE)
    Endorsement = old.get_model("mentoring", "Endorsement")
    ReviewRequest = old.get_model("mentoring", "ReviewRequest")
    now = timezone.now()
    endorsements = [
        Endorsement.objects.create(
            learner_id=learner.pk,
            mentor_id=mentor.pk,
            skill_id=skill.pk,
            level=level,
            reason="r",
            created_at=now,
        )
        for level in (1, 2, 3)
    ]
    requests = [ReviewRequest.objects.create(learner_id=learner.pk, mentor_id=mentor.pk) for _ in range(3)]
    new = migrate(AFTER)
    Endorsement = new.get_model("mentoring", "Endorsement")
    ReviewRequest = new.get_model("mentoring", "ReviewRequest")
    ReviewEvent = new.get_model("mentoring", "ReviewEvent")
    assert list(Endorsement.objects.filter(withdrawn_at__isnull=True).values_list("pk", flat=True)) == [
        endorsements[-1].pk
    ]
    assert dict(ReviewRequest.objects.values_list("pk", "state")) == {
        requests[0].pk: "open",
        requests[1].pk: "withdrawn",
        requests[2].pk: "withdrawn",
    }
    assert list(ReviewEvent.objects.values_list("request_id", "actor_id", "state")) == [
        (requests[1].pk, learner.pk, "withdrawn"),
        (requests[2].pk, learner.pk, "withdrawn"),
    ]
