from django.db.models import QuerySet
from wagtail.models import Locale, Page

from .models import LessonPage, ModulePage


def search_course(*, query: str) -> QuerySet:
    """Published lessons and modules in the active language that match the query, best first."""
    return (
        Page.objects.live()
        .filter(locale=Locale.get_active())
        .type(LessonPage, ModulePage)
        .specific()
        .search(query, operator="and")
    )
