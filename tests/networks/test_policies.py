"""Scopes of the roles: each branch of the mini-cluster policy."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from clusterhub.accounts.actors import ANONYMOUS_ACTOR, actor_for
from clusterhub.accounts.models import Role, RoleGrant
from clusterhub.networks import policies
from clusterhub.networks.models import MiniCluster
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def mini_cluster():
    return f.MiniClusterFactory()


def test_program_office_manages_every_mini_cluster(mini_cluster):
    assert policies.mini_cluster_can_manage(actor_for(f.ProgramOfficeFactory()), mini_cluster)


def test_regional_staff_manage_their_zone_only(mini_cluster):
    own = actor_for(f.RegionalStaffFactory(zone=mini_cluster.hub.zone))
    other = actor_for(f.RegionalStaffFactory())
    assert policies.mini_cluster_can_manage(own, mini_cluster)
    assert not policies.mini_cluster_can_manage(other, mini_cluster)


def test_staff_scoped_to_one_hub_manage_that_hub_only(mini_cluster):
    user = f.UserFactory()
    RoleGrant.objects.create(user=user, role=Role.REGIONAL_STAFF, complex=mini_cluster.hub)
    actor = actor_for(user)
    assert policies.mini_cluster_can_manage(actor, mini_cluster)
    neighbour = f.MiniClusterFactory(hub=f.ComplexFactory(zone=mini_cluster.hub.zone))
    assert not policies.mini_cluster_can_manage(actor, neighbour)


def test_coordinator_manages_their_own_mini_cluster_only(mini_cluster):
    actor = actor_for(f.CoordinatorFactory(mini_cluster=mini_cluster))
    assert policies.mini_cluster_can_manage(actor, mini_cluster)
    assert not policies.mini_cluster_can_manage(actor, f.MiniClusterFactory())
    assert not policies.mini_cluster_can_create(actor)


def test_inactive_mini_clusters_are_hidden_from_the_public(mini_cluster):
    mini_cluster.is_active = False
    mini_cluster.save()
    assert not policies.mini_cluster_can_view(ANONYMOUS_ACTOR, mini_cluster)
    assert policies.mini_cluster_can_view(actor_for(f.ProgramOfficeFactory()), mini_cluster)


def test_a_deactivated_user_holds_no_role(mini_cluster):
    user = f.ProgramOfficeFactory()
    user.is_active = False
    user.save()
    assert actor_for(user).roles == []


def test_role_grant_needs_its_scope():
    from django.core.exceptions import ValidationError

    user = f.UserFactory()
    with pytest.raises(ValidationError):
        RoleGrant(user=user, role=Role.REGIONAL_STAFF).full_clean()
    with pytest.raises(ValidationError):
        RoleGrant(user=user, role=Role.COMPANY_MEMBER).full_clean()
    with pytest.raises(ValidationError):
        RoleGrant(user=user, role=Role.COORDINATOR).full_clean()
    with pytest.raises(ValidationError):
        RoleGrant(user=user, role=Role.PROGRAM_OFFICE, zone=f.ZoneFactory()).full_clean()


@pytest.mark.parametrize(
    "make_user",
    [
        lambda mc: f.ProgramOfficeFactory(),
        lambda mc: f.RegionalStaffFactory(zone=mc.hub.zone),
        lambda mc: f.CoordinatorFactory(mini_cluster=mc),
        lambda mc: f.CompanyMemberFactory(),
        lambda mc: f.UserFactory(),
    ],
    ids=["program office", "regional staff", "coordinator", "company member", "nobody"],
)
def test_the_manage_scope_lists_what_mini_cluster_can_manage_allows(mini_cluster, make_user):
    # given the world's mini cluster, one elsewhere, and an actor
    f.MiniClusterFactory()
    actor = actor_for(make_user(mini_cluster))
    # when
    scoped = set(MiniCluster.objects.filter(policies.mini_cluster_manage_scope(actor)))
    # then the filter and the predicate agree on every mini cluster
    every = MiniCluster.objects.select_related("hub")
    allowed = {mc for mc in every if policies.mini_cluster_can_manage(actor, mc)}
    assert scoped == allowed


def test_a_membership_is_fetched_only_through_its_own_mini_cluster(mini_cluster):
    # given a membership here and one in another mini cluster
    membership = f.MembershipFactory(mini_cluster=mini_cluster)
    elsewhere = f.MembershipFactory()
    manager = actor_for(f.CoordinatorFactory(mini_cluster=mini_cluster))
    # when / then: through its mini cluster it is found, with the mini cluster attached, locked
    with transaction.atomic():
        found = policies.access_membership_for_manage(
            manager, mini_cluster.slug, membership.pk, for_write=True
        )
    assert (found, found.mini_cluster) == (membership, mini_cluster)
    # through another mini cluster it is not found; someone who does not manage it is refused
    with pytest.raises(Http404):
        policies.access_membership_for_manage(manager, mini_cluster.slug, elsewhere.pk)
    with pytest.raises(PermissionDenied):
        policies.access_membership_for_manage(
            actor_for(f.UserFactory()), mini_cluster.slug, membership.pk
        )


def test_a_sig_is_fetched_only_through_its_own_mini_cluster(mini_cluster):
    sig = f.SIGFactory(mini_cluster=mini_cluster)
    elsewhere = f.SIGFactory()
    manager = actor_for(f.ProgramOfficeFactory())
    with transaction.atomic():
        found = policies.access_sig_for_manage(manager, mini_cluster.slug, sig.slug, for_write=True)
    assert (found, found.mini_cluster) == (sig, mini_cluster)
    with pytest.raises(Http404):
        policies.access_sig_for_manage(manager, mini_cluster.slug, elsewhere.slug)
