"""Template context shared by every page."""

from django.http import HttpRequest


def unread_notifications(request: HttpRequest) -> dict:
    """How many notifications the signed-in user has not read (one query, signed-in only)."""
    if not request.user.is_authenticated:
        return {}
    from clusterhub.notifications.models import Notification

    return {
        "unread_notifications": Notification.objects.filter(
            user=request.user, read_at__isnull=True
        ).count()
    }
