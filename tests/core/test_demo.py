"""The demo population: marked as demo, and only generated once (determinism: see
`test_demo_determinism.py`)."""

import pytest
from django.core.management import call_command

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.models import User
from clusterhub.demo.population import DEMO_ACCOUNTS, demo_population_generate
from clusterhub.directory.models import Organization, Person
from clusterhub.networks.models import MiniCluster
from clusterhub.pipeline.models import Application, Difficulty

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo population, generated once for the module's read-only checks."""
    with django_db_blocker.unblock():
        call_command("load_sources", verbosity=0)
        made = demo_population_generate()
    yield made
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def test_everything_generated_is_marked_and_a_second_run_adds_nothing(demo):
    made = demo
    assert made["organizations"] > 100
    assert not Organization.objects.filter(is_demo=False).exists()
    assert not Person.objects.filter(is_demo=False).exists()
    assert demo_population_generate() == {}
    assert Organization.objects.count() == made["organizations"]


def test_every_mini_cluster_has_members_activities_and_a_coordinator(demo):
    assert not MiniCluster.objects.filter(coordinator__isnull=True).exists()
    assert not MiniCluster.objects.filter(memberships__isnull=True).exists()
    assert not MiniCluster.objects.filter(activities__isnull=True).exists()


def test_demo_accounts_hold_the_roles_they_are_listed_with(demo):
    roles = {
        a.username: actor_for(User.objects.get(username=a.username)).roles for a in DEMO_ACCOUNTS
    }
    assert [r.value for r in roles["office"]] == ["program_office"]
    assert [r.value for r in roles["honam"]] == ["regional_staff"]
    assert "coordinator" in [r.value for r in roles["coordinator"]]
    assert [r.value for r in roles["company"]] == ["company_member"]
    assert [r.value for r in roles["expert"]] == ["expert"]
    assert "committee_member" in [r.value for r in roles["committee"]]


def test_the_demo_pipeline_has_applications_in_every_state(demo):
    from clusterhub.pipeline.workflow import State

    states = set(Application.objects.values_list("state", flat=True))
    assert states == set(State.values)
    assert Difficulty.objects.filter(status="open").exists()
