"""A static files finder for the résumé's fonts: the files named in settings.RESUME_FONTS, from the npm packages in
node_modules. Only the faces in use are served and collected, not every weight the packages ship (hundreds of MB
once collectstatic has hashed and compressed them)."""

from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core import checks
from django.core.files.storage import FileSystemStorage


class FontFinder(BaseFinder):
    def check(self, **kwargs):
        missing = [str(source) for source in settings.RESUME_FONTS.values() if not Path(source).is_file()]
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
        source = settings.RESUME_FONTS.get(path)
        found = str(source) if source is not None and Path(source).is_file() else None
        if find_all:
            return [found] if found else []
        return found

    def list(self, ignore_patterns):
        for path, source in settings.RESUME_FONTS.items():
            storage = FileSystemStorage(location=Path(source).parent)
            storage.prefix = str(PurePosixPath(path).parent)
            yield Path(source).name, storage
