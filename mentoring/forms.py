"""Forms for mentoring: inviting a mentor, asking for and giving reviews, endorsing a skill, assigning mentors."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.accounts.roles import Role
from learning.fields import framework_skill_choices
from learning.levels import SkillLevel
from portfolio.models import Project

from .models import Endorsement


def _with_role(role: Role):
    # Active accounts only: not deactivated people, nor the demo's simulated learners.
    return get_user_model().objects.filter(groups__name=role.value, is_active=True).order_by("username")


class MentorshipForm(WagtailAdminModelForm):
    """Staff assign a mentor to a learner: only people with those roles are offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learner"].queryset = _with_role(Role.LEARNER)
        self.fields["mentor"].queryset = _with_role(Role.MENTOR)


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
        framework_skill_choices(self.fields["skill"])
        self.fields["level"].choices = [(value, label) for value, label in SkillLevel.choices if value]

    class Meta:
        model = Endorsement
        fields = ["skill", "level", "reason"]
        labels = {"reason": _("What have you seen? (one or two sentences)")}
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}
