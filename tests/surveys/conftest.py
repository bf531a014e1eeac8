import pytest

from clusterhub.accounts.actors import actor_for
from tests import factories as f


@pytest.fixture
def english():
    """For tests that read the interface's words: the English msgids, whatever the catalogue."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def zone():
    return f.ZoneFactory()


@pytest.fixture
def hub(zone):
    return f.ComplexFactory(zone=zone)


@pytest.fixture
def mini_cluster(hub):
    return f.MiniClusterFactory(hub=hub)


@pytest.fixture
def office():
    return actor_for(f.ProgramOfficeFactory())


@pytest.fixture
def staff(zone):
    return actor_for(f.RegionalStaffFactory(zone=zone))
