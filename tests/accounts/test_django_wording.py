"""Django's own labels, help texts and errors on the account pages read as our Indonesian (cms/django_strings.py),
with one word for each thing: "kata sandi", "email", "nama pengguna"; English stays Django's."""

# ruff: noqa: RUF001 (Django's strings spell the apostrophe as U+2019)
import html
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

# Django's and Wagtail's Indonesian that read wrong on these pages.
MISWORDED = [
    "atau sedikit",
    "Kata Kunci",
    "kata kunci",
    "Surel",
    "nama pengguna nama pengguna",
    "username",
    "Kolom ini harus diisi",
    "Sandi anda",
    "Dua bidang sandi",
]

PASSWORD_HELP = {
    "en": [
        "Your password can’t be too similar to your other personal information.",
        "Your password must contain at least 8 characters.",
        "Your password can’t be a commonly used password.",
        "Your password can’t be entirely numeric.",
    ],
    "id": [
        "Kata sandi tidak boleh terlalu mirip dengan data pribadi Anda.",
        "Kata sandi minimal 8 karakter.",
        "Kata sandi tidak boleh berupa kata sandi yang umum dipakai.",
        "Kata sandi tidak boleh hanya berisi angka.",
    ],
}


def visible_text(response) -> str:
    """The page's text as read: no tags, entities decoded, whitespace runs as one space."""
    assert response.status_code == 200
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def assert_reads(response, language: str, expected: list[str]) -> None:
    text = visible_text(response)
    assert [phrase for phrase in expected if phrase not in text] == []
    if language == "id":
        assert [phrase for phrase in MISWORDED if phrase in text] == []
        # "sandi" alone is the bare word Django mixes in; ours always says "kata sandi".
        assert re.findall(r"(?<![Kk]ata )\b[Ss]andi\b", text) == []


def signup_data(**overrides) -> dict:
    return {
        "first_name": "Nadia",
        "username": "nadia",
        "email": "nadia@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


@pytest.mark.usefixtures("site_pages")
class TestDjangoWording:
    """Tests that share the site pages, built once."""

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            (
                "en",
                [
                    "Password",
                    "Password confirmation",
                    "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
                    "Enter the same password as before, for verification.",
                    *PASSWORD_HELP["en"],
                ],
            ),
            (
                "id",
                [
                    "Kata sandi *",
                    "Konfirmasi kata sandi *",
                    "Wajib diisi. 150 karakter atau kurang. Hanya huruf, angka, dan @/./+/-/_.",
                    "Ketik ulang kata sandi yang sama untuk memastikannya.",
                    *PASSWORD_HELP["id"],
                ],
            ),
        ],
    )
    def test_the_sign_up_form_s_labels_and_help(self, client, site_pages, language, expected):
        assert_reads(client.get(f"/{language}/accounts/signup/"), language, expected)

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            (
                "en",
                [
                    "Ensure this value has at most 150 characters (it has 200).",
                    "A user with that username already exists.",
                    "The two password fields didn’t match.",
                ],
            ),
            (
                "id",
                [
                    "Paling banyak 150 karakter (sekarang 200 karakter).",
                    "Nama pengguna ini sudah dipakai. Pilih yang lain.",
                    "Kedua kata sandi tidak sama.",
                ],
            ),
        ],
    )
    def test_sign_up_errors_for_a_taken_name_a_long_name_and_passwords_that_differ(
        self, client, site_pages, learner, language, expected
    ):
        data = signup_data(
            first_name="N" * 200, username=learner.username, password2="something-else-entirely"
        )
        assert_reads(client.post(f"/{language}/accounts/signup/", data), language, expected)

    @pytest.mark.parametrize(
        ("data", "english", "indonesian"),
        [
            (
                {"password1": "12345", "password2": "12345"},
                [
                    "This password is too short. It must contain at least 8 characters.",
                    "This password is too common.",
                    "This password is entirely numeric.",
                ],
                [
                    "Kata sandi ini terlalu pendek: minimal 8 karakter.",
                    "Kata sandi ini terlalu umum dan mudah ditebak.",
                    "Kata sandi ini hanya berisi angka.",
                ],
            ),
            (
                {"username": "sitinurhaliza", "password1": "sitinurhaliza1", "password2": "sitinurhaliza1"},
                ["The password is too similar to the username."],
                ["Kata sandi terlalu mirip dengan nama pengguna Anda."],
            ),
            (
                {"username": "nadia putri!"},
                [
                    "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."
                ],
                ["Masukkan nama pengguna yang valid: hanya huruf, angka, dan karakter @/./+/-/_."],
            ),
            (
                {"first_name": "", "password2": ""},
                ["This field is required."],
                ["Kolom ini wajib diisi."],
            ),
        ],
        ids=["short, common and numeric", "like the username", "username with a space", "left empty"],
    )
    @pytest.mark.parametrize("language", ["en", "id"])
    def test_sign_up_password_and_username_rules(
        self, client, site_pages, language, data, english, indonesian
    ):
        response = client.post(f"/{language}/accounts/signup/", signup_data(**data))
        assert_reads(response, language, english if language == "en" else indonesian)

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            (
                "en",
                [
                    "Please enter a correct username and password. Note that both fields may be case-sensitive."
                ],
            ),
            (
                "id",
                ["Masukkan nama pengguna dan kata sandi yang benar. Perhatikan huruf besar dan kecilnya."],
            ),
        ],
    )
    def test_a_failed_login_says_so_once(self, client, site_pages, learner, language, expected):
        response = client.post(f"/{language}/accounts/login/", {"username": "lina", "password": "nope"})
        assert_reads(response, language, expected)

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            (
                "en",
                [
                    "Old password",
                    "New password",
                    "New password confirmation",
                    "Your old password was entered incorrectly. Please enter it again.",
                    "The two password fields didn’t match.",
                    *PASSWORD_HELP["en"],
                ],
            ),
            (
                "id",
                [
                    "Kata sandi lama *",
                    "Kata sandi baru *",
                    "Konfirmasi kata sandi baru *",
                    "Kata sandi lama yang Anda masukkan salah. Silakan masukkan lagi.",
                    "Kedua kata sandi tidak sama.",
                    *PASSWORD_HELP["id"],
                ],
            ),
        ],
    )
    def test_password_change_errors(self, client, site_pages, learner, language, expected):
        client.force_login(learner)
        data = {"old_password": "wrong", "new_password1": "a-new-long-passphrase", "new_password2": "another"}
        assert_reads(client.post(f"/{language}/accounts/password_change/", data), language, expected)

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            ("en", ["Email *", "Enter a valid email address."]),
            ("id", ["Email *", "Masukkan alamat email yang valid."]),
        ],
    )
    def test_password_reset_asks_for_the_email(self, client, site_pages, language, expected):
        response = client.post(f"/{language}/accounts/password_reset/", {"email": "not-an-address"})
        assert_reads(response, language, expected)

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            (
                "en",
                [
                    "New password",
                    "New password confirmation",
                    "This password is too short. It must contain at least 8 characters.",
                ],
            ),
            (
                "id",
                [
                    "Kata sandi baru *",
                    "Konfirmasi kata sandi baru *",
                    "Kata sandi ini terlalu pendek: minimal 8 karakter.",
                ],
            ),
        ],
    )
    def test_choosing_a_new_password_after_a_reset(self, client, site_pages, learner, language, expected):
        uid = urlsafe_base64_encode(force_bytes(learner.pk))
        link = f"/{language}/accounts/reset/{uid}/{default_token_generator.make_token(learner)}/"
        form_url = client.get(link).url  # Django swaps the token for a session-bound address first.
        response = client.post(form_url, {"new_password1": "kopi1", "new_password2": "kopi1"})
        assert_reads(response, language, expected)

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            (
                "en",
                [
                    "Ensure this value has at most 150 characters (it has 200).",
                    "Select a valid choice. fr is not one of the available choices.",
                ],
            ),
            (
                "id",
                [
                    "Paling banyak 150 karakter (sekarang 200 karakter).",
                    "Pilihan tidak valid: fr tidak ada di antara pilihan yang tersedia.",
                ],
            ),
        ],
    )
    def test_account_page_errors(self, client, site_pages, learner, language, expected):
        client.force_login(learner)
        data = {"first_name": "L" * 200, "email": "lina@example.org", "language": "fr"}
        assert_reads(client.post(f"/{language}/accounts/me/", data), language, expected)
