"""HTML to PDF with WeasyPrint, walled in.

A learner's résumé is their text typeset by a library that can fetch URLs, so a render may read only our own static
files and images carried in the HTML as data: URLs (never `file://`, the network or another host, whatever the HTML
says), is refused beyond a size,
and runs in a worker process that is stopped when it takes too long. The worker keeps its fonts loaded between
renders. Only this module imports WeasyPrint, and only inside the worker.
"""

import atexit
import base64
import logging
import mimetypes
import multiprocessing
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Relative URLs in the HTML resolve against this origin; `.invalid` never resolves on any network, and the fetcher
# serves nothing outside it anyway.
BASE_URL = "https://kelola.invalid/"
PDF_VARIANT = "pdf/ua-1"  # tagged, accessible PDF
RENDER_TIMEOUT = 30  # seconds; an 8-project résumé takes well under one
MAX_HTML_BYTES = 2_000_000
MAX_FILE_BYTES = 12_000_000  # the largest file a résumé needs is the Chinese font, about 8.4 MB
MAX_FETCHED_BYTES = 60_000_000
MAX_FETCHES = 60
RENDERS_PER_WORKER = 200  # a fresh worker now and then keeps memory in check


class PdfError(Exception):
    """The PDF could not be made; the message is for the person who asked for it."""


@dataclass(frozen=True)
class FileRoots:
    """Where URLs may lead: each URL path prefix and the directories that serve it, in order of precedence."""

    routes: tuple[tuple[str, tuple[str, ...]], ...]
    files: tuple[tuple[str, str], ...] = ()  # single files: URL path, file

    def find(self, url: str) -> Path | None:
        """The file behind a URL under BASE_URL, or None; never a path outside the served directories."""
        if not url.startswith(BASE_URL):
            return None
        path = unquote(urlsplit(url).path)
        if file := dict(self.files).get(path):
            return Path(file)
        for prefix, directories in self.routes:
            if not path.startswith(prefix):
                continue
            relative = path.removeprefix(prefix)
            for directory in directories:
                root = Path(directory).resolve()
                candidate = (root / relative).resolve()
                if candidate.is_relative_to(root) and candidate.is_file():
                    return candidate
        return None


def render_pdf(html: str, *, roots: FileRoots) -> bytes:
    """The PDF of `html`. Raises PdfError when the document is too large, too slow or cannot be rendered."""
    if len(html.encode()) > MAX_HTML_BYTES:
        raise PdfError(_("it is too long; leave some projects out of it and try again."))
    pool = _worker_pool()
    job = pool.apply_async(_render, (html, roots))
    try:
        return job.get(timeout=RENDER_TIMEOUT)
    except multiprocessing.TimeoutError:
        _stop_worker(pool)
        raise PdfError(_("it took too long and was stopped; try again in a moment.")) from None
    except Exception as error:
        logger.exception("PDF render failed")
        raise PdfError(_("something went wrong on our side; try again in a moment.")) from error


_pool = None
_pool_lock = threading.Lock()


def _worker_pool():
    global _pool
    with _pool_lock:
        if _pool is None:
            # forkserver: the worker starts clean, not as a copy of a threaded web process with open connections.
            context = multiprocessing.get_context("forkserver")
            _pool = context.Pool(1, initializer=_start_worker, maxtasksperchild=RENDERS_PER_WORKER)
            atexit.register(_stop_worker, _pool)
        return _pool


def _stop_worker(pool) -> None:
    global _pool
    with _pool_lock:
        pool.terminate()
        if _pool is pool:
            _pool = None


# In the worker process.

_font_config = None


def _start_worker() -> None:
    global _font_config
    from weasyprint.text.fonts import FontConfiguration

    # One font configuration for the worker's life: @font-face files are loaded once, not on every render.
    _font_config = FontConfiguration()


def _render(html: str, roots: FileRoots) -> bytes:
    from weasyprint import HTML

    fetcher = _own_files_fetcher(roots)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
        font_config=_font_config, pdf_variant=PDF_VARIANT
    )


def _own_files_fetcher(roots: FileRoots):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OwnFilesFetcher(URLFetcher):
        """Serves files under `roots` and refuses every other URL, within the size and count limits."""

        def __init__(self):
            super().__init__(allowed_protocols=())
            self.fetches = 0
            self.fetched_bytes = 0

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return _embedded_image(url)
            path = roots.find(url)
            if path is None:
                raise ValueError(f"Not one of our files: {url[:200]}")
            size = path.stat().st_size
            self.fetches += 1
            self.fetched_bytes += size
            if size > MAX_FILE_BYTES or self.fetched_bytes > MAX_FETCHED_BYTES or self.fetches > MAX_FETCHES:
                raise ValueError(f"Over the limits for one PDF: {url[:200]}")
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": _mime_type(path)})

    return OwnFilesFetcher()


EMBEDDED_IMAGE = re.compile(r"data:(image/(?:jpeg|png));base64,([A-Za-z0-9+/]+={0,2})")


def _embedded_image(url: str):
    """An image the HTML carries as a base64 data: URL (the résumé's photo); nothing else, and not too large."""
    from weasyprint.urls import URLFetcherResponse

    match = EMBEDDED_IMAGE.fullmatch(url)
    if match is None or len(url) > MAX_FILE_BYTES:
        raise ValueError("Only JPEG and PNG images may be embedded.")
    return URLFetcherResponse(url, body=base64.b64decode(match[2]), headers={"Content-Type": match[1]})


def _mime_type(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
