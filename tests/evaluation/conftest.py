"""Shared fixtures of the evaluation tests: the source's 2010 systems and a small program."""

from pathlib import Path

import pytest
from django.conf import settings

from clusterhub.accounts.actors import actor_for
from clusterhub.evaluation import services
from clusterhub.evaluation.loading import index_systems_load
from clusterhub.evaluation.models import IndexSystem, Level, RunStatus
from tests import factories as f
from tests.evaluation.world import YEAR, build_program

REFERENCE = Path(settings.DATA_DIR) / "reference"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Report files go to a temporary directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="module")
def office(module_transaction):
    return actor_for(f.ProgramOfficeFactory())


@pytest.fixture(scope="module")
def systems_2010(module_transaction):
    """The source's 2010 systems, loaded once for the module (`module_transaction`)."""
    index_systems_load(REFERENCE)
    return (
        IndexSystem.objects.get(year=2010, level=Level.MINI_CLUSTER),
        IndexSystem.objects.get(year=2010, level=Level.ZONE),
    )


@pytest.fixture(scope="module")
def program(systems_2010, office):
    """A zone with two mini clusters and a year of platform data, the 2026 systems drafted
    from the 2010 ones, evaluator scores and a member survey (`world.build_program`), built
    once for the module; each test's writes are rolled back to it."""
    return build_program(office, systems_2010)


@pytest.fixture
def office_user():
    return f.ProgramOfficeFactory()


@pytest.fixture
def computed(program, django_capture_on_commit_callbacks):
    """The small program, recomputed for its year."""
    with django_capture_on_commit_callbacks(execute=True):
        run = services.recomputation_start(actor=None, year=YEAR)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    return {**program, "run": run}
