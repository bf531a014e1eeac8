"""Outcome pages through HTTP: the ledger, evidence downloads, follow-ups, success stories."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clusterhub.outcomes.models import OutcomeRecord, SuccessStory
from clusterhub.pipeline.models import Participant
from tests import factories as f
from tests.outcomes import factories as of

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return of.completed_application(on=datetime.date(2025, 3, 15))


@pytest.fixture
def member(project):
    return f.CompanyMemberFactory(organization=project.organization)


@pytest.fixture
def staff(project):
    return f.RegionalStaffFactory(zone=project.mini_cluster.hub.zone)


def _ledger_url(project):
    return reverse("outcomes:ledger", kwargs={"pk": project.pk})


# ---------------------------------------------------------------- the project ledger


def test_the_ledger_shows_the_grid_with_units_growth_and_verification(client, project, staff):
    # given
    of.OutcomeRecordFactory(application=project, value=Decimal("1000"))
    of.OutcomeRecordFactory(
        application=project,
        period="completion",
        value=Decimal("1250"),
        verified_by=staff,
        verified_at=timezone.now(),
    )
    client.force_login(staff)
    # when
    response = client.get(_ledger_url(project))
    body = response.content.decode()
    # then
    assert response.status_code == 200
    assert project.organization.name_ko in body
    assert "1,250" in body
    assert "+25.0%" in body
    assert "2026-03-15" in body  # the +1 year's due date
    assert (
        reverse("outcomes:record_verify", kwargs={"pk": OutcomeRecord.objects.first().pk}) in body
    )
    assert response.context["form"] is not None


def test_a_partner_company_sees_only_its_own_row_of_the_ledger(client, project):
    # given a partner company with its own values next to the applicant's
    partner = f.OrganizationFactory()
    Participant.objects.create(application=project, organization=partner, role="partner_company")
    of.OutcomeRecordFactory(application=project, value=Decimal("777"))
    of.OutcomeRecordFactory(application=project, organization=partner, value=Decimal("555"))
    client.force_login(f.CompanyMemberFactory(organization=partner))
    # when
    body = client.get(_ledger_url(project)).content.decode()
    # then
    assert "555" in body
    assert "777" not in body
    assert project.organization.name_ko not in body


def test_a_company_records_a_value_with_evidence(client, project, member):
    client.force_login(member)
    response = client.post(
        _ledger_url(project),
        {
            "organization": project.organization_id,
            "metric": "employees",
            "period": "completion",
            "value": "48",
            "note": "4대보험 가입자 명부",
            "evidence": of.evidence_upload("roster.pdf"),
        },
    )
    assert response.status_code == 302
    record = OutcomeRecord.objects.get()
    assert (record.metric, record.value, record.entered_by) == ("employees", 48, member)
    assert record.evidence


def test_a_wrong_evidence_file_is_shown_on_the_form(client, project, member):
    client.force_login(member)
    response = client.post(
        _ledger_url(project),
        {
            "organization": project.organization_id,
            "metric": "sales",
            "period": "baseline",
            "value": "10",
            "evidence": of.evidence_upload("macro.xlsm", b"PK\x03\x04"),
        },
    )
    assert response.status_code == 200
    assert "evidence" in response.context["form"].errors
    assert not OutcomeRecord.objects.exists()


def test_a_follow_up_year_before_its_due_date_is_refused_on_the_form(client, member):
    project = of.completed_application(
        organization=member.role_grants.get().organization, on=timezone.localdate()
    )
    client.force_login(member)
    response = client.post(
        _ledger_url(project),
        {
            "organization": project.organization_id,
            "metric": "sales",
            "period": "plus_1",
            "value": "10",
        },
    )
    assert response.status_code == 200
    assert "period" in response.context["form"].errors


def test_a_company_cannot_post_for_another_company(client, project):
    # given a partner member trying to write the applicant's value
    partner = f.OrganizationFactory()
    Participant.objects.create(application=project, organization=partner, role="partner_company")
    client.force_login(f.CompanyMemberFactory(organization=partner))
    response = client.post(
        _ledger_url(project),
        {
            "organization": project.organization_id,
            "metric": "sales",
            "period": "baseline",
            "value": "1",
        },
    )
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not OutcomeRecord.objects.exists()


def test_the_coordinator_reads_the_ledger_without_a_form(client, project):
    coordinator = f.CoordinatorFactory(mini_cluster=project.mini_cluster)
    client.force_login(coordinator)
    response = client.get(_ledger_url(project))
    assert response.status_code == 200
    assert response.context["form"] is None
    denied = client.post(
        _ledger_url(project),
        {
            "organization": project.organization_id,
            "metric": "sales",
            "period": "baseline",
            "value": "1",
        },
    )
    assert denied.status_code == 403


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_ledger_page_takes_as_many_queries_for_six_companies_as_for_one(client, staff):
    # given a project with one partner company
    project = of.completed_application(
        mini_cluster=f.MiniClusterFactory(hub=f.ComplexFactory(zone=staff.role_grants.get().zone)),
        on=datetime.date(2024, 1, 1),
    )

    def add_partner():
        partner = f.OrganizationFactory()
        Participant.objects.create(
            application=project, organization=partner, role="partner_company"
        )
        for period in ("baseline", "completion"):
            of.OutcomeRecordFactory(
                application=project,
                organization=partner,
                period=period,
                verified_by=staff,
                verified_at=timezone.now(),
                evidence="evidence/2024/x.pdf",
            )

    add_partner()
    client.force_login(staff)
    one = _page_queries(client, _ledger_url(project))
    # when five more companies report
    for _ in range(5):
        add_partner()
    # then
    assert _page_queries(client, _ledger_url(project)) == one


# ---------------------------------------------------------------- correcting and verifying


@pytest.mark.usefixtures("english")
def test_correcting_a_verified_value_warns_that_verification_is_withdrawn(
    client, project, member, staff
):
    record = of.OutcomeRecordFactory(
        application=project, verified_by=staff, verified_at=timezone.now()
    )
    client.force_login(member)
    url = reverse("outcomes:record_edit", kwargs={"pk": record.pk})
    # when the form is loaded by htmx, only the form comes back
    partial = client.get(url, headers={"HX-Request": "true"})
    assert b"<html" not in partial.content
    assert "This value is verified." in partial.content.decode()
    # when the value is changed
    response = client.post(url, {"value": "150", "note": ""}, follow=True)
    # then
    record.refresh_from_db()
    assert record.value == Decimal("150")
    assert not record.is_verified
    [message] = list(response.context["messages"])
    assert message.level_tag == "warning"


def test_staff_verify_a_value_in_place_with_htmx(client, project, staff):
    record = of.OutcomeRecordFactory(application=project)
    client.force_login(staff)
    url = reverse("outcomes:record_verify", kwargs={"pk": record.pk})
    response = client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'id="cell-{record.pk}"' in response.content.decode()
    assert b"<html" not in response.content
    record.refresh_from_db()
    assert record.verified_by == staff


def test_a_company_cannot_verify_its_own_value(client, project, member):
    record = of.OutcomeRecordFactory(application=project)
    client.force_login(member)
    response = client.post(reverse("outcomes:record_verify", kwargs={"pk": record.pk}))
    assert response.status_code == 403
    record.refresh_from_db()
    assert not record.is_verified


# ---------------------------------------------------------------- evidence is private


@pytest.fixture
def record_with_evidence(project):
    record = of.OutcomeRecordFactory(application=project)
    record.evidence.save("audit.pdf", of.evidence_upload("audit.pdf"))
    return record


def test_the_company_downloads_its_evidence(client, member, record_with_evidence):
    client.force_login(member)
    url = reverse("outcomes:record_evidence", kwargs={"pk": record_with_evidence.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == of.PDF_BYTES


def test_evidence_is_refused_to_others_and_not_served_from_media(client, record_with_evidence):
    url = reverse("outcomes:record_evidence", kwargs={"pk": record_with_evidence.pk})
    assert client.get(url)["Location"].startswith("/ko/accounts/login/")
    client.force_login(f.CompanyMemberFactory())
    assert client.get(url).status_code == 403
    assert client.get(f"/media/{record_with_evidence.evidence.name}").status_code == 404


def test_a_record_without_evidence_has_no_download(client, project, member):
    record = of.OutcomeRecordFactory(application=project)
    client.force_login(member)
    url = reverse("outcomes:record_evidence", kwargs={"pk": record.pk})
    assert client.get(url).status_code == 404


# ---------------------------------------------------------------- company ledger, follow-ups


def test_the_company_ledger_lists_its_projects(client, project, member):
    of.OutcomeRecordFactory(application=project, value=Decimal("4321"))
    client.force_login(member)
    url = reverse("outcomes:company_ledger", kwargs={"slug": project.organization.slug})
    body = client.get(url).content.decode()
    assert project.reference in body
    assert "4,321" in body


def test_the_company_ledger_page_takes_as_many_queries_for_five_projects_as_for_one(client):
    organization = f.OrganizationFactory()

    def add_project():
        project = of.completed_application(organization=organization, on=datetime.date(2024, 1, 1))
        of.OutcomeRecordFactory(application=project)

    add_project()
    client.force_login(f.CompanyMemberFactory(organization=organization))
    url = reverse("outcomes:company_ledger", kwargs={"slug": organization.slug})
    one = _page_queries(client, url)
    for _ in range(4):
        add_project()
    assert _page_queries(client, url) == one


def test_staff_see_the_follow_ups_of_their_zone(client, project, staff):
    elsewhere = of.completed_application(on=datetime.date(2025, 3, 15))
    client.force_login(staff)
    response = client.get(reverse("outcomes:followups_due"))
    followups = response.context["followups"]
    applications = {followup.application for followup in followups}
    assert project in applications
    assert elsewhere not in applications
    assert project.reference in response.content.decode()


def test_the_follow_ups_page_takes_as_many_queries_for_six_projects_as_for_one(client):
    client.force_login(f.ProgramOfficeFactory())
    of.completed_application(on=datetime.date(2022, 1, 1))
    url = reverse("outcomes:followups_due")
    one = _page_queries(client, url)
    for _ in range(5):
        of.completed_application(on=datetime.date(2022, 1, 1))
    assert _page_queries(client, url) == one
    assert len(client.get(url).context["followups"]) == 3 * 6


# ---------------------------------------------------------------- success stories


STORY_POST = {
    "title_ko": "광센서로 수출길을 열다",
    "title_en": "Optical sensors open export markets",
    "summary_ko": "요약",
    "summary_en": "A summary.",
    "body_ko": "본문",
    "body_en": "The body.",
}


@pytest.mark.usefixtures("english")
def test_a_story_from_draft_to_public_in_both_languages(client, project, member, staff):
    story_url = reverse("outcomes:story_edit", kwargs={"pk": project.pk})
    of.OutcomeRecordFactory(application=project, verified_by=staff, verified_at=timezone.now())
    # given staff write the story
    client.force_login(staff)
    assert client.post(story_url, STORY_POST).status_code == 302
    story = SuccessStory.objects.get()
    page = client.get(story_url)
    assert "The company has not consented to publication." in [
        str(p) for p in page.context["publish_problems"]
    ]
    # and the public cannot see it yet
    client.logout()
    assert client.get(story.get_absolute_url()).status_code == 404
    # when the company consents and staff publish
    client.force_login(member)
    client.post(reverse("outcomes:story_consent", kwargs={"pk": project.pk}))
    client.force_login(staff)
    client.post(reverse("outcomes:story_publish", kwargs={"pk": project.pk}))
    # then the story is public, in Korean and in English
    client.logout()
    story.refresh_from_db()
    assert story.is_published
    korean = client.get("/ko/outcomes/stories/").content.decode()
    assert "광센서로 수출길을 열다" in korean
    assert "Optical sensors open export markets" not in korean
    with_english = client.get(f"/en/outcomes/stories/{story.pk}/").content.decode()
    assert "Optical sensors open export markets" in with_english
    assert "The body." in with_english


@pytest.mark.usefixtures("english")
def test_publishing_without_consent_shows_the_reasons(client, project, staff):
    of.SuccessStoryFactory(application=project)
    client.force_login(staff)
    response = client.post(
        reverse("outcomes:story_publish", kwargs={"pk": project.pk}), follow=True
    )
    texts = [str(m) for m in response.context["messages"]]
    assert "The company has not consented to publication." in texts
    assert "The project has no verified outcome yet." in texts
    assert not SuccessStory.objects.get().is_published


def test_editing_a_consented_story_warns_that_consent_is_withdrawn(client, project, staff):
    of.consented(of.SuccessStoryFactory(application=project, **STORY_POST))
    client.force_login(staff)
    response = client.post(
        reverse("outcomes:story_edit", kwargs={"pk": project.pk}),
        {**STORY_POST, "body_en": "Changed."},
        follow=True,
    )
    [message] = list(response.context["messages"])
    assert message.level_tag == "warning"
    assert not SuccessStory.objects.get().has_consent


def test_a_story_cannot_be_started_for_a_project_in_execution(client, staff):
    project = of.completed_application(
        state="execution",
        mini_cluster=f.MiniClusterFactory(hub=f.ComplexFactory(zone=staff.role_grants.get().zone)),
    )
    client.force_login(staff)
    response = client.post(reverse("outcomes:story_edit", kwargs={"pk": project.pk}), STORY_POST)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not SuccessStory.objects.exists()


def test_the_story_list_takes_as_many_queries_for_eight_stories_as_for_one(client):
    of.published(of.SuccessStoryFactory())
    url = reverse("outcomes:story_list")
    one = _page_queries(client, url)
    for _ in range(7):
        of.published(of.SuccessStoryFactory())
    assert _page_queries(client, url) == one
    assert len(client.get(url).context["page"].object_list) == 8
