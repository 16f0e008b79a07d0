"""The Django strings our catalogue words itself (cms/django_strings.py): still Django's msgids, and worded ours in
Indonesian, singular and plural alike, while English stays Django's."""

from decimal import Decimal
from pathlib import Path

import django
import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

import cms.django_strings

DJANGO = Path(django.__file__).parent
DJANGO_CATALOGUES = [
    DJANGO / "conf" / "locale" / "id" / "LC_MESSAGES" / "django.po",
    DJANGO / "contrib" / "auth" / "locale" / "id" / "LC_MESSAGES" / "django.po",
]


def listed_msgids() -> list:
    found = extract_from_file(
        "python", cms.django_strings.__file__, keywords={"gettext_noop": None, "ngettext_lazy": (1, 2)}
    )
    return [message for _line, message, _comments, _context in found]


def test_every_listed_string_is_one_of_django_s():
    """A Django upgrade that rewords one leaves our translation unused: this says which."""
    django_msgids = set()
    for path in DJANGO_CATALOGUES:
        with path.open("rb") as handle:
            django_msgids |= {message.id for message in read_po(handle) if message.id}
    listed = listed_msgids()
    assert len(listed) == 39
    assert [msgid for msgid in listed if msgid not in django_msgids] == []


def errors(field: forms.Field, value, language: str) -> list[str]:
    with translation.override(language):
        with pytest.raises(ValidationError) as raised:
            field.clean(value)
        return raised.value.messages  # worded here: the messages are lazy


@pytest.mark.parametrize(
    ("field", "value", "english", "indonesian"),
    [
        (
            forms.CharField(max_length=1),
            "ab",
            "Ensure this value has at most 1 character (it has 2).",
            "Paling banyak 1 karakter (sekarang 2 karakter).",
        ),
        (
            forms.CharField(max_length=3),
            "abcde",
            "Ensure this value has at most 3 characters (it has 5).",
            "Paling banyak 3 karakter (sekarang 5 karakter).",
        ),
        (
            forms.CharField(min_length=2),
            "a",
            "Ensure this value has at least 2 characters (it has 1).",
            "Paling sedikit 2 karakter (sekarang 1 karakter).",
        ),
        (
            forms.DecimalField(max_digits=14, decimal_places=2),
            Decimal("1.234"),
            "Ensure that there are no more than 2 decimal places.",
            "Paling banyak 2 angka di belakang koma.",
        ),
        (
            forms.DecimalField(max_digits=3, decimal_places=0),
            Decimal("1234"),
            "Ensure that there are no more than 3 digits in total.",
            "Paling banyak 3 angka.",
        ),
        (forms.DecimalField(), "abc", "Enter a number.", "Masukkan angka."),
        (forms.IntegerField(), "abc", "Enter a whole number.", "Masukkan bilangan bulat."),
        (
            forms.IntegerField(min_value=0),
            "-1",
            "Ensure this value is greater than or equal to 0.",
            "Nilainya tidak boleh kurang dari 0.",
        ),
        (forms.CharField(), "", "This field is required.", "Kolom ini wajib diisi."),
        (
            forms.ChoiceField(choices=[("en", "English")]),
            "fr",
            "Select a valid choice. fr is not one of the available choices.",
            "Pilihan tidak valid: fr tidak ada di antara pilihan yang tersedia.",
        ),
    ],
)
def test_form_errors_in_both_languages(field, value, english, indonesian):
    assert errors(field, value, "en") == [english]
    assert errors(field, value, "id") == [indonesian]
