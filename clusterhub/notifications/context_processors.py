"""Template context for the navigation's notification count."""

from django.http import HttpRequest

from clusterhub.notifications.models import Notification


def unread_notifications(request: HttpRequest) -> dict:
    """How many notifications the signed-in user has not read (one query, signed-in only)."""
    if not request.user.is_authenticated:
        return {}
    return {
        "unread_notifications": Notification.objects.filter(
            user=request.user, read_at__isnull=True
        ).count()
    }
