from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("lessons/<int:page_id>/completion/", views.lesson_completion, name="lesson_completion"),
    path("attempts/<int:attempt_id>/", views.quiz_attempt, name="quiz_attempt"),
]
