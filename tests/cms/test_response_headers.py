"""The headers that say what browsers and caches may do (cms/response_headers.py): personal pages and downloads are
never stored, the Content-Security-Policy lets only our own files run (the admin its inline code too), and the
Permissions-Policy turns off what no page uses."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from cms.response_headers import PersonalNoStoreMiddleware
from cms.settings.base import upload_origins
from learning.models import LessonPage
from portfolio.models import Visibility
from portfolio.portfolios import set_visibility
from portfolio.resume import ResumeOptions, request_export
from tests import factories
from tests.learning import builders
from tests.portfolio.builders import full_portfolio

NO_STORE = "private, no-store"
# What Django's never_cache says: no cache may keep it, the browser must ask again.
NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"
LANGUAGES = ["en", "id"]


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def address(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def lesson(site_pages):
    course = builders.course(modules=1, lessons=1)
    builders.translate_course(course)
    return LessonPage.objects.descendant_of(course).get()


# Cache-Control


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_download_is_kept_by_no_cache(learner, settings, tmp_path, language):
    settings.MEDIA_ROOT = tmp_path
    export = request_export(full_portfolio(learner, projects=1), ResumeOptions(language=language))
    client = signed_in(learner)
    downloads = {
        "learning:progress_export": "text/csv; charset=utf-8",
        "learning:learning_record_export": "application/json",
        "portfolio:export_json": "application/json",
    }
    for name, content_type in downloads.items():
        response = client.get(address(language, name))
        assert (response.status_code, response["Content-Type"]) == (200, content_type), name
        assert response["Cache-Control"] == NEVER_CACHE, name
    response = client.get(address(language, "portfolio:resume_export_file", export.pk))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response["Cache-Control"] == NEVER_CACHE


PERSONAL_PAGES = [
    "dashboard",
    "learning:skill_goals",
    "portfolio:portfolio",
    "portfolio:preview",
    "portfolio:edit_profile",
    "portfolio:resume",
    "portfolio:resume_preview",
    "portfolio:import",
    "mentoring:mentors",
    "notifications",
    "account",
    "password_change",
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_shown_to_a_signed_in_person_are_kept_by_no_cache(learner, site_pages, language):
    factories.ProfileFactory(user=learner)  # the preview and the résumé are for a portfolio that was saved
    client = signed_in(learner)
    for name in PERSONAL_PAGES:
        response = client.get(address(language, name))
        assert (response.status_code, response["Cache-Control"]) == (200, NO_STORE), name


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_mentors_pages_are_kept_by_no_cache(mentor, site_pages, language):
    response = signed_in(mentor).get(address(language, "mentoring:mentors"))
    assert (response.status_code, response["Cache-Control"]) == (200, NO_STORE)


def test_a_content_page_is_personal_for_a_signed_in_person_and_shared_for_a_visitor(lesson, learner):
    assert signed_in(learner).get(lesson.url)["Cache-Control"] == NO_STORE
    first, second = Client().get(lesson.url), Client().get(lesson.url)  # rendered, then from the page cache
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first.has_header("Cache-Control"), second.has_header("Cache-Control")) == (False, False)


def test_a_response_that_starts_a_session_is_kept_by_no_cache():
    """Signing in starts the session: the response that sets its cookie is personal, whatever the view said."""

    def view(request):
        response = HttpResponse("Welcome back")
        response.set_cookie(settings.SESSION_COOKIE_NAME, "new-session")
        return response

    response = PersonalNoStoreMiddleware(view)(RequestFactory().get("/en/"))
    assert response["Cache-Control"] == NO_STORE
    assert (
        PersonalNoStoreMiddleware(lambda request: HttpResponse())(RequestFactory().get("/en/")).has_header(
            "Cache-Control"
        )
        is False
    )


def test_signing_in_is_kept_by_no_cache(learner, site_pages):
    response = Client().post(reverse("login"), {"username": "lina", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert settings.SESSION_COOKIE_NAME in response.cookies
    assert response["Cache-Control"] == NEVER_CACHE  # Django's LoginView says so itself


def test_a_view_that_chose_its_cache_control_keeps_it(learner, db):
    response = signed_in(learner).get(reverse("health"))
    assert response["Cache-Control"] == NEVER_CACHE


def test_static_files_keep_their_own_cache_control_for_a_signed_in_person(learner):
    response = signed_in(learner).get(f"{settings.STATIC_URL}css/kelola.css")
    assert response.status_code == 200
    assert re.fullmatch(r"max-age=\d+, public", response["Cache-Control"])


def test_a_portfolio_shared_by_link_is_kept_by_no_cache(learner):
    profile = full_portfolio(learner, projects=1)
    set_visibility(profile, Visibility.PUBLIC)
    response = Client().get(reverse("portfolio:shared", args=[profile.public_token]))
    assert (response.status_code, response["Cache-Control"]) == (200, NEVER_CACHE)


def test_the_admins_report_download_is_kept_by_no_cache(moderator, curriculum):
    response = signed_in(moderator).get(reverse("kelola_translation_report"), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"].split(", ")


# Content-Security-Policy and Permissions-Policy


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split("; "))}


PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": [
        "'self'",
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_run_only_our_own_files(lesson, language):
    """Scripts and styles from our own files only: never inline, and nothing from elsewhere."""
    lesson_url = lesson.get_translation(Locale.objects.get(language_code=language)).url
    for path in (f"/{language}/", lesson_url, address(language, "search"), address(language, "login")):
        response = Client().get(path)
        assert (response.status_code, directives(response)) == (200, PUBLIC_POLICY), path


def test_a_page_from_the_page_cache_carries_the_policy_too(lesson):
    Client().get(lesson.url)
    response = Client().get(lesson.url)
    assert directives(response) == PUBLIC_POLICY


@pytest.mark.parametrize("language", LANGUAGES)
def test_signed_in_pages_and_the_resume_preview_run_only_our_own_files(learner, site_pages, language):
    client = signed_in(learner)
    for name in ("dashboard", "portfolio:portfolio", "portfolio:resume", "portfolio:resume_preview"):
        assert directives(client.get(address(language, name))) == PUBLIC_POLICY, name


def test_the_admin_runs_its_inline_scripts_and_styles_but_no_event_handler_attributes(moderator, site_pages):
    response = signed_in(moderator).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert directives(response) == {
        **PUBLIC_POLICY,
        "script-src": ["'self'", "'unsafe-inline'"],
        "script-src-attr": ["'none'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
    }


def test_uploads_on_s3_are_allowed_as_images_from_the_bucket_only():
    assert upload_origins({"BACKEND": "django.core.files.storage.FileSystemStorage"}) == []
    assert upload_origins(
        {"OPTIONS": {"bucket_name": "kelola-media", "endpoint_url": "https://s3.example.org"}}
    ) == ["https://s3.example.org", "https://kelola-media.s3.example.org"]
    assert upload_origins({"OPTIONS": {"bucket_name": "kelola-media", "region_name": "ap-southeast-3"}}) == [
        "https://s3.amazonaws.com",
        "https://kelola-media.s3.amazonaws.com",
        "https://s3.ap-southeast-3.amazonaws.com",
        "https://kelola-media.s3.ap-southeast-3.amazonaws.com",
    ]


def test_the_policy_lets_in_images_from_the_bucket_when_uploads_go_there(monkeypatch):
    import importlib

    from cms.settings import base

    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "kelola-media")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://s3.example.org")
    try:
        reloaded = importlib.reload(base)
        img_src = reloaded.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
        admin_img_src = reloaded.CONTENT_SECURITY_POLICY_ADMIN["img-src"]
    finally:
        monkeypatch.undo()
        importlib.reload(base)
    assert img_src == ["'self'", "data:", "https://s3.example.org", "https://kelola-media.s3.example.org"]
    assert admin_img_src == [
        "'self'",
        "data:",
        "blob:",
        "https://s3.example.org",
        "https://kelola-media.s3.example.org",
    ]


@pytest.mark.parametrize("path", ["/en/", "/id/", "/admin/login/"])
def test_the_permissions_policy_turns_off_what_no_page_uses(db, path):
    policy = dict(
        part.split("=") for part in Client().get(path, follow=True)["Permissions-Policy"].split(", ")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture"):
        assert policy[feature] == "()", feature
    assert "fullscreen" not in policy  # the embedded video players' full-screen button


# Our templates leave nothing inline for the policy to refuse: a regression shows here before it reaches a browser.

INLINE = re.compile(r"""\sstyle=|<style[\s>]|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+=|javascript:""", re.I)


def test_no_template_of_ours_has_inline_scripts_styles_or_handlers():
    roots = [Path(settings.BASE_DIR, "templates"), *Path(settings.BASE_DIR).glob("*/templates")]
    found = [
        f"{template.relative_to(settings.BASE_DIR)}: {match[0]}"
        for root in roots
        for template in root.rglob("*.html")
        for match in INLINE.finditer(template.read_text())
    ]
    assert found == []
