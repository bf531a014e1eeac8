"""Who may see, record and verify outcomes, and write, consent to and publish success stories.

The project's roles come from `clusterhub.pipeline.policies.application_roles`:
- staff serving the project's mini cluster (the program office, regional staff of its zone or
  hub) see every company's outcomes of the project, record them and verify them;
- the coordinator of the mini cluster sees them (to follow the project up) and helps write
  the story, but neither records nor verifies values;
- a company member sees and records only its own organization's outcomes (the applicant's,
  or a partner company's in a consortium), consents to its story, never verifies;
- the public sees published success stories only.
Committee members and experts have no part in outcomes.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.can import template_question
from clusterhub.directory.models import Organization, OrganizationKind
from clusterhub.outcomes.models import OutcomeRecord, SuccessStory
from clusterhub.pipeline import workflow
from clusterhub.pipeline.models import Application, Participant
from clusterhub.pipeline.policies import application_roles, pipeline_scope

APPLICATION_RELATED = ("organization", "support_type", "mini_cluster__hub__zone")


def outcome_organization_ids(application: Application) -> set[int]:
    """The companies whose outcomes a project follows: the applicant and partner companies."""
    cached = getattr(application, "_outcome_organization_ids", None)
    if cached is None:
        cached = {application.organization_id} | set(
            Participant.objects.filter(
                application=application, organization__kind=OrganizationKind.COMPANY
            ).values_list("organization_id", flat=True)
        )
        application._outcome_organization_ids = cached
    return set(cached)


def sees_every_company(actor: Actor, application: Application) -> bool:
    """Staff serving the project and its coordinator see every company's outcomes."""
    roles = application_roles(actor, application)
    if workflow.STAFF in roles:
        return True
    return workflow.COORDINATOR in roles


def ledger_organization_ids(actor: Actor, application: Application) -> set[int]:
    """The companies of this project whose outcomes the actor may see."""
    if sees_every_company(actor, application):
        return outcome_organization_ids(application)
    if not actor.organization_ids:
        return set()
    return outcome_organization_ids(application) & actor.organization_ids


def ledger_can_view(actor: Actor, application: Application) -> bool:
    return bool(ledger_organization_ids(actor, application))


def record_editable_organization_ids(actor: Actor, application: Application) -> set[int]:
    """Staff serving the project record any of its companies; a company records its own."""
    if workflow.STAFF in application_roles(actor, application):
        return outcome_organization_ids(application)
    if not actor.organization_ids:
        return set()
    return outcome_organization_ids(application) & actor.organization_ids


def record_can_edit(actor: Actor, application: Application, organization_id: int) -> bool:
    return organization_id in record_editable_organization_ids(actor, application)


def record_can_verify(actor: Actor, application: Application) -> bool:
    """Verification is staff's alone: the program office or the staff serving the project."""
    return workflow.STAFF in application_roles(actor, application)


def record_can_view(actor: Actor, record: OutcomeRecord) -> bool:
    if sees_every_company(actor, record.application):
        return True
    return record.organization_id in actor.organization_ids


def company_ledger_can_view(actor: Actor, organization: Organization) -> bool:
    """The company itself, and the staff serving its zone or complex."""
    if organization.pk in actor.organization_ids:
        return True
    return actor.serves_complex(organization.complex_id, organization.zone_id)


def company_ledger_scope(actor: Actor, organization: Organization, *, prefix: str = "") -> Q:
    """The projects of a company's ledger the actor sees: all for the company itself and the
    program office; for regional staff, the projects of mini clusters in their zone or hub."""
    if organization.pk in actor.organization_ids:
        return Q()
    return pipeline_scope(
        actor,
        organization_field=f"{prefix}organization",
        mini_cluster_field=f"{prefix}mini_cluster",
    )


@template_question
def followups_can_view(actor: Actor) -> bool:
    """Staff and coordinators follow projects up; the list is scoped by `followups_scope`."""
    if actor.is_staff_of_program:
        return True
    return bool(actor.coordinated_mini_cluster_ids)


def followups_scope(actor: Actor) -> Q:
    """A filter on `Application`: the projects whose follow-ups this actor tracks."""
    return pipeline_scope(
        actor, organization_field="organization", mini_cluster_field="mini_cluster"
    )


def story_can_edit(actor: Actor, application: Application) -> bool:
    """Staff, the coordinator and the applicant company write a project's story together."""
    return bool(application_roles(actor, application))


def story_can_consent(actor: Actor, application: Application) -> bool:
    """Only the applicant company consents to (or withdraws consent from) its story."""
    return application.organization_id in actor.organization_ids


def story_can_publish(actor: Actor, application: Application) -> bool:
    return workflow.STAFF in application_roles(actor, application)


def story_can_view(actor: Actor, story: SuccessStory) -> bool:
    """A published story is public; a draft is seen only by those who write it."""
    if story.is_published:
        return True
    return story_can_edit(actor, story.application)


def _get_application(pk: int) -> Application:
    try:
        return Application.objects.select_related(*APPLICATION_RELATED).get(pk=pk)
    except Application.DoesNotExist as exc:
        raise Http404 from exc


def access_application_for_ledger(actor: Actor, pk: int) -> Application:
    application = _get_application(pk)
    if not ledger_can_view(actor, application):
        raise PermissionDenied
    return application


def access_application_for_story(actor: Actor, pk: int) -> Application:
    application = _get_application(pk)
    if not story_can_edit(actor, application):
        raise PermissionDenied
    return application


def access_record(actor: Actor, pk: int) -> OutcomeRecord:
    try:
        record = OutcomeRecord.objects.select_related(
            "organization", *(f"application__{name}" for name in APPLICATION_RELATED)
        ).get(pk=pk)
    except OutcomeRecord.DoesNotExist as exc:
        raise Http404 from exc
    if not record_can_view(actor, record):
        raise PermissionDenied
    return record


def access_company_ledger(actor: Actor, slug: str) -> Organization:
    try:
        organization = Organization.objects.select_related("complex", "zone").get(slug=slug)
    except Organization.DoesNotExist as exc:
        raise Http404 from exc
    if not company_ledger_can_view(actor, organization):
        raise PermissionDenied
    return organization


def access_story_for_view(actor: Actor, pk: int) -> SuccessStory:
    """Unpublished stories are not found, for anyone who may not write them."""
    try:
        story = SuccessStory.objects.select_related(
            *(f"application__{name}" for name in APPLICATION_RELATED)
        ).get(pk=pk)
    except SuccessStory.DoesNotExist as exc:
        raise Http404 from exc
    if not story_can_view(actor, story):
        raise Http404
    return story
