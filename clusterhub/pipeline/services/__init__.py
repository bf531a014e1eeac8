"""The only write path for difficulties and applications.

Every service asks `clusterhub.pipeline.policies`, writes in one transaction, and leaves a
trace: django-simple-history rows with actor and reason, and for workflow moves a
`Transition` (actor, time, from, to, note) that the timeline shows.

By concept: `difficulties` (report, close, convert to an application), `applications`
(edit a draft, move it through the workflow), `rules` (the support type's rules checked on
submission), `consortia` (participants), `execution` (milestones and disbursements) and
`recipients` (who is notified). Callers import from `clusterhub.pipeline.services`.
"""

from clusterhub.pipeline.services.applications import (
    APPLICATION_EDIT_FIELDS,
    ApplicationChangedError,
    application_transition,
    application_update,
)
from clusterhub.pipeline.services.consortia import participant_add, participant_remove
from clusterhub.pipeline.services.difficulties import (
    difficulty_close,
    difficulty_convert_to_application,
    difficulty_report,
)
from clusterhub.pipeline.services.execution import (
    EXECUTION_STATES,
    disbursement_record,
    milestone_add,
    milestone_mark_done,
)
from clusterhub.pipeline.services.recipients import staff_users_for
from clusterhub.pipeline.services.rules import LIVE_STATES, application_check_rules

__all__ = [
    "APPLICATION_EDIT_FIELDS",
    "EXECUTION_STATES",
    "LIVE_STATES",
    "ApplicationChangedError",
    "application_check_rules",
    "application_transition",
    "application_update",
    "difficulty_close",
    "difficulty_convert_to_application",
    "difficulty_report",
    "disbursement_record",
    "milestone_add",
    "milestone_mark_done",
    "participant_add",
    "participant_remove",
    "staff_users_for",
]
