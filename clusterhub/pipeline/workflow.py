"""The workflow table: every state an application can be in, every action that moves it, and
who may take each action. Services consult this table; nothing else changes `state`.

Who may act:
- `applicant` — a company member of the applicant company;
- `coordinator` — the coordinator of the application's mini cluster;
- `staff` — the program office, or regional staff serving the mini cluster's hub.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for screening")
    COMMITTEE_REVIEW = "committee_review", _("Committee review")
    SELECTED = "selected", _("Selected")
    CONDITIONALLY_SELECTED = "conditionally_selected", _("Conditionally selected")
    REJECTED = "rejected", _("Rejected")
    AGREEMENT = "agreement", _("Agreement signed")
    EXECUTION = "execution", _("In execution")
    COMPLETED = "completed", _("Completed")
    CONTINUED = "continued", _("Continued into next year")
    FOLLOW_UP = "follow_up", _("Follow-up management")
    WITHDRAWN = "withdrawn", _("Withdrawn")


APPLICANT, COORDINATOR, STAFF = "applicant", "coordinator", "staff"


@dataclass(frozen=True)
class Action:
    name: str
    label: Promise
    sources: tuple[State, ...]
    target: State
    allowed: tuple[str, ...]
    requires_note: bool = False
    notifies_applicant: bool = False


ACTIONS: tuple[Action, ...] = (
    Action(
        "submit",
        _("Submit for screening"),
        (State.DRAFT,),
        State.SUBMITTED,
        (APPLICANT, COORDINATOR, STAFF),
    ),
    Action(
        "withdraw",
        _("Withdraw"),
        (State.DRAFT, State.SUBMITTED),
        State.WITHDRAWN,
        (APPLICANT, STAFF),
        requires_note=True,
    ),
    Action(
        "return_for_changes",
        _("Return for changes"),
        (State.SUBMITTED,),
        State.DRAFT,
        (COORDINATOR, STAFF),
        requires_note=True,
        notifies_applicant=True,
    ),
    Action(
        "pass_screening", _("Pass screening"), (State.SUBMITTED,), State.COMMITTEE_REVIEW, (STAFF,)
    ),
    Action(
        "reject_at_screening",
        _("Reject at screening"),
        (State.SUBMITTED,),
        State.REJECTED,
        (STAFF,),
        requires_note=True,
        notifies_applicant=True,
    ),
    Action(
        "select",
        _("Select"),
        (State.COMMITTEE_REVIEW,),
        State.SELECTED,
        (STAFF,),
        notifies_applicant=True,
    ),
    Action(
        "select_conditionally",
        _("Select with conditions"),
        (State.COMMITTEE_REVIEW,),
        State.CONDITIONALLY_SELECTED,
        (STAFF,),
        requires_note=True,
        notifies_applicant=True,
    ),
    Action(
        "reject",
        _("Reject"),
        (State.COMMITTEE_REVIEW,),
        State.REJECTED,
        (STAFF,),
        requires_note=True,
        notifies_applicant=True,
    ),
    Action(
        "sign_agreement",
        _("Record the signed agreement"),
        (State.SELECTED, State.CONDITIONALLY_SELECTED),
        State.AGREEMENT,
        (STAFF,),
    ),
    Action("start_execution", _("Start execution"), (State.AGREEMENT,), State.EXECUTION, (STAFF,)),
    Action(
        "complete",
        _("Complete"),
        (State.EXECUTION,),
        State.COMPLETED,
        (STAFF,),
        notifies_applicant=True,
    ),
    Action(
        "continue_next_year",
        _("Continue into next year"),
        (State.EXECUTION,),
        State.CONTINUED,
        (STAFF,),
        notifies_applicant=True,
    ),
    Action(
        "start_follow_up",
        _("Start follow-up management"),
        (State.COMPLETED, State.CONTINUED),
        State.FOLLOW_UP,
        (STAFF,),
    ),
)
ACTIONS_BY_NAME = {action.name: action for action in ACTIONS}
DECISION_STATES = (State.SELECTED, State.CONDITIONALLY_SELECTED, State.REJECTED)
# The funnel's stages, in order. An application reached a stage when it once entered one of
# the stage's states (read from its transitions, so a project rejected by the committee still
# counts as reviewed).
FUNNEL_STAGES: tuple[tuple[str, Promise, tuple[State, ...]], ...] = (
    ("applied", _("Applied"), (State.SUBMITTED,)),
    ("reviewed", _("Reviewed by a committee"), (State.COMMITTEE_REVIEW,)),
    ("selected", _("Selected"), (State.SELECTED, State.CONDITIONALLY_SELECTED)),
    ("executed", _("Executed"), (State.EXECUTION,)),
    ("completed", _("Completed or continued"), (State.COMPLETED, State.CONTINUED)),
    ("followed_up", _("Under follow-up"), (State.FOLLOW_UP,)),
)


def actions_from(state: str) -> list[Action]:
    """The actions the table allows from a state, whoever asks."""
    return [action for action in ACTIONS if state in action.sources]
