import re

from wagtail.models import Locale, Page

from .models import LessonPage, ModulePage

# A word may hold dots and hyphens inside ("1.2", "e-mail"): the full-text index keeps such a word whole.
WORD = re.compile(r"\w+(?:[.-]\w+)*")


def search_course(*, query: str) -> list[Page]:
    """Published lessons and modules in the active language that match the query, best first.

    Full-text relevance alone puts a long lesson that repeats a word above the module named by it, so pages whose
    title holds the query come first, modules before lessons; the rest keep their relevance order. A course has
    at most a few hundred pages, so the results are sorted here.

    Only the query's words are searched: the database's full-text syntax would read a quote, a NUL or an operator
    left open as a syntax error (a 500), and no learner means them as syntax.
    """
    query = " ".join(WORD.findall(query))
    if not query:
        return []
    results = (
        Page.objects.live()
        .filter(locale=Locale.get_active())
        .type(LessonPage, ModulePage)
        .specific()
        .search(query, operator="and")
    )
    needle = query.casefold()
    return sorted(
        results, key=lambda page: (needle not in page.title.casefold(), not isinstance(page, ModulePage))
    )
