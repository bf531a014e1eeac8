"""The demo's program evaluation: 2024–2026 index systems drafted from the 2010 ones, evaluator
scores, platform goals, and a recomputation of every year — all through the services, so the
demo shows the same path a program office takes.

The demo's platform data (activities, members, difficulties, projects, outcomes, surveys) is
2024–2026, so the 2010 systems of the source are drafted forward: 2024 from 2010, 2025 from
2024, 2026 from 2025. The 2026 mini-cluster system then changes (a new indicator for
difficulties turned into projects, weights rebalanced) to show scorecards compared across a
change of system by lineage.
"""

from __future__ import annotations

import random
from decimal import Decimal

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.models import User
from clusterhub.evaluation import entities, services
from clusterhub.evaluation.metrics import Scope, metric_value
from clusterhub.evaluation.models import (
    EvaluatorInput,
    Goal,
    IndexSystem,
    Indicator,
    Level,
    Nature,
    ScoringRule,
)
from clusterhub.geography.models import Zone
from clusterhub.networks.models import MiniCluster

DEMO_YEARS = (2024, 2025, 2026)
EVIDENCE = {
    Level.MINI_CLUSTER: (
        "연차 사업계획서, 회의록과 현장 점검 (데모)",
        "Annual plan, meeting minutes and a site visit (demo)",
    ),
    Level.ZONE: (
        "권역 본부 연차 보고서와 중앙평가위원회 발표 (데모)",
        "Regional headquarters' annual report and its hearing before the committee (demo)",
    ),
}
GOAL_METRICS = [
    ("activities_held", "네트워킹 활동 개최", "Networking activities held", "건", "activities"),
    ("applications_selected", "선정 과제", "Projects selected", "건", "projects"),
]


def evaluation_populate(*, seed: int) -> dict[str, int]:
    rng = random.Random(seed + 5)
    office = actor_for(User.objects.get(username="office"))
    systems = []
    for level in (Level.MINI_CLUSTER, Level.ZONE):
        source = IndexSystem.objects.get(year=2010, level=level)
        for year in DEMO_YEARS:
            draft = services.index_system_draft_from(actor=office, source=source, year=year)
            if year == 2026 and level == Level.MINI_CLUSTER:
                _change_2026(office, draft)
            services.index_system_publish(actor=office, system=draft)
            systems.append(draft)
            source = draft

    inputs = 0
    keys = {
        Level.MINI_CLUSTER: dict(MiniCluster.objects.values_list("id", "slug")),
        Level.ZONE: dict(Zone.objects.values_list("id", "code")),
    }
    for system in systems:
        qualitative = list(system.indicators.filter(nature=Nature.QUALITATIVE))
        for entity_id in entities.entity_ids(system.level):
            # An entity is stronger or weaker across the board, year after year (keyed by its
            # code, not its id, so the same seed gives the same scores in any database).
            key = f"{seed}-{system.level}-{keys[system.level][entity_id]}"
            lean = random.Random(key).uniform(-8, 8)
            for indicator in qualitative:
                score = Decimal(str(round(min(98, max(45, rng.gauss(75 + lean, 9))))))
                entered = services.evaluator_input_save(
                    actor=office,
                    indicator=indicator,
                    entity_id=entity_id,
                    score=score,
                    evidence=" / ".join(EVIDENCE[system.level]),
                )
                EvaluatorInput.objects.filter(pk=entered.pk).update(is_demo=True)
                inputs += 1

    goals = 0
    for zone_id in entities.entity_ids(Level.ZONE):
        for code, name_ko, name_en, unit_ko, unit_en in GOAL_METRICS:
            for year in (2025, 2026):
                base, _count = metric_value(code, Scope(Level.ZONE, zone_id), year - 1)
                target = max(Decimal("1"), (base * Decimal(rng.choice(["1.1", "1.2", "1.3"]))))
                goal = Goal(
                    level=Level.ZONE,
                    entity_id=zone_id,
                    metric=code,
                    metric_ko=name_ko,
                    metric_en=name_en,
                    unit_ko=unit_ko,
                    unit_en=unit_en,
                    base_year=year - 1,
                    base_value=base,
                    goal_year=year,
                    goal_value=target.quantize(Decimal("1")),
                    actual_from_platform=True,
                    is_demo=True,
                    source_ko="데모 목표: 전년도 실적에 증가율을 곱한 값",
                    source_en="Demo goal: the previous year's figure times a growth rate",
                )
                services.goal_save(actor=office, goal=goal)
                goals += 1

    runs = 0
    for year in DEMO_YEARS:
        run = services.recomputation_plan(actor=office, year=year)
        services.recomputation_execute(run_id=run.pk)
        runs += 1
    return {
        "index systems drafted": len(systems),
        "evaluator scores": inputs,
        "platform goals": goals,
        "recomputations": runs,
    }


def _change_2026(office, system: IndexSystem) -> None:
    """2026: difficulties turned into projects join group 4; its weights become 7 / 7 / 6."""
    group = system.indicators.get(code="4")
    weights = {"4.1": Decimal("7"), "4.2": Decimal("7")}
    for code, weight in weights.items():
        indicator = system.indicators.get(code=code)
        indicator.weight = weight
        services.indicator_save(actor=office, indicator=indicator)
    services.indicator_save(
        actor=office,
        indicator=Indicator(
            system=system,
            parent=group,
            code="4.3",
            position=group.position + 3,
            name_ko="애로의 과제 전환",
            name_en="Difficulties turned into projects",
            nature=Nature.QUANTITATIVE,
            weight=Decimal("6"),
            unit="difficulties",
            rule=ScoringRule.RANK,
            metric="difficulties_converted",
            lineage="difficulties_converted",
            source="Cluster Hub design (demo change of the 2026 system)",
        ),
    )
