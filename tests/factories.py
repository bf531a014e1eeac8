"""Factories for the domain and one per role, so permission tests read as a matrix."""

import datetime

import factory
from factory.django import DjangoModelFactory

from clusterhub.accounts.models import Role, RoleGrant, User
from clusterhub.directory.models import (
    CompanySize,
    ExpertField,
    ExpertProfile,
    Organization,
    OrganizationKind,
    Person,
)
from clusterhub.geography.models import Complex, Zone
from clusterhub.industries.models import Industry
from clusterhub.networks.models import (
    ActivityKind,
    Attendance,
    MiniCluster,
    MiniClusterMembership,
    NetworkingActivity,
    SpecialInterestGroup,
)
from clusterhub.pipeline.models import Application, Difficulty, SupportType
from clusterhub.statistics.models import SourceDocument, SourceTable

PASSWORD = "test-password-123"


class IndustryFactory(DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"industry_{n}")
    name_ko = factory.Sequence(lambda n: f"산업{n}")
    name_en = factory.Sequence(lambda n: f"Industry {n}")


class ZoneFactory(DjangoModelFactory):
    class Meta:
        model = Zone

    code = factory.Sequence(lambda n: f"zone-{n}")
    position = factory.Sequence(lambda n: n)
    name_ko = factory.Sequence(lambda n: f"권역{n}")
    name_en = factory.Sequence(lambda n: f"Zone {n}")


class ComplexFactory(DjangoModelFactory):
    class Meta:
        model = Complex

    code = factory.Sequence(lambda n: f"complex-{n}")
    zone = factory.SubFactory(ZoneFactory)
    name_ko = factory.Sequence(lambda n: f"단지{n}")
    name_en = factory.Sequence(lambda n: f"Complex {n}")
    is_hub = True


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    slug = factory.Sequence(lambda n: f"organization-{n}")
    kind = OrganizationKind.COMPANY
    name_ko = factory.Sequence(lambda n: f"(주)기업{n}")
    name_en = factory.Sequence(lambda n: f"Company {n}")
    complex = factory.SubFactory(ComplexFactory)
    zone = factory.LazyAttribute(lambda o: o.complex.zone if o.complex else ZoneFactory())
    size = CompanySize.SMALL_MEDIUM
    employees = 42
    annual_sales_eok = 12.5
    phone = "062-000-0000"


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name_ko = factory.Sequence(lambda n: f"홍길동{n}")
    name_en = factory.Sequence(lambda n: f"Hong Gildong {n}")


class ExpertProfileFactory(DjangoModelFactory):
    class Meta:
        model = ExpertProfile

    person = factory.SubFactory(PersonFactory)
    field = ExpertField.TECHNOLOGY


class MiniClusterFactory(DjangoModelFactory):
    class Meta:
        model = MiniCluster

    slug = factory.Sequence(lambda n: f"mini-cluster-{n}")
    hub = factory.SubFactory(ComplexFactory)
    name_ko = factory.Sequence(lambda n: f"미니클러스터{n}")
    name_en = factory.Sequence(lambda n: f"Mini cluster {n}")


class SIGFactory(DjangoModelFactory):
    class Meta:
        model = SpecialInterestGroup

    slug = factory.Sequence(lambda n: f"sig-{n}")
    mini_cluster = factory.SubFactory(MiniClusterFactory)
    name_ko = factory.Sequence(lambda n: f"연구회{n}")
    name_en = factory.Sequence(lambda n: f"SIG {n}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = MiniClusterMembership

    mini_cluster = factory.SubFactory(MiniClusterFactory)
    organization = factory.SubFactory(
        OrganizationFactory, complex=factory.SelfAttribute("..mini_cluster.hub")
    )
    joined_on = datetime.date(2024, 3, 1)


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = NetworkingActivity

    mini_cluster = factory.SubFactory(MiniClusterFactory)
    kind = ActivityKind.FORUM
    title_ko = factory.Sequence(lambda n: f"포럼{n}")
    title_en = factory.Sequence(lambda n: f"Forum {n}")
    held_on = datetime.date(2025, 5, 20)


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    activity = factory.SubFactory(ActivityFactory)
    organization = factory.SubFactory(OrganizationFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProgramOfficeFactory(UserFactory):
    @factory.post_generation
    def grant(obj, create, extracted, **kwargs):
        RoleGrant.objects.create(user=obj, role=Role.PROGRAM_OFFICE)


class RegionalStaffFactory(UserFactory):
    """Regional staff of `zone=` (a new zone if not given)."""

    @factory.post_generation
    def zone(obj, create, extracted, **kwargs):
        RoleGrant.objects.create(
            user=obj, role=Role.REGIONAL_STAFF, zone=extracted or ZoneFactory()
        )


class CoordinatorFactory(UserFactory):
    """The coordinator of `mini_cluster=`: their person is its coordinator."""

    @factory.post_generation
    def mini_cluster(obj, create, extracted, **kwargs):
        mini_cluster = extracted or MiniClusterFactory()
        obj.person = mini_cluster.coordinator or PersonFactory()
        obj.save()
        mini_cluster.coordinator = obj.person
        mini_cluster.save()


class CompanyMemberFactory(UserFactory):
    """A user acting for `organization=`."""

    @factory.post_generation
    def organization(obj, create, extracted, **kwargs):
        RoleGrant.objects.create(
            user=obj, role=Role.COMPANY_MEMBER, organization=extracted or OrganizationFactory()
        )


class ExpertFactory(UserFactory):
    @factory.post_generation
    def profile(obj, create, extracted, **kwargs):
        obj.person = ExpertProfileFactory().person
        obj.save()


class CommitteeMemberFactory(UserFactory):
    @factory.post_generation
    def grant(obj, create, extracted, **kwargs):
        RoleGrant.objects.create(user=obj, role=Role.COMMITTEE_MEMBER)


class SourceDocumentFactory(DjangoModelFactory):
    class Meta:
        model = SourceDocument

    file_name = factory.Sequence(lambda n: f"{n:03d}_document.txt")
    title_ko = factory.Sequence(lambda n: f"문서{n}")
    title_en = factory.Sequence(lambda n: f"Document {n}")


class SourceTableFactory(DjangoModelFactory):
    class Meta:
        model = SourceTable

    table_id = factory.Sequence(lambda n: f"d999_table_{n}")
    document = factory.SubFactory(SourceDocumentFactory)
    title_ko = factory.Sequence(lambda n: f"표{n}")
    title_en = factory.Sequence(lambda n: f"Table {n}")
    section = "| 표 1 |"
    default_unit = "count"


class SupportTypeFactory(DjangoModelFactory):
    class Meta:
        model = SupportType
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"support-type-{n}")
    name_ko = factory.Sequence(lambda n: f"지원유형{n}")
    name_en = factory.Sequence(lambda n: f"Support type {n}")
    first_year = 2005


class DifficultyFactory(DjangoModelFactory):
    class Meta:
        model = Difficulty

    mini_cluster = factory.SubFactory(MiniClusterFactory)
    organization = factory.SubFactory(
        OrganizationFactory, complex=factory.SelfAttribute("..mini_cluster.hub")
    )
    category = "rd"
    description = factory.Sequence(lambda n: f"Difficulty {n}")


class ApplicationFactory(DjangoModelFactory):
    """An application in any state (`state=`), without transitions; use the services to move it."""

    class Meta:
        model = Application

    reference = factory.Sequence(lambda n: f"T-{n:05d}")
    year = 2026
    support_type = factory.SubFactory(SupportTypeFactory)
    mini_cluster = factory.SubFactory(MiniClusterFactory)
    organization = factory.SubFactory(
        OrganizationFactory, complex=factory.SelfAttribute("..mini_cluster.hub")
    )
    title = factory.Sequence(lambda n: f"Project {n}")
    budget_total = 100
    requested_amount = 60
