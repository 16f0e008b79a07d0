from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from cms.navigation import account_navigation, account_of, main_navigation

register = template.Library()


@register.inclusion_tag("includes/site_header.html", takes_context=True)
def site_header(context):
    request = context["request"]
    account = account_of(request.user)
    return {
        "request": request,
        "user": request.user,
        "page": context.get("page"),
        "can_edit_content": account and account.can_edit_content,
        "main_items": main_navigation(request, account),
        "account_items": account_navigation(account),
        "role_label": account.role.label if account and account.role else None,
        "languages": language_choices(context),
    }


def language_choices(context) -> list[dict]:
    """Each interface language with the address of the current page in it.

    On a Wagtail page the target is the page's translation (or the same page, which then falls back to English
    content under the other language's interface); elsewhere it is the same view under the other prefix.
    """
    request = context["request"]
    page = context.get("page")
    translations = {}
    if page is not None and getattr(page, "pk", None):
        live_translations = page.get_translations(inclusive=True).live().select_related("locale")
        translations = {p.locale.language_code: p for p in live_translations}
    current = translation.get_language()
    choices = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            with translation.override(code):
                url = translations[code].get_url(request)
        else:
            url = translate_url(request.get_full_path(), code)
        choices.append({"code": code, "name": name, "url": url, "current": code == current})
    return choices


@register.inclusion_tag("includes/untranslated_label.html")
def untranslated_label(page):
    """Says a page still shows the original language: a simple_translation alias read in another language.

    alias_of_id is on the page row, so a listing pays no query per page for it.
    """
    shown = page.alias_of_id is not None and translation.get_language() != settings.LANGUAGE_CODE
    return {"shown": shown}
