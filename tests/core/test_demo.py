"""The demo population: deterministic, marked as demo, and only generated once."""

import pytest
from django.core.management import call_command

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.models import User
from clusterhub.demo.population import DEMO_ACCOUNTS, demo_population_generate
from clusterhub.directory.models import Organization, Person
from clusterhub.networks.models import MiniCluster, NetworkingActivity
from clusterhub.pipeline.models import Application, Difficulty

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    call_command("load_sources")


def _fingerprint():
    return (
        list(Organization.objects.order_by("slug").values_list("slug", "name_ko", "employees")),
        list(Person.objects.order_by("email").values_list("email", "name_ko")),
        list(
            NetworkingActivity.objects.order_by(
                "mini_cluster__slug", "held_on", "title_ko"
            ).values_list("mini_cluster__slug", "held_on", "other_participants")
        ),
    )


@pytest.mark.django_db(transaction=True)
def test_same_seed_same_population():
    # given a population generated from a seed
    call_command("load_sources", verbosity=0)
    demo_population_generate(seed=7)
    first = _fingerprint()
    # when the database is emptied and the same seed generates again
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_sources", verbosity=0)
    demo_population_generate(seed=7)
    # then everything is the same
    assert _fingerprint() == first


def test_everything_generated_is_marked_and_a_second_run_adds_nothing(reference):
    made = demo_population_generate()
    assert made["organizations"] > 100
    assert not Organization.objects.filter(is_demo=False).exists()
    assert not Person.objects.filter(is_demo=False).exists()
    assert demo_population_generate() == {}
    assert Organization.objects.count() == made["organizations"]


def test_every_mini_cluster_has_members_activities_and_a_coordinator(reference):
    demo_population_generate()
    assert not MiniCluster.objects.filter(coordinator__isnull=True).exists()
    assert not MiniCluster.objects.filter(memberships__isnull=True).exists()
    assert not MiniCluster.objects.filter(activities__isnull=True).exists()


def test_demo_accounts_hold_the_roles_they_are_listed_with(reference):
    demo_population_generate()
    roles = {
        a.username: actor_for(User.objects.get(username=a.username)).roles for a in DEMO_ACCOUNTS
    }
    assert [r.value for r in roles["office"]] == ["program_office"]
    assert [r.value for r in roles["honam"]] == ["regional_staff"]
    assert "coordinator" in [r.value for r in roles["coordinator"]]
    assert [r.value for r in roles["company"]] == ["company_member"]
    assert [r.value for r in roles["expert"]] == ["expert"]
    assert "committee_member" in [r.value for r in roles["committee"]]


def test_the_demo_pipeline_has_applications_in_every_state(reference):
    from clusterhub.pipeline.workflow import State

    demo_population_generate()
    states = set(Application.objects.values_list("state", flat=True))
    assert states == set(State.values)
    assert Difficulty.objects.filter(status="open").exists()
