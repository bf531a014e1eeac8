"""The annual report from the database: what it gathers, and the files it becomes."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from clusterhub.evaluation import services
from clusterhub.evaluation.models import Level, ReportFile, RunStatus
from clusterhub.evaluation.reports.build import annual_report_data
from tests.evaluation.world import YEAR

pytestmark = pytest.mark.django_db


def _recompute():
    run = services.recomputation_plan(actor=None, year=YEAR)
    services.recomputation_execute(run_id=run.pk)


def test_the_report_gathers_the_years_figures_scorecards_and_surveys(program):
    _recompute()
    data = annual_report_data(year=YEAR, level=Level.ZONE)
    assert data.system_en == program["zone_system"].name_en
    figures = {figure.label_en: figure.value for figure in data.key_figures}
    assert figures["Networking activities held"] == 4  # three and one, not last year's
    assert figures["Projects selected"] == 1
    assert figures["Customer satisfaction"] == Decimal("87.5")
    zone_card = next(card for card in data.scorecards if card.entity_en == program["zone"].name_en)
    assert zone_card.total == Decimal("67.90")
    assert zone_card.rank == 1
    assert [line.code for line in zone_card.lines][:4] == ["1", "2", "2.1", "2.2"]
    assert zone_card.lines[1].depth == 0
    assert zone_card.lines[2].depth == 1
    assert data.surveys
    assert data.surveys[0].responded == 2
    assert data.surveys[0].satisfaction == Decimal("87.5")
    trend = next(chart for chart in data.charts if chart.title_en.startswith("Main figures"))
    assert trend.categories_en == [str(YEAR - 2), str(YEAR - 1), str(YEAR)]


def test_the_program_report_carries_the_source_goals(program):
    from django.core.management import call_command

    call_command("load_sources", verbosity=0)
    data = annual_report_data(year=YEAR, level=Level.PROGRAM)
    ratios = {goal.metric_en: goal.ratio_percent for goal in data.goals}
    assert ratios == {
        "Employment": Decimal("94.1"),
        "Exports": Decimal("105.8"),
        "Production": Decimal("102.1"),
    }


def test_the_pdf_and_the_workbook_show_korean(program):
    _recompute()
    pdf = services.report_bytes(year=YEAR, level=Level.ZONE, language="ko", fmt="pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert program["zone"].name_ko in text
    assert "미니클러스터 평가" in text  # the 2010 criterion, in Korean
    assert "67.9" in text
    xlsx = services.report_bytes(year=YEAR, level=Level.ZONE, language="en", fmt="xlsx")
    workbook = load_workbook(io.BytesIO(xlsx))
    cells = {
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
    }
    assert program["zone"].name_en in cells
    assert "Evaluating MC" in cells


def test_a_requested_report_is_produced_in_the_background(
    program, office, django_capture_on_commit_callbacks
):
    _recompute()
    with django_capture_on_commit_callbacks(execute=True):
        pdf, xlsx = services.report_request(
            actor=office, year=YEAR, level=Level.ZONE, language="en", formats=["pdf", "xlsx"]
        )
    for report in (pdf, xlsx):
        report.refresh_from_db()
        assert report.status == RunStatus.DONE
        assert report.size_bytes > 1000
        assert report.duration_ms is not None
    assert pdf.file.read(5) == b"%PDF-"
    assert ReportFile.objects.count() == 2
