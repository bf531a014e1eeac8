"""Program evaluation: index systems per year and level, computed metrics, evaluator input,
scorecards, goals, and the recomputation runs that fill them.

Quantitative indicators read a metric of the registry (`metrics`), computed from the
platform's own records into `MetricValue`s by a resumable `RecomputationRun`; qualitative ones
read an evaluator's `EvaluatorInput`. Scoring (`scoring`) turns both into a `Scorecard` with
one `IndicatorScore` per node, each explained. Every model is importable from here, as the
migrations and the other apps import them.
"""

from clusterhub.evaluation.models.goals import ActualKind, Goal, achievement_ratio
from clusterhub.evaluation.models.runs import (
    RecomputationRun,
    RecomputationUnit,
    ReportFile,
    ReportFormat,
    RunStatus,
    UnitKind,
)
from clusterhub.evaluation.models.scores import (
    EvaluatorInput,
    IndicatorScore,
    MetricValue,
    Scorecard,
)
from clusterhub.evaluation.models.systems import (
    LEVEL_ORDER,
    PROGRAM_ENTITY_ID,
    Direction,
    IndexSystem,
    Indicator,
    Level,
    Nature,
    ScoringRule,
    SystemStatus,
    thresholds_problem,
)

__all__ = [
    "LEVEL_ORDER",
    "PROGRAM_ENTITY_ID",
    "ActualKind",
    "Direction",
    "EvaluatorInput",
    "Goal",
    "IndexSystem",
    "Indicator",
    "IndicatorScore",
    "Level",
    "MetricValue",
    "Nature",
    "RecomputationRun",
    "RecomputationUnit",
    "ReportFile",
    "ReportFormat",
    "RunStatus",
    "Scorecard",
    "ScoringRule",
    "SystemStatus",
    "UnitKind",
    "achievement_ratio",
    "thresholds_problem",
]
