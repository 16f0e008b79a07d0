from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.views.reports import ReportView

from cms.navigation import account_of
from cms.page_cache import personal_fragment
from portfolio import endorsements
from portfolio.forms import EndorsementForm
from portfolio.mentoring import MentoringError, mentee_of
from portfolio.models import Endorsement

from . import skill_levels
from .dashboard import dashboard_context
from .exports import learning_record, progress_csv
from .forms import QuizForm, SkillGoalsForm
from .models import LessonPage, QuizAttempt, QuizPage, SkillGoal
from .progress import mark_complete, mark_incomplete, skills_by_key
from .quizzes import (
    AttemptHistory,
    SubmissionRefused,
    attempt_result,
    attempts_of,
    availability,
    draft_key,
    localized_questions,
    questions_for_attempt,
    quiz_facts,
    submit_attempt,
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


def quiz_page(request, quiz: QuizPage):
    """Show the quiz (GET) or take a submission (POST). Served by `QuizPage.serve`."""
    bank = localized_questions(quiz)
    context = {**quiz.get_context(request), **quiz_facts(quiz, bank)}
    user = request.user
    if not user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(quiz.get_url(request))
        return TemplateResponse(request, quiz.get_template(request), context)
    preview = getattr(request, "is_preview", False)
    history = AttemptHistory(list(attempts_of(user, quiz)))
    allowed = availability(quiz, history.attempts)
    submitting = request.method == "POST" and not preview
    number = len(history.attempts) + 1
    if submitting:
        number = _submitted_number(request, default=number)
    questions = questions_for_attempt(bank, quiz=quiz, user=user, number=number)
    draft = "" if preview else draft_key(quiz=quiz, user=user, number=number)
    if submitting:
        form = QuizForm(request.POST, questions=questions, draft_key=draft)
        if form.is_valid():
            try:
                attempt = submit_attempt(
                    user=user, quiz=quiz, number=number, questions=questions, responses=form.responses()
                )
            except SubmissionRefused as refusal:
                messages.warning(request, refusal.message)
                return redirect(refusal.attempt or quiz.get_url(request))
            return redirect(attempt)
    else:
        form = QuizForm(questions=questions, number=number, preview=preview, draft_key=draft)
    context.update(
        {
            "form": form if allowed.allowed or preview else None,
            "history": history,
            "availability": allowed,
            "reveal": quiz.reveal(has_passed=history.has_passed, attempts_used=len(history.attempts)),
            "preview": preview,
        }
    )
    response = TemplateResponse(request, quiz.get_template(request), context)
    # Back after submitting must fetch a fresh form (the next attempt), never a stored copy of the answered one.
    patch_cache_control(response, no_store=True)
    return response


def _submitted_number(request, *, default: int) -> int:
    try:
        return max(1, int(request.POST.get("attempt", default)))
    except ValueError:
        return default


@login_required
def quiz_attempt(request, attempt_id: int):
    """One of the learner's own attempts: score, per-skill results and answers, as the quiz's reveal policy allows."""
    attempt = get_object_or_404(QuizAttempt.objects.select_related("quiz"), pk=attempt_id, user=request.user)
    history = AttemptHistory(list(QuizAttempt.objects.filter(user=request.user, quiz_key=attempt.quiz_key)))
    return render(
        request,
        "learning/quiz_attempt.html",
        {"result": attempt_result(attempt, history=history), "history": history},
    )


@login_required
def dashboard(request):
    if account_of(request.user).mentor_only:  # no learning to show: their home is their mentoring
        return redirect("mentoring")
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


@login_required
def progress_export(request):
    response = HttpResponse(
        progress_csv(skills_tracker(request.user)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="kelola-skills-progress.csv"'
    return response


@login_required
def learning_record_export(request):
    record = learning_record(user=request.user, tracker=skills_tracker(request.user))
    response = JsonResponse(record, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="kelola-learning-record.json"'
    return response


@login_required
def learner_skills(request, learner_id: int):
    """A mentee's skills tracker, read-only, for their mentor; everyone else gets a 404 (not even "forbidden")."""
    if learner_id == request.user.pk:
        return redirect("dashboard")
    learner = mentee_of(request.user, learner_id)
    if learner is None:
        raise Http404
    action = request.POST.get("action")
    form = EndorsementForm(request.POST if action == "endorse" else None)
    try:
        if action == "endorse" and form.is_valid():
            endorsements.endorse(mentor=request.user, learner=learner, **form.cleaned_data)
            messages.success(request, _("Your endorsement is saved; the learner's level follows it."))
            return redirect("learning:learner_skills", learner.pk)
        if action == "withdraw":
            endorsement = get_object_or_404(Endorsement, pk=request.POST.get("endorsement"), learner=learner)
            endorsements.withdraw(endorsement, mentor=request.user)
            messages.success(request, _("Your endorsement is withdrawn."))
            return redirect("learning:learner_skills", learner.pk)
    except MentoringError as error:
        form.add_error(None, str(error))
    given = list(
        Endorsement.objects.current().filter(learner=learner, mentor=request.user).select_related("skill")
    )
    names = skills_by_key(endorsement.skill for endorsement in given)
    for endorsement in given:
        endorsement.skill_name = names[endorsement.skill.translation_key].name
    return render(
        request,
        "learning/learner_skills.html",
        {
            "learner": learner,
            "tracker": skills_tracker(learner, is_owner=False),
            "endorsement_form": form,
            "endorsements": given,
        },
    )
