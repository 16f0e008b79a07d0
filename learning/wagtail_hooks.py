from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import report_views, views
from .models import QuizPage, Skill, SkillCategory
from .question_review import quiz_warnings


class SkillViewSet(SnippetViewSet):
    model = Skill
    icon = "success"
    list_display = ["name", "category", "slug", "locale"]
    list_filter = ["category"]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]


class SkillCategoryViewSet(SnippetViewSet):
    model = SkillCategory
    icon = "folder-open-inverse"
    list_display = ["name", "sort_order", "locale"]
    ordering = ["sort_order", "name"]


class SkillsFrameworkGroup(SnippetViewSetGroup):
    menu_label = _("Skills framework")
    menu_icon = "success"
    menu_order = 200
    items = (SkillViewSet, SkillCategoryViewSet)


register_snippet(SkillsFrameworkGroup)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/translations/", views.TranslationReportView.as_view(), name="kelola_translation_report"
        ),
        path("reports/course/", report_views.CourseReportView.as_view(), name="kelola_course_report"),
        path(
            "reports/course/results/",
            report_views.CourseReportView.as_view(results_only=True),
            name="kelola_course_report_results",
        ),
        path("reports/questions/", report_views.QuestionReportView.as_view(), name="kelola_question_report"),
        path(
            "reports/questions/results/",
            report_views.QuestionReportView.as_view(results_only=True),
            name="kelola_question_report_results",
        ),
        path(
            "reports/questions/<id:quiz_id>/",
            report_views.QuizQuestionsReportView.as_view(),
            name="kelola_quiz_questions_report",
        ),
        path(
            "reports/questions/<id:quiz_id>/results/",
            report_views.QuizQuestionsReportView.as_view(results_only=True),
            name="kelola_quiz_questions_report_results",
        ),
    ]


class CourseReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(report_views.PERMISSION)


@hooks.register("register_reports_menu_item")
def register_course_report_menu_item():
    return CourseReportMenuItem(
        _("Course"), reverse("kelola_course_report"), name="course", icon_name="list-ol", order=900
    )


@hooks.register("register_reports_menu_item")
def register_question_report_menu_item():
    return CourseReportMenuItem(
        _("Questions"), reverse("kelola_question_report"), name="questions", icon_name="help", order=910
    )


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return MenuItem(
        _("Translations"),
        reverse("kelola_translation_report"),
        name="translations",
        icon_name="globe",
        order=1000,
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_test_wise_cues(request, page):
    if isinstance(page.specific, QuizPage):
        quiz = page.specific
        for warning in quiz_warnings(quiz.question_list(), language=quiz.locale.language_code):
            messages.warning(request, warning)
