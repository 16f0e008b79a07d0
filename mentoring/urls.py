"""Mentoring's pages. Their addresses predate the app (links in emails already sent), so they keep their places
under /portfolio/ and /learn/; only their names moved to the `mentoring` namespace."""

from django.urls import path

from . import review_views, views

app_name = "mentoring"

urlpatterns = [
    path("mentoring/", views.mentoring, name="home"),
    path("portfolio/mentors/", views.mentors, name="mentors"),
    path(
        "portfolio/mentors/invitations/<id:invitation_id>/<str:answer>/",
        views.answer_invitation,
        name="answer_invitation",
    ),
    path("portfolio/mentors/<id:mentorship_id>/end/", views.end, name="end_mentorship"),
    path("portfolio/reviews/new/", review_views.request_review, name="request_review"),
    path("portfolio/reviews/<id:review_id>/", review_views.review, name="review"),
    path("learn/learners/<id:learner_id>/skills/", views.learner_skills, name="learner_skills"),
]
