from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cms.cache_versions import people_changed

from .forms import MentorshipForm
from .models import Mentorship

# Staff change mentorships in Wagtail's views, not through the services: the views say what changes for whom.


class MentorshipCreateView(generic.CreateView):
    def save_instance(self):
        mentorship = super().save_instance()
        people_changed([mentorship.learner_id, mentorship.mentor_id])
        return mentorship


class MentorshipEditView(generic.EditView):
    def save_instance(self):
        mentorship = super().save_instance()
        # Who it is between may have changed: those it was between see it too.
        before = [self.form.initial["learner"], self.form.initial["mentor"]]
        people_changed([*before, mentorship.learner_id, mentorship.mentor_id])
        return mentorship


class MentorshipDeleteView(generic.DeleteView):
    def delete_action(self):
        super().delete_action()
        people_changed([self.object.learner_id, self.object.mentor_id])


class MentorshipViewSet(ModelViewSet):
    model = Mentorship
    add_view_class = MentorshipCreateView
    edit_view_class = MentorshipEditView
    delete_view_class = MentorshipDeleteView
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
