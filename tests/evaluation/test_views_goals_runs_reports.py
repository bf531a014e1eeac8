"""Evaluation pages through HTTP, in Korean and English: goals, recomputation runs and
annual reports."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone, translation

from clusterhub.evaluation.models import (
    Goal,
    Level,
    RecomputationRun,
    ReportFile,
    RunStatus,
)
from clusterhub.evaluation.services import recomputation
from tests import factories as f
from tests.evaluation.factories import (
    GoalFactory,
)
from tests.evaluation.pages import LANGUAGES, _body, _url
from tests.evaluation.world import YEAR

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ goals


@pytest.fixture(scope="module")
def sources(module_transaction):
    call_command("load_sources", verbosity=0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_goal_table_computes_the_pilot_complexes_ratios(client, sources, language):
    # when an anonymous visitor opens it
    response = client.get(_url("evaluation:goal_list", language))
    body = _body(response)
    # then the three ratios are computed, equal the printed ones, and cite their tables
    assert response.status_code == 200
    for ratio in ("102.1%", "105.8%", "94.1%"):
        assert ratio in body
    assert body.count("✓") == 3
    assert _url("statistics:table_detail", language, table_id="d003_goal_achievement") in body
    goal = Goal.objects.get(metric="production")
    with translation.override(language):
        assert goal.subject in body
        assert goal.source in body
    assert response.context["platform_goals"] is None  # not for visitors


def test_staff_see_platform_goals_marked_as_forecast(client, office_user):
    zone = f.ZoneFactory()
    GoalFactory(
        level=Level.ZONE,
        entity_id=zone.pk,
        actual_value=Decimal("15"),
        actual_kind="forecast",
        goal_value=Decimal("20"),
        is_demo=True,
    )
    client.force_login(office_user)
    with translation.override("en"):
        body = _body(client.get(_url("evaluation:goal_list", "en")))
    assert zone.name_en in body
    assert "75.0%" in body
    assert "forecast" in body
    assert "badge-demo" in body
    assert _url("evaluation:goal_create", "en") in body


def test_the_goal_list_filters_by_year(client, office_user):
    GoalFactory(goal_year=2031, metric_en="Goal of 2031", entity_id=f.ZoneFactory().pk)
    GoalFactory(goal_year=2032, metric_en="Goal of 2032", entity_id=f.ZoneFactory().pk)
    client.force_login(office_user)
    with translation.override("en"):
        body = _body(client.get(_url("evaluation:goal_list", "en"), {"year": 2031}))
    assert "Goal of 2031" in body
    assert "Goal of 2032" not in body


def test_the_program_office_sets_a_goal(client, office_user):
    zone = f.ZoneFactory()
    client.force_login(office_user)
    form_page = client.get(_url("evaluation:goal_create"))
    assert f"zone:{zone.pk}" in _body(form_page)
    response = client.post(
        _url("evaluation:goal_create"),
        {
            "entity": f"zone:{zone.pk}",
            "metric": "activities_held",
            "direction": "higher",
            "base_year": "2030",
            "base_value": "10",
            "goal_year": "2031",
            "goal_value": "25",
            "actual_value": "",
            "actual_from_platform": "on",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert (goal.level, goal.entity_id, goal.goal_value) == ("zone", zone.pk, Decimal("25"))
    assert goal.actual_from_platform
    assert goal.metric_en == "Networking activities held"
    assert goal.unit_en == "activities"


def test_a_goal_without_its_value_keeps_the_input(client, office_user):
    zone = f.ZoneFactory()
    client.force_login(office_user)
    response = client.post(
        _url("evaluation:goal_create"),
        {
            "entity": f"zone:{zone.pk}",
            "metric": "members",
            "direction": "higher",
            "base_year": "2030",
            "base_value": "12",
            "goal_year": "2031",
            "goal_value": "",
        },
    )
    assert response.status_code == 200
    assert "goal_value" in response.context["form"].errors
    assert 'value="12"' in _body(response)
    assert not Goal.objects.exists()


# ------------------------------------------------------------------ runs


def test_starting_a_run_goes_to_its_page(
    client, program, office_user, django_capture_on_commit_callbacks
):
    client.force_login(office_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("evaluation:run_start"), {"year": str(YEAR)})
    run = RecomputationRun.objects.get(year=YEAR)
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()
    with translation.override("en"):
        page = client.get(_url("evaluation:run_detail", "en", pk=run.pk))
    body = _body(page)
    assert f'value="{run.total_units}" max="{run.total_units}"' in body
    assert "Done" in body
    assert 'hx-trigger="every 2s"' not in body  # finished: no more polling


def test_a_second_run_while_one_is_active_is_refused_with_a_message(client, office_user):
    RecomputationRun.objects.create(
        year=2031, status=RunStatus.RUNNING, heartbeat_at=timezone.now()
    )
    client.force_login(office_user)
    response = client.post(_url("evaluation:run_start"), {"year": "2031"}, follow=True)
    assert RecomputationRun.objects.filter(year=2031).count() == 1
    assert "#" in " ".join(str(m) for m in response.context["messages"])


def test_an_active_run_refreshes_its_progress_with_htmx(client, office_user):
    run = RecomputationRun.objects.create(
        year=2031,
        status=RunStatus.RUNNING,
        total_units=10,
        done_units=4,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    client.force_login(office_user)
    url = _url("evaluation:run_detail", pk=run.pk)
    page = _body(client.get(url))
    partial = client.get(url, headers={"HX-Request": "true"})
    body = _body(partial)
    assert 'hx-trigger="every 2s"' in page
    assert f'hx-get="{url}"' in page
    assert "<html" not in body
    assert body.lstrip().startswith('<section id="run-progress"')
    assert 'value="4" max="10"' in body
    assert "40%" in body


def test_a_stalled_run_offers_a_resume_and_shows_the_error_to_the_office(client, office_user):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    run = RecomputationRun.objects.create(
        year=2031,
        status=RunStatus.RUNNING,
        total_units=3,
        done_units=1,
        started_at=long_ago,
        heartbeat_at=long_ago,
        error="Traceback: worker killed",
    )
    client.force_login(office_user)
    body = _body(client.get(_url("evaluation:run_detail", pk=run.pk)))
    assert _url("evaluation:run_resume", pk=run.pk) in body
    assert "Traceback: worker killed" in body
    client.force_login(f.CommitteeMemberFactory())
    body = _body(client.get(_url("evaluation:run_detail", pk=run.pk)))
    assert "Traceback" not in body
    assert _url("evaluation:run_resume", pk=run.pk) not in body


def test_resuming_a_failed_run_finishes_it(
    client, program, office_user, django_capture_on_commit_callbacks
):
    run = RecomputationRun.objects.create(year=YEAR)
    recomputation._plan(run)
    RecomputationRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error="boom")
    client.force_login(office_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("evaluation:run_resume", pk=run.pk))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


# ------------------------------------------------------------------ reports


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_report_page_lists_files_and_offers_the_form_to_the_office(
    client, office_user, language
):
    report = ReportFile.objects.create(
        year=2030, level="zone", language="en", format="xlsx", status=RunStatus.DONE,
        size_bytes=2048, duration_ms=345,
    )  # fmt: skip
    report.file.save(report.file_name, ContentFile(b"PK\x03\x04 workbook"), save=True)
    client.force_login(office_user)
    response = client.get(_url("evaluation:report_list", language))
    body = _body(response)
    assert response.context["form"] is not None
    assert _url("evaluation:report_request", language) in body
    assert report.file_name in body
    assert "345" in body
    assert _url("evaluation:report_download", language, pk=report.pk) in body
    client.force_login(f.CommitteeMemberFactory())
    response = client.get(_url("evaluation:report_list", language))
    assert response.context["form"] is None
    assert report.file_name in _body(response)


def test_requesting_a_report_queues_one_file_per_format(client, office_user):
    client.force_login(office_user)
    response = client.post(
        _url("evaluation:report_request"),
        {"year": "2030", "level": "zone", "language": "en", "formats": ["pdf", "xlsx"]},
    )
    assert response.status_code == 302
    assert sorted(ReportFile.objects.values_list("format", flat=True)) == ["pdf", "xlsx"]


def test_a_report_request_without_a_format_shows_the_error(client, office_user):
    client.force_login(office_user)
    response = client.post(
        _url("evaluation:report_request"), {"year": "2030", "level": "zone", "language": "ko"}
    )
    assert response.status_code == 200
    assert "formats" in response.context["form"].errors
    assert not ReportFile.objects.exists()


def test_a_report_downloads_only_when_done(client, office_user):
    pending = ReportFile.objects.create(year=2030, level="zone", language="ko", format="pdf")
    done = ReportFile.objects.create(
        year=2030, level="zone", language="ko", format="pdf", status=RunStatus.DONE
    )
    done.file.save(done.file_name, ContentFile(b"%PDF-1.4 report"), save=True)
    client.force_login(office_user)
    assert client.get(_url("evaluation:report_download", pk=pending.pk)).status_code == 403
    response = client.get(_url("evaluation:report_download", pk=done.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="clusterhub-report-2030-zone-ko.pdf"'
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"
