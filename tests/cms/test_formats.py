"""One date order for every language: day, month, year and a 24-hour clock (cms/formats)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from cms.models import Notification

# 14:05 in Jakarta (the project's time zone).
AT = datetime.datetime(2026, 12, 2, 7, 5, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["2 December 2026", "2 Dec 2026", "2 December 2026, 14:05", "2 Dec 2026, 14:05", "14:05"]),
        ("id", ["2 Desember 2026", "2 Des 2026", "2 Desember 2026, 14.05", "2 Des 2026, 14.05", "14.05"]),
    ],
)
def test_formats_put_the_day_first_with_a_24_hour_clock(language, expected):
    names = ["DATE_FORMAT", "SHORT_DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT", "TIME_FORMAT"]
    with translation.override(language):
        local = timezone.localtime(AT)
        assert [date_format(local, name) for name in names] == expected


@pytest.mark.parametrize(("language", "expected"), [("en", "2 Dec 2026, 14:05"), ("id", "2 Des 2026, 14.05")])
def test_notification_list_shows_the_language_s_date(client, learner, language, expected):
    Notification.objects.create(user=learner, text="Hello", created_at=AT)
    client.force_login(learner)
    with translation.override(language):
        url = reverse("notifications")
    page = client.get(url).content.decode()
    assert f'<span class="small text-body-secondary d-block">{expected}</span>' in page
