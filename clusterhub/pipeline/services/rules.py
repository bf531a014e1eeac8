"""The support type's rules an application is checked against when it is submitted."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from clusterhub.networks.models import MiniClusterMembership
from clusterhub.pipeline.models import Application, OverLimitAction
from clusterhub.pipeline.workflow import State

# States in which an application still counts against limits and blocks duplicates.
LIVE_STATES = tuple(s for s in State if s not in (State.WITHDRAWN, State.REJECTED))


def application_check_rules(application: Application) -> tuple[list[str], list[str]]:
    """The support type's rules: (refusals, flags for staff). Each names its reason."""
    refusals: list[str] = []
    flags: list[str] = []
    support_type = application.support_type
    organization = application.organization
    if not support_type.offered_in(application.year):
        refusals.append(
            _("%(type)s is not offered in %(year)s.")
            % {"type": support_type.name, "year": application.year}
        )
    if support_type.eligible_sizes and organization.size not in support_type.eligible_sizes:
        refusals.append(
            _("%(type)s is not open to a company of size “%(size)s”.")
            % {"type": support_type.name, "size": organization.get_size_display()}
        )
    if (
        support_type.requires_membership
        and not MiniClusterMembership.objects.filter(
            mini_cluster=application.mini_cluster, organization=organization, left_on__isnull=True
        ).exists()
    ):
        refusals.append(
            _("%(type)s requires membership of the mini cluster %(mc)s.")
            % {"type": support_type.name, "mc": application.mini_cluster.name}
        )
    if (
        support_type.cap_per_project is not None
        and application.requested_amount > support_type.cap_per_project
    ):
        refusals.append(
            _(
                "The requested %(amount)s million KRW exceeds the cap of %(cap)s million "
                "KRW per project."
            )
            % {"amount": application.requested_amount, "cap": support_type.cap_per_project}
        )
    company_share = Decimal(100) - support_type.cofunding_ratio
    if application.budget_total and application.requested_amount > (
        application.budget_total * company_share / 100
    ):
        refusals.append(
            _(
                "The company must fund %(ratio)s%% of the budget: at most %(max)s of "
                "%(budget)s million KRW can be requested."
            )
            % {
                "ratio": support_type.cofunding_ratio,
                "max": (application.budget_total * company_share / 100).quantize(Decimal("0.1")),
                "budget": application.budget_total,
            }
        )
    if application.requested_amount > application.budget_total:
        refusals.append(_("The requested support exceeds the total budget."))
    same_difficulty = (
        Application.objects.filter(
            difficulties__in=application.difficulties.all(), state__in=LIVE_STATES
        )
        .exclude(pk=application.pk)
        .exclude(state=State.DRAFT)
        .distinct()
    )
    for other in same_difficulty:
        refusals.append(
            _("A difficulty of this application is already supported by %(ref)s.")
            % {"ref": other.reference}
        )
    if support_type.yearly_limit_per_company is not None:
        used = (
            Application.objects.filter(
                organization=organization,
                support_type=support_type,
                year=application.year,
                state__in=LIVE_STATES,
            )
            .exclude(pk=application.pk)
            .exclude(state=State.DRAFT)
            .count()
        )
        if used >= support_type.yearly_limit_per_company:
            message = _(
                "%(company)s already has %(used)s application(s) for %(type)s in "
                "%(year)s; the limit is %(limit)s."
            ) % {
                "company": organization.name,
                "used": used,
                "type": support_type.name,
                "year": application.year,
                "limit": support_type.yearly_limit_per_company,
            }
            if support_type.over_limit_action == OverLimitAction.FLAG:
                flags.append(message)
            else:
                refusals.append(message)
    return refusals, flags
