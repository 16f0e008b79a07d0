from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send password resets and mentor invitations here; nobody else sees it."),
    )
    first_name = forms.CharField(
        label=_("Your name"), max_length=150, help_text=_("How mentors and your résumé will address you.")
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("first_name", "username", "email")


class AccountForm(forms.ModelForm):
    """Name and language; the email address changes through EmailChangeForm and a confirmation link."""

    class Meta:
        model = get_user_model()
        fields = ("first_name", "last_name", "language")
        labels = {"first_name": _("First name"), "last_name": _("Last name"), "language": _("Language")}


class EmailChangeForm(forms.Form):
    new_email = forms.EmailField(
        label=_("New email address"),
        help_text=_("We send a link there; your address changes when you open it."),
    )
    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_new_email(self) -> str:
        new_email = self.cleaned_data["new_email"]
        if new_email.lower() == self.user.email.lower():
            raise forms.ValidationError(_("This is already your email address."))
        return new_email

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."))
        return password
