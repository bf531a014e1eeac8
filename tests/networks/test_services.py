"""The write path for mini clusters: permissions, validation, history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusterhub.accounts.actors import actor_for
from clusterhub.networks import services
from clusterhub.networks.models import Attendance, MiniCluster, MiniClusterMembership
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_regional_staff_create_a_mini_cluster_under_a_hub_of_their_zone():
    # given
    hub = f.ComplexFactory()
    staff = actor_for(f.RegionalStaffFactory(zone=hub.zone))
    # when
    mini_cluster = services.mini_cluster_create(
        actor=staff, hub=hub, slug="led-2", name_ko="LED 2", name_en="LED 2"
    )
    # then
    history = mini_cluster.history.get()
    assert history.history_user == staff.user
    assert history.history_change_reason == "mini_cluster_create"


def test_regional_staff_may_not_create_under_another_zones_hub():
    hub = f.ComplexFactory()
    staff = actor_for(f.RegionalStaffFactory())
    with pytest.raises(PermissionDenied):
        services.mini_cluster_create(actor=staff, hub=hub, slug="x", name_ko="x", name_en="x")
    assert not MiniCluster.objects.filter(slug="x").exists()


def test_coordinator_may_edit_but_not_move_to_another_hub():
    # given
    mini_cluster = f.MiniClusterFactory()
    coordinator = actor_for(f.CoordinatorFactory(mini_cluster=mini_cluster))
    # when
    services.mini_cluster_update(actor=coordinator, mini_cluster=mini_cluster, name_en="Renamed")
    # then
    mini_cluster.refresh_from_db()
    assert mini_cluster.name_en == "Renamed"
    with pytest.raises(PermissionDenied):
        services.mini_cluster_update(
            actor=coordinator, mini_cluster=mini_cluster, hub=f.ComplexFactory()
        )


def test_update_without_changes_writes_no_history():
    mini_cluster = f.MiniClusterFactory()
    office = actor_for(f.ProgramOfficeFactory())
    before = mini_cluster.history.count()
    services.mini_cluster_update(
        actor=office, mini_cluster=mini_cluster, name_en=mini_cluster.name_en
    )
    assert mini_cluster.history.count() == before


def test_an_invalid_slug_is_refused_and_nothing_saved():
    hub = f.ComplexFactory()
    office = actor_for(f.ProgramOfficeFactory())
    with pytest.raises(ValidationError) as error:
        services.mini_cluster_create(
            actor=office, hub=hub, slug="not a slug", name_ko="a", name_en="a"
        )
    assert "slug" in error.value.message_dict
    assert not MiniCluster.objects.exists()


def test_an_organization_cannot_hold_two_open_memberships():
    # given
    membership = f.MembershipFactory()
    office = actor_for(f.ProgramOfficeFactory())
    # when / then
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            actor=office,
            mini_cluster=membership.mini_cluster,
            organization=membership.organization,
            joined_on=datetime.date(2025, 1, 1),
        )
    assert "organization" in error.value.message_dict


def test_ending_a_membership_keeps_the_record_and_allows_rejoining():
    # given
    membership = f.MembershipFactory(joined_on=datetime.date(2022, 1, 1))
    office = actor_for(f.ProgramOfficeFactory())
    # when
    services.membership_end(actor=office, membership=membership, left_on=datetime.date(2024, 6, 30))
    rejoined = services.membership_add(
        actor=office,
        mini_cluster=membership.mini_cluster,
        organization=membership.organization,
        joined_on=datetime.date(2025, 1, 1),
    )
    # then
    assert MiniClusterMembership.objects.filter(organization=membership.organization).count() == 2
    assert rejoined.is_current
    assert membership.history.first().history_change_reason == "membership_end"


def test_a_membership_cannot_end_before_it_began_or_twice():
    membership = f.MembershipFactory(joined_on=datetime.date(2024, 3, 1))
    office = actor_for(f.ProgramOfficeFactory())
    with pytest.raises(ValidationError):
        services.membership_end(
            actor=office, membership=membership, left_on=datetime.date(2023, 1, 1)
        )
    services.membership_end(actor=office, membership=membership, left_on=datetime.date(2024, 4, 1))
    with pytest.raises(ValidationError):
        services.membership_end(
            actor=office, membership=membership, left_on=datetime.date(2024, 5, 1)
        )


def test_activity_log_records_attendance_with_history():
    # given
    mini_cluster = f.MiniClusterFactory()
    members = [f.MembershipFactory(mini_cluster=mini_cluster).organization for _ in range(3)]
    coordinator = actor_for(f.CoordinatorFactory(mini_cluster=mini_cluster))
    # when
    activity = services.activity_log(
        actor=coordinator,
        mini_cluster=mini_cluster,
        attendance=[services.AttendanceLine(organization=o, headcount=2) for o in members],
        kind="forum",
        title_ko="LED 포럼",
        held_on=datetime.date(2026, 10, 1),
        other_participants=4,
    )
    # then
    assert activity.logged_by == coordinator.user
    assert Attendance.objects.filter(activity=activity).count() == 3
    assert Attendance.history.filter(activity_id=activity.pk).count() == 3


def test_activity_log_refuses_a_duplicate_organization_and_writes_nothing():
    mini_cluster = f.MiniClusterFactory()
    org = f.MembershipFactory(mini_cluster=mini_cluster).organization
    office = actor_for(f.ProgramOfficeFactory())
    with pytest.raises(ValidationError):
        services.activity_log(
            actor=office,
            mini_cluster=mini_cluster,
            attendance=[services.AttendanceLine(organization=org)] * 2,
            kind="forum",
            title_ko="포럼",
            held_on=datetime.date(2026, 10, 1),
        )
    assert not mini_cluster.activities.exists()


def test_activity_log_refuses_a_sig_of_another_mini_cluster():
    mini_cluster = f.MiniClusterFactory()
    office = actor_for(f.ProgramOfficeFactory())
    with pytest.raises(ValidationError):
        services.activity_log(
            actor=office,
            mini_cluster=mini_cluster,
            sig=f.SIGFactory(),
            kind="forum",
            title_ko="포럼",
            held_on=datetime.date(2026, 10, 1),
        )


def test_a_sig_across_complexes_is_cross_complex():
    # given
    mini_cluster = f.MiniClusterFactory()
    other_complex = f.ComplexFactory(zone=mini_cluster.hub.zone)
    office = actor_for(f.ProgramOfficeFactory())
    # when
    local = services.sig_create(
        actor=office, mini_cluster=mini_cluster, slug="local", name_ko="지역", name_en="Local"
    )
    cross = services.sig_create(
        actor=office,
        mini_cluster=mini_cluster,
        slug="cross",
        name_ko="광역",
        name_en="Cross",
        complexes=[mini_cluster.hub, other_complex],
    )
    # then
    assert not local.is_cross_complex
    assert cross.is_cross_complex


def test_joining_a_sig_from_another_complex_makes_it_cross_complex():
    sig = f.SIGFactory()
    office = actor_for(f.ProgramOfficeFactory())
    services.sig_update(actor=office, sig=sig, complexes=[])
    outsider = f.OrganizationFactory(complex=f.ComplexFactory(zone=sig.mini_cluster.hub.zone))
    services.sig_membership_add(
        actor=office, sig=sig, organization=outsider, joined_on=datetime.date(2025, 1, 1)
    )
    assert sig.is_cross_complex
