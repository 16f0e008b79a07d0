"""How the editors' reports write figures: a dash where there is none, numbers in the page's language."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()

NONE = "\u2013"  # an en dash


@register.filter
def percent(value: float | None) -> str:
    return NONE if value is None else f"{number_format(round(100 * value))}%"


@register.filter
def decimal(value: float | None, places: int = 1) -> str:
    return NONE if value is None else number_format(round(value, places), places)


@register.filter
def minutes(value: float | None) -> str:
    """A duration in minutes, in the largest unit that reads well."""
    if value is None:
        return NONE
    if value < 60:
        count = max(1, round(value))
        return ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}
    if value < 48 * 60:
        return _("%(hours)s hours") % {"hours": number_format(round(value / 60, 1), 1)}
    count = round(value / (24 * 60))
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}
