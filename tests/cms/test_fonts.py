"""The résumé's fonts: the two stylesheets written from cms.fonts.FACES, the same faces in the PDF and the preview,
WOFF2 subsets for the preview that swap in and hold the characters they are for, and only the files in use served."""

import re
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.views import serve
from django.test import RequestFactory
from fontTools.ttLib import TTFont

from cms.fonts import FACES, PRINT_STYLESHEET, SCREEN_STYLESHEET, FontFinder, stylesheets

URL = re.compile(r'url\("\.\./(.+?)"\)')


def font_faces(stylesheet: str) -> list[str]:
    return re.findall(r"@font-face \{ (.*?) \}", (settings.BASE_DIR / "static" / stylesheet).read_text())


def face_key(face: str) -> tuple[str, int, str]:
    family, weight, style = re.search(
        r'font-family: "(.+?)"; .*font-weight: (\d+); font-style: (\w+);', face
    ).groups()
    return family, int(weight), style


def test_the_font_stylesheets_are_written_from_the_faces():
    for path, text in stylesheets().items():
        written = (settings.BASE_DIR / "static" / path).read_text()
        assert written == text, f"static/{path} is out of date: run `manage.py resume_fonts`"


def test_the_preview_has_the_faces_of_the_pdf():
    faces = {(face.family, face.weight, face.style) for face in FACES}
    assert len(faces) == 12
    assert {face_key(face) for face in font_faces(PRINT_STYLESHEET)} == faces
    assert {face_key(face) for face in font_faces(SCREEN_STYLESHEET)} == faces


def test_each_face_of_the_preview_is_a_woff2_file_that_swaps_in_for_the_characters_it_is_for():
    faces = font_faces(SCREEN_STYLESHEET)
    assert len(faces) == 214  # 12 faces, Latin ones by script, Chinese in 101 slices of characters
    request = RequestFactory().get("/")
    for face in faces:
        assert face.count("url(") == 1, face
        (path,) = re.findall(r'url\("\.\./(vendor/fonts/[\w-]+\.woff2)"\) format\("woff2"\);', face)
        assert "; font-display: swap;" in face
        assert re.search(r"; unicode-range: U\+[0-9A-F]{4}[^;]*;$", face), face
        response = serve(request, path, insecure=True)  # the static files view, through the finders
        response.file_to_stream.close()
        assert (response.status_code, response["Content-Type"]) == (200, "font/woff2")


def test_only_the_files_the_stylesheets_use_are_served():
    used = {
        url
        for stylesheet in (PRINT_STYLESHEET, SCREEN_STYLESHEET)
        for url in URL.findall((settings.BASE_DIR / "static" / stylesheet).read_text())
    }
    served = {f"{storage.prefix}/{name}" for name, storage in FontFinder().list([])}
    assert served == used
    assert len(served) == 12 + 214
    # In the package, not in use: neither found nor collected.
    assert (settings.NODE_MODULES / "@fontsource/noto-sans/files/noto-sans-latin-100-normal.woff2").is_file()
    assert finders.find("vendor/fonts/noto-sans-latin-100-normal.woff2") is None


@cache
def characters_of(path: Path) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


LATIN_SAMPLE = (
    "Pengelola komunitas: acara mingguan, diskusi & umpan balik — 100% sukarela. "
    "Nguyễn Thị Hương, Trần Đức Lộc: cộng đồng, thành viên, kết quả; “ở đây”, ữ ỵ ặ."
)
SAMPLES = {
    "Kelola Sans": LATIN_SAMPLE,
    "Kelola Serif": LATIN_SAMPLE,
    "Kelola Symbols": "→←↑↓",
    "Kelola Arabic": "مديرالمجتمع",
    "Kelola Chinese": "王小明社区经理\N{FULLWIDTH COMMA}你好。",
}


@pytest.mark.parametrize("face", FACES, ids=lambda face: f"{face.family}-{face.weight}-{face.style}")
def test_the_files_of_a_face_hold_the_characters_they_are_for(face):
    """Indonesian and Vietnamese text (and the scripts of the fallback families): each character is one that some
    file of the face is for, and every file that says so holds it, so the preview draws it in that face."""
    files = face.screen_files()
    for character in SAMPLES[face.family]:
        holders = [path for path, ranges in files.items() if any(a <= ord(character) <= b for a, b in ranges)]
        assert holders, f"no file of {face} is for {character!r}"
        for path in holders:
            assert ord(character) in characters_of(path), f"{path.name} lacks {character!r}"
