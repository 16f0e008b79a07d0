from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm

from cms.accounts.roles import Role


def _with_role(role: Role):
    return get_user_model().objects.filter(groups__name=role.value).order_by("username")


class MentorshipForm(WagtailAdminModelForm):
    """Staff assign a mentor to a learner: only people with those roles are offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learner"].queryset = _with_role(Role.LEARNER)
        self.fields["mentor"].queryset = _with_role(Role.MENTOR)
