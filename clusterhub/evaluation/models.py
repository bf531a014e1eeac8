"""Program evaluation: index systems per year and level, computed metrics, evaluator input,
scorecards, goals, and the recomputation runs that fill them.

The program changed its index system every year (`003_…` 3.2 (6), 3.4): an `IndexSystem` is
one year's tree of `Indicator`s for one evaluated level. Quantitative indicators read a
metric of the registry (`metrics.py`), computed from the platform's own records into
`MetricValue`s by a resumable `RecomputationRun`; qualitative ones read an evaluator's
`EvaluatorInput`. Scoring (`scoring.py`) turns both into a `Scorecard` with one
`IndicatorScore` per node, each explained.

Entities are addressed by level and id: a mini cluster, a complex, a pan-regional zone (the
regional headquarters), or the whole program (entity id 0).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterhub.core.models import DemoMarkedModel, TimeStampedModel, localized

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
        from clusterhub.evaluation.metrics import unit_label

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
