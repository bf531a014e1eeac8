"""A small, deterministic demo population so every page has content after `make run`.

Everything generated here is marked `is_demo=True` and shown with a "demo" badge. The same
seed gives the same organizations, people, memberships and activities. Proportions follow
the sources where they give them: the expert pool is 71% technology / 29% business
administration and 50% university, 13% institute, 11% support organization, 26% other
(`003_…` [Pool of Experts on Industry-University-Institute], 2010).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.test.utils import override_settings
from simple_history.utils import bulk_create_with_history

from clusterhub.accounts.models import Role, RoleGrant, User
from clusterhub.demo.evaluation_population import evaluation_populate
from clusterhub.demo.pipeline_population import (
    demo_committees_generate,
    demo_outcomes_generate,
    demo_pipeline_generate,
)
from clusterhub.demo.survey_population import surveys_populate
from clusterhub.directory.models import (
    Affiliation,
    CompanySize,
    ExpertField,
    ExpertProfile,
    Organization,
    OrganizationKind,
    Person,
)
from clusterhub.geography.models import Complex, Zone
from clusterhub.industries.models import Industry
from clusterhub.networks.models import (
    ActivityKind,
    Attendance,
    MembershipRole,
    MiniCluster,
    MiniClusterMembership,
    NetworkingActivity,
    SIGMembership,
    SpecialInterestGroup,
)

DEMO_SEED = 2010
DEMO_PASSWORD = "cluster-demo-2026"
# Activities are dated in the three years before this day, whatever day the demo is built.
DEMO_TODAY = datetime.date(2026, 11, 1)

SURNAMES = [
    ("김", "Kim"),
    ("이", "Lee"),
    ("박", "Park"),
    ("최", "Choi"),
    ("정", "Jung"),
    ("강", "Kang"),
    ("조", "Cho"),
    ("윤", "Yoon"),
    ("장", "Jang"),
    ("임", "Lim"),
    ("한", "Han"),
    ("오", "Oh"),
    ("서", "Seo"),
    ("신", "Shin"),
    ("권", "Kwon"),
]
GIVEN = [
    ("민준", "Min-jun"),
    ("서연", "Seo-yeon"),
    ("도윤", "Do-yun"),
    ("지우", "Ji-woo"),
    ("하준", "Ha-jun"),
    ("수아", "Su-ah"),
    ("예준", "Ye-jun"),
    ("지민", "Ji-min"),
    ("현우", "Hyun-woo"),
    ("은서", "Eun-seo"),
    ("성민", "Sung-min"),
    ("유진", "Yu-jin"),
    ("재훈", "Jae-hoon"),
    ("다은", "Da-eun"),
    ("태윤", "Tae-yun"),
    ("소희", "So-hee"),
]
COMPANY_STEMS = [
    ("한빛", "Hanbit"),
    ("누리", "Nuri"),
    ("미래", "Mirae"),
    ("세움", "Seum"),
    ("가온", "Gaon"),
    ("다올", "Daol"),
    ("별빛", "Byeolbit"),
    ("온새", "Onsae"),
    ("라온", "Raon"),
    ("새솔", "Saesol"),
    ("하람", "Haram"),
    ("도담", "Dodam"),
    ("아라", "Ara"),
    ("솔빛", "Solbit"),
    ("태극", "Taeguk"),
    ("푸름", "Pureum"),
]
COMPANY_SUFFIXES = [
    ("테크", "Tech"),
    ("정밀", "Precision"),
    ("산업", "Industries"),
    ("시스템", "Systems"),
    ("솔루션", "Solutions"),
    ("포토닉스", "Photonics"),
    ("소재", "Materials"),
    ("엔지니어링", "Engineering"),
]
ACTIVITY_TITLES = {
    ActivityKind.FORUM: ("{mc} 포럼", "{mc} forum"),
    ActivityKind.TECHNOLOGY_SEMINAR: ("{mc} 기술세미나", "{mc} technology seminar"),
    ActivityKind.WORKSHOP: ("{mc} 워크숍", "{mc} workshop"),
    ActivityKind.REGULAR_MEETING: ("{mc} 정기모임", "{mc} regular meeting"),
    ActivityKind.POLICY_BRIEFING: ("{mc} 정책설명회", "{mc} policy briefing"),
    ActivityKind.EXCHANGE_SEMINAR: ("{mc} 교류세미나", "{mc} exchange seminar"),
    ActivityKind.COMPANY_VISIT: (
        "{mc} 현장방문(과제발굴)",
        "{mc} company visit (project discovery)",
    ),
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    description: str


DEMO_ACCOUNTS = [
    DemoAccount("office", "Program office", "national HQ: every zone, the admin site"),
    DemoAccount("honam", "Regional staff", "Honam zone (Gwangju, Gunsan, Daebul, Iksan)"),
    DemoAccount("coordinator", "Mini-cluster coordinator", "the six Gwangju mini clusters"),
    DemoAccount("company", "Company member", "a demo Gwangju company with a finished project"),
    DemoAccount("expert", "Expert", "an expert-pool member"),
    DemoAccount("committee", "Committee member", "evaluation committee"),
    DemoAccount("reviewer1", "Committee member", "reviews assigned (also reviewer2, reviewer3)"),
]


def demo_population_exists() -> bool:
    return Organization.objects.filter(is_demo=True).exists()


def _person_name(rng: random.Random) -> tuple[str, str]:
    surname_ko, surname_en = rng.choice(SURNAMES)
    given_ko, given_en = rng.choice(GIVEN)
    return surname_ko + given_ko, f"{surname_en} {given_en}"


def demo_population_generate(*, seed: int = DEMO_SEED) -> dict[str, int]:
    """Generate the demo population once; returns how many of each record it made.

    The demo's pipeline makes real notifications; their e-mails, sent when the transaction
    commits, go nowhere.
    """
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        return _generate(seed=seed)


@transaction.atomic
def _generate(*, seed: int) -> dict[str, int]:
    if demo_population_exists():
        return {}
    rng = random.Random(seed)
    hubs = list(Complex.objects.filter(is_hub=True).select_related("zone").order_by("code"))
    zones = list(Zone.objects.order_by("position"))
    if not hubs:
        raise RuntimeError("Load the reference data first: clusterhub load-sources")
    industries = {i.code: i for i in Industry.objects.all()}
    hub_industries = {c.pk: list(c.specialized_industries.all()) for c in hubs}
    photonics_subsectors = [i for code, i in industries.items() if code.startswith("photonics.")]
    used_slugs: set[str] = set()

    def slug_for(base: str) -> str:
        slug, n = base, 2
        while slug in used_slugs:
            slug, n = f"{base}-{n}", n + 1
        used_slugs.add(slug)
        return slug

    organizations: list[Organization] = []
    # Companies: more in Gwangju's photonics complex, which the sources describe in detail.
    for hub in hubs:
        count = 14 if hub.code == "gwangju" else 6
        for index in range(count):
            stem_ko, stem_en = rng.choice(COMPANY_STEMS)
            suffix_ko, suffix_en = rng.choice(COMPANY_SUFFIXES)
            if hub.code == "gwangju":
                industry = photonics_subsectors[index % len(photonics_subsectors)]
            else:
                choices = hub_industries[hub.pk] or [None]
                industry = rng.choice(choices)
            size = rng.choices(
                [CompanySize.SMALL_MEDIUM, CompanySize.MIDSIZE, CompanySize.LARGE],
                weights=[85, 11, 4],
            )[0]
            employees = {
                "small_medium": rng.randint(5, 180),
                "midsize": rng.randint(150, 900),
                "large": rng.randint(800, 5000),
            }[size]
            organizations.append(
                Organization(
                    slug=slug_for(f"demo-{hub.code}-{stem_en.lower()}-{suffix_en.lower()}"),
                    kind=OrganizationKind.COMPANY,
                    name_ko=f"(주){stem_ko}{suffix_ko}",
                    name_en=f"{stem_en} {suffix_en} Co., Ltd.",
                    complex=hub,
                    zone=hub.zone,
                    industry=industry,
                    size=size,
                    founded_year=rng.randint(1988, 2021),
                    description_ko=f"{hub.name_ko} 산업단지의 데모 기업입니다.",
                    description_en=f"A demo company in the {hub.name_en} complex.",
                    employees=employees,
                    annual_sales_eok=round(employees * rng.uniform(1.2, 4.0), 1),
                    phone=f"070-0000-{rng.randint(1000, 9999)}",
                    email=f"contact@{stem_en.lower()}{index}.example.invalid",
                    is_demo=True,
                )
            )
    # Universities, institutes, support organizations: one of each per zone.
    for zone in zones:
        for kind, name_ko, name_en in [
            (OrganizationKind.UNIVERSITY, "{z} 데모대학교", "{z} Demo University"),
            (
                OrganizationKind.RESEARCH_INSTITUTE,
                "{z} 데모기술연구원",
                "{z} Demo Technology Institute",
            ),
            (
                OrganizationKind.SUPPORT_ORGANIZATION,
                "{z} 데모기업지원센터",
                "{z} Demo Business Support Center",
            ),
        ]:
            organizations.append(
                Organization(
                    slug=slug_for(f"demo-{zone.code}-{kind.replace('_', '-')}"),
                    kind=kind,
                    name_ko=name_ko.format(z=zone.name_ko),
                    name_en=name_en.format(z=zone.name_en.replace(" Region", "")),
                    zone=zone,
                    description_ko="데모 기관입니다.",
                    description_en="A demo organization.",
                    is_demo=True,
                )
            )
    organizations = bulk_create_with_history(organizations, Organization)
    organizations = list(Organization.objects.filter(is_demo=True).order_by("pk"))
    by_zone: dict[int, list[Organization]] = {}
    for org in organizations:
        by_zone.setdefault(org.zone_id, []).append(org)

    # People: two per organization, with current affiliations.
    people, affiliations = [], []
    for org in organizations:
        for position_ko, position_en in [("대표", "CEO"), ("연구소장", "Head of R&D")][
            : rng.randint(1, 2)
        ]:
            name_ko, name_en = _person_name(rng)
            people.append(
                Person(
                    name_ko=name_ko,
                    name_en=name_en,
                    is_demo=True,
                    email=f"p{len(people)}@demo.example.invalid",
                )
            )
            affiliations.append((len(people) - 1, org, position_ko, position_en))
    people = bulk_create_with_history(people, Person)
    people = list(Person.objects.filter(is_demo=True).order_by("pk"))
    bulk_create_with_history(
        [
            Affiliation(
                person=people[i],
                organization=org,
                position_ko=pko,
                position_en=pen,
                started_on=datetime.date(rng.randint(2008, 2022), rng.randint(1, 12), 1),
            )
            for i, org, pko, pen in affiliations
        ],
        Affiliation,
    )

    # Experts: 40 people, 71% technology, hosted mostly by universities and institutes.
    hosts = {kind: [o for o in organizations if o.kind == kind] for kind in OrganizationKind.values}
    experts = []
    for index in range(40):
        host_kind = rng.choices(
            [
                OrganizationKind.UNIVERSITY,
                OrganizationKind.RESEARCH_INSTITUTE,
                OrganizationKind.SUPPORT_ORGANIZATION,
                OrganizationKind.COMPANY,
            ],
            weights=[50, 13, 11, 26],
        )[0]
        host = rng.choice(hosts[host_kind])
        name_ko, name_en = _person_name(rng)
        person = Person.objects.create(
            name_ko=name_ko,
            name_en=name_en,
            is_demo=True,
            email=f"expert{index}@demo.example.invalid",
        )
        Affiliation.objects.create(
            person=person,
            organization=host,
            position_ko="전문위원",
            position_en="Expert adviser",
            started_on=datetime.date(2015, 3, 1),
        )
        field = (
            ExpertField.TECHNOLOGY if rng.random() < 0.71 else ExpertField.BUSINESS_ADMINISTRATION
        )
        profile = ExpertProfile.objects.create(
            person=person,
            field=field,
            years_of_experience=rng.randint(5, 30),
            is_demo=True,
            skills_ko="기술사업화, 시험분석"
            if field == ExpertField.TECHNOLOGY
            else "마케팅, 경영전략",
            skills_en="technology commercialization, test analysis"
            if field == ExpertField.TECHNOLOGY
            else "marketing, management strategy",
        )
        pool = [i for i in industries.values() if i.parent_id is None]
        profile.industries.set(rng.sample(pool, 2))
        experts.append(profile)

    # Mini clusters: a coordinator each, members from their zone, SIGs and activities.
    mini_clusters = list(MiniCluster.objects.select_related("hub__zone").order_by("slug"))
    coordinators = {}
    for hub in hubs:
        name_ko, name_en = _person_name(rng)
        coordinators[hub.pk] = Person.objects.create(
            name_ko=name_ko,
            name_en=name_en,
            is_demo=True,
            email=f"coordinator-{hub.code}@demo.example.invalid",
        )
    memberships, activities, attendance_plan = [], [], []
    sig_count = 0
    for mc in mini_clusters:
        mc.coordinator = coordinators[mc.hub_id]
        established = rng.choice([2005, 2006, 2008, 2010])  # drawn always: same stream every run
        mc.established_year = mc.established_year or established
        candidates = by_zone.get(mc.hub.zone_id, [])
        local = [o for o in candidates if o.complex_id == mc.hub_id]
        others = [o for o in candidates if o.complex_id != mc.hub_id]
        chosen = rng.sample(local, min(len(local), rng.randint(4, 8)))
        chosen += rng.sample(others, min(len(others), rng.randint(1, 3)))
        members = []
        for position, org in enumerate(chosen):
            joined = datetime.date(rng.randint(2019, 2024), rng.randint(1, 12), rng.randint(1, 28))
            left = None
            if position == len(chosen) - 1 and rng.random() < 0.3:
                left = joined + datetime.timedelta(days=rng.randint(200, 700))
            role = (
                MembershipRole.CHAIR
                if position == 0
                else (
                    MembershipRole.SUPPORTING
                    if org.kind != OrganizationKind.COMPANY
                    else MembershipRole.MEMBER
                )
            )
            memberships.append(
                MiniClusterMembership(
                    mini_cluster=mc, organization=org, joined_on=joined, left_on=left, role=role
                )
            )
            if left is None:
                members.append(org)
        for _ in range(rng.randint(2, 6)):
            kind = rng.choice(list(ACTIVITY_TITLES))
            title_ko, title_en = ACTIVITY_TITLES[kind]
            held = DEMO_TODAY - datetime.timedelta(days=rng.randint(1, 3 * 365))
            activities.append(
                NetworkingActivity(
                    mini_cluster=mc,
                    kind=kind,
                    held_on=held,
                    title_ko=title_ko.format(mc=mc.name_ko),
                    title_en=title_en.format(mc=mc.name_en),
                    venue=f"{mc.hub.name_ko} 산업단지",
                    other_participants=rng.randint(0, 12),
                    is_demo=True,
                )
            )
            attendance_plan.append(rng.sample(members, min(len(members), rng.randint(2, 6))))
        if len(members) >= 3 and rng.random() < 0.35:
            sig_count += 1
            sig = SpecialInterestGroup.objects.create(
                mini_cluster=mc,
                slug=f"{mc.slug}-sig-{sig_count}",
                name_ko=f"{mc.name_ko} 공동연구회",
                name_en=f"{mc.name_en} joint research group",
                topic_ko="공동 기술개발 과제 발굴",
                topic_en="Finding joint technology projects",
                established_on=datetime.date(2023, rng.randint(1, 12), 1),
            )
            sig_members = members[:3]
            sig_complexes = {mc.hub_id} | {o.complex_id for o in sig_members if o.complex_id}
            sig.complexes.set(sig_complexes)
            bulk_create_with_history(
                [
                    SIGMembership(sig=sig, organization=o, joined_on=datetime.date(2023, 6, 1))
                    for o in sig_members
                ],
                SIGMembership,
            )
    MiniCluster.objects.bulk_update(mini_clusters, ["coordinator", "established_year"])
    bulk_create_with_history(memberships, MiniClusterMembership)
    created = bulk_create_with_history(activities, NetworkingActivity)
    created = list(NetworkingActivity.objects.filter(is_demo=True).order_by("pk"))
    bulk_create_with_history(
        [
            Attendance(activity=activity, organization=org, headcount=rng.randint(1, 3))
            for activity, orgs in zip(created, attendance_plan, strict=True)
            for org in orgs
        ],
        Attendance,
    )
    _demo_users(
        people=people, organizations=organizations, experts=experts, coordinators=coordinators
    )
    pipeline = demo_pipeline_generate(rng=rng)
    pipeline.update(demo_committees_generate(rng=rng, password=DEMO_PASSWORD))
    pipeline.update(demo_outcomes_generate(rng=rng, today=DEMO_TODAY))
    pipeline.update(surveys_populate(seed=seed))
    # Evaluation reads everything above (and the surveys), so it comes last.
    pipeline.update(evaluation_populate(seed=seed))
    return {
        "organizations": len(organizations),
        "people": Person.objects.filter(is_demo=True).count(),
        "experts": len(experts),
        "memberships": len(memberships),
        "special interest groups": sig_count,
        "activities": len(created),
        "attendance rows": Attendance.objects.filter(activity__is_demo=True).count(),
        **pipeline,
    }


def _demo_users(*, people, organizations, experts, coordinators) -> None:
    gwangju = Complex.objects.get(code="gwangju")
    honam = gwangju.zone
    led_company = next(o for o in organizations if o.complex_id == gwangju.pk)
    committee_person = experts[1].person

    def make(username: str, person=None, **flags) -> User:
        user = User(
            username=username, email=f"{username}@demo.example.invalid", person=person, **flags
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        return user

    make("office", is_staff=True, is_superuser=True)
    RoleGrant.objects.create(user=User.objects.get(username="office"), role=Role.PROGRAM_OFFICE)
    RoleGrant.objects.create(user=make("honam"), role=Role.REGIONAL_STAFF, zone=honam)
    make("coordinator", person=coordinators[gwangju.pk])
    RoleGrant.objects.create(
        user=make("company"), role=Role.COMPANY_MEMBER, organization=led_company
    )
    make("expert", person=experts[0].person)
    RoleGrant.objects.create(
        user=make("committee", person=committee_person), role=Role.COMMITTEE_MEMBER
    )
