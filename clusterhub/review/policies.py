"""Who may run committee rounds, and who may review what.

- The program office runs any round; regional staff run the rounds they created and the
  rounds holding an application of a mini cluster they serve, and put before a round only
  applications they serve.
- A committee member sees only the applications assigned to them without a conflict: their
  assignments (through their person's expert profile), minus any recused by a conflict.

Each condition is on its own line so the tests can show every branch.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.can import template_question
from clusterhub.pipeline.models import Application
from clusterhub.review.models import Assignment, CommitteeRound, Conflict


def _person_id(actor: Actor) -> int | None:
    if not actor.is_authenticated:
        return None
    return getattr(actor.user, "person_id", None)


def recused_conflict_exists() -> Exists:
    """A recusing conflict for the assignment of the outer query."""
    return Exists(
        Conflict.objects.filter(
            round_id=OuterRef("round_id"),
            member_id=OuterRef("member_id"),
            application_id=OuterRef("application_id"),
            recused=True,
        )
    )


def reviewer_assignments_scope(actor: Actor):
    """The actor's own assignments that no conflict recused them from."""
    person_id = _person_id(actor)
    if person_id is None:
        return Assignment.objects.none()
    return Assignment.objects.filter(member__expert__person_id=person_id).exclude(
        recused_conflict_exists()
    )


def reviewer_application_ids(actor: Actor) -> set[int]:
    """The applications assigned to this actor as a committee member, conflicts excepted.

    Registered with `pipeline.policies` (see `ReviewConfig.ready`): what a committee member
    may see of the pipeline.
    """
    return set(reviewer_assignments_scope(actor).values_list("application_id", flat=True))


@template_question
def round_can_create(actor: Actor) -> bool:
    return actor.is_staff_of_program


def round_can_manage(actor: Actor, committee_round: CommitteeRound) -> bool:
    """See the round's members, conflicts and results; add to it, assign, close."""
    if actor.is_program_office:
        return True
    if not actor.is_regional_staff:
        return False
    if committee_round.created_by_id is not None and committee_round.created_by_id == (
        actor.user.pk
    ):
        return True
    hubs = committee_round.entries.values_list(
        "application__mini_cluster__hub_id", "application__mini_cluster__hub__zone_id"
    )
    return any(actor.serves_complex(hub_id, zone_id) for hub_id, zone_id in hubs)


def application_can_enter_round(actor: Actor, application: Application) -> bool:
    """Staff put before a committee only the applications of mini clusters they serve."""
    mini_cluster = application.mini_cluster
    return actor.serves_complex(mini_cluster.hub_id, mini_cluster.hub.zone_id)


def assignment_can_review(actor: Actor, assignment: Assignment) -> bool:
    """Only the assigned member, and only while no conflict recuses them."""
    person_id = _person_id(actor)
    if person_id is None:
        return False
    if assignment.member.expert.person_id != person_id:
        return False
    return not Conflict.objects.filter(
        round_id=assignment.round_id,
        member_id=assignment.member_id,
        application_id=assignment.application_id,
        recused=True,
    ).exists()


def access_round_for_manage(actor: Actor, pk: int) -> CommitteeRound:
    try:
        committee_round = CommitteeRound.objects.select_related(
            "rubric", "support_type", "created_by"
        ).get(pk=pk)
    except CommitteeRound.DoesNotExist as exc:
        raise Http404 from exc
    if not round_can_manage(actor, committee_round):
        raise PermissionDenied
    return committee_round


def access_assignment_for_review(actor: Actor, pk: int) -> Assignment:
    try:
        assignment = Assignment.objects.select_related(
            "round__rubric",
            "application__organization",
            "application__support_type",
            "application__mini_cluster",
            "member__expert__person",
        ).get(pk=pk)
    except Assignment.DoesNotExist as exc:
        raise Http404 from exc
    if not assignment_can_review(actor, assignment):
        raise PermissionDenied
    return assignment


def rubric_can_manage(actor: Actor) -> bool:
    """Rubrics are program settings, like support types: the program office's."""
    return actor.is_program_office


@template_question
def my_reviews_can_view(actor: Actor) -> bool:
    """Committee members and experts have a list of the reviews assigned to them."""
    return actor.is_committee_member or actor.is_expert
