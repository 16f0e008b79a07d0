"""Ids too large for the database in addresses are a 404, never a 500 (OverflowError on SQLite,
NumericValueOutOfRange on PostgreSQL): every pattern with an id uses the `<id:…>` converter (cms/ids.py), and every
one is requested here, so a new one cannot be forgotten."""

import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.converters import IntConverter
from django.utils import translation

from cms.ids import MAX_ID, IdConverter, id_or_none

pytestmark = pytest.mark.django_db

OUR_PACKAGES = ("cms", "learning", "portfolio", "mentoring", "fixtures")
TOO_LARGE = "99999999999999999999"


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def patterns_with_ids(language="en") -> list[tuple[str, object]]:
    """(route, pattern) for every public pattern with a number in it: ours and Wagtail's front end. The admin
    (/admin/, staff only) is Wagtail's own."""
    with translation.override(language):
        return [
            (route, entry)
            for route, entry in _walk(get_resolver())
            if not route.startswith("admin/")
            and any(
                isinstance(converter, IntConverter | IdConverter)
                for converter in getattr(entry.pattern, "converters", {}).values()
            )
        ]


def address(route: str, number: str) -> str:
    """The route with `number` for each id and a plausible word for anything else."""
    return "/" + re.sub(
        r"<(\w+):(\w+)>", lambda match: number if match[1] in {"id", "int"} else "accept", route
    )


def _is_ours(entry) -> bool:
    return entry.callback.__module__.split(".")[0] in OUR_PACKAGES


def test_our_patterns_take_ids_with_the_id_converter():
    ours = [(route, entry) for route, entry in patterns_with_ids() if _is_ours(entry)]
    assert len(ours) >= 12
    wrong = [
        route
        for route, entry in ours
        if any(isinstance(converter, IntConverter) for converter in entry.pattern.converters.values())
    ]
    assert wrong == []


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("number", [TOO_LARGE, str(MAX_ID + 1), "0"])
def test_every_address_with_an_id_the_database_cannot_hold_is_a_404(client, superuser, language, number):
    client.force_login(superuser)
    anonymous = Client()
    routes = patterns_with_ids(language)
    assert len(routes) >= 13
    answers = {}
    for route, _entry in routes:
        url = address(route, number)
        answers[url] = [who.get(url).status_code for who in (client, anonymous)]
        answers[url] += [who.post(url).status_code for who in (client, anonymous)]
    ours = {address(route, number) for route, entry in routes if _is_ours(entry)}
    # Ours: not found, for anyone, whatever the method. Wagtail's front end (a private page's or document's password
    # form) sends the visitor back where they came from: never a 500.
    assert {url: answer for url, answer in answers.items() if url in ours} == {url: [404] * 4 for url in ours}
    assert {url: max(answer) < 500 for url, answer in answers.items()} == dict.fromkeys(answers, True)


def test_the_largest_id_the_database_holds_is_looked_up_and_not_found(client, superuser):
    client.force_login(superuser)
    answers = {
        address(route, str(MAX_ID)): (
            client.get(address(route, str(MAX_ID))).status_code,
            client.post(address(route, str(MAX_ID))).status_code,
        )
        for route, entry in patterns_with_ids()
        if _is_ours(entry)
    }
    # 405: the address takes only POST (an invitation's answer).
    assert {url: answer in {(404, 404), (405, 404)} for url, answer in answers.items()} == dict.fromkeys(
        answers, True
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("0", None),
        ("-3", None),
        ("", None),
        ("abc", None),
        ("1e3", None),
        ("\x00", None),
        (None, None),
        ("١٢", 12),
    ],
)
def test_id_or_none(value, expected):
    assert id_or_none(value) == expected
