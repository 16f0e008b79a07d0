"""Pages of the ground floor: each person's notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .notifications import mark_all_read, notification_texts, notification_url


@require_http_methods(["GET", "POST"])
@login_required
def notifications(request):
    """Newest first; those not marked read show as new (and in the header's count) until the person says they have
    read them, with the POST of the page's button: reading the page changes nothing."""
    if request.method == "POST":
        mark_all_read(request.user)
        messages.success(request, _("All your notifications are marked as read."))
        return redirect("notifications")
    items = list(request.user.notifications.all()[:100])
    for item, text in zip(items, notification_texts(items), strict=True):
        item.shown_text, item.link = text, notification_url(item)
    return render(
        request,
        "cms/notifications.html",
        {"notifications": items, "any_unread": any(item.read_at is None for item in items)},
    )
