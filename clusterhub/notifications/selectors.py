"""Reads for a user's own notifications; nobody reads another user's."""

from __future__ import annotations

from django.db.models import QuerySet

from clusterhub.notifications.models import Notification

RECENT_LIMIT = 100


def notification_list_recent(*, user) -> QuerySet[Notification]:
    """The user's latest notifications, newest first (older ones are not listed)."""
    return Notification.objects.filter(user=user)[:RECENT_LIMIT]


def notification_of(*, user, notification_id: int) -> Notification | None:
    """One of the user's notifications, or None if it is not theirs or no longer exists."""
    return Notification.objects.filter(pk=notification_id, user=user).first()
