"""The editors' Course and Questions reports in the Wagtail admin (docs/analytics.md), with Wagtail's CSV and XLSX
export. Only people with `learning.view_course_reports` (editors, moderators, administrators) see them."""

from datetime import date, datetime

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from .charts import funnel_chart
from .course_reports import (
    ReportFilters,
    cohorts,
    course_funnel,
    quiz_statistics,
    quizzes_with_attempts,
)
from .item_analysis import MIN_LEARNERS, STEADY_ANSWERS, percent
from .models import QuizAttempt, QuizPage

PERMISSION = "learning.view_course_reports"


def _day(moment: datetime | None) -> date | None:
    """A day of the date range filter, which hands over the day's first (or last) moment."""
    return timezone.localtime(moment).date() if moment else None


class ReportFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        period = cleaned.get("period")
        if period and period.start and period.stop and period.start > period.stop:
            self.add_error("period", _("The first day comes after the last: swap them."))
        return cleaned


class ReportFilterSet(WagtailFilterSet):
    """Days, language and cohort; read by the report functions, not applied to a queryset."""

    period = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Days"), widget=DateRangePickerWidget, method="read_only"
    )
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"),
        choices=settings.LANGUAGES,
        method="read_only",
        widget=forms.RadioSelect,
        empty_label=gettext_lazy("All"),
    )
    cohort = django_filters.ChoiceFilter(
        label=gettext_lazy("Cohort (sign-up month)"),
        method="read_only",
        widget=forms.RadioSelect,
        empty_label=gettext_lazy("All"),
    )

    class Meta:
        model = QuizAttempt
        fields = []
        form = ReportFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["cohort"].extra["choices"] = [
            (month.strftime("%Y-%m"), date_format(month, "YEAR_MONTH_FORMAT")) for month in cohorts()
        ]

    def read_only(self, queryset, name, value):
        return queryset

    def report_filters(self) -> ReportFilters:
        if not self.is_valid():
            return ReportFilters()
        data = self.form.cleaned_data
        period = data.get("period")
        cohort = data.get("cohort")
        return ReportFilters(
            date_from=_day(period.start) if period else None,
            date_to=_day(period.stop) if period else None,
            language=data.get("language") or "",
            cohort=date.fromisoformat(f"{cohort}-01") if cohort else None,
        )


class AnalyticsReportView(ReportView):
    filterset_class = ReportFilterSet
    paginate_by = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def filter_queryset(self, queryset):
        return queryset

    @cached_property
    def report_filters(self) -> ReportFilters:
        return self.filters.report_filters()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "min_learners": MIN_LEARNERS,
            "steady_answers": STEADY_ANSWERS,
        }


def _rate(value: float | None) -> float | None:
    return round(value, 3) if value is not None else None


class CourseReportView(AnalyticsReportView):
    page_title = gettext_lazy("Course")
    header_icon = "list-ol"
    template_name = "learning/admin/course_report.html"
    results_template_name = "learning/admin/course_report_results.html"
    index_url_name = "kelola_course_report"
    index_results_url_name = "kelola_course_report_results"
    export_filename = "course-funnel"
    list_export = [
        "module",
        "kind",
        "title",
        "started",
        "completed",
        "completion_rate",
        "drop_off",
        "median_minutes",
        "learners",
        "pass_rate",
        "attempts_to_pass",
    ]

    @cached_property
    def export_headings(self) -> dict:
        return {
            "module": _("Module"),
            "kind": _("Type"),
            "title": _("Title"),
            "started": _("Started"),
            "completed": _("Completed"),
            "completion_rate": _("Completion rate"),
            "drop_off": _("Drop-off to the next lesson"),
            "median_minutes": _("Median minutes to complete"),
            "learners": _("Learners"),
            "pass_rate": _("Pass rate"),
            "attempts_to_pass": _("Attempts to pass"),
        }

    def get_queryset(self):
        return course_funnel(self.report_filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["modules"] = [
            (
                funnel,
                funnel_chart(
                    [
                        (
                            f"{number}. {row.lesson.title}",
                            *((row.started, row.completed) if row.shown else (None, None)),
                        )
                        for number, row in enumerate(funnel.lessons, start=1)
                    ]
                ),
            )
            for funnel in context["object_list"]
        ]
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(list(self.export_rows(queryset)), spreadsheet_format)

    def to_row_dict(self, item: dict) -> dict:
        return {field: item.get(field) for field in self.list_export}

    def export_rows(self, funnels):
        """One row per module, lesson and quiz; figures under the privacy floor are left empty."""
        for funnel in funnels:
            module = funnel.module.title if funnel.module else _("Course")
            if funnel.module:
                yield {
                    "module": module,
                    "kind": _("Module"),
                    "title": module,
                    **({"started": funnel.started, "completed": funnel.finished} if funnel.shown else {}),
                }
            for row in funnel.lessons:
                yield {
                    "module": module,
                    "kind": _("Lesson"),
                    "title": row.lesson.title,
                    **(
                        {
                            "started": row.started,
                            "completed": row.completed,
                            "completion_rate": _rate(row.completion_rate),
                            "drop_off": _rate(row.drop_off),
                            "median_minutes": round(row.median_minutes)
                            if row.median_minutes is not None
                            else None,
                        }
                        if row.shown
                        else {}
                    ),
                }
            for row in funnel.quizzes:
                yield {
                    "module": module,
                    "kind": _("Quiz"),
                    "title": row.quiz.title,
                    **(
                        {
                            "learners": row.learners,
                            "pass_rate": _rate(row.pass_rate),
                            "attempts_to_pass": _rate(row.attempts_to_pass),
                        }
                        if row.shown
                        else {}
                    ),
                }


class QuestionReportView(AnalyticsReportView):
    """Every quiz with attempts: learners, mean score, reliability and flagged questions."""

    page_title = gettext_lazy("Questions")
    header_icon = "help"
    template_name = "learning/admin/question_report.html"
    results_template_name = "learning/admin/question_report_results.html"
    index_url_name = "kelola_question_report"
    index_results_url_name = "kelola_question_report_results"
    export_filename = "quiz-statistics"
    list_export = ["quiz", "learners", "mean_score", "alpha", "flagged"]

    @cached_property
    def export_headings(self) -> dict:
        return {
            "quiz": _("Quiz"),
            "learners": _("Learners"),
            "mean_score": _("Mean score (%)"),
            "alpha": _("Reliability (Cronbach's alpha)"),
            "flagged": _("Flagged questions"),
        }

    def get_queryset(self):
        return quiz_statistics(self.report_filters, quizzes=quizzes_with_attempts())

    def to_row_dict(self, item) -> dict:
        return {
            "quiz": item.quiz.title,
            **(
                {
                    "learners": item.learners,
                    "mean_score": round(item.mean_score, 1) if item.mean_score is not None else None,
                    "alpha": _rate(item.alpha),
                    "flagged": item.flagged,
                }
                if item.shown
                else {}
            ),
        }


class QuizQuestionsReportView(AnalyticsReportView):
    """One quiz's questions, by bank: facility, discrimination, each choice's pick rates, flags."""

    header_icon = "help"
    template_name = "learning/admin/quiz_questions_report.html"
    results_template_name = "learning/admin/quiz_questions_report_results.html"
    list_export = [
        "bank",
        "number",
        "question",
        "answers",
        "facility",
        "discrimination",
        "upper_lower",
        "choices",
        "flags",
    ]

    @cached_property
    def quiz(self) -> QuizPage:
        return get_object_or_404(QuizPage, pk=self.kwargs["quiz_id"])

    @cached_property
    def statistics(self):
        (statistics,) = quiz_statistics(self.report_filters, quizzes=[self.quiz])
        return statistics

    def get_page_title(self):
        return self.statistics.quiz.title

    def get_page_subtitle(self):
        return _("Questions")

    def get_index_url(self):
        return reverse("kelola_quiz_questions_report", args=[self.quiz.pk])

    def get_index_results_url(self):
        return reverse("kelola_quiz_questions_report_results", args=[self.quiz.pk])

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items()[:-1],
            {"url": reverse("kelola_question_report"), "label": _("Questions")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_filename(self):
        return f"questions-{self.quiz.slug}"

    @cached_property
    def export_headings(self) -> dict:
        return {
            "bank": _("Bank (skill)"),
            "number": _("Question"),
            "question": _("Prompt"),
            "answers": _("Answers"),
            "facility": _("Facility"),
            "discrimination": _("Discrimination (item-rest)"),
            "upper_lower": _("Upper-lower index"),
            "choices": _("Choices: picked overall / upper / lower group"),
            "flags": _("Flags"),
        }

    def get_queryset(self):
        return (
            [(bank, question) for bank in self.statistics.banks for question in bank.questions]
            if self.statistics.shown
            else []
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statistics"] = self.statistics
        return context

    def to_row_dict(self, item) -> dict:
        bank, question = item
        shown = question.shown
        return {
            "bank": str(bank.skill) if bank.skill else "",
            "number": question.number,
            "question": question.question.prompt,
            "answers": question.sums.answers if shown else None,
            "facility": _rate(question.facility) if shown else None,
            "discrimination": _rate(question.discrimination) if shown else None,
            "upper_lower": _rate(question.upper_lower) if shown else None,
            "choices": "; ".join(
                f"{choice.choice.text}{' (✓)' if choice.is_key else ''}: {percent(choice.rate)} / "
                f"{percent(choice.upper_rate)} / {percent(choice.lower_rate)}"
                for choice in question.choices
            )
            if shown
            else "",
            "flags": "; ".join(f"{flag.flag.label}: {flag.reason}" for flag in question.flags),
        }
