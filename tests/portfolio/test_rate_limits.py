"""Résumé PDF exports and JSON Resume imports are rate-limited per account (settings.RATE_LIMITS): over the limit,
nothing is made or read, and the learner is told how long to wait in the page's language."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portfolio.models import ResumeExport
from tests.portfolio.builders import full_portfolio
from tests.rate_limits import WAIT

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_limits(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "resume_export": "1/m", "json_resume_import": "1/m"}


@pytest.mark.parametrize("language", ["en", "id"])
def test_exports_over_the_limit_go_back_to_the_resume_page_with_the_wait(
    client, learner, low_limits, language
):
    full_portfolio(learner, projects=1)
    client.force_login(learner)
    url = f"/{language}/portfolio/resume/export/"
    client.post(url)

    response = client.post(url, follow=True)

    assert response.redirect_chain[0][0].startswith(f"/{language}/portfolio/resume/?")
    assert WAIT[language] in response.content.decode()
    assert ResumeExport.objects.count() == 1


@pytest.mark.parametrize("language", ["en", "id"])
def test_imports_over_the_limit_are_refused_before_reading_the_file(client, learner, low_limits, language):
    client.force_login(learner)
    url = f"/{language}/portfolio/import/"
    document = json.dumps({"basics": {"name": "Lina"}}).encode()
    client.post(url, {"file": SimpleUploadedFile("resume.json", document)})

    response = client.post(url, {"file": SimpleUploadedFile("resume.json", document)})

    assert response.status_code == 429
    assert WAIT[language] in response.content.decode()
    assert client.session["portfolio_json_resume_import"] == {
        "basics": {"name": "Lina"}
    }  # the first one, kept
