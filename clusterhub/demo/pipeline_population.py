"""Demo difficulties and applications in every state of the workflow, made through the
pipeline's own services so their transitions, notifications and history are real.

Categories follow the source's shares of the 8,234 difficulties of 2005–2009 (R&D 922,
general management 4,282, marketing 2,746, personnel 40, other 244: `003_…` [Application
Status by Project Type]).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.core.exceptions import ValidationError

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.models import User
from clusterhub.networks.models import MiniCluster, MiniClusterMembership
from clusterhub.pipeline import services
from clusterhub.pipeline.models import Application, Difficulty, SupportType, Transition

CATEGORY_WEIGHTS = {
    "rd": 922,
    "general_management": 4282,
    "marketing": 2746,
    "personnel": 40,
    "other": 244,
}
DESCRIPTIONS = {
    "rd": "시제품의 광 결합 손실을 줄일 설계 기술이 필요함 / Needs a design to cut optical "
    "coupling loss in its prototype",
    "general_management": "생산 공정 관리 체계가 없어 납기가 늦어짐 / Deliveries slip for "
    "want of production control",
    "marketing": "해외 바이어를 찾을 판로가 없음 / No channel to reach overseas buyers",
    "personnel": "광학 설계 인력을 구하지 못함 / Cannot hire optical design engineers",
    "other": "인증 절차에 대한 안내가 필요함 / Needs guidance through certification",
}
# Where each demo application stops: the actions it takes from draft.
PATHS = [
    [],
    ["submit"],
    ["submit", "pass_screening"],
    ["submit", "pass_screening", "select"],
    ["submit", "pass_screening", "select_conditionally"],
    ["submit", "reject_at_screening"],
    ["submit", "pass_screening", "reject"],
    ["submit", "pass_screening", "select", "sign_agreement"],
    ["submit", "pass_screening", "select", "sign_agreement", "start_execution"],
    ["submit", "pass_screening", "select", "sign_agreement", "start_execution", "complete"],
    [
        "submit",
        "pass_screening",
        "select",
        "sign_agreement",
        "start_execution",
        "continue_next_year",
    ],
    [
        "submit",
        "pass_screening",
        "select",
        "sign_agreement",
        "start_execution",
        "complete",
        "start_follow_up",
    ],
    ["withdraw"],
]
NOTES = {
    "withdraw": "기업 사정으로 철회 / Withdrawn by the company",
    "reject_at_screening": "지원 요건 미충족 / Does not meet the requirements",
    "reject": "평가 점수 미달 / Score below the cut-off",
    "select_conditionally": "시험계획 보완 조건 / On condition of a revised test plan",
}


def demo_pipeline_generate(*, rng: random.Random) -> dict[str, int]:
    office = actor_for(User.objects.get(username="office"))
    support_types = list(SupportType.objects.filter(first_year=2010).order_by("position"))
    if not support_types:
        return {}
    categories, weights = zip(*CATEGORY_WEIGHTS.items(), strict=True)
    applications = 0
    for mini_cluster in MiniCluster.objects.select_related("hub").order_by("slug"):
        members = list(
            MiniClusterMembership.objects.filter(
                mini_cluster=mini_cluster, left_on__isnull=True, organization__kind="company"
            )
            .select_related("organization")
            .order_by("organization__slug")
        )
        activities = list(mini_cluster.activities.order_by("held_on"))
        for membership in members[: rng.randint(1, 3)]:
            category = rng.choices(categories, weights=weights)[0]
            difficulty = services.difficulty_report(
                actor=office,
                organization=membership.organization,
                mini_cluster=mini_cluster,
                category=category,
                description=DESCRIPTIONS[category],
                urgency=rng.choice(["low", "medium", "medium", "high"]),
                activity=rng.choice(activities) if activities else None,
            )
            Difficulty.objects.filter(pk=difficulty.pk).update(is_demo=True)
            if rng.random() < 0.35:
                continue  # stays in the coordinator's inbox
            year = rng.choice([2024, 2025, 2026])
            support_type = rng.choice(support_types)
            application = services.difficulty_convert_to_application(
                actor=office, difficulties=[difficulty], support_type=support_type, year=year
            )
            cap = support_type.cap_per_project or Decimal(20)
            requested = (cap * Decimal(rng.choice(["0.5", "0.7", "0.9"]))).quantize(Decimal("0.1"))
            Application.objects.filter(pk=application.pk).update(
                is_demo=True,
                requested_amount=requested,
                budget_total=(requested * Decimal(2)).quantize(Decimal("0.1")),
                solution_route=rng.choice(
                    [
                        "agency",
                        "innovation_network",
                        "coordinator",
                        "separate_team",
                        "government_policy",
                    ]
                ),
            )
            application.refresh_from_db()
            _walk(application, rng.choice(PATHS), office=office, rng=rng)
            applications += 1
    _backdate_transitions()
    return {
        "difficulties": Difficulty.objects.filter(is_demo=True).count(),
        "applications": applications,
    }


def _walk(application: Application, path: list[str], *, office, rng: random.Random) -> None:
    for action in path:
        if action == "complete":
            start = datetime.date(application.year, 3, 1)
            for n, title in enumerate(["설계 / Design", "시제품 / Prototype"]):
                milestone = services.milestone_add(
                    actor=office,
                    application=application,
                    title=title,
                    due_on=start + datetime.timedelta(days=90 * (n + 1)),
                )
                services.milestone_mark_done(
                    actor=office, milestone=milestone, done_on=milestone.due_on
                )
            services.disbursement_record(
                actor=office,
                application=application,
                amount=application.requested_amount,
                paid_on=start + datetime.timedelta(days=30),
            )
        try:
            services.application_transition(
                actor=office, application=application, action=action, note=NOTES.get(action, "")
            )
        except ValidationError:
            return  # a rule refused it (e.g. the yearly limit): it stays where it is


def _backdate_transitions() -> None:
    """Spread each demo application's steps over its year, in order, for a realistic timeline."""
    transitions = (
        Transition.objects.filter(application__is_demo=True)
        .select_related("application")
        .order_by("application_id", "id")
    )
    updated = []
    step = 0
    current = None
    for transition in transitions:
        if transition.application_id != current:
            current, step = transition.application_id, 0
        step += 1
        transition.at = datetime.datetime(
            transition.application.year, 1, 15, tzinfo=datetime.UTC
        ) + datetime.timedelta(days=40 * step)
        updated.append(transition)
    Transition.objects.bulk_update(updated, ["at"], batch_size=500)
