from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import MentorshipForm
from .models import Mentorship


class MentorshipViewSet(ModelViewSet):
    model = Mentorship
    icon = "group"
    menu_label = _("Mentorships")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["learner", "mentor", "started_at", "ended_at", "ended_by"]
    list_filter = ["mentor"]
    search_fields = ["learner__username", "learner__first_name", "learner__last_name", "mentor__username"]
    ordering = ["-started_at"]
    edit_handler = ObjectList(
        [FieldPanel("learner"), FieldPanel("mentor"), FieldPanel("started_at"), FieldPanel("ended_at")],
        base_form_class=MentorshipForm,
    )
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_mentorship_viewset():
    return MentorshipViewSet("mentorships")
