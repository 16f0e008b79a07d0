"""Learning's pages at the top of the site, named without a namespace as every page links them."""

from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.search, name="search"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
