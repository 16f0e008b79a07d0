from django.urls import include, path

from . import data_views, views

urlpatterns = [
    path("signup/", views.SignUpView.as_view(), name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("me/", views.AccountView.as_view(), name="account"),
    path("me/data/", data_views.download_my_data, name="download_my_data"),
    path("me/delete/", data_views.delete_my_account, name="delete_account"),
    path("me/email/", views.EmailChangeView.as_view(), name="email_change"),
    path("me/email/<str:token>/", views.EmailChangeConfirmView.as_view(), name="email_change_confirm"),
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    # password change and password reset by email.
    path("", include("django.contrib.auth.urls")),
]
