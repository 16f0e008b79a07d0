"""Files only some people may see (a learner's photo, a résumé PDF, a data export), answered by the view that checked
who asks: never kept by a browser or a shared cache, never sniffed into another type, shown inline or saved as the
caller says."""

from django.http import FileResponse, HttpResponse
from django.utils.cache import add_never_cache_headers
from PIL import Image

# Content types of the images learners may upload (portfolio/images.py checks the content on upload).
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def private(response: HttpResponse) -> HttpResponse:
    """Mark a personal response: no cache keeps it, and the browser takes its Content-Type as given."""
    add_never_cache_headers(response)  # as Django's never_cache, like every other download of ours
    response["X-Content-Type-Options"] = "nosniff"
    return response


def private_file(file, *, filename: str, content_type: str, attachment: bool) -> FileResponse:
    """Stream `file` (open, binary) with the headers of a private download."""
    return private(FileResponse(file, as_attachment=attachment, filename=filename, content_type=content_type))


def image_content_type(file) -> str | None:
    """The image's type as its content says (the first bytes; the file is left at its start), or None if it is not
    one of the formats learners may upload."""
    try:
        with Image.open(file) as image:
            image_format = image.format
    except OSError:
        return None
    finally:
        file.seek(0)
    return IMAGE_TYPES.get(image_format)
