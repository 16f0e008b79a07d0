from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.db import transaction
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, FormView, UpdateView

from cms.cache_versions import people_changed
from cms.navigation import home_url
from cms.rate_limits import rate_limit_wait

from .email_change import EmailChangeError, confirm_email_change, read_token, request_email_change
from .forms import AccountForm, EmailChangeForm, SignUpForm
from .login_throttle import LoginForm, unlock_account
from .roles import Role, assign_role


class RateLimitedPost:
    """A form view whose every POST, refused ones too, counts against settings.RATE_LIMITS[rate_limit_action]; over
    the limit, the form again with the person's input and how long to wait, as 429."""

    rate_limit_action: str

    def post(self, request, *args, **kwargs):
        wait = rate_limit_wait(request, action=self.rate_limit_action)
        if not wait:
            return super().post(request, *args, **kwargs)
        self.object = None  # a creating view's, as its own post() would set
        form = self.get_form()
        form.add_error(None, wait)
        return self.render_to_response(self.get_context_data(form=form), status=429)


class SignUpView(RateLimitedPost, CreateView):
    """A learner account, signed in at once. Each address may try a few times an hour: a refused address or username
    says that it is taken, so the limit is what keeps anyone from going through a list of them."""

    rate_limit_action = "signup"
    form_class = SignUpForm
    template_name = "accounts/signup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect(home_url(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, next=self._requested_next())

    def _requested_next(self) -> str:
        return self.request.POST.get("next") or self.request.GET.get("next") or ""

    def form_valid(self, form):
        with transaction.atomic():
            form.instance.language = get_language()
            user = form.save()
            assign_role(user=user, role=Role.LEARNER)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            self.request,
            _("Welcome to Kelola, %(name)s! Your learner account is ready.")
            % {"name": user.first_name or user.username},
        )
        return redirect(self.get_success_url())

    def get_success_url(self):
        next_url = self._requested_next()
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return next_url
        return resolve_url(settings.LOGIN_REDIRECT_URL)


class PasswordResetView(RateLimitedPost, auth_views.PasswordResetView):
    """Django's, which never says whether an address has an account; each address may ask a few times an hour."""

    rate_limit_action = "password_reset"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's; a new password chosen through the emailed link also lifts a log-in lock on the account, so that its
    owner is never kept out by someone else's guessing."""

    def form_valid(self, form):
        response = super().form_valid(form)
        unlock_account(form.user.get_username())
        return response


class AccountView(LoginRequiredMixin, SuccessMessageMixin, UpdateView):
    form_class = AccountForm
    template_name = "accounts/account.html"
    success_message = gettext_lazy("Your account details are saved.")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        response = super().form_valid(form)
        people_changed([self.object.pk])  # their name greets them, and their mentors list it
        return response

    def get_success_url(self):
        # Show the saved page in the language just chosen.
        return translate_url(reverse("account"), self.object.language or get_language())


class EmailChangeView(LoginRequiredMixin, RateLimitedPost, FormView):
    """New address and current password; the page answers the same whether or not the address has an account (the
    email sent there says which). Tries are rate-limited: each one is a guess at the password."""

    form_class = EmailChangeForm
    template_name = "accounts/email_change.html"
    rate_limit_action = "email_change"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        new_email = form.cleaned_data["new_email"]
        request_email_change(user=self.request.user, new_email=new_email)
        messages.info(
            self.request,
            _("We sent a link to %(email)s. Open it to confirm: until then your address stays as it is.")
            % {"email": new_email},
        )
        return redirect("account")


class EmailChangeConfirmView(LoginRequiredMixin, View):
    """The link from the email: shows the address it asks for, and changes it only on the person's POST."""

    def get(self, request, token):
        try:
            new_email = read_token(user=request.user, token=token)
        except EmailChangeError as error:
            return self._refused(error)
        return render(request, "accounts/email_change_confirm.html", {"new_email": new_email})

    def post(self, request, token):
        try:
            new_email = confirm_email_change(user=request.user, token=token)
        except EmailChangeError as error:
            return self._refused(error)
        messages.success(request, _("Your email address is now %(email)s.") % {"email": new_email})
        return redirect("account")

    def _refused(self, error: EmailChangeError):
        return render(self.request, "accounts/email_change_confirm.html", {"problem": str(error)}, status=400)


class LoginView(auth_views.LoginView):
    """Django's login, landing each person on their home (a mentor who only mentors on their mentoring tasks) unless
    a page asked for them to log in."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return home_url(self.request.user)


class LogoutView(auth_views.LogoutView):
    """Django's logout, which says on the next page that it worked (in the language of the page it was sent from)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have been logged out."))
        return response
