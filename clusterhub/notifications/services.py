"""Tell people about events: an in-app notification and an e-mail, after the commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from clusterhub.notifications.models import Notification


def notify(*, users: Iterable, event: str, message_ko: str, message_en: str, link: str = "") -> int:
    """Notify each active user once; e-mails go out only if the transaction commits."""
    recipients = {user.pk: user for user in users if user is not None and user.is_active}
    Notification.objects.bulk_create(
        [
            Notification(
                user=user, event=event, message_ko=message_ko, message_en=message_en, link=link
            )
            for user in recipients.values()
        ]
    )
    for user in recipients.values():
        if user.email:
            body = f"{message_ko}\n\n{message_en}\n\n{link}".strip()
            transaction.on_commit(
                lambda user=user, body=body: send_mail(
                    subject=f"[Cluster Hub] {message_en}"[:150],
                    message=body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[user.email],
                    fail_silently=True,
                )
            )
    return len(recipients)


def notification_mark_read(*, user, notification_id: int) -> None:
    from django.utils import timezone

    Notification.objects.filter(pk=notification_id, user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
