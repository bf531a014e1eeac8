"""Writes of program evaluation, one module per concept; every service is importable from
here, as the pages, the commands and the demo call them.

- `index_systems`: drafting, editing and publishing index systems;
- `inputs`: evaluators' scores and the program office's goals;
- `recomputation`: the resumable recomputation of metrics, goal actuals and scorecards;
- `reports`: the annual reports, produced in the background.
"""

from clusterhub.evaluation.services.index_systems import (
    index_system_draft_from,
    index_system_publish,
    indicator_delete,
    indicator_save,
)
from clusterhub.evaluation.services.inputs import evaluator_input_save, goal_save
from clusterhub.evaluation.services.recomputation import (
    recomputation_execute,
    recomputation_plan,
    recomputation_resume,
    recomputation_start,
    run_is_stalled,
)
from clusterhub.evaluation.services.reports import report_bytes, report_produce, report_request

__all__ = [
    "evaluator_input_save",
    "goal_save",
    "index_system_draft_from",
    "index_system_publish",
    "indicator_delete",
    "indicator_save",
    "recomputation_execute",
    "recomputation_plan",
    "recomputation_resume",
    "recomputation_start",
    "report_bytes",
    "report_produce",
    "report_request",
    "run_is_stalled",
]
