"""Pages of the ground floor: each person's notifications."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .notifications import mark_all_read, notification_texts, notification_url


@login_required
def notifications(request):
    """Newest first; those not seen before are marked, then counted as read."""
    items = list(request.user.notifications.all()[:100])
    for item, text in zip(items, notification_texts(items), strict=True):
        item.shown_text, item.link = text, notification_url(item)
    mark_all_read(request.user)
    return render(request, "cms/notifications.html", {"notifications": items})
