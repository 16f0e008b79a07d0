"""A person's own data: the download of everything Kelola holds about them, and the deletion of their account
(cms/personal_data.py does both; each feature registers its part)."""

import tempfile

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms.downloads import private_file
from cms.personal_data import delete_account, may_delete_own_account, write_personal_data_archive


@require_GET
@login_required
def download_my_data(request):
    """A ZIP of data.json and the person's uploads; reading it changes nothing."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 - the response streams it, then closes it
    write_personal_data_archive(request.user, file)
    file.seek(0)
    filename = f"kelola-data-{timezone.localdate().isoformat()}.zip"
    return private_file(file, filename=filename, content_type="application/zip", attachment=True)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that my account and everything in it are deleted for good."),
        error_messages={
            "required": gettext_lazy("Tick the box to confirm that you want to delete your account.")
        },
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("That is not your password."), code="wrong_password")
        return password


@login_required
def delete_my_account(request):
    """Asks for the password and a confirmation, deletes the account, and signs the person out."""
    if not may_delete_own_account(request.user):
        return render(request, "accounts/delete_account.html", {"refused": True})
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        delete_account(request.user)
        logout(request)
        messages.success(request, _("Your account and everything in it are deleted. Goodbye!"))
        return redirect(f"/{get_language()}/")
    return render(request, "accounts/delete_account.html", {"form": form})
