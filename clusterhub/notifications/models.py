"""In-app notifications; every one is also sent by e-mail (see `services.notify`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterhub.core.models import localized


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event = models.CharField(_("event"), max_length=40)
    message_ko = models.CharField(_("message (Korean)"), max_length=300)
    message_en = models.CharField(_("message (English)"), max_length=300)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        return localized(self.message_ko, self.message_en)
