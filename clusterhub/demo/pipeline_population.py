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
    # Each demo application was drafted a month before its first step.
    for application in Application.objects.filter(is_demo=True).only("pk", "year"):
        Application.objects.filter(pk=application.pk).update(
            created_at=datetime.datetime(application.year, 1, 1, tzinfo=datetime.UTC)
        )
    # A difficulty found at an activity dates from it; one reported on its own, from the
    # start of the year of the application it became (or the demo's today, still open).
    for difficulty in Difficulty.objects.filter(is_demo=True).select_related("activity"):
        application = difficulty.applications.order_by("year").first()
        if difficulty.activity is not None:
            day = difficulty.activity.held_on
        elif application is not None:
            day = datetime.date(application.year, 1, 1)
        else:
            continue
        Difficulty.objects.filter(pk=difficulty.pk).update(
            created_at=datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)
        )


# ---------------------------------------------------------------- committees and outcomes

RUBRIC = [
    ("기술성", "Technical merit", 30, 10),
    ("사업화 가능성", "Commercial potential", 30, 10),
    ("수행 역량", "Capability to deliver", 20, 5),
    ("파급 효과", "Spill-over to the mini cluster", 20, 5),
]
REVIEWER_COUNT = 3


def demo_committees_generate(*, rng: random.Random, password: str) -> dict[str, int]:
    """A committee per year with applications in review: experts seated (one of them with a
    detected conflict), assignments, and submitted reviews so results show."""
    from clusterhub.directory.models import Affiliation, ExpertProfile
    from clusterhub.review import services as review
    from clusterhub.review.models import Assignment, Conflict

    office = actor_for(User.objects.get(username="office"))
    rubric = review.rubric_create(
        actor=office,
        name_ko="2026 기업성장 과제 평가표",
        name_en="2026 company growth rubric",
        criteria=[review.CriterionInput(ko, en, weight, top) for ko, en, weight, top in RUBRIC],
    )
    committee_expert = User.objects.get(username="committee").person.expert_profile
    pool = list(
        ExpertProfile.objects.filter(is_demo=True, person__user__isnull=True)
        .select_related("person")
        .order_by("pk")
    )
    reviewers = [committee_expert]
    for index, expert in enumerate(pool[:REVIEWER_COUNT]):
        user = User(
            username=f"reviewer{index + 1}",
            person=expert.person,
            email=f"reviewer{index + 1}@demo.example.invalid",
        )
        user.set_password(password)
        user.save()
        reviewers.append(expert)
    conflicted = pool[REVIEWER_COUNT]
    years = sorted(
        set(
            Application.objects.filter(state="committee_review", is_demo=True).values_list(
                "year", flat=True
            )
        )
    )
    rounds = 0
    for year in years:
        applications = list(
            Application.objects.filter(state="committee_review", year=year, is_demo=True).order_by(
                "reference"
            )
        )
        # The conflicted expert works at the first applicant: detection must catch it.
        Affiliation.objects.get_or_create(
            person=conflicted.person,
            organization=applications[0].organization,
            defaults={
                "position_ko": "기술고문",
                "position_en": "Technical adviser",
                "started_on": datetime.date(2023, 1, 1),
            },
        )
        committee_round = review.round_create(
            actor=office,
            name=f"{year} 기업성장 지원사업 평가위원회 / {year} company growth committee",
            year=year,
            rubric=rubric,
            quorum=2,
            normalize=year % 2 == 0,
        )
        review.round_add_applications(
            actor=office, round=committee_round, applications=applications
        )
        for expert in [*reviewers, conflicted]:
            review.round_add_member(actor=office, round=committee_round, expert=expert)
        review.round_assign(actor=office, round=committee_round)
        criteria = list(rubric.criteria.order_by("position"))
        for assignment in (
            Assignment.objects.filter(round=committee_round)
            .select_related("member__expert__person__user")
            .order_by("pk")
        ):
            user = assignment.member.user
            if user is None or rng.random() < 0.2:
                continue  # not every reviewer has finished
            review.review_submit(
                actor=actor_for(user),
                assignment=assignment,
                scores={c.pk: rng.randint(c.max_score // 2, c.max_score) for c in criteria},
                comment="데모 평가 의견 / Demo review comment",
                version=0,
            )
        rounds += 1
    return {"committee rounds": rounds, "conflicts of interest": Conflict.objects.count()}


def demo_outcomes_generate(*, rng: random.Random, today: datetime.date) -> dict[str, int]:
    """Baselines and follow-up values for executed projects, some verified, and one
    published success story with the company's consent."""
    from clusterhub.outcomes import services as outcomes
    from clusterhub.outcomes.models import OutcomeMetric, OutcomeRecord, SuccessStory
    from clusterhub.outcomes.schedule import completion_date, followup_due_dates

    office = actor_for(User.objects.get(username="office"))
    projects = (
        Application.objects.filter(
            is_demo=True,
            state__in=["agreement", "execution", "completed", "continued", "follow_up"],
        )
        .select_related("organization", "mini_cluster__hub")
        .order_by("reference")
    )
    bases = {
        "sales": (800, 9000),
        "exports": (0, 3000),
        "employees": (8, 120),
        "patents_certifications": (0, 6),
        "rd_spending": (50, 900),
        "cost_savings": (0, 200),
        "commercialization": (0, 0),
    }
    for application in projects:
        periods = ["baseline"]
        completed_on = completion_date(application)
        if completed_on:
            periods.append("completion")
            periods += [p for p, due in followup_due_dates(completed_on).items() if due <= today]
        for metric in OutcomeMetric.values:
            low, high = bases[metric]
            value = Decimal(rng.randint(low, high))
            for index, period in enumerate(periods):
                if metric == "commercialization":
                    value = Decimal(1 if index and rng.random() < 0.6 else 0)
                elif index:
                    value = (value * Decimal(str(rng.uniform(1.0, 1.25)))).quantize(Decimal(1))
                saved = outcomes.outcome_record_save(
                    actor=office,
                    application=application,
                    organization=application.organization,
                    metric=metric,
                    period=period,
                    value=value,
                    today=today,
                )
                if rng.random() < 0.7:
                    outcomes.outcome_record_verify(actor=office, record=saved.record)
    OutcomeRecord.objects.filter(application__is_demo=True).update(is_demo=True)
    _demo_story(office=office)
    return {
        "outcome records": OutcomeRecord.objects.filter(is_demo=True).count(),
        "success stories": SuccessStory.objects.filter(published_at__isnull=False).count(),
    }


def _demo_story(*, office) -> None:
    """The demo company's finished project becomes a public success story, with consent."""
    from clusterhub.accounts.models import RoleGrant
    from clusterhub.outcomes import services as outcomes
    from clusterhub.outcomes.models import SuccessStory

    candidates = (
        Application.objects.filter(
            is_demo=True,
            state__in=["completed", "continued", "follow_up"],
            outcome_records__verified_at__isnull=False,
        )
        .distinct()
        .order_by("reference")
    )
    application = candidates.filter(mini_cluster__hub__code="gwangju").first() or candidates.first()
    if application is None:
        return
    # The demo company account acts for this Gwangju company, so it can consent (and shows a
    # finished project with its ledger when someone logs in as `company`).
    RoleGrant.objects.filter(user__username="company").update(organization=application.organization)
    story = outcomes.story_save(
        actor=office,
        application=application,
        title_ko=f"{application.organization.name_ko}, 미니클러스터 협력으로 신제품 사업화",
        title_en=f"{application.organization.name_en} brings a new product to market",
        summary_ko="미니클러스터에서 발굴한 애로를 해결해 매출과 고용이 늘었습니다. (데모)",
        summary_en="A difficulty found in the mini cluster was solved; sales and jobs grew. (Demo)",
        body_ko="이 사례는 데모 데이터로 생성되었습니다. 기업은 네트워킹 활동에서 기술 애로를 "
        "제기했고, 코디네이터가 이를 지원 과제로 연결했습니다.",
        body_en="This story is generated demo data. The company raised a technical difficulty "
        "at a networking activity, and the coordinator turned it into a project.",
    )
    consenter = User.objects.filter(
        role_grants__role="company_member", role_grants__organization=application.organization
    ).first()
    if consenter is None:
        return
    outcomes.story_record_consent(actor=actor_for(consenter), story=story)
    outcomes.story_publish(actor=office, story=story)
    SuccessStory.objects.filter(pk=story.pk).update(is_demo=True)
