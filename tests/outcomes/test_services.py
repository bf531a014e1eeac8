"""The write path for outcomes: recording, verifying, evidence, reminders, stories."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from clusterhub.accounts.actors import actor_for
from clusterhub.notifications.models import Notification
from clusterhub.outcomes import services
from clusterhub.outcomes.models import (
    FollowUpReminder,
    OutcomeMetric,
    OutcomeRecord,
    SuccessStory,
)
from clusterhub.pipeline.models import Participant
from tests import factories as f
from tests.outcomes import factories as of

pytestmark = pytest.mark.django_db

COMPLETED_ON = datetime.date(2025, 3, 15)


@pytest.fixture
def project():
    return of.completed_application(on=COMPLETED_ON)


@pytest.fixture
def company(project):
    return actor_for(f.CompanyMemberFactory(organization=project.organization))


@pytest.fixture
def staff(project):
    return actor_for(f.RegionalStaffFactory(zone=project.mini_cluster.hub.zone))


def _save(actor, project, **overrides):
    fields = {
        "organization": project.organization,
        "metric": "sales",
        "period": "baseline",
        "value": Decimal("1200.0"),
        **overrides,
    }
    return services.outcome_record_save(actor=actor, application=project, **fields)


# ---------------------------------------------------------------- recording values


def test_a_company_records_its_own_baseline_and_the_history_says_who(project, company):
    # when
    saved = _save(company, project)
    # then
    assert saved.created
    record = saved.record
    assert record.entered_by == company.user
    history = record.history.get()
    assert history.history_user == company.user
    assert history.history_change_reason == "outcome_record_create"


def test_recording_the_same_cell_again_corrects_it(project, company):
    _save(company, project, value=Decimal("1200"))
    saved = _save(company, project, value=Decimal("1250.5"))
    assert not saved.created
    assert OutcomeRecord.objects.get().value == Decimal("1250.5")
    assert saved.record.history.first().history_change_reason == "outcome_record_update"


def test_a_company_may_not_record_another_companys_values(project):
    # given a partner company in the consortium
    partner = f.OrganizationFactory()
    Participant.objects.create(application=project, organization=partner, role="partner_company")
    partner_member = actor_for(f.CompanyMemberFactory(organization=partner))
    # when / then
    with pytest.raises(PermissionDenied):
        _save(partner_member, project, organization=project.organization)
    assert _save(partner_member, project, organization=partner).created
    with pytest.raises(PermissionDenied):
        _save(actor_for(f.CompanyMemberFactory()), project)


def test_staff_record_for_any_company_of_the_project_but_not_outsiders(project, staff):
    assert _save(staff, project).created
    with pytest.raises(PermissionDenied):
        _save(staff, project, organization=f.OrganizationFactory())


def test_the_coordinator_does_not_record_values(project):
    coordinator = actor_for(f.CoordinatorFactory(mini_cluster=project.mini_cluster))
    with pytest.raises(PermissionDenied):
        _save(coordinator, project)


@pytest.mark.parametrize(
    ("state", "period", "allowed"),
    [
        ("draft", "baseline", False),
        ("execution", "baseline", True),
        ("execution", "completion", False),
        ("completed", "completion", True),
        ("continued", "completion", True),
        ("follow_up", "baseline", True),
    ],
)
def test_which_periods_a_project_may_record_in_each_state(state, period, allowed):
    project = of.completed_application(state=state)
    staff = actor_for(f.ProgramOfficeFactory())
    if allowed:
        assert _save(staff, project, period=period).created
    else:
        with pytest.raises(ValidationError) as error:
            _save(staff, project, period=period)
        assert "period" in error.value.message_dict


@pytest.mark.usefixtures("english")
def test_a_follow_up_year_is_recorded_from_its_due_date_never_as_a_forecast(project, company):
    day_before = datetime.date(2026, 3, 14)
    with pytest.raises(ValidationError) as error:
        _save(company, project, period="plus_1", today=day_before)
    assert "2026-03-15" in error.value.message_dict["period"][0]
    assert _save(company, project, period="plus_1", today=datetime.date(2026, 3, 15)).created


@pytest.mark.parametrize(
    ("metric", "value"),
    [("employees", "12.5"), ("patents_certifications", "1.5"), ("commercialization", "2")],
)
def test_counts_are_whole_and_commercialization_is_yes_or_no(project, company, metric, value):
    with pytest.raises(ValidationError) as error:
        _save(company, project, metric=metric, value=Decimal(value))
    assert "value" in error.value.message_dict


def test_a_negative_value_is_refused(project, company):
    with pytest.raises(ValidationError):
        _save(company, project, value=Decimal("-1"))


def test_an_unknown_metric_is_refused(project, company):
    with pytest.raises(ValidationError) as error:
        _save(company, project, metric="happiness")
    assert "metric" in error.value.message_dict


# ---------------------------------------------------------------- verification


def test_staff_verify_a_value(project, company, staff):
    record = _save(company, project).record
    verified = services.outcome_record_verify(actor=staff, record=record)
    assert verified.is_verified
    assert verified.verified_by == staff.user
    assert verified.history.first().history_change_reason == "outcome_record_verify"


def test_the_company_and_the_coordinator_cannot_verify(project, company):
    record = _save(company, project).record
    coordinator = actor_for(f.CoordinatorFactory(mini_cluster=project.mini_cluster))
    for actor in (company, coordinator, actor_for(f.RegionalStaffFactory())):
        with pytest.raises(PermissionDenied):
            services.outcome_record_verify(actor=actor, record=record)
    record.refresh_from_db()
    assert not record.is_verified


def test_a_value_is_verified_once(project, company, staff):
    record = _save(company, project).record
    services.outcome_record_verify(actor=staff, record=record)
    with pytest.raises(ValidationError):
        services.outcome_record_verify(actor=staff, record=record)


def test_changing_a_verified_value_withdraws_the_verification_and_says_so(project, company, staff):
    # given a verified value
    record = _save(company, project).record
    services.outcome_record_verify(actor=staff, record=record)
    # when the company changes it
    saved = _save(company, project, value=Decimal("1300"))
    # then
    assert saved.verification_withdrawn
    record.refresh_from_db()
    assert not record.is_verified
    assert record.verified_by is None
    assert record.history.first().history_change_reason == "outcome_record_update_unverified"


def test_saving_a_verified_value_unchanged_keeps_the_verification(project, company, staff):
    record = _save(company, project).record
    services.outcome_record_verify(actor=staff, record=record)
    saved = _save(company, project)
    assert not saved.changed
    record.refresh_from_db()
    assert record.is_verified


def test_a_new_evidence_file_also_withdraws_the_verification(project, company, staff):
    record = _save(company, project).record
    services.outcome_record_verify(actor=staff, record=record)
    saved = _save(company, project, evidence=of.evidence_upload())
    assert saved.verification_withdrawn


# ---------------------------------------------------------------- evidence files


def test_evidence_is_stored_under_evidence_and_the_year(project, company):
    record = _save(company, project, evidence=of.evidence_upload("세금계산서.pdf")).record
    assert record.evidence.name.startswith(f"evidence/{datetime.date.today().year}/")
    assert record.evidence_name.endswith(".pdf")
    with record.evidence.open("rb") as handle:
        assert handle.read() == of.PDF_BYTES


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("payload.exe", b"MZ\x90\x00", "only PDF, JPG, PNG, XLSX or DOCX"),
        ("report.pdf", b"<html>not a pdf</html>", "content is not a PDF file"),
        ("photo.png", b"\xff\xd8\xff\xe0 jpeg bytes", "content is not a PNG file"),
    ],
)
@pytest.mark.usefixtures("english")
def test_evidence_of_another_type_is_refused_naming_the_field(
    project, company, name, content, message
):
    with pytest.raises(ValidationError) as error:
        _save(company, project, evidence=of.evidence_upload(name, content))
    [text] = error.value.message_dict["evidence"]
    assert text.startswith("Evidence file:")
    assert message in text
    assert not OutcomeRecord.objects.exists()


@pytest.mark.usefixtures("english")
def test_evidence_over_10_mb_is_refused(project, company):
    big = of.evidence_upload("big.pdf", of.PDF_BYTES + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        _save(company, project, evidence=big)
    assert "10 MB" in error.value.message_dict["evidence"][0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.JPG", b"\xff\xd8\xff\xe0 jpeg"),
        ("scan.png", b"\x89PNG\r\n\x1a\n rest"),
        ("figures.xlsx", b"PK\x03\x04 zip"),
        ("letter.docx", b"PK\x03\x04 zip"),
    ],
)
def test_the_accepted_evidence_types(project, company, name, content):
    assert _save(company, project, evidence=of.evidence_upload(name, content)).record.evidence


def test_removing_the_evidence(project, company):
    _save(company, project, evidence=of.evidence_upload())
    saved = _save(company, project, remove_evidence=True)
    assert saved.changed
    saved.record.refresh_from_db()
    assert not saved.record.evidence


# ---------------------------------------------------------------- follow-up reminders


@pytest.fixture
def people(project):
    """The applicant's members, the coordinator, and bystanders who must not be reminded."""
    members = [f.CompanyMemberFactory(organization=project.organization) for _ in range(2)]
    coordinator = f.CoordinatorFactory(mini_cluster=project.mini_cluster)
    bystanders = [
        f.CompanyMemberFactory(),
        f.RegionalStaffFactory(zone=project.mini_cluster.hub.zone),
    ]
    return {"members": members, "coordinator": coordinator, "bystanders": bystanders}


def test_reminders_go_to_the_company_and_the_coordinator_once(
    project, people, mailoutbox, django_capture_on_commit_callbacks
):
    due_day = datetime.date(2026, 3, 15)
    # when the job runs on the due date
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.followup_reminders_send(today=due_day)
    # then one reminder, in-app and by e-mail, to the two members and the coordinator
    assert sent == 1
    reminder = FollowUpReminder.objects.get()
    assert (reminder.application, reminder.period, reminder.due_on) == (project, "plus_1", due_day)
    expected = {u.pk for u in people["members"]} | {people["coordinator"].pk}
    notified = set(Notification.objects.values_list("user_id", flat=True))
    assert notified == expected
    assert reminder.recipient_count == 3
    notification = Notification.objects.first()
    assert notification.event == "outcome_followup_due"
    assert project.reference in notification.message_en
    assert "2026-03-15" in notification.message_ko
    assert notification.link == f"/ko/outcomes/projects/{project.pk}/"
    assert len(mailoutbox) == 3
    # when it runs again, that day and the next
    with django_capture_on_commit_callbacks(execute=True):
        again = services.followup_reminders_send(today=due_day)
        later = services.followup_reminders_send(today=datetime.date(2026, 4, 1))
    # then nothing more is sent
    assert (again, later) == (0, 0)
    assert Notification.objects.count() == 3
    assert len(mailoutbox) == 3


def test_no_reminder_before_the_due_date(project, people):
    assert services.followup_reminders_send(today=datetime.date(2026, 3, 14)) == 0
    assert not Notification.objects.exists()


def test_each_follow_up_year_is_reminded_once(project, people):
    assert services.followup_reminders_send(today=datetime.date(2028, 6, 1)) == 3
    assert set(FollowUpReminder.objects.values_list("period", flat=True)) == {
        "plus_1",
        "plus_2",
        "plus_3",
    }
    assert services.followup_reminders_send(today=datetime.date(2028, 6, 1)) == 0


def test_a_year_whose_values_are_all_recorded_is_not_reminded(project, people):
    # given all seven +1 values recorded early by staff (as from a site visit)
    for metric in OutcomeMetric.values:
        of.OutcomeRecordFactory(
            application=project, metric=metric, period="plus_1", value=Decimal("1")
        )
    # then
    assert services.followup_reminders_send(today=datetime.date(2026, 3, 15)) == 0


def test_a_partly_recorded_year_is_still_reminded(project, people):
    of.OutcomeRecordFactory(application=project, metric="sales", period="plus_1")
    assert services.followup_reminders_send(today=datetime.date(2026, 3, 15)) == 1


def test_projects_not_completed_are_not_followed():
    of.completed_application(state="execution", on=COMPLETED_ON)
    of.completed_application(state="withdrawn", on=COMPLETED_ON)
    assert services.followup_reminders_send(today=datetime.date(2030, 1, 1)) == 0


def test_the_job_accepts_an_iso_date_from_the_queue(project, people):
    assert services.followup_reminders_send(today="2026-03-15") == 1


def test_the_job_is_a_registered_background_task():
    from clusterhub.core.tasks import _REGISTRY

    assert _REGISTRY[services.followup_reminders_send.task_name] is services.followup_reminders_send


def test_the_management_command_sends_the_reminders(project, people, capsys):
    call_command("send_followup_reminders", "--today", "2026-03-15")
    assert "1 follow-up reminder(s) sent for 2026-03-15" in capsys.readouterr().out
    call_command("send_followup_reminders", "--today", "2026-03-15")
    assert "0 follow-up reminder(s)" in capsys.readouterr().out


# ---------------------------------------------------------------- success stories

STORY_TEXT = {
    "title_ko": "광센서로 수출길을 열다",
    "title_en": "Optical sensors open export markets",
    "summary_ko": "요약",
    "summary_en": "Summary",
    "body_ko": "본문",
    "body_en": "Body",
}


def _story_ready_to_publish(project, company, staff):
    story = services.story_save(actor=staff, application=project, **STORY_TEXT)
    record = _save(company, project).record
    services.outcome_record_verify(actor=staff, record=record)
    services.story_record_consent(actor=company, story=story)
    return story


def test_a_story_is_published_with_consent_a_verified_outcome_and_completion(
    project, company, staff
):
    # given
    story = _story_ready_to_publish(project, company, staff)
    # when
    published = services.story_publish(actor=staff, story=story)
    # then
    assert published.is_published
    assert published.published_by == staff.user
    assert published.history.first().history_change_reason == "story_publish"


@pytest.mark.usefixtures("english")
def test_publishing_without_consent_or_verified_outcome_lists_every_reason(project, staff):
    story = services.story_save(actor=staff, application=project, **STORY_TEXT)
    with pytest.raises(ValidationError) as error:
        services.story_publish(actor=staff, story=story)
    assert error.value.messages == [
        "The project has no verified outcome yet.",
        "The company has not consented to publication.",
    ]


@pytest.mark.usefixtures("english")
def test_a_story_needs_a_completed_project(project, company, staff):
    story = _story_ready_to_publish(project, company, staff)
    project.state = "execution"
    project.save()
    with pytest.raises(ValidationError) as error:
        services.story_publish(actor=staff, story=story)
    assert error.value.messages == ["The project is not completed."]


def test_a_story_cannot_be_started_before_completion(staff):
    project = of.completed_application(state="execution")
    with pytest.raises(ValidationError):
        services.story_save(
            actor=actor_for(f.ProgramOfficeFactory()), application=project, **STORY_TEXT
        )


@pytest.mark.usefixtures("english")
def test_a_story_needs_both_languages_to_be_published(project, company, staff):
    story = _story_ready_to_publish(project, company, staff)
    SuccessStory.objects.filter(pk=story.pk).update(body_en=" ")
    with pytest.raises(ValidationError) as error:
        services.story_publish(actor=staff, story=story)
    assert "in Korean and in English" in error.value.messages[0]


def test_only_the_applicant_consents_and_only_staff_publish(project, company, staff):
    story = services.story_save(actor=company, application=project, **STORY_TEXT)
    with pytest.raises(PermissionDenied):
        services.story_record_consent(actor=staff, story=story)
    services.story_record_consent(actor=company, story=story)
    with pytest.raises(PermissionDenied):
        services.story_publish(actor=company, story=story)
    coordinator = actor_for(f.CoordinatorFactory(mini_cluster=project.mini_cluster))
    with pytest.raises(PermissionDenied):
        services.story_publish(actor=coordinator, story=story)


def test_changing_the_text_withdraws_consent(project, company, staff):
    story = services.story_save(actor=staff, application=project, **STORY_TEXT)
    services.story_record_consent(actor=company, story=story)
    changed = services.story_save(
        actor=staff, application=project, **{**STORY_TEXT, "body_en": "New body"}
    )
    assert not changed.has_consent
    assert changed.history.first().history_change_reason == "story_update_consent_withdrawn"


def test_saving_the_same_text_keeps_consent(project, company, staff):
    story = services.story_save(actor=staff, application=project, **STORY_TEXT)
    services.story_record_consent(actor=company, story=story)
    assert services.story_save(actor=staff, application=project, **STORY_TEXT).has_consent


def test_a_published_story_is_unpublished_before_its_text_changes(project, company, staff):
    story = _story_ready_to_publish(project, company, staff)
    services.story_publish(actor=staff, story=story)
    with pytest.raises(ValidationError):
        services.story_save(
            actor=staff, application=project, **{**STORY_TEXT, "title_en": "Another"}
        )
    services.story_unpublish(actor=staff, story=story)
    story.refresh_from_db()
    assert not story.is_published
    assert story.has_consent


def test_withdrawing_consent_takes_a_published_story_off_the_site(project, company, staff):
    story = _story_ready_to_publish(project, company, staff)
    services.story_publish(actor=staff, story=story)
    services.story_withdraw_consent(actor=company, story=story)
    story.refresh_from_db()
    assert not story.is_published
    assert not story.has_consent
    with pytest.raises(ValidationError):
        services.story_withdraw_consent(actor=company, story=story)


def test_consent_is_recorded_once(project, company, staff):
    story = services.story_save(actor=staff, application=project, **STORY_TEXT)
    services.story_record_consent(actor=company, story=story)
    with pytest.raises(ValidationError):
        services.story_record_consent(actor=company, story=story)
