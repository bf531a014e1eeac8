"""Reads for committee rounds and reviews; a fixed number of queries whatever the data."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from clusterhub.accounts.actors import Actor
from clusterhub.directory.models import Affiliation, ExpertProfile
from clusterhub.pipeline import workflow
from clusterhub.pipeline.models import Application
from clusterhub.review import policies
from clusterhub.review.models import (
    Assignment,
    CommitteeMember,
    CommitteeRound,
    Conflict,
    Criterion,
    Review,
    RoundApplication,
    RoundState,
    Rubric,
)


def _count_per_round(queryset: QuerySet) -> Coalesce:
    """A per-round count as a subquery, so several counts do not multiply each other."""
    counted = (
        queryset.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def round_list(*, actor: Actor) -> QuerySet[CommitteeRound]:
    """The rounds this actor runs, with their applications, members and submitted reviews."""
    queryset = (
        CommitteeRound.objects.select_related("rubric", "support_type")
        .annotate(
            application_count=_count_per_round(RoundApplication.objects.all()),
            member_count=_count_per_round(CommitteeMember.objects.all()),
            assignment_count=_count_per_round(Assignment.objects.all()),
            submitted_count=Coalesce(
                Subquery(
                    Review.objects.filter(
                        assignment__round=OuterRef("pk"), submitted_at__isnull=False
                    )
                    .order_by()
                    .values("assignment__round")
                    .annotate(total=Count("pk"))
                    .values("total"),
                    output_field=IntegerField(),
                ),
                0,
            ),
        )
        .order_by("-year", "-created_at", "-id")
    )
    if actor.is_program_office:
        return queryset
    if not actor.is_regional_staff:
        return queryset.none()
    served = Q(pk__in=[])
    if actor.zone_ids:
        served |= Q(application__mini_cluster__hub__zone_id__in=actor.zone_ids)
    if actor.complex_ids:
        served |= Q(application__mini_cluster__hub_id__in=actor.complex_ids)
    return queryset.filter(
        Q(created_by_id=actor.user.pk)
        | Q(pk__in=RoundApplication.objects.filter(served).values("round_id"))
    )


def round_members(*, round: CommitteeRound) -> QuerySet[CommitteeMember]:
    """Members with their current organizations and the conflicts found for them."""
    today = timezone.localdate()
    return (
        CommitteeMember.objects.filter(round=round)
        .select_related("expert__person__user")
        .prefetch_related(
            Prefetch(
                "conflicts",
                queryset=Conflict.objects.select_related("application").order_by(
                    "application__reference", "reason"
                ),
            ),
            Prefetch(
                "expert__person__affiliations",
                queryset=Affiliation.objects.filter(
                    Q(ended_on__isnull=True) | Q(ended_on__gte=today)
                ).select_related("organization"),
                to_attr="current_affiliations",
            ),
        )
        .order_by("expert__person__name_ko", "id")
    )


@dataclass
class BoardRow:
    """One application of a round: who reviews it, who is recused and why."""

    application: Application
    assignments: list[Assignment] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    eligible: int = 0

    @property
    def submitted(self) -> int:
        return sum(1 for assignment in self.assignments if _submitted(assignment))

    @property
    def recused_members(self) -> list[CommitteeMember]:
        seen, members = set(), []
        for conflict in self.conflicts:
            if conflict.recused and conflict.member_id not in seen:
                seen.add(conflict.member_id)
                members.append(conflict.member)
        return members


def _submitted(assignment: Assignment) -> bool:
    review = getattr(assignment, "review", None)
    return review is not None and review.is_submitted


def round_board(*, round: CommitteeRound) -> list[BoardRow]:
    """The round's applications with assignments, review states and conflicts (4 queries)."""
    rows = {
        entry.application_id: BoardRow(application=entry.application)
        for entry in RoundApplication.objects.filter(round=round)
        .select_related("application__organization", "application__mini_cluster")
        .order_by("application__reference")
    }
    for assignment in (
        Assignment.objects.filter(round=round)
        .select_related("member__expert__person", "review")
        .order_by("member__expert__person__name_ko", "id")
    ):
        if assignment.application_id in rows:
            rows[assignment.application_id].assignments.append(assignment)
    recused: dict[int, set[int]] = defaultdict(set)
    for conflict in (
        Conflict.objects.filter(round=round)
        .select_related("member__expert__person")
        .order_by("member__expert__person__name_ko", "reason")
    ):
        if conflict.application_id in rows:
            rows[conflict.application_id].conflicts.append(conflict)
            if conflict.recused:
                recused[conflict.application_id].add(conflict.member_id)
    member_count = CommitteeMember.objects.filter(round=round).count()
    for application_id, row in rows.items():
        row.eligible = member_count - len(recused[application_id])
    return list(rows.values())


def application_candidates(*, actor: Actor, round: CommitteeRound) -> QuerySet[Application]:
    """Applications in committee review the actor serves, not yet before an open round."""
    queryset = (
        Application.objects.filter(state=workflow.State.COMMITTEE_REVIEW, year=round.year)
        .exclude(
            pk__in=RoundApplication.objects.filter(round__state=RoundState.OPEN).values(
                "application_id"
            )
        )
        .select_related("organization", "mini_cluster__hub")
        .order_by("reference")
    )
    if round.support_type_id:
        queryset = queryset.filter(support_type_id=round.support_type_id)
    if actor.is_program_office:
        return queryset
    served = Q(pk__in=[])
    if actor.zone_ids:
        served |= Q(mini_cluster__hub__zone_id__in=actor.zone_ids)
    if actor.complex_ids:
        served |= Q(mini_cluster__hub_id__in=actor.complex_ids)
    return queryset.filter(served)


def expert_candidates(*, round: CommitteeRound) -> QuerySet[ExpertProfile]:
    """Available experts of the pool who do not sit on this committee yet."""
    return (
        ExpertProfile.objects.filter(is_available=True)
        .exclude(committee_seats__round=round)
        .select_related("person")
        .order_by("person__name_ko", "id")
    )


def reviewer_assignments(*, actor: Actor) -> QuerySet[Assignment]:
    """The actor's own assignments without a recusing conflict, newest round first."""
    return (
        policies.reviewer_assignments_scope(actor)
        .select_related("round", "application__organization", "application__support_type", "review")
        .order_by("-round__year", "-round__id", "application__reference")
    )


def rubric_criteria(*, rubric: Rubric) -> list[Criterion]:
    """A rubric's criteria in their order."""
    return list(rubric.criteria.all())
