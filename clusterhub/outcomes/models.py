"""Outcome follow-up and success stories (`003_…` 3.2 (3): "follow-up management of outcomes").

After a project is completed (or continued), the company reports its outcomes for years:
a *ledger* of values per metric and period (baseline, at completion, +1, +2, +3 years),
each with an evidence file, verified by staff. Reminders go out when a follow-up year falls
due (`FollowUpReminder` remembers each one, so none is sent twice). Outstanding projects
with verified outcomes become public *success stories*, with the company's consent.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterhub.core.models import DemoMarkedModel, TimeStampedModel, localized


class OutcomeUnit(models.TextChoices):
    MILLION_KRW = "million_krw", _("million KRW (백만원)")
    PERSONS = "persons", _("persons")
    COUNT = "count", _("count")
    YES_NO = "yes_no", _("yes (1) or no (0)")


class OutcomeMetric(models.TextChoices):
    """The outcomes followed after a project (`003_…` 3.2 (3)), each in one explicit unit."""

    SALES = "sales", _("Sales")
    EXPORTS = "exports", _("Exports")
    EMPLOYEES = "employees", _("Employees")
    PATENTS_CERTIFICATIONS = "patents_certifications", _("Patents and certifications")
    RD_SPENDING = "rd_spending", _("R&D spending")
    COST_SAVINGS = "cost_savings", _("Cost savings")
    COMMERCIALIZATION = "commercialization", _("Commercialization success")


METRIC_UNITS: dict[str, OutcomeUnit] = {
    OutcomeMetric.SALES: OutcomeUnit.MILLION_KRW,
    OutcomeMetric.EXPORTS: OutcomeUnit.MILLION_KRW,
    OutcomeMetric.EMPLOYEES: OutcomeUnit.PERSONS,
    OutcomeMetric.PATENTS_CERTIFICATIONS: OutcomeUnit.COUNT,
    OutcomeMetric.RD_SPENDING: OutcomeUnit.MILLION_KRW,
    OutcomeMetric.COST_SAVINGS: OutcomeUnit.MILLION_KRW,
    OutcomeMetric.COMMERCIALIZATION: OutcomeUnit.YES_NO,
}
WHOLE_NUMBER_UNITS = {OutcomeUnit.PERSONS, OutcomeUnit.COUNT, OutcomeUnit.YES_NO}


class OutcomePeriod(models.TextChoices):
    BASELINE = "baseline", _("Baseline (before the project)")
    COMPLETION = "completion", _("At completion")
    PLUS_1 = "plus_1", _("Completion + 1 year")
    PLUS_2 = "plus_2", _("Completion + 2 years")
    PLUS_3 = "plus_3", _("Completion + 3 years")


# The follow-up years fall due this many months after the completion date.
FOLLOW_UP_MONTHS: dict[str, int] = {
    OutcomePeriod.PLUS_1: 12,
    OutcomePeriod.PLUS_2: 24,
    OutcomePeriod.PLUS_3: 36,
}


# ---------------------------------------------------------------- evidence files

EVIDENCE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "xlsx", "docx")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# What the first bytes of each kind of file look like; xlsx and docx are zip packages.
_EVIDENCE_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "xlsx": (b"PK\x03\x04",),
    "docx": (b"PK\x03\x04",),
}


def validate_evidence_file(value) -> None:
    """A new evidence upload: an accepted type whose content matches it, at most 10 MB.

    Files already stored were checked when they arrived, so only new uploads are read.
    """
    if not value or getattr(value, "_committed", False):
        return
    extension = PurePath(value.name).suffix.lower().lstrip(".")
    if extension not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            _(
                "Evidence file: only PDF, JPG, PNG, XLSX or DOCX files are accepted, "
                "not “%(extension)s”."
            ),
            code="evidence_extension",
            params={"extension": extension or "?"},
        )
    if value.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("Evidence file: at most 10 MB is accepted; this file is %(size)s MB."),
            code="evidence_size",
            params={"size": f"{value.size / (1024 * 1024):.1f}"},
        )
    position = value.tell() if hasattr(value, "tell") else 0
    value.seek(0)
    head = value.read(8)
    value.seek(position)
    if not head.startswith(_EVIDENCE_SIGNATURES[extension]):
        raise ValidationError(
            _("Evidence file: the content is not a %(extension)s file."),
            code="evidence_content",
            params={"extension": extension.upper()},
        )


# ---------------------------------------------------------------- the ledger


class OutcomeRecord(TimeStampedModel, DemoMarkedModel):
    """One value of one metric for one company, project and period; verified by staff."""

    application = models.ForeignKey(
        "pipeline.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="outcome_records",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="outcome_records",
        help_text=_("The company whose outcome this is; usually the applicant."),
    )
    metric = models.CharField(_("metric"), max_length=30, choices=OutcomeMetric.choices)
    period = models.CharField(_("period"), max_length=20, choices=OutcomePeriod.choices)
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=1,
        help_text=_(
            "In the metric's unit: million KRW for money, persons for employees, a count for "
            "patents and certifications, 1 or 0 for commercialization."
        ),
    )
    evidence = models.FileField(
        _("evidence file"),
        upload_to="evidence/%Y/",
        max_length=255,
        blank=True,
        validators=[validate_evidence_file],
        help_text=_(
            "PDF, JPG, PNG, XLSX or DOCX, at most 10 MB. Only people who may see "
            "this record can open it."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "organization", "metric", "period"]
        verbose_name = _("outcome record")
        verbose_name_plural = _("outcome records")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organization", "metric", "period"],
                name="one_outcome_value_per_cell",
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="outcome_value_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["organization", "period"])]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_metric_display()} · {self.get_period_display()}"

    @property
    def unit(self) -> OutcomeUnit:
        return METRIC_UNITS[self.metric]

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def evidence_name(self) -> str:
        return PurePath(self.evidence.name).name if self.evidence else ""

    def clean(self) -> None:
        """Values in whole persons and counts; commercialization is 1 (yes) or 0 (no)."""
        if self.value is None or self.metric not in METRIC_UNITS:
            return
        unit = METRIC_UNITS[self.metric]
        if unit == OutcomeUnit.YES_NO and self.value not in (0, 1):
            raise ValidationError(
                {"value": _("Commercialization is recorded as 1 (yes) or 0 (no).")}
            )
        if unit in WHOLE_NUMBER_UNITS and self.value != self.value.to_integral_value():
            raise ValidationError(
                {
                    "value": _("%(metric)s is counted in whole numbers.")
                    % {"metric": self.get_metric_display()}
                }
            )
        if self.value < 0:
            raise ValidationError({"value": _("A value cannot be negative.")})


class FollowUpReminder(TimeStampedModel):
    """The reminder sent for one follow-up year of one project: at most one, ever."""

    application = models.ForeignKey(
        "pipeline.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="followup_reminders",
    )
    period = models.CharField(_("period"), max_length=20, choices=OutcomePeriod.choices)
    due_on = models.DateField(_("due on"))
    recipient_count = models.PositiveIntegerField(_("people notified"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-due_on", "application"]
        verbose_name = _("follow-up reminder")
        verbose_name_plural = _("follow-up reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "period"], name="one_reminder_per_followup"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.get_period_display()} · {self.due_on}"


# ---------------------------------------------------------------- success stories


class SuccessStory(TimeStampedModel, DemoMarkedModel):
    """An outstanding project told in both languages, public once consented and published."""

    application = models.OneToOneField(
        "pipeline.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="success_story",
    )
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary_ko = models.TextField(_("summary (Korean)"), max_length=600)
    summary_en = models.TextField(_("summary (English)"), max_length=600)
    body_ko = models.TextField(_("story (Korean)"))
    body_en = models.TextField(_("story (English)"))
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent given by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True) | models.Q(consent_at__isnull=False),
                name="published_story_has_consent",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self.title_ko, self.title_en)

    @property
    def summary(self) -> str:
        return localized(self.summary_ko, self.summary_en)

    @property
    def body(self) -> str:
        return localized(self.body_ko, self.body_en)

    @property
    def has_consent(self) -> bool:
        return self.consent_at is not None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def clean(self) -> None:
        if self.published_at is not None and self.consent_at is None:
            raise ValidationError(
                _("A story is published only with the company's recorded consent.")
            )

    def get_absolute_url(self) -> str:
        return reverse("outcomes:story_detail", kwargs={"pk": self.pk})
