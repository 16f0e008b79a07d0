from django import template

from mentoring.models import ReviewState

register = template.Library()


@register.filter
def review_state(value: str) -> str:
    """A review state's label, for states read from annotations rather than model instances."""
    return ReviewState(value).label
