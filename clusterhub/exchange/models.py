"""An uploaded import file kept between its preview and its commit.

The staff page stores the upload with the actor who sent it, previews it (a dry run), and
commits that same file on confirmation: nothing has to be uploaded twice, and the commit
cannot run a file other than the one previewed. The batch also carries the progress of a
large file's background job and the final report.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterhub.core.models import TimeStampedModel


class BatchStatus(models.TextChoices):
    PREVIEWING = "previewing", _("Checking the file")
    PREVIEWED = "previewed", _("Checked; waiting for confirmation")
    COMMITTING = "committing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Not imported")


class ImportBatch(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=30)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", max_length=255)
    file_name = models.CharField(_("file name"), max_length=255)
    options = models.JSONField(_("options"), default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.PREVIEWING
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    done_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return f"{self.kind} · {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("exchange:batch_detail", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status in (BatchStatus.PREVIEWING, BatchStatus.COMMITTING)

    @property
    def percent_done(self) -> int:
        return round(100 * self.done_rows / self.total_rows) if self.total_rows else 0

    @property
    def has_errors(self) -> bool:
        return bool(self.report.get("errors"))
