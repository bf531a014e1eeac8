"""The registry of metrics: how each quantitative indicator's value is computed from the
platform's own records, per entity (mini cluster, complex, zone, whole program) and year.

Every metric gives its value and the queryset of the records behind it, so every number on a
scorecard opens onto the activities, memberships, difficulties, applications, outcome
records or survey responses it counts.

- `base`: the entity a metric is computed for (`Scope`), a drill-down row, the `Metric`;
- `records`: the record sets and the values computed from them;
- `rows`: the drill-down rows of each kind of record;
- `registry`: every metric by its code (`METRICS`).
"""

from clusterhub.evaluation.metrics.base import Metric, RecordRow, Scope
from clusterhub.evaluation.metrics.registry import (
    METRICS,
    metric_choices,
    metric_value,
    program_scope,
)

__all__ = [
    "METRICS",
    "Metric",
    "RecordRow",
    "Scope",
    "metric_choices",
    "metric_value",
    "program_scope",
]
