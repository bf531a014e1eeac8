"""Goals: a base value, a goal and the actual value of one metric for one entity, from the
source documents or entered on the platform."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterhub.core.models import DemoMarkedModel, TimeStampedModel, localized
from clusterhub.evaluation.models.systems import PROGRAM_ENTITY_ID, Direction, Level


class ActualKind(models.TextChoices):
    ACTUAL = "actual", _("Actual")
    FORECAST = "forecast", _("Forecast")


class Goal(TimeStampedModel, DemoMarkedModel):
    """A base value, a goal and the actual value of one metric for one entity.

    The achievement ratio is computed (`achievement_ratio`), never stored. Goals loaded from
    the source documents point at the observations their figures come from.
    """

    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    entity_id = models.PositiveIntegerField(_("entity"), default=PROGRAM_ENTITY_ID)
    subject_ko = models.CharField(
        _("subject (Korean)"),
        max_length=200,
        blank=True,
        help_text=_("A group the entity id cannot name, e.g. the seven pilot complexes."),
    )
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    metric = models.CharField(_("metric"), max_length=60)
    metric_ko = models.CharField(_("metric (Korean)"), max_length=200)
    metric_en = models.CharField(_("metric (English)"), max_length=200)
    unit_ko = models.CharField(_("unit (Korean)"), max_length=60)
    unit_en = models.CharField(_("unit (English)"), max_length=60)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    base_year = models.PositiveSmallIntegerField(_("base year"), null=True, blank=True)
    base_value = models.DecimalField(
        _("base value"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    goal_year = models.PositiveSmallIntegerField(_("goal year"))
    goal_value = models.DecimalField(_("goal"), max_digits=18, decimal_places=2)
    actual_value = models.DecimalField(
        _("actual"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    actual_kind = models.CharField(
        _("actual or forecast"),
        max_length=10,
        choices=ActualKind.choices,
        default=ActualKind.ACTUAL,
    )
    actual_from_platform = models.BooleanField(
        _("actual computed by the platform"),
        default=False,
        help_text=_("The recomputation sets the actual from the metric of the same name."),
    )
    printed_ratio = models.DecimalField(
        _("ratio as printed in the source"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    base_observation = models.ForeignKey(
        "statistics.Observation",
        verbose_name=_("base value source"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    goal_observation = models.ForeignKey(
        "statistics.Observation",
        verbose_name=_("goal source"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actual_observation = models.ForeignKey(
        "statistics.Observation",
        verbose_name=_("actual source"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source_ko = models.TextField(_("source (Korean)"), blank=True)
    source_en = models.TextField(_("source (English)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["goal_year", "level", "entity_id", "metric"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(
                fields=["level", "entity_id", "subject_en", "metric", "goal_year"],
                name="one_goal_per_subject_metric_year",
            )
        ]

    @property
    def subject(self) -> str:
        return localized(self.subject_ko, self.subject_en)

    @property
    def metric_name(self) -> str:
        return localized(self.metric_ko, self.metric_en)

    @property
    def unit(self) -> str:
        return localized(self.unit_ko, self.unit_en)

    @property
    def source(self) -> str:
        return localized(self.source_ko, self.source_en)

    @property
    def achievement_ratio(self) -> Decimal | None:
        """Actual over goal in percent (goal over actual when lower is better), to 0.1."""
        return achievement_ratio(self.actual_value, self.goal_value, self.direction)

    @property
    def is_forecast(self) -> bool:
        return self.actual_kind == ActualKind.FORECAST


def achievement_ratio(actual, goal, direction: str = Direction.HIGHER) -> Decimal | None:
    if actual is None or goal is None:
        return None
    actual, goal = Decimal(actual), Decimal(goal)
    if direction == Direction.LOWER:
        if actual == 0:
            return None
        ratio = goal / actual * 100
    else:
        if goal == 0:
            return None
        ratio = actual / goal * 100
    return ratio.quantize(Decimal("0.1"))
