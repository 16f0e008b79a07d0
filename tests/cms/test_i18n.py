import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

pytestmark = pytest.mark.django_db

PO_FILE = Path(settings.LOCALE_PATHS[0]) / "id" / "LC_MESSAGES" / "django.po"


def message_ids(path: Path) -> set:
    with path.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def test_root_redirects_to_the_browsers_language(client, site_pages):
    assert client.get("/").url == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="id-ID,id;q=0.9").url == "/id/"


def test_switching_language_is_remembered(client, site_pages):
    response = client.post("/i18n/setlang/", {"language": "id", "next": "/id/"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    assert client.get("/").url == "/id/"


def test_switching_language_from_a_page_lands_on_its_translation(client, site_pages):
    html = client.get("/en/about/").content.decode()

    assert 'name="next" value="/id/about/"' in html


def test_indonesian_interface_and_content(client, site_pages):
    html = client.get("/id/").content.decode()

    assert '<html lang="id">' in html
    assert "Lewati ke konten utama" in html
    assert "Kuasai keterampilan mengelola komunitas" in html
    assert "Buat akun gratis" in html


def test_every_indonesian_message_is_translated():
    with PO_FILE.open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.plural_forms == "nplurals=1; plural=0;"

    untranslated = [
        m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert len(catalog) > 50
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (./kelola test installs it)")
def test_catalogue_holds_every_string_marked_for_translation(tmp_path):
    """Fails when a UI string was marked for translation but `makemessages` was not run (and translated) after it.

    makemessages rewrites catalogues in place, so it runs on a copy of the sources.
    """
    copy = tmp_path / "kelola"
    for name in ("cms", "learning", "portfolio", "mentoring", "fixtures", "templates"):
        shutil.copytree(settings.BASE_DIR / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(settings.BASE_DIR / "manage.py", copy)

    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-location", "-v", "0"],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
        check=True,
        timeout=120,
    )

    assert message_ids(copy / PO_FILE.relative_to(settings.BASE_DIR)) == message_ids(PO_FILE)
