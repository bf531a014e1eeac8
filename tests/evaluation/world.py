"""The small evaluated program the evaluation tests share (plain functions, so a test's
subprocess can build it too)."""

import datetime
from decimal import Decimal

from clusterhub.evaluation import services
from clusterhub.pipeline.models import Disbursement, Transition
from tests import factories as f
from tests.surveys import factories as sf

YEAR = 2026


def build_program(office, systems_2010) -> dict:
    """A zone with two mini clusters and a year of platform data, the 2026 systems drafted
    from the 2010 ones (`systems_2010`: the mini-cluster and zone systems), evaluator scores
    and a member survey."""
    mc_2010, zone_2010 = systems_2010
    mc_system = services.index_system_draft_from(actor=office, source=mc_2010, year=YEAR)
    zone_system = services.index_system_draft_from(actor=office, source=zone_2010, year=YEAR)
    for system in (mc_system, zone_system):
        services.index_system_publish(actor=office, system=system)

    zone = f.ZoneFactory()
    hub = f.ComplexFactory(zone=zone, is_hub=True)
    strong = f.MiniClusterFactory(hub=hub)
    weak = f.MiniClusterFactory(hub=hub)
    members = [f.MembershipFactory(mini_cluster=strong) for _ in range(2)]
    f.MembershipFactory(mini_cluster=weak)
    for day in (3, 4, 5):
        activity = f.ActivityFactory(mini_cluster=strong, held_on=datetime.date(YEAR, day, 10))
        f.AttendanceFactory(activity=activity, organization=members[0].organization)
    f.AttendanceFactory(activity=activity, organization=members[1].organization)
    weak_activity = f.ActivityFactory(mini_cluster=weak, held_on=datetime.date(YEAR, 6, 1))
    f.ActivityFactory(mini_cluster=weak, held_on=datetime.date(YEAR - 1, 6, 1))  # other year
    f.AttendanceFactory(activity=weak_activity)
    for _ in range(2):
        f.DifficultyFactory(mini_cluster=strong, organization=members[0].organization)
    selected = f.ApplicationFactory(
        mini_cluster=strong, organization=members[0].organization, state="selected",
        requested_amount=Decimal("10"),
    )  # fmt: skip
    for to_state in ("submitted", "committee_review", "selected"):
        Transition.objects.create(
            application=selected, action="x", from_state="draft", to_state=to_state
        )
    Disbursement.objects.create(
        application=selected, amount=Decimal("5"), paid_on=datetime.date(YEAR, 7, 1)
    )
    survey = sf.opened(sf.survey_about(strong))
    question = sf.QuestionFactory(survey=survey)
    sf.answered(survey, {question: 5})
    sf.answered(survey, {question: 4})

    scores = {
        (mc_system, "1", strong.pk): "80",
        (mc_system, "1", weak.pk): "60",
        (zone_system, "2.1", zone.pk): "70",
        (zone_system, "2.2.1", zone.pk): "90",
        (zone_system, "2.3.1", zone.pk): "60",
    }
    for (system, code, entity_id), score in scores.items():
        services.evaluator_input_save(
            actor=office,
            indicator=system.indicators.get(code=code),
            entity_id=entity_id,
            score=Decimal(score),
            evidence="Annual plan and site visit",
        )
    return {
        "zone": zone,
        "strong": strong,
        "weak": weak,
        "mc_system": mc_system,
        "zone_system": zone_system,
    }
