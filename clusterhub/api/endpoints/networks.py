"""Public reads of mini clusters: the active ones (a manager's token also sees its inactive
ones, as on the pages), their current members' public fields, SIGs and activities."""

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from clusterhub.api.auth import actor_of
from clusterhub.api.conventions import LimitOffset
from clusterhub.api.problems import problems
from clusterhub.networks import policies
from clusterhub.networks import selectors as networks

router = Router(tags=["mini clusters"])


class MiniClusterOut(Schema):
    slug: str
    name_ko: str
    name_en: str
    hub: str
    zone: str
    industry: str | None
    description_ko: str
    description_en: str
    established_year: int | None
    is_active: bool
    member_count: int

    @staticmethod
    def resolve_hub(mini_cluster) -> str:
        return mini_cluster.hub.code

    @staticmethod
    def resolve_zone(mini_cluster) -> str:
        return mini_cluster.hub.zone.code

    @staticmethod
    def resolve_industry(mini_cluster) -> str | None:
        return mini_cluster.industry.code if mini_cluster.industry_id else None


class MemberOut(Schema):
    """A current member: the organization's public identity and its role."""

    organization: str
    name_ko: str
    name_en: str
    kind: str
    role: str
    joined_on: datetime.date

    @staticmethod
    def resolve_organization(membership) -> str:
        return membership.organization.slug

    @staticmethod
    def resolve_name_ko(membership) -> str:
        return membership.organization.name_ko

    @staticmethod
    def resolve_name_en(membership) -> str:
        return membership.organization.name_en

    @staticmethod
    def resolve_kind(membership) -> str:
        return membership.organization.kind


class SIGOut(Schema):
    slug: str
    name_ko: str
    name_en: str
    topic_ko: str
    topic_en: str
    established_on: datetime.date | None
    is_active: bool
    member_count: int
    complexes: list[str]

    @staticmethod
    def resolve_complexes(sig) -> list[str]:
        return [complex_.code for complex_ in sig.complexes.all()]


class MiniClusterDetailOut(MiniClusterOut):
    members: list[MemberOut] = Field(alias="current_members")
    sigs: list[SIGOut] = Field(alias="sig_list")


class ActivityOut(Schema):
    id: int
    kind: str
    name_ko: str
    name_en: str
    held_on: datetime.date
    venue: str
    sig: str | None
    organization_count: int
    recorded_headcount: int
    other_participants: int
    is_demo: bool

    @staticmethod
    def resolve_name_ko(activity) -> str:
        return activity.title_ko

    @staticmethod
    def resolve_name_en(activity) -> str:
        return activity.title_en

    @staticmethod
    def resolve_sig(activity) -> str | None:
        return activity.sig.slug if activity.sig_id else None


@router.get(
    "/mini-clusters",
    response=list[MiniClusterOut],
    summary="Active mini clusters, by zone, hub and English name",
)
@paginate(LimitOffset)
def mini_cluster_list(request: HttpRequest, zone: str = "", hub: str = ""):
    return networks.mini_cluster_list(zone_code=zone, hub_code=hub)


@router.get("/mini-clusters/{slug}", response={200: MiniClusterDetailOut, **problems(401, 404)})
def mini_cluster_detail(request: HttpRequest, slug: str):
    mini_cluster = policies.access_mini_cluster_for_view(actor_of(request), slug)
    members = list(networks.mini_cluster_current_members(mini_cluster=mini_cluster))
    mini_cluster.current_members = members
    mini_cluster.member_count = len(members)
    mini_cluster.sig_list = list(networks.mini_cluster_sigs(mini_cluster=mini_cluster))
    return mini_cluster


@router.get(
    "/mini-clusters/{slug}/activities",
    response={200: list[ActivityOut], **problems(401, 404)},
    summary="A mini cluster's activities, newest first",
)
@paginate(LimitOffset)
def activity_list(request: HttpRequest, slug: str):
    mini_cluster = policies.access_mini_cluster_for_view(actor_of(request), slug)
    return networks.activity_list(mini_cluster=mini_cluster, limit=None)
