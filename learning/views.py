from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import LessonPage
from .progress import mark_complete, mark_incomplete
from .search import search_course
from .translation_status import translation_report


@require_POST
def lesson_completion(request, page_id: int):
    """Mark a lesson complete or undo it, then return to the lesson."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=page_id)
    lesson_url = lesson.get_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(lesson_url)
    action = request.POST.get("action")
    if action == "complete":
        mark_complete(user=request.user, lesson=lesson)
        messages.success(request, _("Lesson marked as complete."))
    elif action == "undo":
        mark_incomplete(user=request.user, lesson=lesson)
        messages.info(request, _("The lesson is no longer marked as complete."))
    else:
        return HttpResponseBadRequest(_("Unknown action."))
    return redirect(lesson_url)


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = search_course(query=query) if query else []
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "learning/search.html", {"query": query, "results": page})


def translation_report_view(request):
    """Admin report: which pages still need translating (admin URLs already require admin access)."""
    only_needing_work = request.GET.get("show") != "all"
    return render(
        request,
        "learning/admin/translation_report.html",
        {
            "rows": translation_report(only_needing_work=only_needing_work),
            "only_needing_work": only_needing_work,
        },
    )
