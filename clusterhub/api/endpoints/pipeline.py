"""Signed reads and writes of the pipeline: difficulties (list, read, report) and
applications (list, read, transition), through the pipeline's policies and services.

A record the caller may not see is 404 (its existence is not disclosed); a write the page
would refuse is refused the same way (403), with the same history row when allowed.
"""

import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from clusterhub.api.auth import actor_of, token_required
from clusterhub.api.conventions import LimitOffset, unseen_is_not_found
from clusterhub.api.problems import problems
from clusterhub.directory import policies as directory_policies
from clusterhub.networks import policies as networks_policies
from clusterhub.pipeline import policies, selectors, services
from clusterhub.pipeline.models import DifficultyCategory, State, Urgency

router = Router(tags=["pipeline"], auth=token_required)


class DifficultyOut(Schema):
    id: int
    organization: str
    organization_name_ko: str
    organization_name_en: str
    mini_cluster: str
    category: str
    description: str
    urgency: str
    status: str
    activity: int | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_organization(difficulty) -> str:
        return difficulty.organization.slug

    @staticmethod
    def resolve_organization_name_ko(difficulty) -> str:
        return difficulty.organization.name_ko

    @staticmethod
    def resolve_organization_name_en(difficulty) -> str:
        return difficulty.organization.name_en

    @staticmethod
    def resolve_mini_cluster(difficulty) -> str:
        return difficulty.mini_cluster.slug

    @staticmethod
    def resolve_activity(difficulty) -> int | None:
        return difficulty.activity_id


class DifficultyIn(Schema):
    organization: str
    mini_cluster: str
    category: DifficultyCategory
    description: str
    urgency: Urgency = Urgency.MEDIUM


class ApplicationOut(Schema):
    id: int
    reference: str
    year: int
    title: str
    organization: str
    organization_name_ko: str
    organization_name_en: str
    mini_cluster: str
    support_type: str | None
    state: str
    budget_total: Decimal | None
    requested_amount: Decimal | None
    version: int
    actions: list[str]

    @staticmethod
    def resolve_organization(application) -> str:
        return application.organization.slug

    @staticmethod
    def resolve_organization_name_ko(application) -> str:
        return application.organization.name_ko

    @staticmethod
    def resolve_organization_name_en(application) -> str:
        return application.organization.name_en

    @staticmethod
    def resolve_mini_cluster(application) -> str:
        return application.mini_cluster.slug

    @staticmethod
    def resolve_support_type(application) -> str | None:
        return application.support_type.code if application.support_type_id else None

    @staticmethod
    def resolve_actions(application, context) -> list[str]:
        actor = actor_of(context["request"])
        return [action.name for action in policies.application_actions(actor, application)]


class TransitionIn(Schema):
    action: str
    note: str = ""


@router.get(
    "/difficulties",
    response={200: list[DifficultyOut], **problems(401)},
    summary="The difficulties the caller may see, newest first",
)
@paginate(LimitOffset)
def difficulty_list(request: HttpRequest):
    return selectors.difficulty_list(actor=actor_of(request))


@router.get("/difficulties/{difficulty_id}", response={200: DifficultyOut, **problems(401, 404)})
def difficulty_detail(request: HttpRequest, difficulty_id: int):
    return unseen_is_not_found(policies.access_difficulty, actor_of(request), difficulty_id)


@router.post("/difficulties", response={201: DifficultyOut, **problems(401, 403, 404, 422)})
def difficulty_report(request: HttpRequest, payload: DifficultyIn):
    """Report a difficulty, as the page does: a company its own, staff and coordinators any
    in their mini clusters."""
    actor = actor_of(request)
    organization = directory_policies.access_organization(actor, payload.organization)
    mini_cluster = networks_policies.access_mini_cluster_for_view(actor, payload.mini_cluster)
    difficulty = services.difficulty_report(
        actor=actor,
        organization=organization,
        mini_cluster=mini_cluster,
        category=payload.category.value,
        description=payload.description,
        urgency=payload.urgency.value,
    )
    return Status(201, difficulty)


@router.get(
    "/applications",
    response={200: list[ApplicationOut], **problems(401)},
    summary="The applications the caller may see, newest year first, then newest",
)
@paginate(LimitOffset)
def application_list(
    request: HttpRequest,
    year: int | None = None,
    state: State | None = None,
    support_type: str = "",
):
    return selectors.application_list(
        actor=actor_of(request),
        year=year,
        state=state.value if state else "",
        support_type=support_type,
    )


@router.get("/applications/{application_id}", response={200: ApplicationOut, **problems(401, 404)})
def application_detail(request: HttpRequest, application_id: int):
    return unseen_is_not_found(policies.access_application, actor_of(request), application_id)


@router.post(
    "/applications/{application_id}/transitions",
    response={200: ApplicationOut, **problems(401, 403, 404, 422)},
)
def application_transition(request: HttpRequest, application_id: int, payload: TransitionIn):
    """Move the application by one action of the workflow table (`actions` lists those the
    caller may take now), with the same timeline entry and history as the page."""
    actor = actor_of(request)
    application = policies.access_application(actor, application_id)
    return services.application_transition(
        actor=actor, application=application, action=payload.action, note=payload.note
    )
