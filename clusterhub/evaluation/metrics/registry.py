"""The registry: every metric by its code, with its name, unit, records, value and rows.

A new metric is one `Metric` registered here: its records (`records`, a queryset per entity
and year), its value (None: the number of records) and its drill-down rows (`rows`).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusterhub.evaluation.metrics import records, rows
from clusterhub.evaluation.metrics.base import Metric, Scope
from clusterhub.evaluation.models import PROGRAM_ENTITY_ID, Level
from clusterhub.outcomes.models import OutcomeMetric

_OUTCOME_UNITS = {
    OutcomeMetric.SALES: _("million KRW"),
    OutcomeMetric.EXPORTS: _("million KRW"),
    OutcomeMetric.EMPLOYEES: _("persons"),
    OutcomeMetric.PATENTS_CERTIFICATIONS: _("count"),
    OutcomeMetric.RD_SPENDING: _("million KRW"),
}
_OUTCOME_CODES = {
    OutcomeMetric.SALES: "outcome_sales",
    OutcomeMetric.EXPORTS: "outcome_exports",
    OutcomeMetric.EMPLOYEES: "outcome_employment",
    OutcomeMetric.PATENTS_CERTIFICATIONS: "outcome_patents",
    OutcomeMetric.RD_SPENDING: "outcome_rd_spending",
}

METRICS: dict[str, Metric] = {}


def _register(metric: Metric) -> None:
    METRICS[metric.code] = metric


_register(
    Metric(
        code="activities_held",
        name=_("Networking activities held"),
        unit=_("activities"),
        description=_("Networking activities of the entity's mini clusters held in the year."),
        records=records.activities,
        value=None,
        rows=rows.activity_rows,
    )
)
_register(
    Metric(
        code="activity_participations",
        name=_("Participations in activities"),
        unit=_("participations"),
        description=_("Attendance records of organizations at the year's networking activities."),
        records=records.attendance,
        value=None,
        rows=rows.attendance_rows,
    )
)
_register(
    Metric(
        code="members",
        name=_("Member organizations"),
        unit=_("memberships"),
        description=_("Mini-cluster memberships active on 31 December of the year."),
        records=records.members,
        value=None,
        rows=rows.membership_rows,
    )
)
_register(
    Metric(
        code="difficulties_found",
        name=_("Difficulties found"),
        unit=_("difficulties"),
        description=_("Difficulties of companies recorded in the year."),
        records=records.difficulties,
        value=None,
        rows=rows.difficulty_rows,
    )
)
_register(
    Metric(
        code="difficulties_converted",
        name=_("Difficulties turned into projects"),
        unit=_("difficulties"),
        description=_("Difficulties recorded in the year that became an application."),
        records=records.difficulties_converted,
        value=None,
        rows=rows.difficulty_rows,
    )
)
_register(
    Metric(
        code="applications_submitted",
        name=_("Applications submitted"),
        unit=_("applications"),
        description=_("Applications of the year that were submitted for screening."),
        records=records.applications_submitted,
        value=None,
        rows=rows.application_rows,
    )
)
_register(
    Metric(
        code="applications_selected",
        name=_("Projects selected"),
        unit=_("projects"),
        description=_(
            "Applications of the year that a decision selected (or selected with conditions)."
        ),
        records=records.applications_selected,
        value=None,
        rows=rows.application_rows,
    )
)
for _outcome_metric, _code in _OUTCOME_CODES.items():
    _register(
        Metric(
            code=_code,
            name=pgettext_lazy("evaluation metric", "Outcome: %(metric)s")
            % {"metric": OutcomeMetric(_outcome_metric).label},
            unit=_OUTCOME_UNITS[_outcome_metric],
            description=_(
                "Verified values in the follow-up ledger for the year: the completion value of "
                "the year's projects and the +1, +2 and +3 year values of earlier projects."
            ),
            records=records.outcomes(_outcome_metric),
            value=records.sum_of("value"),
            rows=rows.outcome_rows,
        )
    )
_register(
    Metric(
        code="satisfaction",
        name=_("Customer satisfaction"),
        unit=_("points of 100"),
        description=_(
            "Mean answer to the satisfaction questions of the year's surveys on the entity and "
            "what lies in it, scaled from 1–5 to 0–100."
        ),
        records=records.satisfaction_records,
        value=records.satisfaction_value,
        rows=rows.response_rows,
    )
)
_register(
    Metric(
        code="budget_execution",
        name=_("Budget execution"),
        unit=_("% of requested support"),
        description=_(
            "Disbursements paid to the year's selected projects, as a share of the support "
            "they requested."
        ),
        records=records.applications_selected,
        value=records.execution_value,
        rows=rows.application_rows,
    )
)
_register(
    Metric(
        code="goal_achievement",
        name=_("Goal achievement"),
        unit=_("% of goal"),
        description=_(
            "Mean achievement ratio of the entity's goals for the year (actual over goal)."
        ),
        records=records.goals_with_actuals,
        value=records.mean_achievement,
        rows=rows.goal_rows,
        derived=True,
    )
)


def metric_choices() -> list[tuple[str, object]]:
    """The registry's metrics as (code, name) choices for a form."""
    return [(code, metric.name) for code, metric in METRICS.items()]


def metric_value(code: str, scope: Scope, year: int) -> tuple[Decimal | None, int]:
    """A metric's value for an entity and year, and how many records it rests on."""
    return METRICS[code].compute(scope, year)


def program_scope() -> Scope:
    """The whole program, as the entity its key figures are computed for."""
    return Scope(Level.PROGRAM, PROGRAM_ENTITY_ID)
