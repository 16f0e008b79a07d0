import json
from dataclasses import asdict
from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.accounts.roles import Role
from learning.levels import SkillLevel
from learning.progress import skills_by_key
from learning.skill_evidence import framework_skills

from .json_resume import ResumeError, read_resume
from .models import (
    Certification,
    Education,
    Endorsement,
    Experience,
    Profile,
    ProfileLink,
    Project,
    ProjectImage,
    ProjectLink,
    ProjectResult,
    SpokenLanguage,
    Visibility,
)
from .resume import Design, Paper, ResumeOptions
from .templatetags.portfolio_tags import decimal_places


def _with_role(role: Role):
    return get_user_model().objects.filter(groups__name=role.value).order_by("username")


class MentorshipForm(WagtailAdminModelForm):
    """Staff assign a mentor to a learner: only people with those roles are offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learner"].queryset = _with_role(Role.LEARNER)
        self.fields["mentor"].queryset = _with_role(Role.MENTOR)


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlainNumberInput(forms.NumberInput):
    """Shows a stored number as it was typed: "3.5", "70", not the column's "3.50", "70.00"."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            value = value.quantize(Decimal(1).scaleb(-decimal_places(value)))
        return super().format_value(value)


def _https_by_default(field, **kwargs):
    """Addresses typed without a scheme ("example.org") become https:// ones; numbers show as typed."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    if isinstance(field, models.DecimalField):
        kwargs["widget"] = PlainNumberInput
    return field.formfield(**kwargs)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "name",
            "headline",
            "location",
            "email",
            "phone",
            "summary",
            "photo",
            "include_course_achievements",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}


def _framework_skill_choices(field) -> None:
    """The framework's skills as the field's choices, named in the active language."""
    field.queryset = framework_skills()
    names = skills_by_key(field.queryset)
    field.label_from_instance = lambda skill: names[skill.translation_key].name


class ProjectForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _framework_skill_choices(self.fields["skills"])

    class Meta:
        model = Project
        fields = [
            "title",
            "community_type",
            "platforms",
            "role",
            "start_date",
            "end_date",
            "situation",
            "actions",
            "outcome",
            "skills",
            "in_resume",
        ]
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "situation": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.Textarea(attrs={"rows": 5}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "skills": forms.CheckboxSelectMultiple,
        }


class SharingForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Who can see your portfolio"), choices=Visibility.choices, widget=forms.RadioSelect
    )


def _inline(parent, model, fields: list[str], *, extra: int = 1, max_num: int = 10):
    """A formset for the rows of one kind under a profile or project; dates use the browser's date picker."""
    return forms.inlineformset_factory(
        parent,
        model,
        fields=fields,
        widgets={name: DATE_INPUT for name in fields if name.endswith("date")},
        formfield_callback=_https_by_default,
        extra=extra,
        can_delete=True,
        max_num=max_num,
        validate_max=True,
    )


ProfileLinkFormSet = _inline(Profile, ProfileLink, ["label", "url"], extra=2)
ProjectResultFormSet = _inline(
    Project, ProjectResult, ["label", "before", "after", "unit", "period"], extra=2, max_num=8
)
ProjectLinkFormSet = _inline(Project, ProjectLink, ["label", "url"], max_num=8)
ProjectImageFormSet = _inline(Project, ProjectImage, ["image", "description"], max_num=6)
BACKGROUND_FORMSETS = {
    "experience": _inline(
        Profile,
        Experience,
        ["role", "organisation", "location", "start_date", "end_date", "description"],
        max_num=20,
    ),
    "education": _inline(
        Profile, Education, ["institution", "qualification", "field_of_study", "start_date", "end_date"]
    ),
    "certifications": _inline(Profile, Certification, ["name", "issuer", "date", "url"]),
    "languages": _inline(Profile, SpokenLanguage, ["language", "fluency"]),
}


MAX_RESUME_BYTES = 1024 * 1024


class ResumeUploadForm(forms.Form):
    file = forms.FileField(
        label=_("JSON Resume file"), help_text=_("A .json file in the JSON Resume format, at most 1 MB.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_RESUME_BYTES:
            raise forms.ValidationError(_("This file is larger than 1 MB."))
        try:
            document = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise forms.ValidationError(_("This file is not valid JSON.")) from None
        try:
            self.plan = read_resume(document)
        except ResumeError as error:
            raise forms.ValidationError(str(error)) from None
        return document


class ResumeOptionsForm(forms.Form):
    """How to typeset the résumé; read from the query string, so a preview and its download ask for the same."""

    design = forms.ChoiceField(label=_("Design"), choices=Design.choices, widget=forms.RadioSelect)
    paper = forms.ChoiceField(label=_("Paper"), choices=Paper.choices, widget=forms.RadioSelect)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, widget=forms.RadioSelect)
    photo = forms.BooleanField(label=_("Include my photo"), required=False)

    def __init__(self, data=None, *, language: str):
        defaults = ResumeOptions(language=language)
        super().__init__(
            data or None,
            initial={
                "design": defaults.design,
                "paper": defaults.paper,
                "language": defaults.language,
                "photo": defaults.photo,
            },
        )

    def options(self) -> ResumeOptions:
        """The chosen options; the defaults until the form is sent (call is_valid first when it is)."""
        if not self.is_bound:
            return ResumeOptions(**self.initial)
        return ResumeOptions(**self.cleaned_data)

    def query(self) -> str:
        """The chosen options as a query string for the preview (call is_valid first); an unticked box is left out,
        as a browser leaves it out."""
        options = asdict(self.options())
        if not options.pop("photo"):
            return urlencode(options)
        return urlencode({**options, "photo": "on"})


class InviteMentorForm(forms.Form):
    mentor = forms.CharField(
        label=_("Your mentor's username or email address"),
        max_length=254,
        help_text=_("Ask your mentor for it: only people with a mentor account can be invited."),
    )
    message = forms.CharField(
        label=_("A message for them (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewRequestForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=None, empty_label=None)
    project = forms.ModelChoiceField(
        label=_("What to review"), queryset=None, required=False, empty_label=_("My whole portfolio")
    )
    message = forms.CharField(
        label=_("What would you like feedback on?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, learner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = get_user_model().objects.filter(
            mentoring__learner=learner, mentoring__ended_at__isnull=True
        )
        self.fields["project"].queryset = Project.objects.filter(profile__user=learner)


class ReviewCommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    project = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReviewDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("A note (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EndorsementForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _framework_skill_choices(self.fields["skill"])
        self.fields["level"].choices = [(value, label) for value, label in SkillLevel.choices if value]

    class Meta:
        model = Endorsement
        fields = ["skill", "level", "reason"]
        labels = {"reason": _("What have you seen? (one or two sentences)")}
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}
