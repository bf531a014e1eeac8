"""Background work of evaluation: the resumable recomputation runs and their units, and the
report files produced for download."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterhub.core.models import TimeStampedModel
from clusterhub.evaluation.models.systems import Level


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    RUNNING = "running", _("Running")
    FAILED = "failed", _("Stopped before the end")
    DONE = "done", _("Done")


class RecomputationRun(TimeStampedModel):
    """One recomputation of a year's metrics and scorecards, split into resumable units."""

    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    total_units = models.PositiveIntegerField(_("units"), default=0)
    done_units = models.PositiveIntegerField(_("units done"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last progress at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("recomputation")
        verbose_name_plural = _("recomputations")

    def __str__(self) -> str:
        return f"{self.year} #{self.pk}"

    @property
    def percent_done(self) -> int:
        if not self.total_units:
            return 0
        return int(self.done_units * 100 / self.total_units)

    @property
    def is_active(self) -> bool:
        return self.status in (RunStatus.PENDING, RunStatus.RUNNING)

    def get_absolute_url(self) -> str:
        return reverse("evaluation:run_detail", kwargs={"pk": self.pk})


class UnitKind(models.TextChoices):
    METRICS = "metrics", _("Metrics of one entity")
    GOALS = "goals", _("Goal actuals")
    DERIVED = "derived", _("Metrics derived from goals, of one entity")
    SCORES = "scores", _("Scorecards of one level")


class RecomputationUnit(models.Model):
    """One step of a run; done in one transaction together with what it writes."""

    run = models.ForeignKey(
        RecomputationRun,
        verbose_name=_("recomputation"),
        on_delete=models.CASCADE,
        related_name="units",
    )
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    entity_id = models.PositiveIntegerField(_("entity"), default=0)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["run", "position"]
        verbose_name = _("recomputation unit")
        verbose_name_plural = _("recomputation units")
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="one_unit_per_position")
        ]

    def __str__(self) -> str:
        return f"#{self.run_id}.{self.position} {self.kind} {self.level} {self.entity_id}"


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"


class ReportFile(TimeStampedModel):
    """An annual performance report produced in the background, kept for download."""

    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    format = models.CharField(_("format"), max_length=5, choices=ReportFormat.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.PENDING
    )
    file = models.FileField(_("file"), upload_to="reports/%Y/", max_length=255, blank=True)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"), default=0)
    duration_ms = models.PositiveIntegerField(_("time to produce (ms)"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report file")
        verbose_name_plural = _("report files")

    def __str__(self) -> str:
        return f"{self.year} {self.level} {self.language} {self.format}"

    @property
    def file_name(self) -> str:
        return f"clusterhub-report-{self.year}-{self.level}-{self.language}.{self.format}"
