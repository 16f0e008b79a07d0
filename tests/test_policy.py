"""Who may do what (each app's rules.py), asked of every kind of person, and the transition tables the services
move reviews, invitations and résumé exports by."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.accounts.rules import is_editor, is_mentor
from learning.models import QuizAttempt
from mentoring import reviews
from mentoring.mentorships import MentoringError, accept, decline, end_mentorship, invite, withdraw
from mentoring.models import (
    INVITATION_TRANSITIONS,
    REVIEW_TRANSITIONS,
    Endorsement,
    InvitationStatus,
    MentorInvitation,
    Mentorship,
    ReviewRequest,
    ReviewState,
)
from mentoring.rules import learner_for
from portfolio import resume
from portfolio.models import EXPORT_TRANSITIONS, ExportStatus, Project, ProjectImage, ResumeExport, Visibility
from portfolio.pdf import PdfError
from portfolio.portfolios import profile_of, set_visibility
from tests import factories
from tests.portfolio.builders import full_portfolio

pytestmark = pytest.mark.django_db

KINDS = [
    "anonymous",
    "owner",  # the learner whose records these are
    "other_learner",
    "mentor",  # mentors the owner now
    "unassigned_mentor",  # mentors someone else
    "former_mentor",  # mentored the owner once
    "editor",
    "superuser",
]


@pytest.fixture
def people(learner, other_learner, mentor, editor, superuser):
    unassigned, former = factories.mentor(username="budi"), factories.mentor(username="fara")
    Mentorship.objects.create(learner=learner, mentor=mentor)
    Mentorship.objects.create(learner=other_learner, mentor=unassigned)
    Mentorship.objects.create(learner=learner, mentor=former, ended_at=timezone.now())
    return {
        "anonymous": AnonymousUser(),
        "owner": learner,
        "other_learner": other_learner,
        "mentor": mentor,
        "unassigned_mentor": unassigned,
        "former_mentor": former,
        "editor": editor,
        "superuser": superuser,
    }


def records(people) -> dict:
    """One record of each kind the permissions are asked about, the owner's (unsaved where nothing reads them back)."""
    learner, mentor = people["owner"], people["mentor"]
    profile = profile_of(learner)
    set_visibility(profile, Visibility.MENTORS)
    return {
        "nothing": None,
        "profile": profile,
        "project": Project(profile=profile, title="Bandung Board Gamers"),
        # Saved: whether a mentor reviews its project is read from the database.
        "picture": ProjectImage(project=factories.ProjectFactory(profile=profile)),
        "export": ResumeExport(user=learner, status=ExportStatus.FAILED),
        "attempt": QuizAttempt(user=learner),
        "learner": learner,
        "endorsement": Endorsement(learner=learner, mentor=mentor),
        # The owner invites a mentor who does not mentor them yet.
        "invitation": MentorInvitation(learner=learner, mentor=people["unassigned_mentor"]),
        "mentorship": Mentorship.objects.get(learner=learner, mentor=mentor),
        "open_review": ReviewRequest(learner=learner, mentor=mentor, state=ReviewState.OPEN),
        "returned_review": ReviewRequest(learner=learner, mentor=mentor, state=ReviewState.CHANGES_REQUESTED),
    }


# permission: (what it is asked about, the kinds of person it allows)
PERMISSIONS = {
    "accounts.edit_content": ("nothing", {"editor", "superuser"}),
    "portfolio.read_profile": ("profile", {"owner", "mentor"}),
    "portfolio.edit_project": ("project", {"owner"}),
    "portfolio.read_projectimage": ("picture", {"owner", "mentor"}),
    "portfolio.read_resumeexport": ("export", {"owner"}),
    "portfolio.retry_resumeexport": ("export", {"owner"}),
    "learning.read_quizattempt": ("attempt", {"owner"}),
    "mentoring.read_learner": ("learner", {"mentor"}),
    "mentoring.review_learner": ("learner", {"mentor"}),
    "mentoring.endorse_learner": ("learner", {"mentor"}),
    "mentoring.withdraw_endorsement": ("endorsement", {"mentor"}),
    "mentoring.read_mentorinvitation": ("invitation", {"owner", "unassigned_mentor"}),
    "mentoring.accept_mentorinvitation": ("invitation", {"unassigned_mentor"}),
    "mentoring.decline_mentorinvitation": ("invitation", {"unassigned_mentor"}),
    "mentoring.withdraw_mentorinvitation": ("invitation", {"owner"}),
    "mentoring.end_mentorship": ("mentorship", {"owner", "mentor"}),
    "mentoring.read_reviewrequest": ("open_review", {"owner", "mentor"}),
    "mentoring.request_changes_reviewrequest": ("open_review", {"mentor"}),
    "mentoring.approve_reviewrequest": ("open_review", {"mentor"}),
    "mentoring.resubmit_reviewrequest": ("returned_review", {"owner"}),
    "mentoring.withdraw_reviewrequest": ("open_review", {"owner"}),
    "mentoring.comment_reviewrequest": ("open_review", {"owner", "mentor"}),
}


def test_every_permission_is_in_the_table():
    from rules.permissions import permissions

    ours = {
        name
        for name in permissions
        if name.split(".")[0] in {"accounts", "learning", "portfolio", "mentoring"}
    }
    assert ours == set(PERMISSIONS)


@pytest.mark.parametrize("permission", PERMISSIONS)
def test_each_permission_allows_exactly_its_people(people, permission):
    record_name, allowed = PERMISSIONS[permission]
    record = records(people)[record_name]
    answers = {kind: people[kind].has_perm(permission, record) for kind in KINDS}
    assert answers == {kind: kind in allowed for kind in KINDS}


def test_a_superuser_has_the_admin_s_permissions_still(superuser):
    """Only Kelola's own permissions are the rules' alone: Django's stay a superuser's."""
    assert superuser.has_perm("wagtailadmin.access_admin")
    assert superuser.has_perm("portfolio.change_project")


def test_an_inactive_account_may_do_nothing(people):
    learner = people["owner"]
    profile = profile_of(learner)
    learner.is_active = False
    assert not learner.has_perm("portfolio.read_profile", profile)


@pytest.mark.parametrize(
    ("visibility", "allowed"),
    [
        (Visibility.PRIVATE, {"owner"}),
        (Visibility.MENTORS, {"owner", "mentor"}),
        # The public link is no permission: a signed-in stranger is still not an audience.
        (Visibility.PUBLIC, {"owner", "mentor"}),
    ],
)
def test_who_reads_a_profile_follows_its_sharing(people, visibility, allowed):
    profile = profile_of(people["owner"])
    set_visibility(profile, visibility)
    assert {kind for kind in KINDS if people[kind].has_perm("portfolio.read_profile", profile)} == allowed


@pytest.mark.parametrize("status", [ExportStatus.QUEUED, ExportStatus.READY])
def test_only_a_failed_export_is_retried(learner, status):
    assert not learner.has_perm("portfolio.retry_resumeexport", ResumeExport(user=learner, status=status))
    assert learner.has_perm("portfolio.read_resumeexport", ResumeExport(user=learner, status=status))


def test_a_former_mentor_loses_the_reviews_and_the_learner_keeps_reading_them(people):
    learner, former = people["owner"], people["former_mentor"]
    review = ReviewRequest(learner=learner, mentor=former, state=ReviewState.APPROVED)
    assert learner.has_perm("mentoring.read_reviewrequest", review)
    for permission in ("read", "comment"):
        assert not former.has_perm(f"mentoring.{permission}_reviewrequest", review)
    assert not learner.has_perm("mentoring.comment_reviewrequest", review)
    endorsement = Endorsement(learner=learner, mentor=former)
    assert not former.has_perm("mentoring.withdraw_endorsement", endorsement)


def test_only_the_mentor_who_endorsed_withdraws(people):
    second = factories.mentor(username="gita")
    Mentorship.objects.create(learner=people["owner"], mentor=second)
    endorsement = Endorsement(learner=people["owner"], mentor=people["mentor"])
    assert second.has_perm("mentoring.endorse_learner", people["owner"])
    assert not second.has_perm("mentoring.withdraw_endorsement", endorsement)


# The predicates the permissions are made of, asked directly where the services and navigation do.


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("anonymous", False), ("owner", False), ("mentor", True), ("editor", False), ("superuser", False)],
)
def test_is_mentor_is_the_mentors_group(people, kind, expected):
    assert is_mentor.test(people[kind]) is expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("anonymous", False), ("owner", False), ("mentor", False), ("editor", True), ("superuser", True)],
)
def test_is_editor_is_admin_access(people, kind, expected):
    assert is_editor.test(people[kind]) is expected


def test_a_moderator_is_an_editor(moderator):
    assert moderator.has_perm("accounts.edit_content")


# Asking costs no query where the record was read with the answer.


def test_a_learner_read_for_a_viewer_carries_the_answer(people, django_assert_num_queries):
    mentor, learner = people["mentor"], people["owner"]
    with django_assert_num_queries(1):
        found = learner_for(mentor, learner.pk)
        assert mentor.has_perm("mentoring.read_learner", found)
        assert mentor.has_perm("mentoring.endorse_learner", found)
    with django_assert_num_queries(1):
        found = learner_for(people["former_mentor"], learner.pk)
        assert not people["former_mentor"].has_perm("mentoring.read_learner", found)
    assert learner_for(mentor, 0) is None


def test_a_review_read_with_its_mentorship_answers_every_button(people, django_assert_num_queries):
    mentor, learner = people["mentor"], people["owner"]
    saved = ReviewRequest.objects.create(learner=learner, mentor=mentor)
    with django_assert_num_queries(1):
        review = ReviewRequest.objects.with_mentorship().get(pk=saved.pk)
        for action in ("read", "comment", "approve", "request_changes", "resubmit", "withdraw"):
            mentor.has_perm(f"mentoring.{action}_reviewrequest", review)
            learner.has_perm(f"mentoring.{action}_reviewrequest", review)


# The transition tables: each permission follows its table, state by state.


@pytest.mark.parametrize("action", [action for action in REVIEW_TRANSITIONS if action != "close"])
@pytest.mark.parametrize("state", ReviewState.values)
def test_review_permissions_follow_the_table(people, action, state):
    transition = REVIEW_TRANSITIONS[action]
    review = ReviewRequest(learner=people["owner"], mentor=people["mentor"], state=state)
    sides = {"learner": ["owner"], "mentor": ["mentor"], "either": ["owner", "mentor"]}[transition.side]
    for kind in sides:
        assert people[kind].has_perm(f"mentoring.{action}_reviewrequest", review) is transition.allows(state)


@pytest.mark.parametrize("action", INVITATION_TRANSITIONS)
@pytest.mark.parametrize("status", InvitationStatus.values)
def test_invitation_permissions_follow_the_table(people, action, status):
    transition = INVITATION_TRANSITIONS[action]
    invitation = MentorInvitation(learner=people["owner"], mentor=people["unassigned_mentor"], status=status)
    person = people["owner" if transition.side == "learner" else "unassigned_mentor"]
    assert person.has_perm(f"mentoring.{action}_mentorinvitation", invitation) is transition.allows(status)


# The transition tables: the services take every allowed move, and refuse the others, changing nothing.


@pytest.fixture
def review(people):
    full_portfolio(people["owner"], projects=1)
    return reviews.submit(learner=people["owner"], mentor=people["mentor"])


REVIEW_STEPS = {
    "request_changes": lambda review, people: reviews.request_changes(review, mentor=people["mentor"]),
    "approve": lambda review, people: reviews.approve(review, mentor=people["mentor"]),
    "resubmit": lambda review, people: reviews.resubmit(review, learner=people["owner"]),
    "withdraw": lambda review, people: reviews.withdraw(review, learner=people["owner"]),
    "comment": lambda review, people: reviews.comment(review, author=people["owner"], body="Is this clear?"),
}


def _in_state(review, state) -> ReviewRequest:
    ReviewRequest.objects.filter(pk=review.pk).update(state=state)
    review.refresh_from_db()
    return review


@pytest.mark.parametrize(
    ("action", "source"),
    [(action, source) for action in REVIEW_STEPS for source in sorted(REVIEW_TRANSITIONS[action].sources)],
)
def test_every_allowed_review_move(people, review, action, source):
    REVIEW_STEPS[action](_in_state(review, source), people)
    review.refresh_from_db()
    assert review.state == (REVIEW_TRANSITIONS[action].target or source)


@pytest.mark.parametrize("action", REVIEW_STEPS)
def test_a_refused_review_move_says_why_and_changes_nothing(people, review, action):
    _in_state(review, ReviewState.WITHDRAWN)
    with pytest.raises(reviews.ReviewError, match="can no longer change this way"):
        REVIEW_STEPS[action](review, people)
    review.refresh_from_db()
    assert (review.state, review.events.count(), review.comments.count()) == (ReviewState.WITHDRAWN, 1, 0)


def test_ending_the_mentorship_closes_the_reviews_in_play(people, review):
    approved = reviews.submit(learner=people["owner"], mentor=people["mentor"], project=Project.objects.get())
    reviews.approve(approved, mentor=people["mentor"])
    returned = _in_state(review, ReviewState.CHANGES_REQUESTED)
    end_mentorship(
        Mentorship.objects.get(learner=people["owner"], mentor=people["mentor"]), by=people["owner"]
    )
    returned.refresh_from_db()
    approved.refresh_from_db()
    assert (returned.state, approved.state) == (ReviewState.WITHDRAWN, ReviewState.APPROVED)


INVITATION_STEPS = {
    "accept": lambda invitation, people: accept(invitation, mentor=people["unassigned_mentor"]),
    "decline": lambda invitation, people: decline(invitation, mentor=people["unassigned_mentor"]),
    "withdraw": lambda invitation, people: withdraw(invitation, learner=people["owner"]),
}


@pytest.fixture
def invitation(people):
    return invite(learner=people["owner"], identifier="budi")


@pytest.mark.parametrize("action", INVITATION_STEPS)
def test_every_allowed_invitation_answer(people, invitation, action):
    INVITATION_STEPS[action](invitation, people)
    invitation.refresh_from_db()
    assert (invitation.status, bool(invitation.answered_at)) == (INVITATION_TRANSITIONS[action].target, True)


@pytest.mark.parametrize("action", INVITATION_STEPS)
def test_an_answered_invitation_is_not_answered_again(people, invitation, action):
    decline(invitation, mentor=people["unassigned_mentor"])
    with pytest.raises(MentoringError, match="already answered: Declined"):
        INVITATION_STEPS[action](invitation, people)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED


def test_an_invitation_is_answered_by_its_own_side(people, invitation):
    with pytest.raises(MentoringError, match="not yours to answer"):
        accept(invitation, mentor=people["mentor"])
    with pytest.raises(MentoringError, match="not yours to answer"):
        withdraw(invitation, learner=people["other_learner"])
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


@pytest.fixture
def queued_export(learner, settings, tmp_path):
    """An export waiting for its task, which waits in the database for a worker (as in production)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.MEDIA_ROOT = tmp_path / "media"
    return resume.request_export(full_portfolio(learner, projects=1), resume.ResumeOptions())


def test_an_export_is_finished_by_its_task(queued_export, monkeypatch):
    monkeypatch.setattr(resume, "resume_pdf", lambda html: b"%PDF-1.7 made")
    resume.render_export.call(queued_export.pk)
    queued_export.refresh_from_db()
    assert queued_export.status == EXPORT_TRANSITIONS["finish"].target
    with queued_export.pdf.open("rb") as stored:
        assert stored.read() == b"%PDF-1.7 made"


def test_an_export_fails_after_its_last_attempt_and_is_retried(queued_export, monkeypatch):
    def broken(html):
        raise PdfError("the layout is too deep")

    monkeypatch.setattr(resume, "resume_pdf", broken)
    ResumeExport.objects.filter(pk=queued_export.pk).update(attempts=resume.RENDER_ATTEMPTS - 1)
    resume.render_export.call(queued_export.pk)
    queued_export.refresh_from_db()
    assert (queued_export.status, queued_export.error) == (ExportStatus.FAILED, "the layout is too deep")
    resume.retry_export(queued_export)
    queued_export.refresh_from_db()
    assert (queued_export.status, queued_export.attempts, queued_export.error) == (ExportStatus.QUEUED, 0, "")
    assert DBTaskResult.objects.filter(pk=queued_export.task_id).exists()


def test_a_lost_render_fails_its_export(queued_export):
    DBTaskResult.objects.filter(pk=queued_export.task_id).delete()  # its task is gone: nothing will finish it
    assert resume.fail_if_abandoned(queued_export)
    queued_export.refresh_from_db()
    assert queued_export.status == ExportStatus.FAILED


def test_a_ready_export_is_neither_retried_nor_rendered_again(queued_export, monkeypatch):
    monkeypatch.setattr(resume, "resume_pdf", lambda html: b"%PDF-1.7 made")
    resume.render_export.call(queued_export.pk)
    queued_export.refresh_from_db()
    made = (queued_export.pdf.name, queued_export.task_id)
    resume.retry_export(queued_export)
    monkeypatch.setattr(resume, "resume_pdf", lambda html: b"%PDF-1.7 again")
    resume.render_export.call(queued_export.pk)
    queued_export.refresh_from_db()
    assert (queued_export.status, queued_export.pdf.name, queued_export.task_id) == (
        ExportStatus.READY,
        *made,
    )
    assert not resume.fail_if_abandoned(queued_export)
