"""Who may see and change difficulties and applications.

- A company member sees and edits only its own organization's difficulties and applications
  (and those it joined as a consortium participant, read-only).
- A coordinator works on the difficulties and applications of the mini clusters they run.
- Regional staff see their zone (or hub) only; the program office sees everything.
- A committee member sees only the applications assigned to them without a conflict. The
  committees live in `review`, above the pipeline, so review registers that answer here
  (`register_committee_applications`) instead of the pipeline asking it by name.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.can import template_question
from clusterhub.networks.models import MiniCluster
from clusterhub.pipeline import workflow
from clusterhub.pipeline.models import Application, Difficulty, Milestone, Participant

# Filled by review in its `ready()`: which applications a committee member reviews.
_COMMITTEE_APPLICATIONS: list[Callable[[Actor], set[int]]] = []


def register_committee_applications(applications: Callable[[Actor], set[int]]) -> None:
    """Let the app that runs committees say which applications a committee member may see."""
    if applications not in _COMMITTEE_APPLICATIONS:
        _COMMITTEE_APPLICATIONS.append(applications)


def committee_application_ids(actor: Actor) -> set[int]:
    """The applications this committee member may see as a reviewer (one query per source)."""
    ids: set[int] = set()
    for applications in _COMMITTEE_APPLICATIONS:
        ids |= applications(actor)
    return ids


def _serves_mini_cluster(actor: Actor, mini_cluster: MiniCluster) -> bool:
    return actor.serves_complex(mini_cluster.hub_id, mini_cluster.hub.zone_id)


def _coordinates(actor: Actor, mini_cluster_id: int) -> bool:
    return mini_cluster_id in actor.coordinated_mini_cluster_ids


def pipeline_scope(actor: Actor, *, organization_field: str, mini_cluster_field: str) -> Q:
    """A filter for the records an actor may see (staff scope, coordination, own company)."""
    if actor.is_program_office:
        return Q()
    scope = Q(pk__in=[])
    if actor.zone_ids:
        scope |= Q(**{f"{mini_cluster_field}__hub__zone_id__in": actor.zone_ids})
    if actor.complex_ids:
        scope |= Q(**{f"{mini_cluster_field}__hub_id__in": actor.complex_ids})
    if actor.coordinated_mini_cluster_ids:
        scope |= Q(**{f"{mini_cluster_field}_id__in": actor.coordinated_mini_cluster_ids})
    if actor.organization_ids:
        scope |= Q(**{f"{organization_field}_id__in": actor.organization_ids})
    return scope


# ---------------------------------------------------------------- difficulties


def difficulty_can_create(actor: Actor, *, organization, mini_cluster: MiniCluster) -> bool:
    """A company reports its own; coordinators and serving staff log any in their scope."""
    if _serves_mini_cluster(actor, mini_cluster):
        return True
    if _coordinates(actor, mini_cluster.pk):
        return True
    return organization.pk in actor.organization_ids


def difficulty_can_view(actor: Actor, difficulty: Difficulty) -> bool:
    return difficulty_can_create(
        actor, organization=difficulty.organization, mini_cluster=difficulty.mini_cluster
    )


def difficulty_can_convert(actor: Actor, difficulty: Difficulty) -> bool:
    """Turning a difficulty into an application is the coordinator's and staff's job."""
    if _serves_mini_cluster(actor, difficulty.mini_cluster):
        return True
    return _coordinates(actor, difficulty.mini_cluster_id)


def access_difficulty(actor: Actor, pk: int) -> Difficulty:
    try:
        difficulty = Difficulty.objects.select_related(
            "organization", "mini_cluster__hub__zone", "activity"
        ).get(pk=pk)
    except Difficulty.DoesNotExist as exc:
        raise Http404 from exc
    if not difficulty_can_view(actor, difficulty):
        raise PermissionDenied
    return difficulty


# ---------------------------------------------------------------- applications


def application_roles(actor: Actor, application: Application) -> set[str]:
    """The workflow roles (applicant, coordinator, staff) this actor holds on an application."""
    roles = set()
    if _serves_mini_cluster(actor, application.mini_cluster):
        roles.add(workflow.STAFF)
    if _coordinates(actor, application.mini_cluster_id):
        roles.add(workflow.COORDINATOR)
    if application.organization_id in actor.organization_ids:
        roles.add(workflow.APPLICANT)
    return roles


def application_can_manage_execution(actor: Actor, application: Application) -> bool:
    """The staff serving the application's mini cluster record its milestones and payments."""
    return workflow.STAFF in application_roles(actor, application)


def application_can_view(actor: Actor, application: Application) -> bool:
    if application_roles(actor, application):
        return True
    if (
        actor.organization_ids
        and application.participants.filter(organization_id__in=actor.organization_ids).exists()
    ):
        return True
    if actor.is_committee_member:
        return application.pk in committee_application_ids(actor)
    return False


def application_can_edit(actor: Actor, application: Application) -> bool:
    """The plan, budget and consortium change only while the application is a draft."""
    if application.state != workflow.State.DRAFT:
        return False
    return bool(application_roles(actor, application))


def application_actions(actor: Actor, application: Application) -> list[workflow.Action]:
    """The workflow actions this actor may take now."""
    roles = application_roles(actor, application)
    return [
        action
        for action in workflow.actions_from(application.state)
        if roles.intersection(action.allowed)
    ]


def access_application(actor: Actor, pk: int) -> Application:
    try:
        application = Application.objects.select_related(
            "organization", "support_type", "mini_cluster__hub__zone", "previous"
        ).get(pk=pk)
    except Application.DoesNotExist as exc:
        raise Http404 from exc
    if not application_can_view(actor, application):
        raise PermissionDenied
    return application


@template_question
def funnel_can_view(actor: Actor) -> bool:
    return actor.is_staff_of_program


@template_question
def inbox_can_view(actor: Actor) -> bool:
    """The difficulty inbox: staff and coordinators (each sees their own scope)."""
    return actor.is_staff_of_program or bool(actor.coordinated_mini_cluster_ids)


@template_question
def difficulty_can_report(actor: Actor) -> bool:
    """Whether this actor may report a difficulty anywhere (which mini clusters and companies
    is `difficulty_can_create`'s question)."""
    return (
        actor.is_staff_of_program
        or bool(actor.coordinated_mini_cluster_ids)
        or bool(actor.organization_ids)
    )


# ---------------------------------------------------------------- parts of an application


def access_participant(
    actor: Actor, application_pk: int, participant_id: int, *, for_write: bool = False
) -> Participant:
    """A consortium participant of an application the actor may see; whether they may change
    the consortium is the service's question (`application_can_edit`). With `for_write`, the
    row is locked until the caller's transaction ends."""
    application = access_application(actor, application_pk)
    participants = Participant.objects.filter(application=application)
    if for_write:
        participants = participants.select_for_update()
    try:
        participant = participants.get(pk=participant_id)
    except Participant.DoesNotExist as exc:
        raise Http404 from exc
    participant.application = application
    return participant


def access_milestone(
    actor: Actor, application_pk: int, milestone_id: int, *, for_write: bool = False
) -> Milestone:
    """A milestone of an application the actor may see; marking it done is staff's, which the
    service checks. With `for_write`, the row is locked until the caller's transaction ends."""
    application = access_application(actor, application_pk)
    milestones = Milestone.objects.filter(application=application)
    if for_write:
        milestones = milestones.select_for_update()
    try:
        milestone = milestones.get(pk=milestone_id)
    except Milestone.DoesNotExist as exc:
        raise Http404 from exc
    milestone.application = application
    return milestone
