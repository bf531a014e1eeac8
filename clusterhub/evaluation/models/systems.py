"""Index systems: one year's tree of indicators for one evaluated level.

The program changed its index system every year (`003_…` 3.2 (6), 3.4): an `IndexSystem` is
one year's tree of `Indicator`s for one evaluated level. Quantitative indicators read a
metric of the registry (`metrics`); qualitative ones read an evaluator's score.

Entities are addressed by level and id: a mini cluster, a complex, a pan-regional zone (the
regional headquarters), or the whole program (entity id 0).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterhub.core.models import TimeStampedModel, localized
from clusterhub.evaluation.units import unit_label

PROGRAM_ENTITY_ID = 0  # the entity id of the whole program


class Level(models.TextChoices):
    MINI_CLUSTER = "mini_cluster", _("Mini cluster")
    COMPLEX = "complex", _("Complex (branch)")
    ZONE = "zone", _("Pan-regional headquarters")
    PROGRAM = "program", _("Whole program")


# Lower levels first: a zone's scorecard may average its mini clusters' scorecards.
LEVEL_ORDER = [Level.MINI_CLUSTER, Level.COMPLEX, Level.ZONE, Level.PROGRAM]


class SystemStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class IndexSystem(TimeStampedModel):
    """One year's index system for one evaluated level."""

    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("evaluated level"), max_length=20, choices=Level.choices)
    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SystemStatus.choices, default=SystemStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("drafted from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "level"]
        verbose_name = _("index system")
        verbose_name_plural = _("index systems")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "level"], name="one_index_system_per_year_level"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_ko, self.name_en)

    @property
    def description(self) -> str:
        return localized(self.description_ko, self.description_en)

    @property
    def is_draft(self) -> bool:
        return self.status == SystemStatus.DRAFT

    def get_absolute_url(self) -> str:
        return reverse("evaluation:system_detail", kwargs={"pk": self.pk})


class Nature(models.TextChoices):
    GROUP = "group", _("Group (stage or field)")
    QUANTITATIVE = "quantitative", _("Quantitative")
    QUALITATIVE = "qualitative", _("Qualitative")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class ScoringRule(models.TextChoices):
    LINEAR = "linear", _("Linear between bounds")
    THRESHOLDS = "thresholds", _("Thresholds")
    RANK = "rank", _("Rank among the evaluated")
    GOAL_ACHIEVEMENT = "goal_achievement", _("Goal achievement")
    EVALUATOR = "evaluator", _("Evaluator's score")
    LOWER_LEVEL_AVERAGE = "lower_level_average", _("Average of the lower level's scorecards")


class Indicator(TimeStampedModel):
    """A node of an index system: a stage or field (group), or a scored indicator.

    Weights are points of the system's 100: the top nodes add up to 100, and the children of
    a group add up to the group's weight (`weights.weight_problems`).
    """

    system = models.ForeignKey(
        IndexSystem,
        verbose_name=_("index system"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=20)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_ko = models.CharField(_("name (Korean)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    nature = models.CharField(_("nature"), max_length=20, choices=Nature.choices)
    weight = models.DecimalField(
        _("weight (points of 100)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    rule = models.CharField(
        _("scoring rule"), max_length=30, choices=ScoringRule.choices, blank=True
    )
    metric = models.CharField(
        _("metric"),
        max_length=60,
        blank=True,
        help_text=_("Quantitative indicators: the metric of the registry that gives the value."),
    )
    lower_bound = models.DecimalField(
        _("lower bound"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    upper_bound = models.DecimalField(
        _("upper bound"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    thresholds = models.JSONField(
        _("thresholds"),
        default=list,
        blank=True,
        help_text=_("Pairs of [value at least, score], e.g. [[10, 100], [5, 70], [0, 40]]."),
    )
    lineage = models.SlugField(
        _("lineage"),
        max_length=60,
        blank=True,
        help_text=_("The same concept across years, so scorecards compare when systems change."),
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["system", "position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="one_indicator_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return localized(self.name_ko, self.name_en)

    @property
    def description(self) -> str:
        return localized(self.description_ko, self.description_en)

    @property
    def is_group(self) -> bool:
        return self.nature == Nature.GROUP

    @property
    def unit_label(self) -> str:
        """The unit in the active language."""
        return unit_label(self.unit)

    def clean(self) -> None:
        """The fields each nature and rule needs, with errors naming the field."""
        errors: dict[str, ValidationError] = {}
        if self.nature == Nature.GROUP:
            if self.rule:
                errors["rule"] = ValidationError(
                    _("A group is scored from its children; it has no scoring rule.")
                )
        elif not self.rule:
            errors["rule"] = ValidationError(_("Choose how this indicator is scored."))
        if self.nature == Nature.QUALITATIVE and self.rule and self.rule != ScoringRule.EVALUATOR:
            errors["rule"] = ValidationError(
                _("A qualitative indicator is scored by the evaluator's score.")
            )
        if self.nature == Nature.QUANTITATIVE:
            if self.rule == ScoringRule.EVALUATOR:
                errors["rule"] = ValidationError(
                    _("The evaluator's score is for qualitative indicators.")
                )
            needs_metric = self.rule != ScoringRule.LOWER_LEVEL_AVERAGE
            if needs_metric and not self.metric:
                errors["metric"] = ValidationError(
                    _("A quantitative indicator needs the metric that gives its value.")
                )
        if self.rule in (ScoringRule.LINEAR, ScoringRule.GOAL_ACHIEVEMENT):
            if self.lower_bound is None or self.upper_bound is None:
                errors["upper_bound"] = ValidationError(
                    _("Linear scoring needs a lower and an upper bound.")
                )
            elif self.lower_bound >= self.upper_bound:
                errors["upper_bound"] = ValidationError(
                    _("The upper bound must be greater than the lower bound.")
                )
        if self.rule == ScoringRule.THRESHOLDS:
            problem = thresholds_problem(self.thresholds)
            if problem:
                errors["thresholds"] = ValidationError(problem)
        if errors:
            raise ValidationError(errors)


def thresholds_problem(thresholds) -> str:
    """Why a thresholds list is unusable, or "" when it is fine."""
    if not isinstance(thresholds, list) or not thresholds:
        return str(_("Give at least one pair of [value at least, score]."))
    for pair in thresholds:
        if (
            not isinstance(pair, list | tuple)
            or len(pair) != 2
            or not all(isinstance(x, int | float) for x in pair)
        ):
            return str(_("Each threshold is a pair of numbers: [value at least, score]."))
        if not 0 <= pair[1] <= 100:
            return str(_("Threshold scores lie between 0 and 100."))
    return ""
