"""Conflicts of interest, found from the data rather than declared.

For every member and application of a round, `committee_detect_conflicts` checks five
reasons (each explained in `_reasons_for`). "Current" means an affiliation without an end
date or ending today or later; "recent" means ended within the last three years. A member
with a conflict is recused: any assignment they had on that application is removed (with
its review), and `services.round_assign` never gives it back.

Running it again finds the same conflicts and writes nothing new, so it is safe to run
after every change to the round.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import delete_with_reason, save_with_reason
from clusterhub.directory.models import Affiliation, Organization
from clusterhub.networks.models import SIGMembership
from clusterhub.pipeline.models import Application, Participant
from clusterhub.review.models import (
    Assignment,
    CommitteeMember,
    CommitteeRound,
    Conflict,
    ConflictReason,
)

RECENT_YEARS = 3


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def _in_both_languages(render: Callable[[], str]) -> tuple[str, str]:
    """The same sentence in Korean and English; names follow the language too."""
    with translation.override("ko"):
        korean = render()
    with translation.override("en"):
        english = render()
    return korean, english


@dataclass
class _Facts:
    """Everything the rules need, loaded in a fixed number of queries."""

    today: datetime.date
    current_orgs: dict[int, dict[int, Organization]] = field(default_factory=dict)
    past_orgs: dict[int, dict[int, tuple[Organization, datetime.date]]] = field(
        default_factory=dict
    )
    participants: dict[int, dict[int, Organization]] = field(default_factory=dict)
    sigs_of: dict[int, dict[int, object]] = field(default_factory=dict)
    earlier: dict[int, list[Application]] = field(default_factory=dict)
    assigned_earlier: set[tuple[int, int]] = field(default_factory=set)
    earlier_participants: dict[int, set[int]] = field(default_factory=dict)


def _load_facts(
    committee_round: CommitteeRound,
    members: list[CommitteeMember],
    applications: list[Application],
    today: datetime.date,
) -> _Facts:
    facts = _Facts(today=today)
    horizon = years_before(today, RECENT_YEARS)
    person_ids = {member.expert.person_id for member in members}
    current_orgs: dict[int, dict[int, Organization]] = defaultdict(dict)
    past_orgs: dict[int, dict[int, tuple[Organization, datetime.date]]] = defaultdict(dict)
    for affiliation in Affiliation.objects.filter(person_id__in=person_ids).select_related(
        "organization"
    ):
        ended = affiliation.ended_on
        if ended is None or ended >= today:
            current_orgs[affiliation.person_id][affiliation.organization_id] = (
                affiliation.organization
            )
        elif ended >= horizon:
            known = past_orgs[affiliation.person_id].get(affiliation.organization_id)
            if known is None or known[1] < ended:
                past_orgs[affiliation.person_id][affiliation.organization_id] = (
                    affiliation.organization,
                    ended,
                )
    facts.current_orgs, facts.past_orgs = current_orgs, past_orgs

    application_ids = [application.pk for application in applications]
    participants: dict[int, dict[int, Organization]] = defaultdict(dict)
    for participant in Participant.objects.filter(
        application_id__in=application_ids
    ).select_related("organization"):
        participants[participant.application_id][participant.organization_id] = (
            participant.organization
        )
    facts.participants = participants

    member_org_ids = {org_id for orgs in current_orgs.values() for org_id in orgs}
    applicant_ids = {application.organization_id for application in applications}
    sigs_of: dict[int, dict[int, object]] = defaultdict(dict)
    for membership in SIGMembership.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gt=today),
        organization_id__in=member_org_ids | applicant_ids,
    ).select_related("sig"):
        sigs_of[membership.organization_id][membership.sig_id] = membership.sig
    facts.sigs_of = sigs_of

    # Earlier applications: the same company's others, from the three years up to this
    # one's year, that are not before this round.
    candidates = list(
        Application.objects.filter(
            organization_id__in=applicant_ids,
            year__gte=min(application.year for application in applications) - RECENT_YEARS,
            year__lte=max(application.year for application in applications),
        ).exclude(evaluation_entries__round=committee_round)
    )
    for application in applications:
        facts.earlier[application.pk] = [
            other
            for other in candidates
            if other.organization_id == application.organization_id
            and other.pk != application.pk
            and application.year - RECENT_YEARS <= other.year <= application.year
        ]
    earlier_ids = {other.pk for others in facts.earlier.values() for other in others}
    if earlier_ids:
        facts.assigned_earlier = set(
            Assignment.objects.filter(
                application_id__in=earlier_ids,
                member__expert_id__in={member.expert_id for member in members},
            )
            .exclude(round=committee_round)
            .values_list("member__expert_id", "application_id")
        )
        earlier_participants: dict[int, set[int]] = defaultdict(set)
        for application_id, organization_id in Participant.objects.filter(
            application_id__in=earlier_ids
        ).values_list("application_id", "organization_id"):
            earlier_participants[application_id].add(organization_id)
        facts.earlier_participants = earlier_participants
    return facts


def _reasons_for(
    member: CommitteeMember, application: Application, facts: _Facts
) -> dict[str, list[Callable[[], str]]]:
    """The conflicts between one member and one application, each with its sentences."""
    person = member.expert.person
    applicant = application.organization
    current = facts.current_orgs.get(person.pk, {})
    past = facts.past_orgs.get(person.pk, {})
    # The member's other current organizations: the applicant itself is covered by
    # same_organization and would only repeat it.
    others = [org for org_id, org in current.items() if org_id != applicant.pk]
    found: dict[str, list[Callable[[], str]]] = defaultdict(list)

    # same_organization: a current affiliation at the applicant company.
    if applicant.pk in current:
        found[ConflictReason.SAME_ORGANIZATION].append(
            lambda: (
                _("%(person)s currently works at the applicant, %(organization)s.")
                % {"person": person.name, "organization": applicant.name}
            )
        )
    # affiliation: an affiliation at the applicant that ended in the last three years.
    elif applicant.pk in past:
        ended_on = past[applicant.pk][1]
        found[ConflictReason.AFFILIATION].append(
            lambda: (
                _("%(person)s worked at the applicant, %(organization)s, until %(date)s.")
                % {"person": person.name, "organization": applicant.name, "date": ended_on}
            )
        )
    # co_applicant: a current organization is a consortium participant of the application.
    for org in others:
        if org.pk in facts.participants.get(application.pk, {}):
            found[ConflictReason.CO_APPLICANT].append(
                lambda org=org: (
                    _(
                        "%(person)s works at %(organization)s, a consortium participant "
                        "of this application."
                    )
                    % {"person": person.name, "organization": org.name}
                )
            )
    # same_sig: a current organization and the applicant are open members of one SIG.
    applicant_sigs = facts.sigs_of.get(applicant.pk, {})
    for org in others:
        for sig_id, sig in facts.sigs_of.get(org.pk, {}).items():
            if sig_id in applicant_sigs:
                found[ConflictReason.SAME_SIG].append(
                    lambda org=org, sig=sig: (
                        _(
                            "%(organization)s, where %(person)s works, and the applicant are "
                            "both members of the special interest group %(sig)s."
                        )
                        % {"person": person.name, "organization": org.name, "sig": sig.name}
                    )
                )
    # prior_engagement: the member was assigned to an earlier application of the same
    # company, or works at an organization that took part in one.
    for earlier in facts.earlier.get(application.pk, []):
        if (member.expert_id, earlier.pk) in facts.assigned_earlier:
            found[ConflictReason.PRIOR_ENGAGEMENT].append(
                lambda earlier=earlier: (
                    _(
                        "%(person)s was assigned to review %(reference)s (%(year)s), an earlier "
                        "application of the same company."
                    )
                    % {"person": person.name, "reference": earlier.reference, "year": earlier.year}
                )
            )
        for org in others:
            if org.pk in facts.earlier_participants.get(earlier.pk, set()):
                found[ConflictReason.PRIOR_ENGAGEMENT].append(
                    lambda earlier=earlier, org=org: (
                        _(
                            "%(person)s works at %(organization)s, a participant in "
                            "%(reference)s (%(year)s), an earlier application of the same company."
                        )
                        % {
                            "person": person.name,
                            "organization": org.name,
                            "reference": earlier.reference,
                            "year": earlier.year,
                        }
                    )
                )
    return found


@transaction.atomic
def committee_detect_conflicts(
    *,
    round: CommitteeRound,
    actor: Actor | None = None,
    today: datetime.date | None = None,
) -> list[Conflict]:
    """Find every conflict of the round's members with its applications, record the new
    ones, and recuse the members concerned. Returns the conflicts found by this run."""
    committee_round = round
    today = today or timezone.localdate()
    members = list(committee_round.members.select_related("expert__person"))
    applications = [
        entry.application
        for entry in committee_round.entries.select_related("application__organization")
    ]
    if not members or not applications:
        return []
    facts = _load_facts(committee_round, members, applications, today)
    existing = {
        (conflict.member_id, conflict.application_id, conflict.reason): conflict
        for conflict in committee_round.conflicts.all()
    }
    found: list[Conflict] = []
    for application in applications:
        for member in members:
            for reason, sentences in _reasons_for(member, application, facts).items():
                korean, english = (
                    " ".join(parts)
                    for parts in zip(
                        *(_in_both_languages(render) for render in sentences), strict=True
                    )
                )
                conflict = existing.get((member.pk, application.pk, reason))
                if conflict is None:
                    conflict = Conflict(
                        round=committee_round,
                        member=member,
                        application=application,
                        reason=reason,
                        detail_ko=korean,
                        detail_en=english,
                    )
                    save_with_reason(
                        conflict, actor=actor, reason="committee_detect_conflicts", clean=False
                    )
                elif (conflict.detail_ko, conflict.detail_en) != (korean, english):
                    conflict.detail_ko, conflict.detail_en = korean, english
                    save_with_reason(
                        conflict,
                        actor=actor,
                        reason="committee_detect_conflicts",
                        update_fields=["detail_ko", "detail_en", "updated_at"],
                        clean=False,
                    )
                found.append(conflict)
    _recuse(committee_round, actor=actor)
    return found


def _recuse(committee_round: CommitteeRound, *, actor: Actor | None) -> None:
    """Remove the assignments (and their reviews) that a recusing conflict forbids."""
    recused = set(
        committee_round.conflicts.filter(recused=True).values_list("member_id", "application_id")
    )
    if not recused:
        return
    for assignment in committee_round.assignments.select_related("review"):
        if (assignment.member_id, assignment.application_id) not in recused:
            continue
        review = getattr(assignment, "review", None)
        if review is not None:
            delete_with_reason(review, actor=actor, reason="conflict_recusal")
        delete_with_reason(assignment, actor=actor, reason="conflict_recusal")
