"""Who sees and changes outcomes: each branch of the outcome policy."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from clusterhub.accounts.actors import ANONYMOUS_ACTOR, actor_for
from clusterhub.accounts.models import Role, RoleGrant
from clusterhub.outcomes import policies
from clusterhub.pipeline.models import Participant
from tests import factories as f
from tests.outcomes import factories as of

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    """A completed project with a partner company in its consortium."""
    application = of.completed_application()
    partner = f.OrganizationFactory(complex=application.mini_cluster.hub)
    Participant.objects.create(
        application=application, organization=partner, role="partner_company"
    )
    university = f.OrganizationFactory(kind="university", complex=application.mini_cluster.hub)
    Participant.objects.create(application=application, organization=university, role="university")
    application.partner = partner
    application.university = university
    return application


def test_the_companies_followed_are_the_applicant_and_partner_companies(project):
    assert policies.outcome_organization_ids(project) == {
        project.organization_id,
        project.partner.pk,
    }


def test_staff_of_the_zone_see_and_record_every_company_and_verify(project):
    staff = actor_for(f.RegionalStaffFactory(zone=project.mini_cluster.hub.zone))
    companies = {project.organization_id, project.partner.pk}
    assert policies.ledger_organization_ids(staff, project) == companies
    assert policies.record_editable_organization_ids(staff, project) == companies
    assert policies.record_can_verify(staff, project)


def test_staff_of_another_zone_see_nothing(project):
    staff = actor_for(f.RegionalStaffFactory())
    assert not policies.ledger_can_view(staff, project)
    assert not policies.record_can_verify(staff, project)
    with pytest.raises(PermissionDenied):
        policies.access_application_for_ledger(staff, project.pk)


def test_staff_scoped_to_one_hub_serve_its_projects_only(project):
    user = f.UserFactory()
    RoleGrant.objects.create(user=user, role=Role.REGIONAL_STAFF, complex=project.mini_cluster.hub)
    neighbour = of.completed_application(
        mini_cluster=f.MiniClusterFactory(hub=f.ComplexFactory(zone=project.mini_cluster.hub.zone))
    )
    actor = actor_for(user)
    assert policies.record_can_verify(actor, project)
    assert not policies.ledger_can_view(actor, neighbour)


def test_the_program_office_verifies_everywhere(project):
    assert policies.record_can_verify(actor_for(f.ProgramOfficeFactory()), project)


def test_the_coordinator_sees_every_company_but_neither_records_nor_verifies(project):
    coordinator = actor_for(f.CoordinatorFactory(mini_cluster=project.mini_cluster))
    assert policies.ledger_organization_ids(coordinator, project) == {
        project.organization_id,
        project.partner.pk,
    }
    assert policies.record_editable_organization_ids(coordinator, project) == set()
    assert not policies.record_can_verify(coordinator, project)


def test_a_company_member_sees_and_records_only_its_own_organization(project):
    applicant = actor_for(f.CompanyMemberFactory(organization=project.organization))
    partner = actor_for(f.CompanyMemberFactory(organization=project.partner))
    assert policies.ledger_organization_ids(applicant, project) == {project.organization_id}
    assert policies.ledger_organization_ids(partner, project) == {project.partner.pk}
    assert policies.record_can_edit(partner, project, project.partner.pk)
    assert not policies.record_can_edit(partner, project, project.organization_id)
    assert not policies.record_can_verify(applicant, project)


def test_a_company_member_cannot_open_another_companys_record(project):
    # given the applicant's record
    record = of.OutcomeRecordFactory(application=project)
    partner = actor_for(f.CompanyMemberFactory(organization=project.partner))
    # then the partner may not open it, the applicant may
    with pytest.raises(PermissionDenied):
        policies.access_record(partner, record.pk)
    applicant = actor_for(f.CompanyMemberFactory(organization=project.organization))
    assert policies.access_record(applicant, record.pk) == record


def test_other_companies_committee_members_experts_and_visitors_see_nothing(project):
    for actor in (
        actor_for(f.CompanyMemberFactory()),
        actor_for(f.CommitteeMemberFactory()),
        actor_for(f.ExpertFactory()),
        ANONYMOUS_ACTOR,
    ):
        assert not policies.ledger_can_view(actor, project)
        assert not policies.story_can_edit(actor, project)


def test_the_company_ledger_is_the_companys_and_its_zones_staff(project):
    organization = project.organization
    assert policies.company_ledger_can_view(
        actor_for(f.CompanyMemberFactory(organization=organization)), organization
    )
    assert policies.company_ledger_can_view(
        actor_for(f.RegionalStaffFactory(zone=organization.zone)), organization
    )
    assert not policies.company_ledger_can_view(actor_for(f.RegionalStaffFactory()), organization)
    assert not policies.company_ledger_can_view(
        actor_for(f.CoordinatorFactory(mini_cluster=project.mini_cluster)), organization
    )


def test_follow_ups_are_for_staff_and_coordinators(project):
    assert policies.followups_can_view(actor_for(f.RegionalStaffFactory()))
    assert policies.followups_can_view(actor_for(f.CoordinatorFactory()))
    assert not policies.followups_can_view(
        actor_for(f.CompanyMemberFactory(organization=project.organization))
    )
    assert not policies.followups_can_view(ANONYMOUS_ACTOR)


def test_only_the_applicant_consents_and_only_staff_publish(project):
    applicant = actor_for(f.CompanyMemberFactory(organization=project.organization))
    partner = actor_for(f.CompanyMemberFactory(organization=project.partner))
    staff = actor_for(f.RegionalStaffFactory(zone=project.mini_cluster.hub.zone))
    coordinator = actor_for(f.CoordinatorFactory(mini_cluster=project.mini_cluster))
    assert policies.story_can_consent(applicant, project)
    assert not policies.story_can_consent(partner, project)
    assert not policies.story_can_consent(staff, project)
    assert policies.story_can_publish(staff, project)
    assert not policies.story_can_publish(coordinator, project)
    assert not policies.story_can_publish(applicant, project)
    assert policies.story_can_edit(coordinator, project)
    assert policies.story_can_edit(applicant, project)


def test_an_unpublished_story_is_not_found_by_the_public(project):
    story = of.SuccessStoryFactory(application=project)
    with pytest.raises(Http404):
        policies.access_story_for_view(ANONYMOUS_ACTOR, story.pk)
    applicant = actor_for(f.CompanyMemberFactory(organization=project.organization))
    assert policies.access_story_for_view(applicant, story.pk) == story
    of.published(story)
    assert policies.access_story_for_view(ANONYMOUS_ACTOR, story.pk) == story
