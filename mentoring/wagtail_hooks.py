from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from cms.audit import audit_action
from cms.cache_versions import people_changed

from .forms import MentorshipForm
from .mentorships import audit_entry
from .models import Mentorship

# Staff change mentorships in Wagtail's views, not through the services: the views say what changes for whom, and
# log a start or an end as the services do, beside Wagtail's own "Created" / "Edited" (the acting person comes from
# Wagtail's log context).


class MentorshipCreateView(generic.CreateView):
    def save_instance(self):
        mentorship = super().save_instance()
        people_changed([mentorship.learner_id, mentorship.mentor_id])
        log(instance=mentorship, action="kelola.mentorship.start", **audit_entry(mentorship))
        return mentorship


class MentorshipEditView(generic.EditView):
    def save_instance(self):
        mentorship = super().save_instance()
        # Who it is between may have changed: those it was between see it too.
        before = [self.form.initial["learner"], self.form.initial["mentor"]]
        people_changed([*before, mentorship.learner_id, mentorship.mentor_id])
        if mentorship.ended_at and not self.form.initial["ended_at"]:
            log(instance=mentorship, action="kelola.mentorship.end", **audit_entry(mentorship))
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


@hooks.register("register_log_actions")
def mentoring_actions(actions):
    """The audit trail's mentoring entries (cms/audit.py), logged by mentorships.py, endorsements.py and reviews.py."""
    for action, label, message in [
        ("kelola.invitation.send", _("Mentor invited"), _("Invited a mentor")),
        ("kelola.invitation.accept", _("Invitation accepted"), _("Accepted the invitation")),
        ("kelola.invitation.decline", _("Invitation declined"), _("Declined the invitation")),
        ("kelola.invitation.withdraw", _("Invitation withdrawn"), _("Withdrew the invitation")),
        ("kelola.mentorship.start", _("Mentorship started"), _("Mentorship started")),
        ("kelola.mentorship.end", _("Mentorship ended"), _("Ended the mentorship")),
        ("kelola.endorsement.give", _("Endorsement given"), _("Endorsed %(skill)s at level %(level)s")),
        (
            "kelola.endorsement.withdraw",
            _("Endorsement withdrawn"),
            _("Withdrew the endorsement of %(skill)s"),
        ),
        ("kelola.review.submit", _("Review requested"), _("Asked for a review")),
        ("kelola.review.request_changes", _("Review: changes requested"), _("Requested changes")),
        ("kelola.review.approve", _("Review: approved"), _("Approved")),
        ("kelola.review.resubmit", _("Review: resubmitted"), _("Resubmitted for review")),
        ("kelola.review.withdraw", _("Review withdrawn"), _("Withdrew the review request")),
    ]:
        audit_action(actions, action, label, message)
