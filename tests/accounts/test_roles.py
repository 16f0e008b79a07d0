import pytest
from django.utils import translation

from cms.accounts.roles import Role, assign_role, primary_role, roles_of

pytestmark = pytest.mark.django_db


def test_roles_of_reads_the_groups(learner, moderator):
    assert roles_of(learner) == {Role.LEARNER}
    assert roles_of(moderator) == {Role.EDITOR, Role.MODERATOR}


def test_primary_role_is_the_most_senior(learner, mentor, moderator, superuser):
    assert primary_role(learner) is Role.LEARNER
    assert primary_role(mentor) is Role.MENTOR
    assert primary_role(moderator) is Role.MODERATOR
    assert primary_role(superuser) is None


def test_assign_role_refreshes_the_cached_roles(learner):
    assert roles_of(learner) == {Role.LEARNER}

    assign_role(user=learner, role=Role.MENTOR)

    assert roles_of(learner) == {Role.LEARNER, Role.MENTOR}


def test_a_role_is_its_group_name_and_reads_in_the_active_language():
    assert Role.LEARNER == "Learners"
    assert Role("Mentors") is Role.MENTOR
    with translation.override("id"):
        assert str(Role.LEARNER.label) == "Peserta"
