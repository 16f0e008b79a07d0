"""Portfolio reviews: the state machine and its refusals, comments and replies, approvals that remember what they
approved, and who may see and act on a review."""

import pytest
from django.urls import reverse
from django.utils import translation

from cms.models import Notification
from mentoring import reviews
from mentoring.mentor_tasks import mentor_tasks
from mentoring.mentorships import accept, end_mentorship, invite
from mentoring.models import ProjectApproval, ReviewEvent, ReviewRequest, ReviewState
from tests import factories
from tests.portfolio.builders import full_portfolio

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentorship(learner, mentor):
    return accept(invite(learner=learner, identifier="maya"), mentor=mentor)


@pytest.fixture
def profile(learner):
    return full_portfolio(learner, projects=2)


@pytest.fixture
def project(profile):
    return profile.projects.get(sort_order=1)


@pytest.fixture
def review(learner, mentor, mentorship, project):
    return reviews.submit(learner=learner, mentor=mentor, project=project, message="Is the outcome clear?")


def state_of(review) -> tuple:
    review.refresh_from_db()
    return review.state, review.events.count(), review.comments.count(), ProjectApproval.objects.count()


def test_the_whole_loop_keeps_every_step(learner, mentor, review):
    assert Notification.objects.filter(user=mentor, message="review_requested").exists()
    reviews.request_changes(review, mentor=mentor, note="Add numbers to the outcome.")
    reviews.resubmit(review, learner=learner, message="Numbers added.")
    reviews.approve(review, mentor=mentor, note="Clear now.")
    review.refresh_from_db()
    assert review.state == ReviewState.APPROVED
    steps = [(event.actor, event.state, event.note) for event in review.events.all()]
    assert steps == [
        (learner, ReviewState.OPEN, "Is the outcome clear?"),
        (mentor, ReviewState.CHANGES_REQUESTED, "Add numbers to the outcome."),
        (learner, ReviewState.OPEN, "Numbers added."),
        (mentor, ReviewState.APPROVED, "Clear now."),
    ]
    assert list(Notification.objects.filter(user=learner).values_list("message", flat=True)) == [
        "review_approved",
        "review_changes_requested",
        "mentor_accepted",
    ]


ILLEGAL = [
    # (steps taken first, the illegal step, the error)
    ([], "resubmit", "no longer change this way"),
    (["request_changes"], "approve", "no longer change this way"),
    (["request_changes"], "request_changes", "no longer change this way"),
    (["approve"], "request_changes", "no longer change this way"),
    (["approve"], "withdraw", "no longer change this way"),
    (["withdraw"], "approve", "no longer change this way"),
    (["withdraw"], "resubmit", "no longer change this way"),
]


@pytest.mark.parametrize(("before", "step", "error"), ILLEGAL)
def test_illegal_transitions_say_why_and_change_nothing(learner, mentor, review, before, step, error):
    steps = {
        "request_changes": lambda: reviews.request_changes(review, mentor=mentor),
        "approve": lambda: reviews.approve(review, mentor=mentor),
        "resubmit": lambda: reviews.resubmit(review, learner=learner),
        "withdraw": lambda: reviews.withdraw(review, learner=learner),
    }
    for name in before:
        steps[name]()
    snapshot = state_of(review)
    with pytest.raises(reviews.ReviewError, match=error):
        steps[step]()
    assert state_of(review) == snapshot


def test_each_side_takes_only_its_own_steps(learner, mentor, other_learner, review):
    stranger = factories.mentor(username="budi")
    for step in (
        lambda: reviews.approve(review, mentor=learner),
        lambda: reviews.approve(review, mentor=stranger),
        lambda: reviews.request_changes(review, mentor=other_learner),
        lambda: reviews.withdraw(review, learner=mentor),
        lambda: reviews.comment(review, author=stranger, body="Hi"),
    ):
        with pytest.raises(reviews.ReviewError, match="not yours"):
            step()
    assert state_of(review) == (ReviewState.OPEN, 1, 0, 0)


def test_only_a_current_mentor_reviews_and_only_own_projects(
    learner, mentor, other_learner, mentorship, project
):
    with pytest.raises(reviews.ReviewError, match="current mentors"):
        reviews.submit(learner=learner, mentor=factories.mentor(username="budi"))
    omar_project = full_portfolio(other_learner, projects=1).projects.get()
    with pytest.raises(reviews.ReviewError, match="your own projects"):
        reviews.submit(learner=learner, mentor=mentor, project=omar_project)
    reviews.submit(learner=learner, mentor=mentor, project=project)
    with pytest.raises(reviews.ReviewError, match="already asked"):
        reviews.submit(learner=learner, mentor=mentor, project=project)
    assert ReviewRequest.objects.count() == 1


def test_a_review_stops_when_the_mentorship_ends(learner, mentor, mentorship, review):
    end_mentorship(mentorship, by=learner)
    with pytest.raises(reviews.ReviewError, match="mentorship has ended"):
        reviews.approve(review, mentor=mentor)
    with pytest.raises(reviews.ReviewError, match="mentorship has ended"):
        reviews.comment(review, author=mentor, body="Late comment")
    assert state_of(review) == (ReviewState.WITHDRAWN, 2, 0, 0)


def test_ending_a_mentorship_withdraws_its_open_and_changes_requested_reviews(
    client, learner, mentor, mentorship, profile
):
    first, second = profile.projects.order_by("sort_order")
    waiting = reviews.submit(learner=learner, mentor=mentor, project=first)
    sent_back = reviews.submit(learner=learner, mentor=mentor, project=second)
    reviews.request_changes(sent_back, mentor=mentor, note="More numbers.")
    approved = reviews.submit(learner=learner, mentor=mentor)
    reviews.approve(approved, mentor=mentor)
    client.force_login(mentor)
    links = [f'href="{review_url(waiting)}"', f'href="{review_url(sent_back)}"']
    page = client.get(reverse("mentoring:home")).content.decode()
    assert [link in page for link in links] == [True, True]
    end_mentorship(mentorship, by=mentor)
    for review, state in ((waiting, ReviewState.WITHDRAWN), (sent_back, ReviewState.WITHDRAWN)):
        review.refresh_from_db()
        last = review.events.last()
        assert (review.state, last.state, last.actor) == (state, ReviewState.WITHDRAWN, mentor)
    approved.refresh_from_db()
    assert (approved.state, approved.events.count()) == (ReviewState.APPROVED, 2)
    tasks = mentor_tasks(mentor)
    assert (tasks["review_queue"], tasks["changes_requested"]) == ([], [])
    page = client.get(reverse("mentoring:home")).content.decode()
    assert [link in page for link in links] == [False, False]
    assert "No review is waiting for you." in page


def test_comments_thread_per_project(learner, mentor, review, project, profile):
    first = reviews.comment(review, author=mentor, body="Which numbers?", project=project)
    reply = reviews.comment(review, author=learner, body="Members per month.", reply_to=first)
    assert reply.parent == first and reply.project == project
    assert Notification.objects.filter(user=learner, message="review_commented").exists()
    assert Notification.objects.filter(user=mentor, message="review_commented").exists()
    other_project = profile.projects.get(sort_order=2)
    with pytest.raises(reviews.ReviewError, match="not part of this review"):
        reviews.comment(review, author=mentor, body="And this one?", project=other_project)
    with pytest.raises(reviews.ReviewError, match="Write a comment first"):
        reviews.comment(review, author=mentor, body="   ", project=project)


def test_an_approval_remembers_the_version_and_shows_later_changes(learner, mentor, review, project):
    reviews.approve(review, mentor=mentor)
    approval = project.approvals.get()
    assert reviews.changes_since_approval(project, approval) == []
    project.outcome = "Outcome 1: the server runs itself every week with eight volunteer hosts."
    project.save()
    project.results.update(after=5200)
    (outcome, results) = reviews.changes_since_approval(project, approval)
    assert outcome.label == "The outcome" and results.label == "Measurable results"
    assert ("removed", "on most weeks") in outcome.pieces and ("added", "every week") in outcome.pieces
    assert any(kind == "added" and "5200" in text for kind, text in results.pieces)
    assert reviews.changes_since_approval(project, None) is None


def test_approving_the_whole_portfolio_approves_every_project(learner, mentor, mentorship, profile):
    review = reviews.submit(learner=learner, mentor=mentor)
    reviews.approve(review, mentor=mentor)
    assert set(ProjectApproval.objects.values_list("project", flat=True)) == set(
        profile.projects.values_list("pk", flat=True)
    )


# The pages.


def review_url(review) -> str:
    return reverse("mentoring:review", args=[review.pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [("learner", 200), ("mentor", 200), ("other_learner", 404), ("editor", 404), ("unassigned_mentor", 404)],
)
def test_who_sees_a_review(client, request, review, who, status):
    user = factories.mentor(username="budi") if who == "unassigned_mentor" else request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(review_url(review)).status_code == status


def test_anonymous_and_former_mentors_see_nothing(client, learner, mentor, mentorship, review):
    response = client.get(review_url(review))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    end_mentorship(mentorship, by=learner)
    client.force_login(mentor)
    assert client.get(review_url(review)).status_code == 404
    assert client.post(review_url(review), {"action": "approve"}).status_code == 404
    assert state_of(review)[0] == ReviewState.WITHDRAWN  # by the ending, not the approve


def test_the_mentor_comments_and_decides_on_the_page(client, learner, mentor, review, project):
    client.force_login(mentor)
    page = client.get(review_url(review)).content.decode()
    assert "Is the outcome clear?" in page and "Request changes" in page
    client.post(
        review_url(review), {"action": "comment", "project": project.pk, "body": "Add member counts."}
    )
    response = client.post(
        review_url(review), {"action": "request_changes", "note": "See my comment."}, follow=True
    )
    page = response.content.decode()
    assert "You asked for changes." in page and "Add member counts." in page
    assert state_of(review)[0] == ReviewState.CHANGES_REQUESTED
    # A second decision is refused, with the reason, and changes nothing.
    response = client.post(review_url(review), {"action": "approve", "note": "Oops"})
    assert response.status_code == 200
    assert state_of(review)[0] == ReviewState.CHANGES_REQUESTED


def test_the_learner_replies_and_resubmits_on_the_page(client, learner, mentor, review, project):
    question = reviews.comment(review, author=mentor, body="Which numbers?", project=project)
    reviews.request_changes(review, mentor=mentor)
    client.force_login(learner)
    client.post(
        review_url(review), {"action": "comment", "reply_to": question.pk, "body": "Members per month."}
    )
    assert question.replies.get().body == "Members per month."
    response = client.post(review_url(review), {"action": "resubmit", "note": "Added."}, follow=True)
    assert "Sent back to your mentor" in response.content.decode()
    assert state_of(review)[0] == ReviewState.OPEN


def test_the_page_has_a_comment_form_per_project_one_for_the_portfolio_and_a_reply_per_thread(
    client, learner, mentor, mentorship, profile
):
    review = reviews.submit(learner=learner, mentor=mentor)
    first, second = profile.projects.order_by("sort_order")
    question = reviews.comment(review, author=mentor, body="Which numbers?", project=first)
    client.force_login(learner)

    page = client.get(review_url(review)).content.decode()

    assert page.count('<input type="hidden" name="action" value="comment">') == 4
    assert page.count(f'<input type="hidden" name="project" value="{first.pk}">') == 1
    assert page.count(f'<input type="hidden" name="project" value="{second.pk}">') == 1
    assert page.count(f'<input type="hidden" name="reply_to" value="{question.pk}">') == 1
    assert page.count("A comment on the whole portfolio") == 1
    assert page.count("Post the comment") == 3
    assert page.count("Send the reply") == 1


def test_a_refused_comment_keeps_its_text(client, learner, mentor, review, profile):
    other_project = profile.projects.get(sort_order=2)
    client.force_login(mentor)
    response = client.post(
        review_url(review), {"action": "comment", "project": other_project.pk, "body": "My long thought"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "not part of this review" in page and "My long thought" in page


def test_the_learner_asks_for_a_review(client, learner, mentor, mentorship, project):
    client.force_login(learner)
    page = client.get(reverse("mentoring:request_review"), {"project": project.pk})
    assert page.context["form"]["project"].value() == str(project.pk)
    response = client.post(
        reverse("mentoring:request_review"), {"mentor": mentor.pk, "project": project.pk, "message": "Please"}
    )
    review = ReviewRequest.objects.get()
    assert response.url == review_url(review)
    assert ReviewEvent.objects.filter(request=review, state=ReviewState.OPEN).count() == 1


def test_without_a_mentor_the_learner_is_sent_to_invite_one(client, learner):
    client.force_login(learner)
    response = client.get(reverse("mentoring:request_review"))
    assert response.url == reverse("mentoring:mentors")


def test_hostile_text_in_comments_is_inert(client, learner, mentor, review, project):
    reviews.comment(review, author=learner, body='<script>alert("x")</script>', project=project)
    client.force_login(mentor)
    page = client.get(review_url(review)).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_the_learner_sees_review_states_on_their_portfolio(client, learner, mentor, review, project):
    client.force_login(learner)
    assert "Waiting for review" in client.get(reverse("portfolio:portfolio")).content.decode()
    reviews.approve(review, mentor=mentor)
    page = client.get(reverse("portfolio:portfolio")).content.decode()
    assert "Approved by" in page and "Changed since approval" not in page
    project.title = "Bandung Board Gamers, now with a Discord bot"
    project.save()
    page = client.get(reverse("portfolio:portfolio")).content.decode()
    assert "Changed since approval" in page
    review_page = client.get(review_url(review)).content.decode()
    assert "<ins>" in review_page and "Discord bot" in review_page


def test_the_mentor_dashboard_queues_open_reviews_oldest_first(learner, mentor, mentorship, profile):
    first, second = profile.projects.order_by("sort_order")
    older = reviews.submit(learner=learner, mentor=mentor, project=second)
    newer = reviews.submit(learner=learner, mentor=mentor, project=first)
    assert mentor_tasks(mentor)["review_queue"] == [older, newer]
    reviews.approve(older, mentor=mentor)
    context = mentor_tasks(mentor)
    assert context["review_queue"] == [newer]
    mentee = context["mentees"][0]
    # The last review is the one that moved last: the approval.
    assert (mentee.last_review_id, mentee.last_review_state) == (older.pk, ReviewState.APPROVED)


def test_an_approval_in_english_reads_unchanged_in_indonesian(client, learner, mentor, review, project):
    project.community_type = "forum"
    project.save()
    reviews.approve(review, mentor=mentor)
    client.force_login(learner)
    with translation.override("id"):
        portfolio_page = client.get(reverse("portfolio:portfolio")).content.decode()
        review_page = client.get(review_url(review)).content.decode()
    assert "Disetujui oleh" in portfolio_page and "Berubah sejak disetujui" not in portfolio_page
    assert '<span class="badge text-bg-success">Disetujui</span>' in review_page
    assert "tidak berubah sejak itu" in review_page and "<del>" not in review_page


def test_a_changed_community_type_shows_with_the_reader_s_labels(client, learner, mentor, review, project):
    project.community_type = "forum"
    project.save()
    reviews.approve(review, mentor=mentor)
    project.community_type = "customer"
    project.save()
    client.force_login(learner)
    with translation.override("id"):
        (change,) = reviews.changes_since_approval(project, project.approvals.get())
        review_page = client.get(review_url(review)).content.decode()
    assert change.pieces == [("removed", "Forum daring"), ("added", "Komunitas pelanggan")]
    assert "Berubah sejak disetujui" in review_page and "<del>Forum daring</del>" in review_page
