from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("lessons/<id:page_id>/completion/", views.lesson_completion, name="lesson_completion"),
    path("attempts/<id:attempt_id>/", views.quiz_attempt, name="quiz_attempt"),
    path("skills/levels/", views.skill_levels_help, name="skill_levels_help"),
    path("skills/goals/", views.skill_goals, name="skill_goals"),
    path("skills/progress.csv", views.progress_export, name="progress_export"),
    path("skills/learning-record.json", views.learning_record_export, name="learning_record_export"),
]
