from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.admin.views.reports import ReportView

from cms.navigation import account_of
from cms.page_cache import personal_fragment

from . import skill_levels
from .dashboard import dashboard_context
from .exports import learning_record, progress_csv
from .forms import SkillGoalsForm
from .models import LessonPage, QuizAttempt, SkillGoal
from .progress import mark_complete, mark_incomplete, skills_by_key
from .quizzes import (
    AttemptHistory,
    attempt_result,
)
from .search import search_course
from .skill_evidence import framework_skills
from .tracker import save_goals, skills_tracker
from .translation_status import TranslationRow, target_languages, translation_report


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


class TranslationReportView(ReportView):
    """Admin report: which pages still need translating, with a spreadsheet export (admin URLs already require
    admin access). `?show=all` lists every page."""

    page_title = gettext_lazy("Translations")
    header_icon = "globe"
    template_name = "learning/admin/translation_report.html"
    results_template_name = "learning/admin/translation_report_results.html"
    index_url_name = "kelola_translation_report"
    export_filename = "translations"

    @cached_property
    def only_needing_work(self) -> bool:
        return self.request.GET.get("show") != "all"

    @cached_property
    def languages(self) -> list[tuple[str, str]]:
        return target_languages()

    @cached_property
    def list_export(self) -> list[str]:
        return ["page", "type", *(code for code, _name in self.languages)]

    @cached_property
    def export_headings(self) -> dict:
        return {"page": _("Page"), "type": _("Type"), **dict(self.languages)}

    def get_queryset(self):
        return translation_report(only_needing_work=self.only_needing_work)

    def to_row_dict(self, item: TranslationRow) -> dict:
        return {
            "page": item.page.get_admin_display_title(),
            "type": capfirst(item.page.get_verbose_name()),
            **{code: state.label for code, (state, _translation) in item.states.items()},
        }


@login_required
def quiz_attempt(request, attempt_id: int):
    """One of the learner's own attempts: score, per-skill results and answers, as the quiz's reveal policy allows."""
    attempt = get_object_or_404(QuizAttempt.objects.select_related("quiz"), pk=attempt_id)
    if not request.user.has_perm("learning.read_quizattempt", attempt):
        raise Http404  # someone else's attempt is not there for them
    history = AttemptHistory(list(QuizAttempt.objects.filter(user=request.user, quiz_key=attempt.quiz_key)))
    return render(
        request,
        "learning/quiz_attempt.html",
        {"result": attempt_result(attempt, history=history), "history": history},
    )


@login_required
def dashboard(request):
    if account_of(request.user).mentor_only:  # no learning to show: their home is their mentoring
        return redirect("mentoring:home")
    body = personal_fragment(request, "learning/includes/dashboard_body.html", dashboard_context)
    return render(request, "learning/dashboard.html", {"body": body})


def skill_levels_help(request):
    """How levels are worked out, in the learner's words, with the numbers the rule uses."""
    return render(
        request,
        "learning/skill_levels_help.html",
        {
            "recent_weight": round(skill_levels.RECENT_WEIGHT * 100),
            "aware_score": skill_levels.AWARE_SCORE,
            "mastery_score": skill_levels.MASTERY_SCORE,
            "mastery_times": skill_levels.MASTERY_TIMES,
            "discuss_gap": skill_levels.DISCUSS_GAP,
        },
    )


@login_required
def skill_goals(request):
    """Set a target level and date per skill."""
    skills = list(framework_skills())
    names = skills_by_key(skills)
    form = SkillGoalsForm(
        request.POST or None,
        skills=[(skill, names[skill.translation_key].name) for skill in skills],
        goals={goal.skill_id: goal for goal in SkillGoal.objects.filter(user=request.user)},
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        save_goals(user=request.user, targets=form.targets())
        messages.success(request, _("Your goals are saved."))
        return redirect("dashboard")
    return render(request, "learning/skill_goals.html", {"form": form})


@never_cache  # a personal file: kept by no cache, whoever's session asked for it
@login_required
def progress_export(request):
    response = HttpResponse(
        progress_csv(skills_tracker(request.user)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="kelola-skills-progress.csv"'
    return response


@never_cache
@login_required
def learning_record_export(request):
    record = learning_record(user=request.user, tracker=skills_tracker(request.user))
    response = JsonResponse(record, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="kelola-learning-record.json"'
    return response
