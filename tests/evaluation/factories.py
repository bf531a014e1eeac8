"""Factories for evaluation: index systems and indicators, goals, evaluator input."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from clusterhub.evaluation.models import (
    EvaluatorInput,
    Goal,
    IndexSystem,
    Indicator,
    Level,
    Nature,
    ScoringRule,
    SystemStatus,
)


class IndexSystemFactory(DjangoModelFactory):
    class Meta:
        model = IndexSystem

    year = factory.Sequence(lambda n: 2030 + n)
    level = Level.MINI_CLUSTER
    name_ko = factory.LazyAttribute(lambda o: f"{o.year} 평가지표")
    name_en = factory.LazyAttribute(lambda o: f"{o.year} evaluation indexes")
    status = SystemStatus.PUBLISHED


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    system = factory.SubFactory(IndexSystemFactory)
    code = factory.Sequence(lambda n: str(n + 1))
    position = factory.Sequence(lambda n: n)
    name_ko = factory.Sequence(lambda n: f"지표 {n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    nature = Nature.QUANTITATIVE
    weight = Decimal("100")
    rule = ScoringRule.RANK
    metric = "activities_held"


class GroupFactory(IndicatorFactory):
    nature = Nature.GROUP
    rule = ""
    metric = ""


class QualitativeFactory(IndicatorFactory):
    nature = Nature.QUALITATIVE
    rule = ScoringRule.EVALUATOR
    metric = ""


class EvaluatorInputFactory(DjangoModelFactory):
    class Meta:
        model = EvaluatorInput

    indicator = factory.SubFactory(QualitativeFactory)
    entity_id = 1
    score = Decimal("80")
    evidence = "Site visit and the annual plan"


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    level = Level.ZONE
    entity_id = 1
    metric = "activities_held"
    metric_ko = "활동 개최"
    metric_en = "Activities held"
    unit_ko = "건"
    unit_en = "activities"
    base_year = 2025
    base_value = Decimal("10")
    goal_year = 2026
    goal_value = Decimal("20")
    actual_value = Decimal("18")
