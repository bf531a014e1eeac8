"""The API's lists issue the same number of queries however many rows they hold.

Each list is read twice, with `SMALL` rows and with five times as many, and both counts
must equal the number pinned in `LISTS` (a signed list's count includes its token's
lookup and the actor's roles).
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterhub.statistics.models import Kind, Observation
from tests import factories as f
from tests.api.conftest import API, bearer, token_for
from tests.outcomes import factories as of

pytestmark = pytest.mark.django_db

SMALL = 2
BIG = 5 * SMALL

# path → queries (a list: its count, its page and prefetches; a signed list also looks up
# the token and the actor's grants)
LISTS = {
    "/zones": 3,
    "/complexes": 3,
    "/industries": 2,
    "/organizations": 2,
    "/mini-clusters": 2,
    "/mini-clusters/{slug}": 4,
    "/mini-clusters/{slug}/activities": 3,
    "/success-stories": 2,
    "/statistics/observations": 2,
    "/mini-clusters/{slug}/memberships": 5,
    "/difficulties": 4,
    "/applications": 4,
}


class Growing:
    """A zone, hub and mini cluster, and rows of every listed kind that grow around them."""

    def __init__(self):
        self.hub = f.ComplexFactory()
        self.hub.specialized_industries.set([f.IndustryFactory(), f.IndustryFactory()])
        self.mini_cluster = f.MiniClusterFactory(hub=self.hub, industry=f.IndustryFactory())
        self.table = f.SourceTableFactory()
        self.size = 0

    def grow(self, size):
        for n in range(self.size, size):
            organization = f.OrganizationFactory(complex=self.hub, industry=f.IndustryFactory())
            f.MembershipFactory(mini_cluster=self.mini_cluster, organization=organization)
            f.SIGFactory(mini_cluster=self.mini_cluster)
            f.ActivityFactory(mini_cluster=self.mini_cluster, sig=None)
            f.MiniClusterFactory(hub=f.ComplexFactory(zone=self.hub.zone))
            f.DifficultyFactory(mini_cluster=self.mini_cluster, organization=organization)
            f.ApplicationFactory(mini_cluster=self.mini_cluster, organization=organization)
            project = of.completed_application(
                mini_cluster=self.mini_cluster, organization=organization
            )
            of.published(of.SuccessStoryFactory(application=project))
            Observation.objects.create(
                table=self.table,
                source_row=n + 2,
                row_label=f"row {n}",
                column_label="2010",
                value=Decimal(n),
                printed=str(n),
                unit="%",
                kind=Kind.ACTUAL,
            )
        self.size = size


def _queries(client, url, headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", sorted(LISTS))
def test_a_list_costs_the_same_queries_at_any_size(client, path):
    # given a world, and a program-office token for the signed lists
    world = Growing()
    url = API + path.format(slug=world.mini_cluster.slug)
    signed = path in ("/difficulties", "/applications", "/mini-clusters/{slug}/memberships")
    headers = bearer(token_for(f.ProgramOfficeFactory())) if signed else {}
    # when the list is read at two sizes (after a first call has noted the token's use)
    counts = []
    for size in (SMALL, BIG):
        world.grow(size)
        client.get(url, **headers)
        counts.append(_queries(client, url, headers))
    # then both cost the pinned number of queries
    assert counts == [LISTS[path]] * 2
