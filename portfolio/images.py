"""Pictures learners upload: only real JPEG, PNG or WebP images of sensible size, stored under random names."""

import secrets
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
MAX_BYTES = 5 * 1024 * 1024
MIN_SIDE = 200
MAX_SIDE = 6000


def validate_image(file) -> None:
    """Refuse anything but a JPEG, PNG or WebP image of 200 to 6,000 pixels a side and at most 5 MB, whatever its
    name says: the file's content decides."""
    if file.size > MAX_BYTES:
        raise ValidationError(
            _("This image is %(size)s; the most is %(limit)s."),
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_BYTES)},
            code="too_big",
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
        raise ValidationError(_("This file is not a JPEG, PNG or WebP image."), code="not_an_image") from None
    finally:
        file.seek(0)
    if image_format not in FORMATS:
        raise ValidationError(_("This file is not a JPEG, PNG or WebP image."), code="not_an_image")
    if min(width, height) < MIN_SIDE or max(width, height) > MAX_SIDE:
        raise ValidationError(
            _("This image is %(width)d × %(height)d pixels; each side must be %(min)d to %(max)d pixels."),  # noqa: RUF001
            params={"width": width, "height": height, "min": MIN_SIDE, "max": MAX_SIDE},
            code="bad_size",
        )


def _random_name(folder: str, filename: str) -> str:
    # The learner's file name is dropped: it may say more than they meant, and a random one cannot be guessed.
    suffix = PurePath(filename).suffix.lower()
    return f"{folder}/{secrets.token_urlsafe(16)}{suffix if suffix in FORMATS.values() else '.img'}"


def photo_path(_profile, filename: str) -> str:
    return _random_name("portfolio/photos", filename)


def project_image_path(_image, filename: str) -> str:
    return _random_name("portfolio/projects", filename)
