from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from learning import views


def test_an_unreachable_database_answers_503_with_retry_after(site_pages, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection to server failed: the database system is shutting down")

    monkeypatch.setattr(views, "search_course", unreachable)
    response = Client(raise_request_exception=False).get(reverse("search"), {"q": "trolls"})
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Kelola is back in a moment" in response.content.decode()


def test_other_errors_stay_500(site_pages, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(views, "search_course", broken)
    response = Client(raise_request_exception=False).get(reverse("search"), {"q": "trolls"})
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
