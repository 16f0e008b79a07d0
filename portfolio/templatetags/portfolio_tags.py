from datetime import date
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()

EN_DASH = " \N{EN DASH} "


@register.simple_tag
def period(start: date | None, end: date | None) -> str:
    """A date range such as "Mar 2023 to Jun 2024" or "Mar 2023 to now" (joined by an en dash), or one date alone,
    in the active language."""
    if start is None and end is None:
        return ""
    months = [formats.date_format(day, "M Y") for day in (start, end) if day]
    if end is None:
        months.append(_("now"))
    return EN_DASH.join(months)


@register.filter
def plain_number(value: Decimal) -> str:
    """A measured number as it was typed, grouped in the active language: "3.5" and "70", not "3.50", "70.00"."""
    return floatformat(value, f"{decimal_places(value)}g")


def decimal_places(value: Decimal) -> int:
    """How many decimals the number has once trailing zeros are dropped."""
    return max(0, -Decimal(value).normalize().as_tuple().exponent)


# Learners' pictures are addressed through the views that check who asks (portfolio/upload_views.py), never by their
# storage URL; the shared page, seen by people who are not signed in, names them through its public link.


@register.simple_tag(takes_context=True)
def photo_url(context, profile) -> str:
    if token := context.get("share_token"):
        return reverse("portfolio:shared_photo", args=[token])
    return profile.get_upload_url()


@register.simple_tag(takes_context=True)
def project_image_url(context, picture) -> str:
    if token := context.get("share_token"):
        return reverse("portfolio:shared_project_image", args=[token, picture.pk])
    return picture.get_upload_url()
