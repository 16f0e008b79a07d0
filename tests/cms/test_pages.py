from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage, StandardPage
from mentoring.models import ReviewComment, ReviewRequest
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


class TestPageTypeRules(WagtailPageTestCase):
    def test_home_page_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


@pytest.fixture(scope="class")
def class_demo(class_db):
    # A handful of simulated learners: enough to see that a second run adds none, quicker than the demo's 300.
    call_command("load_demo", simulated_learners=5, stdout=StringIO())


@pytest.mark.usefixtures("class_demo")
class TestTheDemoLoader:
    """The demo is loaded once for the class; each test loads it again."""

    def test_demo_loader_is_idempotent(self, db):
        counts = (Page.objects.count(), Page.objects.filter(live=True).count())
        users = get_user_model().objects.count()

        call_command("load_demo", stdout=StringIO())  # would add 300 simulated learners if there were none

        assert (Page.objects.count(), Page.objects.filter(live=True).count()) == counts
        assert get_user_model().objects.count() == users
        assert get_user_model().objects.filter(username__startswith="sim-").count() == 5
        # The demo mentor has a review waiting, with a comment, once.
        assert ReviewRequest.objects.count() == 1 and ReviewComment.objects.count() == 1

    def test_demo_loader_keeps_editors_changes(self, db):
        home = HomePage.objects.get(locale__language_code="en")
        home.hero_heading = "Edited by an editor"
        home.save_revision().publish()

        call_command("load_demo", simulated_learners=0, stdout=StringIO())

        home.refresh_from_db()
        assert home.hero_heading == "Edited by an editor"


@pytest.mark.usefixtures("site_pages")
class TestSitePages:
    """Tests that share the site pages, built once."""

    def test_home_page_tells_a_newcomer_what_kelola_offers_and_where_to_start(self, client, site_pages):
        html = client.get("/en/").content.decode()

        assert "What Kelola offers" in html
        assert "Where to start" in html
        assert "Create a free account" in html

    def test_home_page_renders_in_both_languages(self, client, site_pages):
        assert client.get("/en/").status_code == 200
        assert client.get("/id/").status_code == 200

    def test_standard_page_renders_its_blocks(self, client, site_pages):
        html = client.get("/id/about/").content.decode()

        assert "Tentang Kelola" in html
        assert '<aside class="callout callout-tip' in html

    @pytest.mark.parametrize("user_fixture", [None, "learner", "mentor", "editor"])
    def test_home_page_query_count_does_not_grow_with_menu_pages(
        self, client, site_pages, request, user_fixture
    ):
        if user_fixture:
            client.force_login(request.getfixturevalue(user_fixture))
        before = page_queries(client, "/en/", fresh=True)
        for number in range(5):
            site_pages.add_child(
                instance=StandardPage(title=f"Extra {number}", slug=f"extra-{number}", show_in_menus=True)
            )

        assert page_queries(client, "/en/", fresh=True) == before
        assert before <= 20


@pytest.mark.parametrize(("language", "label"), [("en", "Browse the course"), ("id", "Lihat isi kursus")])
def test_the_home_page_leads_to_the_start_page_the_demo_chose_in_each_language(client, language, label):
    call_command("load_demo", simulated_learners=0, stdout=StringIO())

    html = client.get(f"/{language}/").content.decode()

    assert HomePage.objects.filter(start_page__isnull=False).count() == 2
    assert f'<a class="btn btn-outline-primary btn-lg" href="/{language}/course/">{label}</a>' in html


def test_without_a_start_page_the_home_page_offers_no_course_button(client, site_pages):
    html = client.get("/en/").content.decode()

    assert HomePage.objects.get(locale__language_code="en").start_page is None
    assert "Browse the course" not in html
    assert "Create a free account" in html
