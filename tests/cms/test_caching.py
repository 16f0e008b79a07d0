"""The anonymous page cache and per-person dashboard fragments: fast when nothing changed, fresh at once when
something did, and never one person's page for another."""

import re
from io import BytesIO

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.files.images import ImageFile
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction, Site

from cms import cache_versions, page_cache
from cms.accounts.models import User
from cms.accounts.roles import Role, assign_role
from cms.notifications import notify
from learning.models import LessonPage
from learning.progress import mark_complete, record_visit
from learning.tracker import save_goals
from mentoring import endorsements, reviews
from mentoring.endorsements import endorse
from mentoring.mentorships import accept, decline, end_mentorship, invite, withdraw
from mentoring.models import Mentorship
from portfolio.json_resume import apply_plan, read_resume
from portfolio.models import Project, Visibility
from portfolio.portfolios import profile_of, regenerate_link, set_visibility
from tests import factories
from tests.learning import builders
from tests.learning.test_quizzes import answers
from tests.portfolio.builders import full_portfolio
from tests.portfolio.test_json_resume import FULL_DOCUMENT
from tests.portfolio.test_portfolio import background_data, formset_data, project_data

CSRF_INPUTS = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def csrf_tokens(html: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)


@pytest.fixture
def lesson(site_pages):
    course = builders.course(modules=1, lessons=2)
    return LessonPage.objects.descendant_of(course).order_by("path").first()


# The anonymous page cache


def test_a_lesson_is_served_from_the_cache_to_the_next_visitor(lesson, django_assert_num_queries):
    first = Client().get(lesson.url)
    with django_assert_num_queries(0):
        second = Client().get(lesson.url)
    assert second.status_code == 200
    assert csrf_tokens(second.content.decode())  # the language switch
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", second.content.decode()) == strip.sub("", first.content.decode())


def test_each_visitor_gets_a_csrf_token_of_their_own_that_works(lesson):
    Client().get(lesson.url)  # cached by someone else
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(lesson.url).content.decode()
    response = visitor.post(
        reverse("set_language"),
        {"csrfmiddlewaretoken": csrf_tokens(html)[0], "language": "id", "next": "/id/"},
    )
    assert response.status_code == 302


def test_a_published_change_shows_at_once(lesson):
    Client().get(lesson.url)
    lesson.title = "Listening, revised"
    lesson.save_revision().publish()
    assert "Listening, revised" in Client().get(lesson.url).content.decode()


def test_an_unpublished_page_is_gone_at_once(lesson):
    Client().get(lesson.url)
    lesson.unpublish()
    assert Client().get(lesson.url).status_code == 404


def test_a_draft_leaves_the_content_version_and_publishing_it_changes_it(lesson):
    before = cache_versions.content_version()
    lesson.title = "Listening, draft"
    revision = lesson.save_revision()
    assert cache_versions.content_version() == before
    revision.publish()
    assert cache_versions.content_version() != before


def test_a_moved_page_shows_at_once(lesson):
    module = lesson.get_parent()
    Client().get(module.url)
    second = lesson.get_next_sibling()
    second.move(lesson, pos="left")
    html = Client().get(module.url).content.decode()
    assert html.index("Lesson 1.2") < html.index("Lesson 1.1")


def test_a_deleted_page_is_gone_at_once(lesson):
    Client().get(lesson.url)
    lesson.delete()
    assert Client().get(lesson.url).status_code == 404


def test_a_page_made_private_is_hidden_at_once(lesson):
    Client().get(lesson.url)
    PageViewRestriction.objects.create(page=lesson, restriction_type=PageViewRestriction.LOGIN)
    response = Client().get(lesson.url)
    assert response.status_code == 302
    assert response.url == f"{reverse('wagtailcore_login')}?next={lesson.url}"


def test_an_edited_skill_shows_at_once(site_pages):
    skill = builders.skill("moderation", "Moderation")
    course = builders.course(modules=1, lessons=1, skills=[skill])
    assert "Moderation" in Client().get(course.url).content.decode()
    skill.name = "Moderating"
    skill.save()
    assert "Moderating" in Client().get(course.url).content.decode()


def test_a_skill_category_change_changes_the_content_version(db):
    category = builders.skill().category
    before = cache_versions.content_version()
    category.name = "Members"
    category.save()
    assert cache_versions.content_version() != before


def test_a_site_change_changes_the_content_version(site_pages):
    site = Site.objects.get(is_default_site=True)
    before = cache_versions.content_version()
    site.site_name = "Kelola"
    site.save()
    assert cache_versions.content_version() != before


def test_an_image_saved_or_deleted_changes_the_content_version(db):
    before = cache_versions.content_version()
    png = BytesIO()
    PILImage.new("RGB", (8, 8)).save(png, "PNG")
    image = get_image_model().objects.create(title="Banner", file=ImageFile(png, name="banner.png"))
    saved = cache_versions.content_version()
    image.delete()
    assert before != saved != cache_versions.content_version()


def test_signed_in_people_get_their_own_page(lesson, learner):
    Client().get(lesson.url)
    client = Client()
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert "Mark as complete" in html and "Create a free account" not in html


def test_a_visitor_with_messages_waiting_sees_them(lesson):
    Client().get(lesson.url)
    client = Client()
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.INFO, "You have been logged out.")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    assert "You have been logged out." in client.get(lesson.url).content.decode()


def test_views_that_are_not_content_pages_are_not_cached(site_pages, django_assert_max_num_queries):
    Client().get(reverse("search"), {"q": "community"})
    with pytest.raises(pytest.fail.Exception), django_assert_max_num_queries(0):
        Client().get(reverse("search"), {"q": "community"})


@pytest.mark.parametrize("language", ["en", "id"])
def test_made_up_query_parameters_share_one_copy(lesson, language, monkeypatch):
    """60 addresses that differ only by a parameter no page reads store one copy, which serves them all."""
    builders.translate_course(lesson.get_parent().get_parent())
    url = lesson.get_translation(Locale.objects.get(language_code=language)).url
    stored = []
    store = page_cache.cache.set

    def counted_store(key, *args, **kwargs):
        stored.append(key)
        store(key, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "set", counted_store)
    contents = set()
    for number in range(60):
        response = Client().get(f"{url}?utm_source=flood{number}")
        assert response.status_code == 200
        contents.add(CSRF_INPUTS.sub("", response.content.decode()))
    page_key = f"page:{cache_versions.content_version()}:testserver:{url}"
    assert [key for key in stored if key.startswith("page:")] == [page_key]
    assert len(contents) == 1


def test_the_copy_served_with_a_query_is_the_one_stored_without_it(lesson, django_assert_num_queries):
    Client().get(f"{lesson.url}?utm_source=newsletter")
    with django_assert_num_queries(0):
        response = Client().get(lesson.url)
    assert response.status_code == 200
    assert "Lesson 1.1" in response.content.decode()


def test_a_visitors_query_never_shows_in_the_page_they_get(lesson):
    """Without a translation the language switch leads to the same address under /id/: without the query, so that
    no visitor's tracking code or token passes to the next through the shared copy."""
    html = Client().get(f"{lesson.url}?token=secret123").content.decode()
    assert re.findall(r'name="next" value="([^"]*)"', html) == ["/id/course/module-1/lesson-1-1/"]


# Per-person dashboard fragments


def dashboard(client) -> str:
    return client.get(reverse("dashboard")).content.decode()


def mentoring(client) -> str:
    return client.get(reverse("mentoring:home")).content.decode()


MENTEE_ROW = 'class="mentee-row"'  # a learner in the mentor's list


def test_a_repeated_dashboard_renders_only_the_page_around_it(learner, lesson, django_assert_max_num_queries):
    client = Client()
    client.force_login(learner)
    dashboard(client)
    with django_assert_max_num_queries(8):
        assert f"Hello, {learner.first_name}" in dashboard(client)


def test_the_dashboard_is_never_shared_between_people(learner, other_learner, lesson):
    for person in (learner, other_learner):
        client = Client()
        client.force_login(person)
        assert f"Hello, {person.first_name}" in dashboard(client)


def test_the_learners_own_progress_shows_at_once(learner, lesson):
    client = Client()
    client.force_login(learner)
    assert "0 of 2 lessons done" in dashboard(client)
    client.post(reverse("learning:lesson_completion", args=[lesson.pk]), {"action": "complete"})
    assert "1 of 2 lessons done" in dashboard(client)
    client.post(reverse("learning:lesson_completion", args=[lesson.pk]), {"action": "undo"})
    assert "0 of 2 lessons done" in dashboard(client)


def test_the_place_in_the_course_follows_at_once(learner, lesson):
    client = signed_in(learner)
    assert "Start the course: Lesson 1.1" in dashboard(client)
    record_visit(user=learner, lesson=lesson.get_next_sibling().specific)  # the first place kept
    assert "Start the course: Lesson 1.2" in dashboard(client)
    record_visit(user=learner, lesson=lesson)  # the place moves
    assert "Start the course: Lesson 1.1" in dashboard(client)


def test_a_mentees_progress_shows_on_the_mentoring_page_at_once(learner, mentor, lesson):
    Mentorship.objects.create(learner=learner, mentor=mentor)
    client = Client()
    client.force_login(mentor)
    assert "none yet" in mentoring(client)
    mark_complete(user=learner, lesson=lesson)
    html = mentoring(client)
    assert re.search(r'<td class="small" data-label="Last activity">\d', html)


def test_an_invitation_shows_on_the_mentoring_page_and_goes_once_answered(learner, mentor, lesson):
    client = Client()
    client.force_login(mentor)
    mentoring(client)
    invitation = invite(learner=learner, identifier=mentor.username, message="Please")
    assert "Learners asking you to mentor them" in mentoring(client)
    accept(invitation, mentor=mentor)
    html = mentoring(client)
    assert "Learners asking you to mentor them" not in html and MENTEE_ROW in html


@pytest.mark.parametrize("answer", ["decline", "withdraw"])
def test_an_invitation_declined_or_withdrawn_goes_at_once(learner, mentor, answer):
    client = signed_in(mentor)
    invitation = invite(learner=learner, identifier=mentor.username, message="Please")
    assert "Learners asking you to mentor them" in mentoring(client)
    if answer == "decline":
        decline(invitation, mentor=mentor)
    else:
        withdraw(invitation, learner=learner)
    html = mentoring(client)
    assert "Learners asking you to mentor them" not in html
    assert "You mentor no learner yet." in html


def test_an_ended_mentorship_goes_from_the_mentors_page_at_once(learner, mentor):
    mentorship = Mentorship.objects.create(learner=learner, mentor=mentor)
    client = signed_in(mentor)
    assert MENTEE_ROW in mentoring(client)
    end_mentorship(mentorship, by=learner)
    assert "You mentor no learner yet." in mentoring(client)


def review_sections(client) -> tuple[bool, bool, bool]:
    """Whether the mentor's page shows a review waiting, one sent back for changes, and a learner's comment."""
    html = mentoring(client)
    return (
        "No review is waiting for you." not in html,
        "Changes you asked for" in html,
        "What your learners said lately" in html,
    )


def test_each_review_step_shows_on_the_mentors_page_at_once(learner, mentor):
    Mentorship.objects.create(learner=learner, mentor=mentor)
    project = full_portfolio(learner, projects=1).projects.get()
    client = signed_in(mentor)
    assert review_sections(client) == (False, False, False)
    review = reviews.submit(learner=learner, mentor=mentor, project=project)
    assert review_sections(client) == (True, False, False)
    reviews.request_changes(review, mentor=mentor, note="Add numbers.")
    assert review_sections(client) == (False, True, False)
    reviews.resubmit(review, learner=learner, message="Numbers added.")
    assert review_sections(client) == (True, False, False)
    reviews.comment(review, author=learner, body="The numbers are from May.")
    assert review_sections(client) == (True, False, True)
    reviews.approve(review, mentor=mentor)
    assert review_sections(client) == (False, False, True)
    whole_portfolio = reviews.submit(learner=learner, mentor=mentor)
    assert review_sections(client) == (True, False, True)
    reviews.withdraw(whole_portfolio, learner=learner)
    assert review_sections(client) == (False, False, True)


@pytest.mark.parametrize(
    "share",
    [lambda profile: set_visibility(profile, Visibility.MENTORS), regenerate_link],
    ids=["with mentors", "by link"],
)
def test_a_portfolio_shared_shows_on_the_mentors_page_at_once(learner, mentor, share):
    Mentorship.objects.create(learner=learner, mentor=mentor)
    link = f'href="{reverse("portfolio:learner_portfolio", args=[learner.pk])}"'
    client = signed_in(mentor)
    assert MENTEE_ROW in mentoring(client)
    assert link not in mentoring(client)
    share(profile_of(learner))
    assert link in mentoring(client)


def test_a_content_change_shows_on_dashboards_at_once(learner, lesson):
    client = Client()
    client.force_login(learner)
    dashboard(client)
    lesson.title = "Listening, revised"
    lesson.save_revision().publish()
    assert "Listening, revised" in dashboard(client)


def test_forms_in_a_cached_mentoring_page_carry_tokens_for_this_browser(learner, mentor, lesson):
    Mentorship.objects.create(learner=learner, mentor=mentor)
    client = Client(enforce_csrf_checks=True)
    client.force_login(mentor)
    mentoring(client)
    client.force_login(mentor)  # signing in again gives the browser a new CSRF secret
    html = mentoring(client)
    end = re.search(r'<form method="post" action="([^"]+/end/)">.*?value="([^"]+)"', html, re.DOTALL)
    response = client.post(end[1], {"csrfmiddlewaretoken": end[2]})
    assert response.status_code == 302
    assert not Mentorship.objects.active().exists()


# The header's facts about the signed-in person


def test_the_unread_count_follows_notifications_at_once(learner, lesson):
    client = Client()
    client.force_login(learner)
    dashboard(client)
    notify(learner, message="mentor_accepted", params={"mentor": "Maya"}, route="dashboard")
    assert 'text-bg-warning">1<' in dashboard(client)
    client.post(reverse("notifications"))  # marked read
    html = dashboard(client)
    assert '<span class="visually-hidden">Notifications</span></a>' in html  # the bell, without a count
    assert "text-bg-warning" not in html


def test_a_new_role_shows_at_once(learner, lesson):
    client = Client()
    client.force_login(learner)
    assert 'role-badge">Learner<' in dashboard(client)
    assign_role(user=learner, role=Role.EDITOR)
    html = dashboard(client)
    assert 'role-badge">Editor<' in html and "Edit content" in html


def test_editors_keep_the_wagtail_user_bar_and_learners_do_not_get_it(learner, editor, lesson):
    for person, shown in ((editor, True), (learner, False)):
        client = Client()
        client.force_login(person)
        assert ("<wagtail-userbar" in client.get(lesson.url).content.decode()) is shown


# Every change a learner makes shows on their cached dashboard at once


@pytest.fixture
def moderation(lesson):
    return builders.skill("moderation", "Moderation", indonesian="Moderasi")


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def dashboard_in(client, language: str) -> str:
    with translation.override(language):
        return client.get(reverse("dashboard")).content.decode()


def project_post(client, moderation, url=None, **overrides):
    with translation.override("en"):
        url = url or reverse("portfolio:add_project")
    return client.post(url, project_data(**{"skills": [moderation.pk], **overrides}))


@pytest.mark.parametrize(
    ("language", "none", "one"),
    [
        ("en", "Portfolio: 0 projects demonstrate it.", "Portfolio: 1 project demonstrates it."),
        ("id", "Portofolio: 0 proyek menunjukkannya.", "Portofolio: 1 proyek menunjukkannya."),
    ],
)
def test_a_new_project_shows_at_once(learner, moderation, language, none, one):
    client = signed_in(learner)
    assert none in dashboard_in(client, language)
    assert project_post(client, moderation).status_code == 302
    html = dashboard_in(client, language)
    assert one in html
    assert none not in html


def test_an_edited_projects_skills_show_at_once(learner, moderation):
    client = signed_in(learner)
    project_post(client, moderation)
    project = Project.objects.get()
    assert "Portfolio: 1 project demonstrates it." in dashboard_in(client, "en")
    with translation.override("en"):
        url = reverse("portfolio:edit_project", args=[project.pk])
    assert project_post(client, moderation, url=url, skills=[]).status_code == 302
    assert "Portfolio: 0 projects demonstrate it." in dashboard_in(client, "en")


def test_a_deleted_project_goes_at_once(learner, moderation):
    client = signed_in(learner)
    project_post(client, moderation)
    assert "Portfolio: 1 project demonstrates it." in dashboard_in(client, "en")
    with translation.override("en"):
        client.post(reverse("portfolio:delete_project", args=[Project.objects.get().pk]))
    assert "Portfolio: 0 projects demonstrate it." in dashboard_in(client, "en")


def version_of(person) -> str:
    return cache_versions.personal_version(User.objects.get(pk=person.pk))


PROFILE_DATA = {
    "name": "Sari Wulandari",
    "headline": "Community manager",
    "summary": "I grow communities.",
    **formset_data("links", [{"label": "LinkedIn", "url": "https://linkedin.example/sari"}]),
}


@pytest.mark.parametrize(("url_name", "data"), [("edit_profile", PROFILE_DATA), ("edit_background", None)])
def test_a_saved_profile_or_background_replaces_the_learners_and_mentors_versions(
    learner, mentor, url_name, data
):
    Mentorship.objects.create(learner=learner, mentor=mentor)
    before = version_of(learner), version_of(mentor)
    with translation.override("en"):
        response = signed_in(learner).post(reverse(f"portfolio:{url_name}"), data or background_data())
    assert response.status_code == 302
    after = version_of(learner), version_of(mentor)
    assert after[0] != before[0] and after[1] != before[1]


def test_an_imported_json_resume_replaces_the_version(learner):
    before = version_of(learner)
    apply_plan(profile_of(learner), read_resume(FULL_DOCUMENT), overwrite=set())  # many rows at once
    assert version_of(learner) != before


def test_a_reordered_project_replaces_the_version(learner, moderation):
    client = signed_in(learner)
    project_post(client, moderation)
    project_post(client, moderation, title="Second")
    before = cache_versions.personal_version(User.objects.get(pk=learner.pk))
    with translation.override("en"):
        client.post(reverse("portfolio:move_project", args=[Project.objects.last().pk]), {"direction": "up"})
    assert cache_versions.personal_version(User.objects.get(pk=learner.pk)) != before


def test_a_new_level_shows_at_once(learner, moderation):
    lesson = LessonPage.objects.first()
    lesson.skills.add(moderation)
    lesson.save_revision().publish()
    client = signed_in(learner)
    dashboard_in(client, "en")
    mark_complete(user=learner, lesson=lesson)  # levels are written with bulk_create: no signal
    assert "Moderation: now Aware" in dashboard_in(client, "en")
    assert "Moderasi: sekarang" in dashboard_in(client, "id")


def test_a_quiz_attempt_shows_at_once(learner, lesson, moderation):
    quiz = builders.add_quiz(lesson.get_parent(), questions=[builders.choice_question(skill="moderation")])
    client = signed_in(learner)
    dashboard_in(client, "en")
    assert client.post(quiz.url, answers(quiz)).status_code == 302
    assert "Took “Quiz”" in dashboard_in(client, "en")


def test_a_goal_shows_at_once(learner, moderation):
    client = signed_in(learner)
    assert "No goal set" in dashboard_in(client, "en")
    save_goals(user=learner, targets={moderation: (2, None)})
    assert "Goal: Practising, 2 levels to go" in dashboard_in(client, "en")


def test_an_endorsement_shows_at_once(learner, mentor, moderation):
    Mentorship.objects.create(learner=learner, mentor=mentor)
    client = signed_in(learner)
    dashboard_in(client, "en")
    endorse(mentor=mentor, learner=learner, skill=moderation, level=3, reason="Ran the server well.")
    assert "endorsed Moderation at Proficient" in dashboard_in(client, "en")


def test_a_withdrawn_endorsement_goes_at_once(learner, mentor, moderation):
    Mentorship.objects.create(learner=learner, mentor=mentor)
    endorsement = endorse(
        mentor=mentor, learner=learner, skill=moderation, level=3, reason="Ran the server well."
    )
    client = signed_in(learner)
    assert "endorsed Moderation at Proficient" in dashboard_in(client, "en")
    endorsements.withdraw(endorsement, mentor=mentor)
    html = dashboard_in(client, "en")
    assert "endorsed Moderation at Proficient" not in html
    assert "Nothing yet: finish a lesson or take a quiz and it shows here." in html


def test_a_changed_name_greets_at_once(learner, lesson):
    client = signed_in(learner)
    assert f"Hello, {learner.first_name}" in dashboard(client)
    data = {"first_name": "Sari", "last_name": "Wulandari", "email": "sari@example.org", "language": "en"}
    assert client.post(reverse("account"), data).status_code == 302
    assert "Hello, Sari" in dashboard(client)


# Changes made in Wagtail's admin views show at once


def test_a_name_changed_in_the_admin_shows_at_once(learner, superuser, lesson):
    client = signed_in(learner)
    assert f"Hello, {learner.first_name}" in dashboard(client)
    data = {
        "username": learner.username,
        "email": learner.email,
        "first_name": "Sari",
        "last_name": learner.last_name,
        "is_active": "on",
        "groups": [group.pk for group in learner.groups.all()],
    }
    response = signed_in(superuser).post(reverse("wagtailusers_users:edit", args=[learner.pk]), data)
    assert response.status_code == 302
    assert "Hello, Sari" in dashboard(client)


def test_a_learner_deleted_in_the_admin_leaves_their_mentors_page_at_once(learner, mentor, superuser):
    Mentorship.objects.create(learner=learner, mentor=mentor)
    client = signed_in(mentor)
    assert MENTEE_ROW in mentoring(client)
    response = signed_in(superuser).post(reverse("wagtailusers_users:delete", args=[learner.pk]))
    assert response.status_code == 302
    assert "You mentor no learner yet." in mentoring(client)
    # Each feature did its part, as when people delete their own account (cms.personal_data.before_deletion).
    assert list(mentor.notifications.values_list("message", flat=True)) == ["account_deleted"]


def test_a_learner_who_deletes_their_account_leaves_their_mentors_page_at_once(learner, mentor):
    Mentorship.objects.create(learner=learner, mentor=mentor)
    client = signed_in(mentor)
    assert MENTEE_ROW in mentoring(client)
    data = {"password": factories.PASSWORD, "confirm": "on"}
    assert signed_in(learner).post(reverse("delete_account"), data).status_code == 302
    assert "You mentor no learner yet." in mentoring(client)


def test_mentorships_assigned_changed_and_deleted_in_the_admin_show_at_once(
    learner, mentor, editor, superuser
):
    other_mentor = factories.mentor(username="mira")
    client, admin = signed_in(mentor), signed_in(editor)
    assert "You mentor no learner yet." in mentoring(client)
    data = {
        "learner": learner.pk,
        "mentor": mentor.pk,
        "started_at": timezone.now().strftime("%Y-%m-%d %H:%M"),
    }
    assert admin.post(reverse("mentorships:add"), data).status_code == 302
    assert MENTEE_ROW in mentoring(client)
    mentorship = Mentorship.objects.get()
    other_client = signed_in(other_mentor)
    assert "You mentor no learner yet." in mentoring(other_client)
    edit_url = reverse("mentorships:edit", args=[mentorship.pk])
    assert admin.post(edit_url, {**data, "mentor": other_mentor.pk}).status_code == 302
    assert "You mentor no learner yet." in mentoring(client)
    assert MENTEE_ROW in mentoring(other_client)
    delete_url = reverse("mentorships:delete", args=[mentorship.pk])
    assert signed_in(superuser).post(delete_url).status_code == 302  # only superusers delete
    assert "You mentor no learner yet." in mentoring(other_client)
