"""A signed-in user's notifications: the list, and a click that marks one read and follows it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from clusterhub.core.access import login_required_for_page
from clusterhub.notifications import selectors
from clusterhub.notifications.services import notification_mark_read


@require_safe
@login_required_for_page
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = selectors.notification_list_recent(user=request.user)
    return render(request, "notifications/notification_list.html", {"notifications": notifications})


@require_POST
@login_required_for_page
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark it read, then go where it points (back to the list if it points nowhere)."""
    notification_mark_read(user=request.user, notification_id=notification_id)
    notification = selectors.notification_of(user=request.user, notification_id=notification_id)
    if notification and notification.link:
        return redirect(notification.link)
    return redirect("notifications:list")
