"""What a recomputation finds and what evaluators enter: metric values, evaluator input,
and the scorecards with one explained line per indicator (`scoring`)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterhub.core.models import TimeStampedModel, localized
from clusterhub.evaluation.models.runs import RecomputationRun
from clusterhub.evaluation.models.systems import IndexSystem, Indicator, Level


class MetricValue(models.Model):
    """A metric of the registry for one entity and year, as the last recomputation found it."""

    metric = models.CharField(_("metric"), max_length=60)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    entity_id = models.PositiveIntegerField(_("entity"))
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2, null=True)
    record_count = models.PositiveIntegerField(_("records behind it"), default=0)
    computed_at = models.DateTimeField(_("computed at"))
    run = models.ForeignKey(
        "RecomputationRun",
        verbose_name=_("recomputation"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["metric", "level", "entity_id", "year"]
        verbose_name = _("metric value")
        verbose_name_plural = _("metric values")
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "level", "entity_id", "year"], name="one_metric_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.metric} · {self.level} {self.entity_id} · {self.year}"


class EvaluatorInput(TimeStampedModel):
    """An evaluator's score of a qualitative indicator for one entity, with its evidence."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="evaluator_inputs",
    )
    entity_id = models.PositiveIntegerField(_("entity"))
    score = models.DecimalField(
        _("score (0–100)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    evidence = models.TextField(
        _("evidence"), help_text=_("What the score rests on: documents seen, visits, figures.")
    )
    comment = models.TextField(_("comment"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "entity_id"]
        verbose_name = _("evaluator input")
        verbose_name_plural = _("evaluator inputs")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "entity_id"], name="one_input_per_entity")
        ]


class Scorecard(models.Model):
    """One entity's score under one index system, with a line per indicator."""

    system = models.ForeignKey(
        IndexSystem,
        verbose_name=_("index system"),
        on_delete=models.CASCADE,
        related_name="scorecards",
    )
    entity_id = models.PositiveIntegerField(_("entity"))
    total = models.DecimalField(_("total (0–100)"), max_digits=6, decimal_places=2, null=True)
    rank = models.PositiveIntegerField(_("rank"), null=True)
    complete = models.BooleanField(
        _("complete"), default=False, help_text=_("Every indicator had a value.")
    )
    computed_at = models.DateTimeField(_("computed at"))
    run = models.ForeignKey(
        RecomputationRun,
        verbose_name=_("recomputation"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["system", "rank", "entity_id"]
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        constraints = [
            models.UniqueConstraint(fields=["system", "entity_id"], name="one_scorecard_per_entity")
        ]

    def __str__(self) -> str:
        return f"{self.system} · {self.entity_id}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:scorecard_detail", kwargs={"pk": self.pk})


class IndicatorScore(models.Model):
    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("scorecard"), on_delete=models.CASCADE, related_name="lines"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+"
    )
    raw_value = models.DecimalField(_("value"), max_digits=18, decimal_places=2, null=True)
    score = models.DecimalField(_("score (0–100)"), max_digits=6, decimal_places=2, null=True)
    contribution = models.DecimalField(
        _("points of the total"), max_digits=6, decimal_places=2, null=True
    )
    explanation_ko = models.TextField(_("explanation (Korean)"), blank=True)
    explanation_en = models.TextField(_("explanation (English)"), blank=True)

    class Meta:
        ordering = ["scorecard", "indicator__position"]
        verbose_name = _("indicator score")
        verbose_name_plural = _("indicator scores")
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "indicator"], name="one_line_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scorecard} · {self.indicator.code}"

    @property
    def explanation(self) -> str:
        return localized(self.explanation_ko, self.explanation_en)
