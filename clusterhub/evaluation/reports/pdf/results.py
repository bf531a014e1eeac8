"""What the year achieved against its goals, and how it was received: the goal table and the
satisfaction surveys."""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterhub.evaluation.reports import columns as spec
from clusterhub.evaluation.reports.pdf.document import ReportDocument
from clusterhub.evaluation.reports.pdf.tables import spec_table


def goals(document: ReportDocument) -> None:
    """Each goal with its base, goal and actual value and the achievement ratio, then what a
    forecast means and where the goals come from."""
    pdf = document.pdf
    pdf.ln(4)
    document.heading(_("Goal achievement"))
    goal_lines = document.data.goals
    if not goal_lines:
        document.no_data()
        return
    spec_table(document, spec.GOALS, goal_lines, size=7.8)
    pdf.ln(2)
    if any(goal.actual_is_forecast for goal in goal_lines):
        document.note(_("“Forecast”: the actual value is a projection, not a measured result."))
    picked = (document.pick(goal, "source") for goal in goal_lines)
    for source in dict.fromkeys(source for source in picked if source):
        document.note(f"{_('Source')}: {source}")


def surveys(document: ReportDocument) -> None:
    """Each satisfaction survey of the year with its response rate and score."""
    document.pdf.ln(4)
    document.heading(_("Satisfaction surveys"))
    if not document.data.surveys:
        document.no_data()
        return
    spec_table(document, spec.SURVEYS, document.data.surveys)
