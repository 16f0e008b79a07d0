"""The résumé's fonts: which faces exist (FACES, the one list), the files behind them from the npm packages in
node_modules, the two stylesheets that declare them, and a static files finder that serves those files and no other.

The PDF embeds static Noto faces from TTF and OTF files. The browser preview loads the same faces from Fontsource's
packages, cut by script into small WOFF2 files: each is declared with the characters it is for (unicode-range), so
the browser fetches only the files the page's text needs, and font-display: swap shows the text at once meanwhile.
`manage.py resume_fonts` writes both stylesheets into static/ from FACES; a test checks that they are up to date."""

import functools
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core import checks
from django.core.files.storage import FileSystemStorage

FONTS_URL = "vendor/fonts/"  # the files' static paths: FONTS_URL + the file's name
PRINT_STYLESHEET = "css/resume-fonts-print.css"
SCREEN_STYLESHEET = "css/resume-fonts-screen.css"


@dataclass(frozen=True)
class FontFace:
    family: str  # our own name, which no system font has: no system font stands in, on paper or on screen
    weight: int
    style: str  # "normal" or "italic"
    print_file: str  # under node_modules: the TTF or OTF file the PDF embeds
    fontsource: str  # the Fontsource package with the same face for the browser (@fontsource/<name>)
    # The package's subsets to serve; none named: each one with characters in unicode_range.
    subsets: tuple[str, ...] = ()
    unicode_range: str = ""  # a fallback family's: only the characters the faces before it lack
    print_features: str = ""  # font-feature-settings in the PDF
    whole: bool = False  # the package's one file is the whole font, whatever range it declares

    def screen_files(self) -> dict[Path, list[tuple[int, int]]]:
        """This face's WOFF2 files and the characters each is for: the subset's range, within the face's."""
        declared = _subset_ranges(self.fontsource)
        face_range = parse_unicode_range(self.unicode_range)
        folder = settings.NODE_MODULES / "@fontsource" / self.fontsource / "files"
        files = {}
        for name in self.subsets or declared:
            if self.whole:
                ranges = face_range
            elif face_range:
                ranges = _intersection(declared[name], face_range)
            else:
                ranges = declared[name]
            if ranges:
                files[folder / f"{self.fontsource}-{name}-{self.weight}-{self.style}.woff2"] = ranges
        return files


# Latin (with Vietnamese), Greek and Cyrillic: the scripts the PDF's text faces cover.
TEXT_SUBSETS = ("latin", "latin-ext", "vietnamese", "greek", "cyrillic")
SANS = "@embedpdf/fonts-latin/fonts"
SERIF = "@expo-google-fonts/noto-serif"
SYMBOLS_RANGE = "U+2190-21FF"
ARABIC_RANGE = "U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF"
CHINESE_RANGE = "U+2E80-2FDF, U+3000-30FF, U+3100-31FF, U+3200-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF"


def _sans(weight: int, style: str, name: str) -> FontFace:
    # Noto Sans's glyph composition ("ccmp") splits letters such as "ị" into a letter and a mark that PDF text
    # extraction then reads back as two characters; the precomposed glyphs look the same and read back as typed.
    return FontFace(
        "Kelola Sans", weight, style, f"{SANS}/{name}", "noto-sans", TEXT_SUBSETS, print_features='"ccmp" 0'
    )


def _serif(weight: int, style: str, name: str) -> FontFace:
    return FontFace("Kelola Serif", weight, style, f"{SERIF}/{name}", "noto-serif", TEXT_SUBSETS)


# The families, in the order the résumé falls back through them: Latin with Vietnamese (sans for the modern design,
# serif for the classic), then arrows, Arabic and Chinese for the characters the text faces lack.
FACES = (
    _sans(400, "normal", "NotoSans-Regular.ttf"),
    _sans(400, "italic", "NotoSans-Italic.ttf"),
    _sans(600, "normal", "NotoSans-SemiBold.ttf"),
    _sans(700, "normal", "NotoSans-Bold.ttf"),
    _serif(400, "normal", "400Regular/NotoSerif_400Regular.ttf"),
    _serif(400, "italic", "400Regular_Italic/NotoSerif_400Regular_Italic.ttf"),
    _serif(700, "normal", "700Bold/NotoSerif_700Bold.ttf"),
    # Fontsource ships Noto Sans Math whole, as its one subset (which it calls "latin").
    FontFace(
        "Kelola Symbols",
        400,
        "normal",
        "@expo-google-fonts/noto-sans-math/400Regular/NotoSansMath_400Regular.ttf",
        "noto-sans-math",
        subsets=("latin",),
        unicode_range=SYMBOLS_RANGE,
        whole=True,
    ),
    *(
        FontFace(
            "Kelola Arabic",
            weight,
            "normal",
            f"@embedpdf/fonts-arabic/fonts/NotoNaskhArabic-{name}.ttf",
            "noto-naskh-arabic",
            subsets=("arabic",),
            unicode_range=ARABIC_RANGE,
        )
        for weight, name in ((400, "Regular"), (700, "Bold"))
    ),
    *(
        FontFace(
            "Kelola Chinese",
            weight,
            "normal",
            f"@embedpdf/fonts-sc/fonts/NotoSansHans-{name}.otf",
            "noto-sans-sc",
            unicode_range=CHINESE_RANGE,
        )
        for weight, name in ((400, "Regular"), (700, "Bold"))
    ),
)


def parse_unicode_range(text: str) -> list[tuple[int, int]]:
    """'U+0041-005A, U+00E9' as [(0x41, 0x5A), (0xE9, 0xE9)]."""
    ranges = []
    for part in text.replace(" ", "").split(","):
        if part:
            first, _, last = part.removeprefix("U+").partition("-")
            ranges.append((int(first, 16), int(last or first, 16)))
    return ranges


def unicode_range_text(ranges: list[tuple[int, int]]) -> str:
    return ", ".join(
        f"U+{first:04X}" if first == last else f"U+{first:04X}-{last:04X}" for first, last in ranges
    )


def _intersection(ranges: list[tuple[int, int]], others: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted(
        (max(first, other_first), min(last, other_last))
        for first, last in ranges
        for other_first, other_last in others
        if max(first, other_first) <= min(last, other_last)
    )


@functools.cache
def _subset_ranges(package: str) -> dict[str, list[tuple[int, int]]]:
    """A Fontsource package's subsets ("latin", "vietnamese", "109" for Chinese slice [109]) and their ranges."""
    declared = json.loads((settings.NODE_MODULES / "@fontsource" / package / "unicode.json").read_text())
    return {name.strip("[]"): parse_unicode_range(text) for name, text in declared.items()}


def print_url(face: FontFace) -> str:
    return FONTS_URL + PurePosixPath(face.print_file).name


@functools.cache
def font_files() -> dict[str, Path]:
    """Every file the two stylesheets use, by static path."""
    files = {print_url(face): settings.NODE_MODULES / face.print_file for face in FACES}
    for face in FACES:
        files.update((FONTS_URL + path.name, path) for path in face.screen_files())
    return files


def print_stylesheet() -> str:
    """The @font-face rules the PDF uses."""
    rules = []
    for face in FACES:
        descriptors = [f"font-feature-settings: {face.print_features}"] if face.print_features else []
        if face.unicode_range:
            descriptors.append(f"unicode-range: {face.unicode_range}")
        rules.append(_font_face(face, f'url("../{print_url(face)}")', descriptors))
    return _stylesheet("The résumé's fonts in the PDF (WeasyPrint): static TTF and OTF Noto faces.", rules)


def screen_stylesheet() -> str:
    """The @font-face rules of the browser preview: one per WOFF2 file, with the characters it is for."""
    rules = [
        _font_face(
            face,
            f'url("../{FONTS_URL}{path.name}") format("woff2")',
            ["font-display: swap", f"unicode-range: {unicode_range_text(ranges)}"],
        )
        for face in FACES
        for path, ranges in face.screen_files().items()
    ]
    return _stylesheet(
        "The résumé's fonts in the browser preview: Fontsource's WOFF2 files of the PDF's faces, each fetched only "
        "when the page has characters it is for;\n   font-display: swap shows the text at once meanwhile.",
        rules,
    )


def stylesheets() -> dict[str, str]:
    """Both font stylesheets, by static path."""
    return {PRINT_STYLESHEET: print_stylesheet(), SCREEN_STYLESHEET: screen_stylesheet()}


def _font_face(face: FontFace, src: str, descriptors: list[str]) -> str:
    declarations = [
        f'font-family: "{face.family}"',
        f"src: {src}",
        f"font-weight: {face.weight}",
        f"font-style: {face.style}",
        *descriptors,
    ]
    return "@font-face { " + "; ".join(declarations) + "; }"


def _stylesheet(description: str, rules: list[str]) -> str:
    header = (
        f"/* {description}\n   Written by `manage.py resume_fonts` from cms/fonts.py: do not edit. */\n\n"
    )
    return header + "\n".join(rules) + "\n"


class FontFinder(BaseFinder):
    def check(self, **kwargs):
        try:
            missing = [str(source) for source in font_files().values() if not source.is_file()]
        except FileNotFoundError as error:  # a Fontsource package's list of subsets
            missing = [error.filename]
        if not missing:
            return []
        return [
            checks.Error(
                f"{len(missing)} résumé font files are missing, such as {missing[0]}.",
                hint="Install them with `npm ci` (./kelola does).",
                id="kelola.E001",
            )
        ]

    def find(self, path, find_all=False, **kwargs):
        source = font_files().get(path)
        if source is None or not source.is_file():
            return []  # as Django's finders answer: finders.find() would take None for a match
        return [str(source)] if find_all else str(source)

    def list(self, ignore_patterns):
        for path, source in font_files().items():
            storage = FileSystemStorage(location=source.parent)
            storage.prefix = str(PurePosixPath(path).parent)
            yield source.name, storage
