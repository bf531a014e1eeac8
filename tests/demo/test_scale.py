"""The scaled demo generator: deterministic, marked as demo, in the sources' proportions."""

import statistics

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.models import User
from clusterhub.demo import scale as demo_scale
from clusterhub.demo.population import DEMO_ACCOUNTS
from clusterhub.demo.scale import (
    DEMO_DOCUMENT,
    DEMO_NOTE,
    DEMO_SOURCE,
    GENERATOR_VERSION,
    SCALES,
    Scale,
    demo_dataset,
    demo_scale_generate,
)
from clusterhub.directory.models import (
    Affiliation,
    ExpertProfile,
    Organization,
    OrganizationKind,
    Person,
)
from clusterhub.geography.models import Complex
from clusterhub.networks.models import (
    Attendance,
    MiniCluster,
    MiniClusterMembership,
    NetworkingActivity,
)
from clusterhub.statistics.models import Observation, SourceTable

pytestmark = pytest.mark.django_db

TINY = Scale(
    "tiny",
    complexes=40,
    organizations=600,
    experts=60,
    mini_clusters=85,
    attendance_rows=1_500,
    gwangju_photonics_companies=12,
    members_per_mini_cluster=8,
    statistics_years=3,
)


@pytest.fixture
def reference():
    call_command("load_sources", verbosity=0)


class _RollbackError(Exception):
    pass


def _fingerprint():
    return (
        list(
            Organization.objects.order_by("slug").values_list(
                "slug", "name_ko", "kind", "complex__code", "industry__code", "employees"
            )
        ),
        list(Complex.objects.order_by("code").values_list("code", "name_ko", "complex_type")),
        list(
            MiniClusterMembership.objects.order_by(
                "mini_cluster__slug", "organization__slug"
            ).values_list("mini_cluster__slug", "organization__slug", "joined_on", "left_on")
        ),
        sorted(
            NetworkingActivity.objects.values_list(
                "mini_cluster__slug", "held_on", "title_ko", "other_participants"
            )
        ),
        sorted(
            Attendance.objects.values_list(
                "activity__mini_cluster__slug", "activity__held_on", "organization__slug"
            )
        ),
        sorted(ExpertProfile.objects.values_list("person__email", "field", "years_of_experience")),
        sorted(
            Observation.objects.filter(table__document__file_name=DEMO_DOCUMENT).values_list(
                "table__table_id", "row_label", "year", "value"
            )
        ),
    )


def _generated_fingerprint(seed: int):
    """Generate, read the rows, and roll everything back."""
    try:
        with transaction.atomic():
            demo_scale_generate(scale=TINY, seed=seed)
            fingerprint = _fingerprint()
            raise _RollbackError
    except _RollbackError:
        pass
    return fingerprint


def test_same_seed_same_rows_and_another_seed_other_rows(reference):
    # when
    first = _generated_fingerprint(7)
    again = _generated_fingerprint(7)
    other = _generated_fingerprint(8)
    # then
    assert first == again
    assert first != other
    assert len(first[0]) == TINY.organizations


def test_everything_generated_is_marked_as_demo(reference):
    # given the real rows
    real_complexes = set(Complex.objects.values_list("code", flat=True))
    real_mini_clusters = set(MiniCluster.objects.values_list("slug", flat=True))
    real_observations = Observation.objects.count()
    # when
    demo_scale_generate(scale=TINY)
    # then every organization, person, expert and activity is demo data
    for model in (Organization, Person, ExpertProfile, NetworkingActivity):
        assert not model.objects.filter(is_demo=False).exists(), model.__name__
    # generated complexes and mini clusters, which have no demo flag, say so in code and source
    new_complexes = Complex.objects.exclude(code__in=real_complexes)
    assert new_complexes.count() == TINY.complexes - len(real_complexes)
    assert not new_complexes.exclude(code__startswith="demo-").exists()
    assert not new_complexes.exclude(source=DEMO_SOURCE).exists()
    assert not new_complexes.exclude(name_en__contains="Demo").exists()
    new_mini_clusters = MiniCluster.objects.exclude(slug__in=real_mini_clusters)
    assert new_mini_clusters.count() == TINY.mini_clusters - len(real_mini_clusters)
    assert not new_mini_clusters.exclude(slug__startswith="demo-", source=DEMO_SOURCE).exists()
    # generated statistics are in the demo document only, each cell saying so
    demo_tables = SourceTable.objects.filter(document__file_name=DEMO_DOCUMENT)
    assert demo_tables.exists()
    assert not demo_tables.exclude(title_en__startswith="DEMO").exists()
    assert Observation.objects.exclude(table__in=demo_tables).count() == real_observations
    assert not Observation.objects.filter(table__in=demo_tables).exclude(note=DEMO_NOTE).exists()


def test_the_last_year_of_the_demo_statistics_is_what_was_generated(reference):
    # when
    demo_scale_generate(scale=TINY)
    # then each complex's last year equals its generated companies, employees and exports
    gwangju = Organization.objects.filter(complex__code="gwangju")
    cells = dict(
        Observation.objects.filter(
            table__document__file_name=DEMO_DOCUMENT, place="gwangju", year=2025
        ).values_list("metric", "value")
    )
    assert cells["companies"] == gwangju.count()
    assert cells["employees"] == sum(gwangju.values_list("employees", flat=True))
    exports = sum(e for e in gwangju.values_list("exports_musd", flat=True) if e)
    assert float(cells["exports"]) == pytest.approx(float(exports), abs=0.1)


def test_a_second_run_adds_nothing_and_the_dataset_is_recorded(reference):
    # given
    made = demo_scale_generate(scale=TINY, seed=5)
    # when
    again = demo_scale_generate(scale=TINY, seed=5)
    # then
    assert made["organizations"] == TINY.organizations
    assert again == {}
    assert Organization.objects.count() == TINY.organizations
    found = demo_dataset()
    assert (found.scale, found.seed, found.version) == ("tiny", 5, GENERATOR_VERSION)
    assert found.seconds is not None


def test_proportions_follow_the_sources(reference):
    # given a scale large enough for shares to settle
    sized = Scale(
        "proportions",
        complexes=60,
        organizations=4_000,
        experts=1_000,
        mini_clusters=90,
        attendance_rows=5_000,
        gwangju_photonics_companies=40,
        members_per_mini_cluster=20,
        statistics_years=2,
    )
    # when
    demo_scale_generate(scale=sized)
    # then the expert pool is 71% technology and hosted 50/13/11/26 (003 [Pool of Experts])
    experts = ExpertProfile.objects.count()
    assert experts == sized.experts
    technology = ExpertProfile.objects.filter(field="technology").count() / experts
    assert technology == pytest.approx(0.71, abs=0.04)
    hosts = dict(
        Affiliation.objects.filter(person__expert_profile__isnull=False)
        .values_list("organization__kind")
        .annotate(n=Count("id"))
    )
    for kind, share in [
        (OrganizationKind.UNIVERSITY, 0.50),
        (OrganizationKind.RESEARCH_INSTITUTE, 0.13),
        (OrganizationKind.SUPPORT_ORGANIZATION, 0.11),
        (OrganizationKind.COMPANY, 0.26),
    ]:
        assert hosts[kind] / experts == pytest.approx(share, abs=0.04), kind
    # companies' headcounts follow the applications' size bands (003 [Applications by size])
    companies = Organization.objects.filter(kind=OrganizationKind.COMPANY)
    total = companies.count()
    assert companies.filter(employees__lt=50).count() / total == pytest.approx(0.753, abs=0.03)
    assert companies.filter(employees__lt=300).count() / total == pytest.approx(0.971, abs=0.015)
    # Gwangju's photonics complex has the stated number of photonics companies
    gwangju = companies.filter(complex__code="gwangju")
    assert gwangju.count() == sized.gwangju_photonics_companies
    assert not gwangju.exclude(industry__code__startswith="photonics.").exists()
    # mini clusters have about the stated number of current members, ~70% companies
    current = Q(memberships__left_on__isnull=True)
    sizes = MiniCluster.objects.annotate(n=Count("memberships", filter=current)).values_list(
        "n", flat=True
    )
    assert MiniCluster.objects.count() == sized.mini_clusters
    assert statistics.mean(sizes) == pytest.approx(sized.members_per_mini_cluster, rel=0.15)
    open_memberships = MiniClusterMembership.objects.filter(left_on__isnull=True)
    company_share = (
        open_memberships.filter(organization__kind=OrganizationKind.COMPANY).count()
        / open_memberships.count()
    )
    assert company_share == pytest.approx(3_800 / 5_413, abs=0.06)
    # attendance is about the target, at most one row per organization and activity
    assert Attendance.objects.count() == pytest.approx(sized.attendance_rows, rel=0.1)


def test_the_demo_accounts_hold_their_roles(reference):
    # when
    demo_scale_generate(scale=TINY)
    # then
    usernames = ["office", "honam", "coordinator", "company", "expert", "committee"]
    roles = {
        username: [r.value for r in actor_for(User.objects.get(username=username)).roles]
        for username in usernames
    }
    assert set(usernames) <= {a.username for a in DEMO_ACCOUNTS}
    assert roles["office"] == ["program_office"]
    assert roles["honam"] == ["regional_staff"]
    assert "coordinator" in roles["coordinator"]
    assert roles["company"] == ["company_member"]
    assert roles["expert"] == ["expert"]
    assert "committee_member" in roles["committee"]


def test_the_command_shows_progress_for_a_scale(reference, monkeypatch, capsys):
    # given "regional" made tiny for the test
    monkeypatch.setitem(demo_scale.SCALES, "regional", TINY)
    # when
    call_command("generate_demo", scale="regional")
    # then
    output = capsys.readouterr().out
    assert "organizations: 600" in output
    assert "attendance rows" in output
    assert "not generated yet" in output
    assert "Generated in" in output


def test_regional_is_about_a_tenth_of_national():
    national, regional = SCALES["national"], SCALES["regional"]
    for name in ("complexes", "organizations", "experts", "attendance_rows"):
        assert getattr(regional, name) * 10 == getattr(national, name), name
    assert national.mini_clusters == 200
    assert national.gwangju_photonics_companies == 310
