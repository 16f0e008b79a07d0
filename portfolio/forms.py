from dataclasses import asdict
from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from learning.fields import framework_skill_choices

from .json_resume import ResumeError, parse_resume, read_resume
from .models import (
    Certification,
    Education,
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


class ProjectForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        framework_skill_choices(self.fields["skills"])

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
            document = parse_resume(upload.read())
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
