from datetime import date

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from portfolio.models import ReviewState

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
def review_state(value: str) -> str:
    """A review state's label, for states read from annotations rather than model instances."""
    return ReviewState(value).label
