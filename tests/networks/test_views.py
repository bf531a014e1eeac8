"""Mini-cluster pages through HTTP: the mini-site, and the staff pages that change it."""

import datetime

import pytest
from django.urls import reverse

from clusterhub.networks.models import MiniCluster, MiniClusterMembership
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def mini_cluster():
    return f.MiniClusterFactory(coordinator=f.PersonFactory(name_ko="김코디"))


def test_the_mini_site_shows_members_activities_sigs_and_coordinator(client, mini_cluster):
    # given
    member = f.MembershipFactory(mini_cluster=mini_cluster).organization
    former = f.MembershipFactory(mini_cluster=mini_cluster, left_on=datetime.date(2025, 1, 1))
    activity = f.ActivityFactory(mini_cluster=mini_cluster, other_participants=5)
    f.AttendanceFactory(activity=activity, organization=member, headcount=3)
    sig = f.SIGFactory(mini_cluster=mini_cluster)
    # when
    body = client.get(mini_cluster.get_absolute_url()).content.decode()
    # then
    assert member.name_ko in body
    assert former.organization.name_ko not in body
    assert activity.title_ko in body
    assert sig.name_ko in body
    assert "김코디" in body
    assert ">8<" in body  # 3 recorded + 5 others


def test_staff_create_a_mini_cluster_through_the_form(client):
    hub = f.ComplexFactory()
    client.force_login(f.RegionalStaffFactory(zone=hub.zone))
    response = client.post(
        reverse("networks:mini_cluster_create"),
        {
            "name_ko": "광센서",
            "name_en": "Optical sensors",
            "slug": "optical-sensors",
            "hub": hub.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert MiniCluster.objects.get(slug="optical-sensors").hub == hub


def test_the_create_form_offers_only_hubs_the_staff_serve(client):
    own = f.ComplexFactory()
    other = f.ComplexFactory()
    client.force_login(f.RegionalStaffFactory(zone=own.zone))
    response = client.post(
        reverse("networks:mini_cluster_create"),
        {"name_ko": "x", "name_en": "x", "slug": "x", "hub": other.pk},
    )
    assert response.status_code == 200
    assert "hub" in response.context["form"].errors
    assert not MiniCluster.objects.filter(slug="x").exists()


def test_a_coordinator_edits_their_mini_cluster(client, mini_cluster):
    client.force_login(f.CoordinatorFactory(mini_cluster=mini_cluster))
    url = reverse("networks:mini_cluster_edit", kwargs={"slug": mini_cluster.slug})
    response = client.post(
        url,
        {
            "name_ko": "새 이름",
            "name_en": mini_cluster.name_en,
            "slug": mini_cluster.slug,
            "hub": mini_cluster.hub_id,
            "coordinator": mini_cluster.coordinator_id,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    mini_cluster.refresh_from_db()
    assert mini_cluster.name_ko == "새 이름"
    assert mini_cluster.history.first().history_change_reason == "mini_cluster_update"


def test_log_an_activity_with_attendance(client, mini_cluster):
    members = [f.MembershipFactory(mini_cluster=mini_cluster).organization for _ in range(2)]
    client.force_login(f.CoordinatorFactory(mini_cluster=mini_cluster))
    response = client.post(
        reverse("networks:activity_create", kwargs={"slug": mini_cluster.slug}),
        {
            "kind": "technology_seminar",
            "title_ko": "LED 기술세미나",
            "title_en": "LED seminar",
            "held_on": "2026-11-20",
            "other_participants": 7,
            "attendees": [o.pk for o in members],
        },
    )
    assert response.status_code == 302
    activity = mini_cluster.activities.get()
    assert activity.attendances.count() == 2
    detail = client.get(response["Location"]).content.decode()
    assert "LED 기술세미나" in detail
    assert ">9 (" in detail  # 2 organizations × 1 + 7 others


def test_an_activity_without_a_date_keeps_what_was_typed(client, mini_cluster):
    client.force_login(f.ProgramOfficeFactory())
    response = client.post(
        reverse("networks:activity_create", kwargs={"slug": mini_cluster.slug}),
        {"kind": "forum", "title_ko": "입력한 제목", "held_on": "", "other_participants": 0},
    )
    assert response.status_code == 200
    assert "held_on" in response.context["form"].errors
    assert "입력한 제목" in response.content.decode()


def test_admit_and_end_a_membership(client, mini_cluster):
    # given
    organization = f.OrganizationFactory(complex=mini_cluster.hub)
    client.force_login(f.ProgramOfficeFactory())
    manage = reverse("networks:membership_manage", kwargs={"slug": mini_cluster.slug})
    # when admitted
    response = client.post(
        manage, {"organization": organization.pk, "role": "member", "joined_on": "2025-02-01"}
    )
    assert response.status_code == 302
    membership = MiniClusterMembership.objects.get(mini_cluster=mini_cluster)
    # and the organization is no longer offered
    assert organization not in client.get(manage).context["form"].fields["organization"].queryset
    # when ended through htmx
    end = reverse(
        "networks:membership_end",
        kwargs={"slug": mini_cluster.slug, "membership_id": membership.pk},
    )
    partial = client.post(end, {"left_on": "2026-01-31"}, HTTP_HX_REQUEST="true")
    # then the row comes back, ended
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()
    assert "2026-01-31" in partial.content.decode()
    membership.refresh_from_db()
    assert membership.left_on == datetime.date(2026, 1, 31)


def test_ending_before_joining_shows_the_reason_in_the_row(client, mini_cluster):
    membership = f.MembershipFactory(mini_cluster=mini_cluster, joined_on=datetime.date(2025, 5, 1))
    client.force_login(f.ProgramOfficeFactory())
    end = reverse(
        "networks:membership_end",
        kwargs={"slug": mini_cluster.slug, "membership_id": membership.pk},
    )
    partial = client.post(end, {"left_on": "2024-01-01"}, HTTP_HX_REQUEST="true")
    assert 'role="alert"' in partial.content.decode()
    membership.refresh_from_db()
    assert membership.left_on is None


@pytest.mark.parametrize("size", [2, 12])
def test_mini_cluster_detail_queries_do_not_grow(client, django_assert_max_num_queries, size):
    mini_cluster = f.MiniClusterFactory()
    for _ in range(size):
        organization = f.MembershipFactory(mini_cluster=mini_cluster).organization
        activity = f.ActivityFactory(mini_cluster=mini_cluster)
        f.AttendanceFactory(activity=activity, organization=organization)
        f.SIGFactory(mini_cluster=mini_cluster)
    with django_assert_max_num_queries(10):
        client.get(mini_cluster.get_absolute_url())


@pytest.mark.parametrize("size", [2, 12])
def test_list_pages_queries_do_not_grow(client, django_assert_max_num_queries, size):
    zone = f.ZoneFactory()
    for _ in range(size):
        f.MembershipFactory(mini_cluster=f.MiniClusterFactory(hub=f.ComplexFactory(zone=zone)))
    for url in [
        reverse("networks:mini_cluster_list"),
        reverse("geography:zone_list"),
        reverse("geography:complex_list"),
        reverse("portal:home"),
        reverse("geography:zone_detail", kwargs={"code": zone.code}),
    ]:
        with django_assert_max_num_queries(8):
            client.get(url)
