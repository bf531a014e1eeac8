"""The networks steps: mini clusters with their coordinators, members and SIGs, then twenty
years of networking activities and their attendance.

Attendance is the largest table of a national program (~1,000,000 rows) and what the mini
cluster and activity pages aggregate, so the volumes follow the sources: ~98 members per
mini cluster, ~70% of them companies (`003_…` [Mini clusters by year], 2009: 5,413 members,
3,800 of them companies, in 55 mini clusters), and activities per year in the range the
sources print for 2005–2009 (`003_…` [Networking activities by year]: 2,020 to 7,511).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from clusterhub.demo.population import ACTIVITY_TITLES, DEMO_TODAY, _person_name
from clusterhub.demo.scale.build import DemoBuild
from clusterhub.demo.scale.bulk import BATCH_SIZE, chunks, insert
from clusterhub.demo.scale.dataset import DEMO_SOURCE
from clusterhub.demo.scale.presets import STATISTICS_LAST_YEAR
from clusterhub.demo.scale.seeded import by_code, random_day, spread
from clusterhub.directory.models import Person
from clusterhub.geography.models import Complex
from clusterhub.networks.models import (
    Attendance,
    MembershipRole,
    MiniCluster,
    MiniClusterMembership,
    NetworkingActivity,
    SIGMembership,
    SpecialInterestGroup,
)

COMPANY_MEMBER_SHARE = 3_800 / 5_413
MEAN_ATTENDEES = 12.5


def _coordinator(build: DemoBuild, email: str) -> Person:
    name_ko, name_en = _person_name(build.rng)
    return Person(name_ko=name_ko, name_en=name_en, email=email, is_demo=True)


def _mini_clusters_with_coordinators(build: DemoBuild) -> None:
    """A coordinator for each hub (who coordinates its real mini clusters) and demo mini
    clusters, each with its own coordinator, up to the scale's total."""
    rng = build.rng
    real = by_code(MiniCluster.objects.all(), "slug")
    industry_by_id = {i.pk: i for i in build.industries}
    coordinators = [
        _coordinator(build, f"coordinator-{hub.code}@demo.example.invalid") for hub in build.hubs
    ]
    coordinator_of: list[int | None] = [hub.pk for hub in build.hubs]
    new: list[MiniCluster] = []
    for number in range(1, max(0, build.scale.mini_clusters - len(real)) + 1):
        hub = rng.choice(build.hubs)
        specialized = build.complex_industry_ids.get(hub.pk, [])
        industry = (
            industry_by_id[rng.choice(specialized)]
            if specialized
            else rng.choice(build.top_industries)
        )
        coordinators.append(_coordinator(build, f"coordinator-mc{number}@demo.example.invalid"))
        coordinator_of.append(None)
        new.append(
            MiniCluster(
                slug=f"demo-mc-{number:04d}",
                hub=hub,
                industry=industry,
                name_ko=f"데모 {industry.name_ko} {number}",
                name_en=f"Demo {industry.name_en} {number}",
                description_ko="생성된 데모 미니클러스터입니다.",
                description_en="A generated demo mini cluster.",
                established_year=rng.randint(2005, 2015),
                source=DEMO_SOURCE,
            )
        )
    coordinators = insert(Person, coordinators)
    for person, hub_id in zip(coordinators, coordinator_of, strict=True):
        if hub_id is not None:
            build.hub_coordinators[hub_id] = person
    own = iter(p for p, hub_id in zip(coordinators, coordinator_of, strict=True) if hub_id is None)
    for mini_cluster in new:
        mini_cluster.coordinator = next(own)
    new = insert(MiniCluster, new)
    build.report("mini-cluster coordinators", len(coordinators))
    for mini_cluster in real:
        mini_cluster.coordinator = build.hub_coordinators[mini_cluster.hub_id]
        established = rng.choice([2005, 2006, 2008, 2010])  # drawn always: same stream every run
        mini_cluster.established_year = mini_cluster.established_year or established
    MiniCluster.objects.bulk_update(real, ["coordinator", "established_year"])
    build.mini_clusters = sorted(real + new, key=lambda m: m.slug)
    build.report("mini clusters (demo)", len(new))


def _memberships(
    build: DemoBuild, mini_cluster: MiniCluster, hub: Complex
) -> tuple[list[MiniClusterMembership], list[int]]:
    """A mini cluster's members, past and current, and the ids of the current ones.

    About the scale's members per mini cluster, ~70% companies (half of them from the hub
    itself, the rest from its zone), the others supporting organizations of the zone; a
    tenth more have left. The first member chairs.
    """
    rng = build.rng
    target = max(1, build.scale.members_per_mini_cluster + rng.randint(-15, 15))
    target = max(1, round(target * rng.uniform(0.9, 1.1)))
    past = round(target * 0.1)
    wanted = target + past
    company_count = round(wanted * COMPANY_MEMBER_SHARE)
    local = build.companies_by_complex.get(hub.pk, [])
    from_hub = rng.sample(local, min(len(local), company_count // 2))
    chosen_hub = set(from_hub)
    zone_companies = build.companies_by_zone.get(hub.zone_id, [])
    extra = rng.sample(zone_companies, min(len(zone_companies), company_count))
    companies = (
        from_hub + [o for o in extra if o not in chosen_hub][: company_count - len(from_hub)]
    )
    others = build.others_by_zone.get(hub.zone_id, [])
    supporters = rng.sample(others, min(len(others), wanted - company_count))
    supporting = set(supporters)
    members = companies + supporters
    rng.shuffle(members)
    build.members_of[mini_cluster.pk] = members
    first_day = datetime.date(mini_cluster.established_year or 2005, 1, 1)
    last_join = datetime.date(2024, 12, 31)
    memberships, current = [], []
    for position, org_id in enumerate(members):
        joined = random_day(rng, first_day, last_join)
        left = None
        if position >= len(members) - past:
            left = min(
                joined + datetime.timedelta(days=rng.randint(200, 1_500)),
                DEMO_TODAY - datetime.timedelta(days=1),
            )
        else:
            current.append(org_id)
        role = (
            MembershipRole.CHAIR
            if position == 0
            else MembershipRole.MEMBER
            if org_id not in supporting
            else MembershipRole.SUPPORTING
        )
        memberships.append(
            MiniClusterMembership(
                mini_cluster_id=mini_cluster.pk,
                organization_id=org_id,
                joined_on=joined,
                left_on=left,
                role=role,
            )
        )
    return memberships, current


def _sigs(
    build: DemoBuild, mini_cluster: MiniCluster, current: list[int]
) -> list[tuple[SpecialInterestGroup, list[int]]]:
    """Up to three joint research groups (SIGs) of a mini cluster, each with its members
    drawn from the current ones; none when it has fewer than three."""
    rng = build.rng
    sigs = []
    for number in range(1, rng.choices([0, 1, 2, 3], weights=[30, 40, 20, 10])[0] + 1):
        if len(current) < 3:
            break
        sig_members = rng.sample(current, min(len(current), rng.randint(3, 12)))
        sig = SpecialInterestGroup(
            mini_cluster_id=mini_cluster.pk,
            slug=f"{mini_cluster.slug}-sig-{number}",
            name_ko=f"{mini_cluster.name_ko} 공동연구회 {number}",
            name_en=f"{mini_cluster.name_en} joint research group {number}",
            topic_ko="공동 기술개발 과제 발굴",
            topic_en="Finding joint technology projects",
            established_on=datetime.date(rng.randint(2010, 2024), rng.randint(1, 12), 1),
        )
        sigs.append((sig, sig_members))
    return sigs


def _insert_sigs(build: DemoBuild, planned: list[tuple[SpecialInterestGroup, list[int]]]) -> None:
    """The SIGs, their members, and their complexes: the hub, then each member's complex."""
    complex_of_org = {org_id: complex_id for org_id, _k, _z, complex_id, _e in build.organizations}
    hub_of = {m.pk: m.hub_id for m in build.mini_clusters}
    sigs = insert(SpecialInterestGroup, [sig for sig, _members in planned])
    sig_complexes, sig_memberships = [], []
    through = SpecialInterestGroup.complexes.through
    for sig, (_planned, sig_members) in zip(sigs, planned, strict=True):
        build.sigs_of.setdefault(sig.mini_cluster_id, []).append(sig.pk)
        complex_ids = [hub_of[sig.mini_cluster_id]]
        for org_id in sig_members:
            complex_id = complex_of_org.get(org_id)
            if complex_id and complex_id not in complex_ids:
                complex_ids.append(complex_id)
        sig_complexes += [
            through(specialinterestgroup_id=sig.pk, complex_id=c) for c in complex_ids
        ]
        sig_memberships += [
            SIGMembership(sig_id=sig.pk, organization_id=o, joined_on=sig.established_on)
            for o in sig_members
        ]
    through.objects.bulk_create(sig_complexes, batch_size=BATCH_SIZE)
    insert(SIGMembership, sig_memberships)
    build.report("special interest groups", len(sigs))
    build.report("SIG memberships", len(sig_memberships))


def generate_mini_clusters(build: DemoBuild) -> None:
    """Demo mini clusters up to the scale's total, coordinators for all of them, ~98
    members each, and their SIGs; records each mini cluster's members for the activities."""
    _mini_clusters_with_coordinators(build)
    hub_by_id = {c.pk: c for c in build.complexes}
    memberships, sigs = [], []
    for mini_cluster in build.mini_clusters:
        members, current = _memberships(build, mini_cluster, hub_by_id[mini_cluster.hub_id])
        memberships += members
        sigs += _sigs(build, mini_cluster, current)
    insert(MiniClusterMembership, memberships)
    build.report("mini-cluster memberships", len(memberships))
    _insert_sigs(build, sigs)


def generate_activities(build: DemoBuild) -> None:
    """Networking activities over the scale's years with their attendance, spread over the
    mini clusters by their number of members and inserted in chunks, so a million
    attendance rows never sit in memory at once."""
    rng, scale = build.rng, build.scale
    total = round(scale.attendance_rows / MEAN_ATTENDEES)
    weights = [len(build.members_of.get(m.pk, [])) for m in build.mini_clusters]
    per_mini_cluster = spread(total, weights)
    kinds = list(ACTIVITY_TITLES)
    first_year = STATISTICS_LAST_YEAR - scale.statistics_years + 1
    hub_name = {c.pk: c.name_ko for c in build.complexes}
    last_day = DEMO_TODAY - datetime.timedelta(days=1)

    def planned() -> Iterator[tuple[NetworkingActivity, list[tuple[int, int | None, int]]]]:
        for mini_cluster, count in zip(build.mini_clusters, per_mini_cluster, strict=True):
            members = build.members_of.get(mini_cluster.pk, [])
            sigs = build.sigs_of.get(mini_cluster.pk, [])
            first_day = datetime.date(max(first_year, mini_cluster.established_year or 2005), 1, 1)
            for _ in range(count):
                kind = rng.choice(kinds)
                title_ko, title_en = ACTIVITY_TITLES[kind]
                activity = NetworkingActivity(
                    mini_cluster_id=mini_cluster.pk,
                    sig_id=rng.choice(sigs) if sigs and rng.random() < 0.1 else None,
                    kind=kind,
                    held_on=random_day(rng, first_day, last_day),
                    title_ko=title_ko.format(mc=mini_cluster.name_ko),
                    title_en=title_en.format(mc=mini_cluster.name_en),
                    venue=f"{hub_name[mini_cluster.hub_id]} 산업단지",
                    other_participants=rng.randint(0, 12),
                    is_demo=True,
                )
                attendees = rng.sample(members, min(len(members), rng.randint(5, 20)))
                yield (
                    activity,
                    [
                        (
                            org_id,
                            build.first_person_of.get(org_id) if rng.random() < 0.25 else None,
                            rng.randint(1, 3),
                        )
                        for org_id in attendees
                    ],
                )

    activities = attendance = 0
    next_report = max(1, scale.attendance_rows // 10)
    for chunk in chunks(planned(), 2_000):
        created = insert(NetworkingActivity, [activity for activity, _ in chunk])
        rows = [
            Attendance(
                activity_id=activity.pk, organization_id=org_id, person_id=person_id, headcount=n
            )
            for activity, (_a, lines) in zip(created, chunk, strict=True)
            for org_id, person_id, n in lines
        ]
        Attendance.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        activities += len(created)
        attendance += len(rows)
        if attendance >= next_report:
            build.say(f"  … {activities:,} activities, {attendance:,} attendance rows")
            next_report += max(1, scale.attendance_rows // 10)
    build.report("networking activities", activities)
    build.report("attendance rows", attendance)
