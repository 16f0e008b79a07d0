"""The audit trail: each event writes exactly one entry of Wagtail's audit log, with its action, its actor, its object
and its data, listed in the admin's Site history for administrators and no one else."""

from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from cms.accounts.roles import Role, assign_role
from learning.levels import SkillLevel
from mentoring import endorsements, reviews
from mentoring.mentorships import accept, decline, end_mentorship, invite, withdraw
from mentoring.models import Mentorship
from tests.factories import PASSWORD
from tests.learning import builders
from tests.portfolio.builders import full_portfolio

pytestmark = pytest.mark.django_db

User = get_user_model()


class Entries(list):
    """The audit entries written inside a `new_entries()` block, oldest first."""


@contextmanager
def new_entries():
    last = ModelLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    written = Entries()
    yield written
    written.extend(ModelLogEntry.objects.filter(pk__gt=last).order_by("pk"))


def summary(entries) -> list[tuple]:
    return [
        (entry.action, entry.user_id, entry.content_type.model, entry.object_id, entry.data)
        for entry in entries
    ]


# Accounts ----------------------------------------------------------------------------------------------------------


def test_signing_in_and_out_are_recorded_with_the_address(client, learner, site_pages):
    with new_entries() as entries:
        client.post(
            "/en/accounts/login/", {"username": "lina", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
        )
    assert summary(entries) == [
        ("kelola.login", learner.pk, "user", str(learner.pk), {"address": "203.0.113.7"})
    ]
    with new_entries() as entries:
        client.post("/en/accounts/logout/", REMOTE_ADDR="203.0.113.8")
    assert summary(entries) == [
        ("kelola.logout", learner.pk, "user", str(learner.pk), {"address": "203.0.113.8"})
    ]


def test_a_wrong_password_is_recorded_against_the_account_tried(client, learner, site_pages):
    with new_entries() as entries:
        response = client.post("/en/accounts/login/", {"username": "lina", "password": "nope"})
    assert response.status_code == 200
    assert summary(entries) == [
        ("kelola.login_failed", None, "user", str(learner.pk), {"address": "127.0.0.1"})
    ]


def test_a_name_that_belongs_to_no_account_writes_nothing(client, site_pages):
    with new_entries() as entries:
        client.post("/en/accounts/login/", {"username": "nobody", "password": "nope"})
    assert entries == []


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "recorded"),
    [
        # Behind one proxy: the client claims 10.0.0.1; the address the proxy appended is the one recorded.
        (1, "127.0.0.1", "10.0.0.1, 198.51.100.4", "198.51.100.4"),
        # Without the proxy setting, a forwarded address is anyone's claim: ignored.
        (0, "203.0.113.7", "10.0.0.1", "203.0.113.7"),
    ],
)
def test_the_address_recorded_is_the_one_the_trusted_proxies_saw(
    client, learner, site_pages, settings, proxies, remote, forwarded, recorded
):
    settings.TRUSTED_PROXY_COUNT = proxies
    with new_entries() as entries:
        client.post(
            "/en/accounts/login/",
            {"username": "lina", "password": PASSWORD},
            REMOTE_ADDR=remote,
            HTTP_X_FORWARDED_FOR=forwarded,
        )
    assert entries[0].data == {"address": recorded}


def test_the_admin_sign_in_is_recorded_too(client, superuser):
    with new_entries() as entries:
        client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert summary(entries) == [
        ("kelola.login", superuser.pk, "user", str(superuser.pk), {"address": "127.0.0.1"})
    ]


def test_a_role_given_and_taken_away(learner):
    with new_entries() as entries:
        assign_role(user=learner, role=Role.MENTOR)
        learner.groups.remove(Group.objects.get(name="Mentors"))
    assert summary(entries) == [
        ("kelola.role.add", None, "user", str(learner.pk), {"role": "Mentors"}),
        ("kelola.role.remove", None, "user", str(learner.pk), {"role": "Mentors"}),
    ]
    assert [entry.message for entry in entries] == ["Given the role Mentor", "No longer has the role Mentor"]


def test_a_groups_members_and_a_cleared_account_count_too(learner, other_learner):
    mentors = Group.objects.get_or_create(name="Mentors")[0]
    with new_entries() as entries:
        mentors.user_set.add(learner, other_learner)
        learner.groups.clear()
    assert sorted((entry.action, entry.object_id, entry.data["role"]) for entry in entries) == sorted(
        [
            ("kelola.role.add", str(learner.pk), "Mentors"),
            ("kelola.role.add", str(other_learner.pk), "Mentors"),
            ("kelola.role.remove", str(learner.pk), "Learners"),
            ("kelola.role.remove", str(learner.pk), "Mentors"),
        ]
    )
    assert {entry.user_id for entry in entries} == {None}


def test_roles_changed_in_the_admins_user_form_name_the_administrator(client, superuser, learner):
    client.force_login(superuser)
    editors = Group.objects.get(name="Editors")
    with new_entries() as entries:
        response = client.post(
            reverse("wagtailusers_users:edit", args=[learner.pk]),
            {
                "username": "lina",
                "email": "lina@example.com",
                "first_name": "Lina",
                "last_name": "Sari",
                "is_active": "on",
                "is_superuser": "on",
                "groups": [editors.pk],
            },
        )
    assert (response.status_code, response.url) == (302, "/admin/users/")
    assert summary(entries) == [
        ("kelola.role.remove", superuser.pk, "user", str(learner.pk), {"role": "Learners"}),
        ("kelola.role.add", superuser.pk, "user", str(learner.pk), {"role": "Editors"}),
        ("wagtail.edit", superuser.pk, "user", str(learner.pk), {}),
        ("kelola.role.add", superuser.pk, "user", str(learner.pk), {"role": "superuser"}),
    ]
    assert entries[-1].message == "Given the role Administrator"


# Mentoring ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def mentorship(learner, mentor):
    return accept(invite(learner=learner, identifier="maya"), mentor=mentor)


def test_an_invitation_sent_and_accepted_starts_a_mentorship(learner, mentor):
    between = {"learner": learner.pk, "mentor": mentor.pk}
    with new_entries() as entries:
        invitation = invite(learner=learner, identifier="maya")
    assert summary(entries) == [
        ("kelola.invitation.send", learner.pk, "mentorinvitation", str(invitation.pk), between)
    ]
    assert entries[0].label == f"{learner} · {mentor}"
    with new_entries() as entries:
        mentorship = accept(invitation, mentor=mentor)
    assert summary(entries) == [
        ("kelola.invitation.accept", mentor.pk, "mentorinvitation", str(invitation.pk), between),
        ("kelola.mentorship.start", mentor.pk, "mentorship", str(mentorship.pk), between),
    ]


def test_an_invitation_declined_or_withdrawn(learner, mentor):
    first = invite(learner=learner, identifier="maya")
    with new_entries() as entries:
        decline(first, mentor=mentor)
    assert [(entry.action, entry.user_id) for entry in entries] == [("kelola.invitation.decline", mentor.pk)]
    second = invite(learner=learner, identifier="maya")
    with new_entries() as entries:
        withdraw(second, learner=learner)
    assert [(entry.action, entry.user_id) for entry in entries] == [
        ("kelola.invitation.withdraw", learner.pk)
    ]


def test_ending_a_mentorship(learner, mentor, mentorship):
    with new_entries() as entries:
        end_mentorship(mentorship, by=learner)
    assert summary(entries) == [
        (
            "kelola.mentorship.end",
            learner.pk,
            "mentorship",
            str(mentorship.pk),
            {"learner": learner.pk, "mentor": mentor.pk},
        )
    ]


def test_an_endorsement_given_and_withdrawn(learner, mentor, mentorship):
    skill = builders.skill()
    with new_entries() as entries:
        endorsement = endorsements.endorse(
            mentor=mentor, learner=learner, skill=skill, level=SkillLevel.PROFICIENT, reason="Ran our forum."
        )
    data = {"learner": learner.pk, "skill": "Communication", "level": SkillLevel.PROFICIENT}
    assert summary(entries) == [
        ("kelola.endorsement.give", mentor.pk, "endorsement", str(endorsement.pk), data)
    ]
    # Named in no language: the Site history shows it to administrators in theirs.
    assert (entries[0].label, entries[0].message) == (
        f"{learner} · Communication",
        f"Endorsed Communication at level {SkillLevel.PROFICIENT}",
    )
    with new_entries() as entries:
        endorsements.withdraw(endorsement, mentor=mentor)
    assert summary(entries) == [
        ("kelola.endorsement.withdraw", mentor.pk, "endorsement", str(endorsement.pk), data)
    ]


def test_each_review_decision(learner, mentor, mentorship):
    project = full_portfolio(learner, projects=1).projects.get()
    data = {"learner": learner.pk, "mentor": mentor.pk, "project": project.pk}
    with new_entries() as entries:
        review = reviews.submit(learner=learner, mentor=mentor, project=project)
        reviews.request_changes(review, mentor=mentor, note="Add numbers.")
        reviews.resubmit(review, learner=learner)
        reviews.approve(review, mentor=mentor)
        reviews.comment(review, author=learner, body="Thanks!")
    assert summary(entries) == [
        ("kelola.review.submit", learner.pk, "reviewrequest", str(review.pk), data),
        ("kelola.review.request_changes", mentor.pk, "reviewrequest", str(review.pk), data),
        ("kelola.review.resubmit", learner.pk, "reviewrequest", str(review.pk), data),
        ("kelola.review.approve", mentor.pk, "reviewrequest", str(review.pk), data),
    ]
    assert entries[0].label == f"{learner} · {project.title} · {mentor}"
    other = reviews.submit(learner=learner, mentor=mentor)
    with new_entries() as entries:
        reviews.withdraw(other, learner=learner)
    assert summary(entries) == [
        ("kelola.review.withdraw", learner.pk, "reviewrequest", str(other.pk), {**data, "project": None})
    ]


def test_staff_start_and_end_a_mentorship_in_the_admin(client, editor, learner, mentor):
    client.force_login(editor)
    started = timezone.now().strftime("%Y-%m-%d %H:%M")
    with new_entries() as entries:
        client.post(
            reverse("mentorships:add"), {"learner": learner.pk, "mentor": mentor.pk, "started_at": started}
        )
    mentorship = Mentorship.objects.get()
    between = {"learner": learner.pk, "mentor": mentor.pk}
    assert summary(entries) == [
        ("wagtail.create", editor.pk, "mentorship", str(mentorship.pk), {}),
        ("kelola.mentorship.start", editor.pk, "mentorship", str(mentorship.pk), between),
    ]
    fields = {"learner": learner.pk, "mentor": mentor.pk, "started_at": started}
    with new_entries() as entries:
        client.post(reverse("mentorships:edit", args=[mentorship.pk]), {**fields, "ended_at": started})
        client.post(
            reverse("mentorships:edit", args=[mentorship.pk]), {**fields, "ended_at": started}
        )  # again
    assert [entry.action for entry in entries] == ["wagtail.edit", "kelola.mentorship.end", "wagtail.edit"]


def test_an_administrator_made_in_the_admin(client, superuser):
    client.force_login(superuser)
    with new_entries() as entries:
        response = client.post(
            reverse("wagtailusers_users:add"),
            {
                "username": "ratna",
                "email": "ratna@example.com",
                "first_name": "Ratna",
                "last_name": "Dewi",
                "password1": "a-long-enough-passphrase",
                "password2": "a-long-enough-passphrase",
                "is_active": "on",
                "is_superuser": "on",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    ratna = User.objects.get(username="ratna")
    assert summary(entries) == [
        ("wagtail.create", superuser.pk, "user", str(ratna.pk), {}),
        ("kelola.role.add", superuser.pk, "user", str(ratna.pk), {"role": "superuser"}),
    ]


# Who sees them -----------------------------------------------------------------------------------------------------

REPORT = "/admin/reports/site-history/"


@pytest.fixture
def history(client, learner, mentor, superuser):
    """A sign-in, a mentorship and an endorsement, in the audit log."""
    client.post("/en/accounts/login/", {"username": "lina", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7")
    client.logout()
    mentorship = accept(invite(learner=learner, identifier="maya"), mentor=mentor)
    endorsements.endorse(
        mentor=mentor, learner=learner, skill=builders.skill(), level=SkillLevel.AWARE, reason="Seen it."
    )
    return mentorship


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Signed in from 203.0.113.7", "Mentorship started", "Endorsed Communication at level 1"]),
        (
            "id",
            ["Masuk dari 203.0.113.7", "Bimbingan mentor dimulai", "Mengesahkan Communication di level 1"],
        ),
    ],
)
def test_administrators_see_the_trail_in_their_language(
    client, site_pages, superuser, history, language, expected
):
    superuser.language = language
    superuser.save()
    UserProfile.get_for_user(
        superuser
    )  # made on first use of the admin; Wagtail then asks it for the language
    client.force_login(superuser)
    client.get("/admin/")  # gives the language cookie the account's language, as after signing in
    response = client.get(REPORT)
    assert response.status_code == 200
    page = response.content.decode()
    assert [text in page for text in expected] == [True, True, True]


def test_editors_see_only_what_they_manage_no_sign_ins(client, site_pages, editor, history):
    client.force_login(editor)
    response = client.get(REPORT)
    assert response.status_code == 200
    page = response.content.decode()
    # Editors assign mentors in the admin (they hold the mentorship permissions), nothing about accounts or reviews.
    assert "Mentorship started" in page
    assert ["Signed in from" in page, "Endorsed" in page, "Given the role" in page] == [False, False, False]


def test_editors_cannot_filter_their_way_to_sign_ins(client, site_pages, editor, history):
    client.force_login(editor)
    response = client.get(REPORT, {"action": "kelola.login"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice. kelola.login is not one of the available choices." in page
    assert ["Signed in from" in page, "Mentorship started" in page] == [False, True]


def test_mentors_and_learners_cannot_open_the_report(client, site_pages, mentor, learner, history):
    for person in (mentor, learner):
        client.force_login(person)
        response = client.get(REPORT)
        assert (response.status_code, response.url) == (
            302,
            "/admin/login/?next=/admin/reports/site-history/",
        )
