"""No page scrolls sideways on a 390 px phone, in either language."""

import pytest
from wagtail.models import Page

from learning.models import LessonPage, ModulePage, QuizPage


@pytest.mark.parametrize("language", ["en", "id"])
def test_course_pages_fit_a_390_px_screen(browser, live_server, curriculum, screenshot, language):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    in_language = Page.objects.filter(locale__language_code=language)
    pages = {
        "home": f"/{language}/",
        "module": ModulePage.objects.filter(pk__in=in_language).first().url,
        "lesson": LessonPage.objects.filter(pk__in=in_language).first().url,
        "quiz": QuizPage.objects.filter(pk__in=in_language).first().url,
    }
    overflowing = {}
    for name, url in pages.items():
        page.goto(url)
        screenshot(page, f"narrow-{name}-{language}")
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            overflowing[name] = widths
    context.close()
    assert overflowing == {}
