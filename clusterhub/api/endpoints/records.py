"""Signed writes of figures: a company reports its outcome figures on a project's ledger,
an evaluator scores a qualitative indicator; through the outcomes and evaluation policies
and services, as their pages write them."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema

from clusterhub.api.auth import actor_of, token_required
from clusterhub.api.problems import problems
from clusterhub.directory import policies as directory_policies
from clusterhub.evaluation import policies as evaluation_policies
from clusterhub.evaluation.services import evaluator_input_save
from clusterhub.outcomes import policies as outcomes_policies
from clusterhub.outcomes import services as outcomes
from clusterhub.outcomes.models import OutcomeMetric, OutcomePeriod

router = Router(tags=["figures"], auth=token_required)


class OutcomeRecordIn(Schema):
    organization: str
    metric: OutcomeMetric
    period: OutcomePeriod
    value: Decimal = Field(max_digits=14, decimal_places=1)
    note: str | None = None


class OutcomeRecordOut(Schema):
    id: int
    application: str
    organization: str
    metric: str
    period: str
    value: Decimal
    note: str
    is_verified: bool
    created: bool
    changed: bool
    verification_withdrawn: bool


class EvaluatorInputIn(Schema):
    indicator: int
    entity_id: int
    score: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=1)
    evidence: str
    comment: str = ""


class EvaluatorInputOut(Schema):
    id: int
    indicator: int
    entity_id: int
    score: Decimal
    evidence: str
    comment: str


@router.post(
    "/applications/{application_id}/outcomes",
    response={200: OutcomeRecordOut, **problems(401, 403, 404, 422)},
)
def outcome_record_save(request: HttpRequest, application_id: int, payload: OutcomeRecordIn):
    """Record (or correct) one figure of a completed project's ledger: a company its own,
    staff serving the project any of its companies'. Saving what is stored changes nothing."""
    actor = actor_of(request)
    application = outcomes_policies.access_application_for_ledger(actor, application_id)
    if not outcomes_policies.record_editable_organization_ids(actor, application):
        raise PermissionDenied
    organization = directory_policies.access_organization(actor, payload.organization)
    saved = outcomes.outcome_record_save(
        actor=actor,
        application=application,
        organization=organization,
        metric=payload.metric.value,
        period=payload.period.value,
        value=payload.value,
        note=payload.note,
    )
    record = saved.record
    return {
        "id": record.pk,
        "application": application.reference,
        "organization": organization.slug,
        "metric": record.metric,
        "period": record.period,
        "value": record.value,
        "note": record.note,
        "is_verified": record.is_verified,
        "created": saved.created,
        "changed": saved.changed,
        "verification_withdrawn": saved.verification_withdrawn,
    }


@router.post(
    "/evaluation/inputs",
    response={200: EvaluatorInputOut, **problems(401, 403, 404, 422)},
)
def evaluator_input(request: HttpRequest, payload: EvaluatorInputIn):
    """An evaluator's score of a qualitative indicator for one entity, with what it rests on."""
    actor = actor_of(request)
    indicator, _entity = evaluation_policies.access_indicator_for_input(
        actor, payload.indicator, payload.entity_id
    )
    entered = evaluator_input_save(
        actor=actor,
        indicator=indicator,
        entity_id=payload.entity_id,
        score=payload.score,
        evidence=payload.evidence,
        comment=payload.comment,
    )
    return {
        "id": entered.pk,
        "indicator": indicator.pk,
        "entity_id": entered.entity_id,
        "score": entered.score,
        "evidence": entered.evidence,
        "comment": entered.comment,
    }
