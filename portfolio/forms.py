from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.accounts.roles import Role
from learning.progress import skills_by_key
from learning.skill_evidence import framework_skills

from .models import Profile, ProfileLink, Project, ProjectLink, ProjectResult, Visibility


def _with_role(role: Role):
    return get_user_model().objects.filter(groups__name=role.value).order_by("username")


class MentorshipForm(WagtailAdminModelForm):
    """Staff assign a mentor to a learner: only people with those roles are offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learner"].queryset = _with_role(Role.LEARNER)
        self.fields["mentor"].queryset = _with_role(Role.MENTOR)


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _https_by_default(field, **kwargs):
    """Addresses typed without a scheme ("example.org") become https:// ones."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["name", "headline", "location", "email", "phone", "summary", "include_course_achievements"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}


ProfileLinkFormSet = forms.inlineformset_factory(
    Profile,
    ProfileLink,
    fields=["label", "url"],
    formfield_callback=_https_by_default,
    extra=2,
    can_delete=True,
    max_num=10,
    validate_max=True,
)


class ProjectForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        skills = self.fields["skills"]
        skills.queryset = framework_skills()
        names = skills_by_key(skills.queryset)  # the skills named in the learner's language
        skills.label_from_instance = lambda skill: names[skill.translation_key].name

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


ProjectResultFormSet = forms.inlineformset_factory(
    Project,
    ProjectResult,
    fields=["label", "before", "after", "unit", "period"],
    extra=2,
    can_delete=True,
    max_num=8,
    validate_max=True,
)
ProjectLinkFormSet = forms.inlineformset_factory(
    Project,
    ProjectLink,
    fields=["label", "url"],
    formfield_callback=_https_by_default,
    extra=1,
    can_delete=True,
    max_num=8,
    validate_max=True,
)


class SharingForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Who can see your portfolio"), choices=Visibility.choices, widget=forms.RadioSelect
    )
