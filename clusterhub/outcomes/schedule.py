"""When outcomes are followed, and when each follow-up year falls due.

The rule: a project's *completion date* is the local date of its first transition into
`completed` or `continued` (read from `pipeline.Transition`, which records every move).
The +1, +2 and +3 year follow-ups fall due 12, 24 and 36 months after it, on the same day
of the month (the 29th–31st fall back to the month's last day). A project without such a
transition has no completion date, and so no follow-ups yet.
"""

from __future__ import annotations

import datetime

from django.db.models import Min, Q
from django.utils import timezone

from clusterhub.outcomes.models import FOLLOW_UP_MONTHS
from clusterhub.pipeline.models import Application, Transition
from clusterhub.pipeline.workflow import State

# Entering these states completes a project; the completion date is the first such move.
COMPLETION_STATES = (State.COMPLETED, State.CONTINUED)
# The states in which a project's outcomes are followed.
OUTCOME_STATES = (State.COMPLETED, State.CONTINUED, State.FOLLOW_UP)
# A baseline can be recorded from the signed agreement on, before the project runs.
BASELINE_STATES = (State.AGREEMENT, State.EXECUTION, *OUTCOME_STATES)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 29th–31st fall back to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def completed_at_annotation() -> Min:
    """For `Application.objects.annotate(completed_at=...)`: when it was first completed."""
    return Min("transitions__at", filter=Q(transitions__to_state__in=COMPLETION_STATES))


def completion_date(application: Application) -> datetime.date | None:
    """The local date the project was first completed or continued; one query."""
    completed_at = getattr(application, "completed_at", None)
    if completed_at is None:
        completed_at = (
            Transition.objects.filter(application=application, to_state__in=COMPLETION_STATES)
            .order_by("at")
            .values_list("at", flat=True)
            .first()
        )
    return timezone.localdate(completed_at) if completed_at else None


def followup_due_dates(completed_on: datetime.date | None) -> dict[str, datetime.date]:
    """Period → due date for the follow-up years; empty without a completion date."""
    if completed_on is None:
        return {}
    return {period: add_months(completed_on, months) for period, months in FOLLOW_UP_MONTHS.items()}
