import pytest

pytestmark = pytest.mark.django_db


def titles(client, url: str) -> str:
    return client.get(url).content.decode()


def test_search_finds_a_lesson_by_a_word_in_its_body(client, searchable):
    html = titles(client, "/en/search/?q=calm")

    assert "Handling trolls" in html
    assert "1 result for" in html


def test_search_in_indonesian_finds_the_indonesian_lesson_only(client, searchable):
    html = titles(client, "/id/search/?q=perundung")

    assert ">Menangani troll</a>" in html
    assert ">Handling trolls</a>" not in html
    english = titles(client, "/en/search/?q=perundung")
    assert "Nothing in the course matches “perundung”" in english
    assert ">Menangani troll</a>" not in english


def test_search_finds_modules(client, course):
    assert "Module 2" in titles(client, "/en/search/?q=Summary")


def test_search_leaves_out_unpublished_lessons(client, searchable):
    assert ">Handling trolls</a>" in titles(client, "/en/search/?q=calm")

    searchable.unpublish()

    html = titles(client, "/en/search/?q=calm")
    assert "Nothing in the course matches “calm”" in html
    assert "Handling trolls" not in html


def test_search_with_no_match_says_so(client, course):
    html = titles(client, "/en/search/?q=zebra")

    assert "Nothing in the course matches" in html


def test_empty_search_shows_the_form_only(client, course):
    response = client.get("/en/search/")

    assert response.status_code == 200
    assert 'type="search"' in response.content.decode()


@pytest.mark.usefixtures("curriculum")
class TestSearchingTheShippedCourse:
    """The shipped course, loaded once."""

    @pytest.mark.parametrize(
        ("language", "title"),
        [
            ("en", "Moderation: keeping the community safe and fair"),
            ("id", "Moderasi: menjaga komunitas tetap aman dan adil"),
        ],
    )
    def test_searching_a_module_s_name_ranks_that_module_first(self, client, curriculum, language, title):
        query = {"en": "Moderation", "id": "Moderasi"}[language]

        html = client.get(f"/{language}/search/?q={query}").content.decode()

        first = html.split('<ol class="list-unstyled search-results">')[1].split("</li>")[0]
        assert f">{title}</a>" in first
