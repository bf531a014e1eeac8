"""Reads for the pipeline: the coordinator's inbox, application lists, timelines, the funnel.

Every list is scoped by `policies.pipeline_scope`, so a user never sees a row the policy
would refuse, and runs in a fixed number of queries whatever the data.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from clusterhub.accounts.actors import Actor
from clusterhub.pipeline import policies, workflow
from clusterhub.pipeline.models import (
    Application,
    Difficulty,
    DifficultyStatus,
    Disbursement,
    Milestone,
    Participant,
    Transition,
)


def difficulty_inbox(*, actor: Actor) -> QuerySet[Difficulty]:
    """Open difficulties of the mini clusters the actor runs or serves, most urgent first."""
    scope = policies.pipeline_scope(
        actor, organization_field="organization", mini_cluster_field="mini_cluster"
    )
    if not actor.is_program_office and not (
        actor.zone_ids or actor.complex_ids or actor.coordinated_mini_cluster_ids
    ):
        return Difficulty.objects.none()
    urgency_rank = {"high": 0, "medium": 1, "low": 2}
    from django.db.models import Case, IntegerField, Value, When

    return (
        Difficulty.objects.filter(scope, status=DifficultyStatus.OPEN)
        .select_related("organization", "mini_cluster__hub", "activity")
        .annotate(
            urgency_rank=Case(
                *[When(urgency=k, then=Value(v)) for k, v in urgency_rank.items()],
                output_field=IntegerField(),
            )
        )
        .order_by("mini_cluster__name_en", "urgency_rank", "-created_at")
    )


def difficulty_list_for_company(*, actor: Actor) -> QuerySet[Difficulty]:
    return (
        Difficulty.objects.filter(organization_id__in=actor.organization_ids)
        .select_related("organization", "mini_cluster")
        .order_by("-created_at")
    )


def application_list(
    *, actor: Actor, year: int | None = None, state: str = "", support_type: str = ""
) -> QuerySet[Application]:
    scope = policies.pipeline_scope(
        actor, organization_field="organization", mini_cluster_field="mini_cluster"
    )
    queryset = Application.objects.filter(scope)
    if actor.organization_ids:
        queryset = Application.objects.filter(
            scope | Q(participants__organization_id__in=actor.organization_ids)
        ).distinct()
    if actor.is_committee_member and not actor.is_staff_of_program:
        queryset = Application.objects.filter(
            Q(pk__in=queryset.values("pk")) | Q(pk__in=policies.committee_application_ids(actor))
        )
    if year:
        queryset = queryset.filter(year=year)
    if state:
        queryset = queryset.filter(state=state)
    if support_type:
        queryset = queryset.filter(support_type__code=support_type)
    return queryset.select_related("organization", "support_type", "mini_cluster__hub").order_by(
        "-year", "-id"
    )


def application_timeline(*, application: Application) -> QuerySet[Transition]:
    return application.transitions.select_related("actor").order_by("at", "id")


# ---------------------------------------------------------------- funnel

CUTS = {
    "year": ("application__year", None),
    "support_type": ("application__support_type__code", "application__support_type__name_en"),
    "company_size": ("application__organization__size", None),
    "mini_cluster": ("application__mini_cluster__slug", None),
    "zone": ("application__mini_cluster__hub__zone__code", None),
}


@dataclass
class FunnelRow:
    key: str
    label: str
    counts: dict[str, int] = field(default_factory=dict)

    def conversion(self, stage: str, previous: str) -> float | None:
        base = self.counts.get(previous, 0)
        return None if not base else round(100 * self.counts.get(stage, 0) / base, 1)


def funnel(*, actor: Actor, cut: str, year: int | None = None) -> list[FunnelRow]:
    """Applications that reached each stage, by one cut (year, support type, size, …).

    One aggregate query: distinct applications per (cut value, state entered), read from
    the transitions, so a project rejected by the committee still counts as reviewed.
    """
    field_name, _label = CUTS[cut]
    scope = policies.pipeline_scope(
        actor,
        organization_field="application__organization",
        mini_cluster_field="application__mini_cluster",
    )
    transitions = Transition.objects.filter(scope)
    if year:
        transitions = transitions.filter(application__year=year)
    stage_of = {state: stage for stage, _l, states in workflow.FUNNEL_STAGES for state in states}
    rows: OrderedDict[str, FunnelRow] = OrderedDict()
    counts = (
        transitions.filter(to_state__in=list(stage_of))
        .values(field_name, "to_state")
        .annotate(n=Count("application", distinct=True))
        .order_by(field_name)
    )
    for row in counts:
        key = str(row[field_name])
        stage = stage_of[row["to_state"]]
        rows.setdefault(key, FunnelRow(key=key, label=key))
        # States of one stage are exclusive for an application (selected vs. conditionally).
        rows[key].counts[stage] = rows[key].counts.get(stage, 0) + row["n"]
    labels = _cut_labels(cut, list(rows))
    for row in rows.values():
        row.label = labels.get(row.key, row.key)
    return list(rows.values())


def _cut_labels(cut: str, keys: list[str]) -> dict[str, str]:
    """Display names of the cut's values, in the active language (one query at most)."""
    from clusterhub.directory.models import CompanySize
    from clusterhub.geography.models import Zone
    from clusterhub.networks.models import MiniCluster
    from clusterhub.pipeline.models import SupportType

    if cut == "company_size":
        return {key: str(CompanySize(key).label) for key in keys if key in CompanySize.values}
    model, field_name = {
        "support_type": (SupportType, "code"),
        "mini_cluster": (MiniCluster, "slug"),
        "zone": (Zone, "code"),
    }.get(cut, (None, None))
    if model is None:
        return {}
    return {
        getattr(obj, field_name): obj.name
        for obj in model.objects.filter(**{f"{field_name}__in": keys})
    }


# ---------------------------------------------------------------- one difficulty, one application


def difficulty_open_siblings(*, difficulty: Difficulty) -> QuerySet[Difficulty]:
    """The company's other open difficulties, which one conversion may bundle with this one."""
    return Difficulty.objects.filter(
        organization=difficulty.organization, status=DifficultyStatus.OPEN
    ).exclude(pk=difficulty.pk)


def difficulty_siblings_chosen(*, difficulty: Difficulty, pks: list[int]) -> list[Difficulty]:
    """The chosen difficulties that belong to the same company (others are ignored)."""
    return list(Difficulty.objects.filter(pk__in=pks, organization=difficulty.organization))


def difficulty_applications(*, difficulty: Difficulty) -> QuerySet[Application]:
    return difficulty.applications.select_related("support_type")


def application_participants(*, application: Application) -> QuerySet[Participant]:
    """The consortium: the applicant company and the organizations it joined with."""
    return application.participants.select_related("organization")


def application_milestones(*, application: Application) -> QuerySet[Milestone]:
    return application.milestones.all()


def application_disbursements(*, application: Application) -> QuerySet[Disbursement]:
    return application.disbursements.all()


def application_continuations(*, application: Application) -> QuerySet[Application]:
    """The applications that carry this one on into later years."""
    return application.continuations.all()


def application_difficulties(*, application: Application) -> QuerySet[Difficulty]:
    return application.difficulties.select_related("organization")


def application_disbursed_total(*, application: Application) -> Decimal | int:
    """The amount paid out so far (0 before the first disbursement)."""
    return application.disbursements.aggregate(total=Sum("amount"))["total"] or 0


def difficulty_list(*, actor: Actor) -> QuerySet[Difficulty]:
    """Every difficulty the actor may see (`policies.pipeline_scope`), newest first."""
    scope = policies.pipeline_scope(
        actor, organization_field="organization", mini_cluster_field="mini_cluster"
    )
    return (
        Difficulty.objects.filter(scope)
        .select_related("organization", "mini_cluster")
        .order_by("-created_at", "-id")
    )
