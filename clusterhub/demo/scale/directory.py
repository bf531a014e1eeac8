"""The directory steps: organizations, their people, and the expert pool.

These are the rows most pages list, filter and count, so their volume and proportions follow
the sources where they give them: companies' headcounts follow the size bands of the
program's applications (`003_…` [Applications by size]), Gwangju's photonics complex holds
the photonics companies of `004_…` table 3, and the expert pool has the fields and hosts of
2010 (`003_…` [Pool of Experts]).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from clusterhub.demo.population import COMPANY_STEMS, COMPANY_SUFFIXES, _person_name
from clusterhub.demo.scale.build import DemoBuild
from clusterhub.demo.scale.bulk import BATCH_SIZE, insert
from clusterhub.demo.scale.geography import ZONE_COMPLEX_WEIGHTS, zone_provinces
from clusterhub.demo.scale.seeded import spread
from clusterhub.directory.models import (
    Affiliation,
    CompanySize,
    ExpertField,
    ExpertProfile,
    Organization,
    OrganizationKind,
    Person,
)
from clusterhub.geography.models import Complex, ComplexType

# `003_…` [Pool of Experts], 2010.
EXPERT_FIELD_WEIGHTS = {ExpertField.TECHNOLOGY: 71, ExpertField.BUSINESS_ADMINISTRATION: 29}
EXPERT_HOST_WEIGHTS = {
    OrganizationKind.UNIVERSITY: 50,
    OrganizationKind.RESEARCH_INSTITUTE: 13,
    OrganizationKind.SUPPORT_ORGANIZATION: 11,
    OrganizationKind.COMPANY: 26,
}
# `003_…` [Applications by size]: cases by employees (under 50, 50–300, over 300).
EMPLOYEE_BANDS = [((1, 49), 75.3), ((50, 299), 21.8), ((300, 5_000), 2.9)]
# Ours: organizations that are not companies, per 1,000 organizations.
OTHER_KINDS_PER_MILLE = {
    OrganizationKind.UNIVERSITY: 25,
    OrganizationKind.RESEARCH_INSTITUTE: 15,
    OrganizationKind.SUPPORT_ORGANIZATION: 15,
    OrganizationKind.LOCAL_GOVERNMENT: 5,
}
OTHER_KIND_NAMES = {
    OrganizationKind.UNIVERSITY: ("데모대학교", "Demo University"),
    OrganizationKind.RESEARCH_INSTITUTE: ("데모기술연구원", "Demo Technology Institute"),
    OrganizationKind.SUPPORT_ORGANIZATION: ("데모기업지원센터", "Demo Business Support Center"),
    OrganizationKind.LOCAL_GOVERNMENT: ("데모지자체", "Demo Local Government"),
}
COMPANIES_OUTSIDE_COMPLEXES = 0.08
# How many companies a complex draws, relative to a general complex.
COMPANY_WEIGHT_BY_TYPE = {
    ComplexType.NATIONAL: 10.0,
    ComplexType.GENERAL: 2.0,
    ComplexType.AGRO_INDUSTRIAL: 0.6,
    ComplexType.URBAN_HIGH_TECH: 3.0,
    ComplexType.UNSPECIFIED: 10.0,
}
HUB_COMPANY_WEIGHT = 30.0


def _employees(rng: random.Random) -> int:
    ((low, high),) = rng.choices(
        [b for b, _ in EMPLOYEE_BANDS], weights=[w for _, w in EMPLOYEE_BANDS]
    )
    if high > 1_000:  # a long tail: log-uniform between 300 and 5,000
        return int(low * (high / low) ** rng.random())
    return rng.randint(low, high)


def _size(employees: int) -> str:
    if employees < 300:
        return CompanySize.SMALL_MEDIUM
    if employees < 1_000:
        return CompanySize.MIDSIZE
    return CompanySize.LARGE


def _companies(build: DemoBuild, count: int, gwangju: Complex | None) -> list[Organization]:
    """`count` companies: Gwangju's photonics companies first, then companies drawn to the
    complexes by type (hubs most), and the rest outside any complex."""
    rng = build.rng
    zone_by_id = {z.pk: z for z in build.zones}
    photonics = [i for i in build.industries if i.code.startswith("photonics.")]
    gwangju_count = min(build.scale.gwangju_photonics_companies, count) if gwangju else 0
    pool = [c for c in build.complexes if c is not gwangju]
    weights = [
        HUB_COMPANY_WEIGHT if c.is_hub else COMPANY_WEIGHT_BY_TYPE[c.complex_type] for c in pool
    ]
    inside = round((count - gwangju_count) * (1 - COMPANIES_OUTSIDE_COMPLEXES))
    placed: list[Complex | None] = [gwangju] * gwangju_count
    placed += rng.choices(pool, weights=weights, k=inside)
    placed += [None] * (count - len(placed))
    zone_weights = [ZONE_COMPLEX_WEIGHTS.get(z.code, 1) for z in build.zones]
    industry_by_id = {i.pk: i for i in build.industries}
    rows: list[Organization] = []
    for number, complex_ in enumerate(placed, start=1):
        stem_ko, stem_en = rng.choice(COMPANY_STEMS)
        second_ko, second_en = rng.choice(COMPANY_STEMS)
        suffix_ko, suffix_en = rng.choice(COMPANY_SUFFIXES)
        zone = (
            zone_by_id[complex_.zone_id] if complex_ else rng.choices(build.zones, zone_weights)[0]
        )
        if complex_ is gwangju and photonics:
            industry = photonics[number % len(photonics)]
            suffix_ko, suffix_en = "포토닉스", "Photonics"
        else:
            specialized = build.complex_industry_ids.get(complex_.pk, []) if complex_ else []
            if specialized and rng.random() < 0.7:
                industry = industry_by_id[rng.choice(specialized)]
            else:
                industry = rng.choice(build.top_industries)
        employees = _employees(rng)
        where_ko = complex_.name_ko if complex_ else zone.name_ko
        where_en = complex_.name_en if complex_ else zone.name_en
        rows.append(
            Organization(
                slug=f"demo-{number:06d}-{stem_en}-{second_en}-{suffix_en}".lower(),
                kind=OrganizationKind.COMPANY,
                name_ko=f"(주){stem_ko}{second_ko}{suffix_ko}",
                name_en=f"{stem_en}{second_en.lower()} {suffix_en} Co., Ltd.",
                complex=complex_,
                zone=zone,
                industry=industry,
                size=_size(employees),
                founded_year=rng.randint(1975, 2024),
                description_ko=f"{where_ko}의 데모 기업입니다.",
                description_en=f"A demo company in {where_en}.",
                employees=employees,
                annual_sales_eok=Decimal(round(employees * rng.uniform(1.2, 4.0), 1)).quantize(
                    Decimal("0.1")
                ),
                exports_musd=(
                    Decimal(round(employees * rng.uniform(0.02, 0.3), 2)).quantize(Decimal("0.01"))
                    if rng.random() < 0.4
                    else None
                ),
                phone=f"070-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                email=f"contact{number}@demo.example.invalid",
                is_demo=True,
            )
        )
    return rows


def _other_organizations(build: DemoBuild, count: int) -> list[Organization]:
    """`count` universities, institutes, support organizations and local governments, in
    the proportions of `OTHER_KINDS_PER_MILLE`, each in a zone's province."""
    rng = build.rng
    zone_weights = [ZONE_COMPLEX_WEIGHTS.get(z.code, 1) for z in build.zones]
    kinds = list(OTHER_KINDS_PER_MILLE)
    rows: list[Organization] = []
    for kind, kind_count in zip(
        kinds, spread(count, [OTHER_KINDS_PER_MILLE[k] for k in kinds]), strict=True
    ):
        label_ko, label_en = OTHER_KIND_NAMES[kind]
        for number in range(1, kind_count + 1):
            zone = rng.choices(build.zones, zone_weights)[0]
            province_ko, province_en = rng.choice(zone_provinces(zone))
            rows.append(
                Organization(
                    slug=f"demo-{kind.replace('_', '-')}-{number:05d}",
                    kind=kind,
                    name_ko=f"{province_ko} {label_ko} {number}",
                    name_en=f"{province_en} {label_en} {number}",
                    zone=zone,
                    description_ko="데모 기관입니다.",
                    description_en="A demo organization.",
                    is_demo=True,
                )
            )
    return rows


def generate_organizations(build: DemoBuild) -> None:
    """Companies in the complexes (Gwangju's are photonics), and universities, institutes,
    support organizations and local governments in each zone.

    Records each organization in the build, with companies by complex and zone (the pools
    mini clusters draw their members from) and exports by complex (the statistics' last
    year).
    """
    gwangju = next((c for c in build.complexes if c.code == "gwangju"), None)
    other_share = sum(OTHER_KINDS_PER_MILLE.values()) / 1_000
    others_total = round(build.scale.organizations * other_share)
    companies = _companies(build, build.scale.organizations - others_total, gwangju)
    rows = insert(Organization, companies + _other_organizations(build, others_total))
    for org in rows:
        build.organizations.append((org.pk, org.kind, org.zone_id, org.complex_id, org.employees))
        if org.kind == OrganizationKind.COMPANY:
            build.companies_by_zone.setdefault(org.zone_id, []).append(org.pk)
            if org.complex_id:
                build.companies_by_complex.setdefault(org.complex_id, []).append(org.pk)
                build.exports_by_complex[org.complex_id] = build.exports_by_complex.get(
                    org.complex_id, Decimal(0)
                ) + (org.exports_musd or 0)
            if gwangju and org.complex_id == gwangju.pk:
                build.gwangju_companies.append(org)
        else:
            build.others_by_zone.setdefault(org.zone_id, []).append(org.pk)
    build.report("organizations", len(rows))


def generate_people(build: DemoBuild) -> None:
    """One or two people per organization (the head, and often a head of R&D); the first
    of each is the one named on attendance rows."""
    rng = build.rng
    people, plan = [], []
    for org_id, *_rest in build.organizations:
        for position_ko, position_en in [("대표", "CEO"), ("연구소장", "Head of R&D")][
            : rng.randint(1, 2)
        ]:
            name_ko, name_en = _person_name(rng)
            people.append(
                Person(
                    name_ko=name_ko,
                    name_en=name_en,
                    email=f"p{len(people)}@demo.example.invalid",
                    is_demo=True,
                )
            )
            plan.append((org_id, position_ko, position_en, rng.randint(1995, 2024)))
    people = insert(Person, people)
    affiliations = []
    for person, (org_id, position_ko, position_en, year) in zip(people, plan, strict=True):
        build.first_person_of.setdefault(org_id, person.pk)
        affiliations.append(
            Affiliation(
                person_id=person.pk,
                organization_id=org_id,
                position_ko=position_ko,
                position_en=position_en,
                started_on=datetime.date(year, 3, 1),
            )
        )
    insert(Affiliation, affiliations)
    build.report("people", len(people))
    build.report("affiliations", len(affiliations))


def generate_experts(build: DemoBuild) -> None:
    """The expert pool, in the fields and hosts of the 2010 pool, each expert affiliated
    with a host organization and tagged with two top-level industries."""
    rng = build.rng
    hosts: dict[str, list[int]] = {}
    for org_id, kind, *_rest in build.organizations:
        hosts.setdefault(kind, []).append(org_id)
    host_kinds = [k for k in EXPERT_HOST_WEIGHTS if hosts.get(k)]
    host_weights = [EXPERT_HOST_WEIGHTS[k] for k in host_kinds]
    fields, field_weights = list(EXPERT_FIELD_WEIGHTS), list(EXPERT_FIELD_WEIGHTS.values())
    people, plan = [], []
    for number in range(build.scale.experts):
        host_kind = rng.choices(host_kinds, weights=host_weights)[0]
        name_ko, name_en = _person_name(rng)
        people.append(
            Person(
                name_ko=name_ko,
                name_en=name_en,
                email=f"expert{number}@demo.example.invalid",
                is_demo=True,
            )
        )
        plan.append(
            (
                rng.choice(hosts[host_kind]),
                rng.choices(fields, weights=field_weights)[0],
                rng.randint(5, 30),
                [i.pk for i in rng.sample(build.top_industries, 2)],
            )
        )
    people = insert(Person, people)
    affiliations, profiles = [], []
    for person, (host_id, expert_field, years, _industries) in zip(people, plan, strict=True):
        affiliations.append(
            Affiliation(
                person_id=person.pk,
                organization_id=host_id,
                position_ko="전문위원",
                position_en="Expert adviser",
                started_on=datetime.date(2015, 3, 1),
            )
        )
        technology = expert_field == ExpertField.TECHNOLOGY
        profiles.append(
            ExpertProfile(
                person=person,
                field=expert_field,
                years_of_experience=years,
                skills_ko="기술사업화, 시험분석" if technology else "마케팅, 경영전략",
                skills_en=(
                    "technology commercialization, test analysis"
                    if technology
                    else "marketing, management strategy"
                ),
                is_demo=True,
            )
        )
    insert(Affiliation, affiliations)
    profiles = insert(ExpertProfile, profiles)
    through = ExpertProfile.industries.through
    through.objects.bulk_create(
        [
            through(expertprofile_id=profile.pk, industry_id=industry_id)
            for profile, (*_p, industries) in zip(profiles, plan, strict=True)
            for industry_id in industries
        ],
        batch_size=BATCH_SIZE,
    )
    build.expert_profiles = profiles
    build.report("experts", len(profiles))
