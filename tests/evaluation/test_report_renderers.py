"""The annual report's PDF and workbook say what the ReportData says, in either language."""

import datetime
import io
import re
import zoneinfo
from decimal import Decimal

import openpyxl
import pytest
from pypdf import PdfReader

from clusterhub.evaluation.reports.data import (
    Chart,
    ChartSeries,
    GoalLine,
    KeyFigure,
    ReportData,
    ScorecardData,
    ScoreLine,
    StoryLine,
    SurveyLine,
)
from clusterhub.evaluation.reports.numbers import format_number
from clusterhub.evaluation.reports.pdf import render_pdf
from clusterhub.evaluation.reports.pdf.charts import chart_ticks
from clusterhub.evaluation.reports.workbook import render_xlsx

D = Decimal
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
GWANGJU = "광주 LED 미니클러스터 (데모)"
CHANGWON = "창원 기계 미니클러스터"


def _lines(seed: int) -> list[ScoreLine]:
    """A three-level index tree: two stages, indicators, one sub-indicator."""
    score = D(60 + seed % 35)
    return [
        ScoreLine("1", "투입", "Input", 0, D(40), "group", "", score, D("28.4"), "", ""),
        ScoreLine(
            "1.1",
            "회원 기업 수",
            "Member companies",
            1,
            D(20),
            "quantitative",
            f"{1200 + seed:,}개사",
            D("75.5"),
            D("15.1"),
            "권역 평균 대비 1.2배",
            "1.2 times the zone average",
        ),
        ScoreLine(
            "1.2",
            "협의회 운영",
            "Council operation",
            1,
            D(20),
            "qualitative",
            "B",
            D(66),
            D("13.3"),
            "",
            "",
        ),
        ScoreLine("2", "성과", "Outcome", 0, D(60), "group", "", D(80), D(48), "", ""),
        ScoreLine(
            "2.1",
            "공동 연구개발 과제",
            "Joint R&D projects",
            1,
            D(35),
            "group",
            "",
            D(80),
            D(28),
            "",
            "",
        ),
        ScoreLine(
            "2.1.1",
            "선정 과제 수",
            "Projects selected",
            2,
            D(35),
            "quantitative",
            "14건",
            D(80),
            D(28),
            "목표 12건 대비 116.7%",
            "116.7% of the goal of 12",
        ),
        ScoreLine(
            "2.2",
            "수출액 증가율",
            "Export growth",
            1,
            D(25),
            "quantitative",
            "-3.2%",
            D(80),
            D(20),
            "",
            "",
        ),
    ]


def _scorecards(count: int, demo: bool) -> list[ScorecardData]:
    cards = []
    for index in range(count):
        if index == 0:
            korean, english = (GWANGJU, "Gwangju LED mini cluster (demo)")
        elif index == 1:
            korean, english = (CHANGWON, "Changwon machinery mini cluster")
        else:
            korean, english = (f"미니클러스터 {index + 1:02d}", f"Mini cluster {index + 1:02d}")
        cards.append(
            ScorecardData(
                entity_ko=korean,
                entity_en=english,
                rank=index + 1,
                total=D("91.3") - D(index) / 2,
                is_demo=demo and index == 0,
                lines=_lines(index),
            )
        )
    return cards


def build_report(*, scorecards: int = 3, demo: bool = True, empty: bool = False) -> ReportData:
    head = {
        "year": 2024,
        "level": "mini_cluster",
        "level_ko": "미니클러스터",
        "level_en": "Mini cluster",
        "system_ko": "2010 권역 평가지표",
        "system_en": "2010 regional evaluation indicators",
        "generated_at": datetime.datetime(2025, 3, 4, 9, 30, tzinfo=SEOUL),
        "contains_demo_data": demo,
    }
    if empty:
        return ReportData(**head)
    return ReportData(
        **head,
        key_figures=[
            KeyFigure(
                "네트워킹 활동",
                "Networking activities",
                D(1284),
                "회",
                "events",
                "활동 기록",
                "Activity log",
            ),
            KeyFigure("회원", "Members", D(15320), "명", "people", "회원 명부", "Member roster"),
            KeyFigure(
                "선정 과제", "Projects selected", D(212), "건", "projects", "신청 관리", "Pipeline"
            ),
            KeyFigure(
                "지원 금액",
                "Support granted",
                D("48210.5"),
                "백만원",
                "KRW million",
                "집행 기록",
                "Disbursements",
            ),
            KeyFigure("만족도", "Satisfaction", None, "점", "points", "설문", "Surveys"),
        ],
        charts=[
            Chart(
                "권역별 네트워킹 활동",
                "Networking activities by zone",
                "회",
                "events",
                ["수도권", "충청권", "호남권", "대경권", "동남권", "강원권", "제주권"],
                ["Capital", "Chungcheong", "Honam", "Daegyeong", "Dongnam", "Gangwon", "Jeju"],
                [
                    ChartSeries(
                        "2023년", "2023", [D(310), D(190), D(164), D(171), D(288), D(52), None]
                    ),
                    ChartSeries(
                        "2024년", "2024", [D(342), D(205), D(158), D(189), D(301), D(61), D(20)]
                    ),
                ],
            ),
            Chart(
                "수출액 증가율",
                "Export growth",
                "%",
                "%",
                ["반도체·전자 부품 클러스터", "자동차", "조선"],
                ["Semiconductors and electronic components cluster", "Cars", "Shipbuilding"],
                [ChartSeries("증가율", "Growth", [D("12.4"), D("-3.2"), None])],
            ),
        ],
        scorecards=_scorecards(scorecards, demo),
        goals=[
            GoalLine(
                "7개 시범단지",
                "7 pilot complexes",
                "생산",
                "Production",
                "조원",
                "KRW trillion",
                2004,
                D("190.4"),
                2008,
                D(253),
                D("258.2"),
                False,
                D("102.1"),
                "산업단지 통계",
                "Industrial complex statistics",
            ),
            GoalLine(
                "7개 시범단지",
                "7 pilot complexes",
                "고용",
                "Employment",
                "천명",
                "thousand people",
                2004,
                D("319.6"),
                2008,
                D(404),
                D("371.5"),
                True,
                D("92.0"),
                "산업단지 통계",
                "Industrial complex statistics",
            ),
        ],
        surveys=[
            SurveyLine(
                "회원 만족도 조사",
                "Member satisfaction survey",
                1500,
                1123,
                D("74.9"),
                D("81.2"),
                True,
            ),
        ],
        stories=[
            StoryLine(
                "공동 LED 시험 인증 센터",
                "Shared LED test and certification centre",
                GWANGJU,
                "Gwangju LED mini cluster (demo)",
                "회원사 12곳이 시험 장비를 함께 써서 인증 기간을 절반으로 줄였습니다.",
                "Twelve members share test equipment and halved the certification time.",
                demo,
            ),
        ],
        sources_ko=["한국산업단지공단, 산업단지 통계 (2024)", "클러스터 허브 활동 기록"],
        sources_en=["KICOX, Industrial complex statistics (2024)", "Cluster Hub activity log"],
    )


def _pdf_text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() or "" for page in reader.pages)


def _squeeze(text: str) -> str:
    """Extracted text without the spaces and line breaks that layout puts in."""
    return re.sub(r"\s+", "", text)


# --- numbers -------------------------------------------------------------------------------


def test_numbers_get_thousands_separators_and_keep_their_decimals():
    assert format_number(D("48210.5")) == "48,210.5"
    assert format_number(D("1E+3")) == "1,000"
    assert format_number(15320) == "15,320"
    assert format_number(D("-0.0")) == "0.0"
    assert format_number(D("102.06"), places=1) == "102.1"
    assert format_number(None) == "—"


def test_chart_ticks_cover_zero_and_negative_values_with_round_steps():
    assert chart_ticks([D("12.4"), D("-3.2")]) == [D(-5), D(0), D(5), D(10), D(15)]
    assert chart_ticks([D(342), D(20)]) == [D(0), D(100), D(200), D(300), D(400)]


# --- PDF -----------------------------------------------------------------------------------


def test_the_korean_pdf_embeds_the_korean_font_and_says_the_data_in_korean():
    # given a report with a demo mini cluster
    report = build_report()
    # when rendered in Korean
    content = render_pdf(report, "ko")
    # then it is a PDF whose text is Korean
    assert content.startswith(b"%PDF")
    reader, text = _pdf_text(content)
    flat = _squeeze(text)
    for expected in [
        "2024년 연차 성과보고서",
        GWANGJU,
        CHANGWON,
        "2010 권역 평가지표",
        "주요 현황",
        "성공사례",
        "공동 LED 시험 인증 센터",
        "권역별 네트워킹 활동",
        "회원 만족도 조사",
        "한국산업단지공단, 산업단지 통계 (2024)",
    ]:
        assert _squeeze(expected) in flat, expected
    # numbers are formatted, the achievement has one decimal and the forecast is marked
    assert "15,320" in flat
    assert "48,210.5" in flat
    assert "102.1%" in flat
    assert "371.5(전망)" in flat
    # and the font is embedded as a subset of Noto Sans KR
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts.append((str(descriptor["/FontName"]), "/FontFile2" in descriptor))
    assert fonts
    assert all("NotoSansKR" in name and embedded for name, embedded in fonts)


def test_the_english_pdf_has_english_headings_and_names():
    content = render_pdf(build_report(), "en")
    _reader, text = _pdf_text(content)
    for expected in [
        "Annual performance report 2024",
        "Key figures",
        "Scorecards",
        "Goal achievement",
        "Satisfaction surveys",
        "Success stories",
        "Sources",
        "Gwangju LED mini cluster (demo)",
        "KICOX, Industrial complex statistics (2024)",
    ]:
        assert _squeeze(expected) in _squeeze(text), expected
    assert "258.2 (Forecast)" not in text
    assert "371.5 (Forecast)" in text
    assert "주요 현황" not in text


def test_the_demo_banner_is_shown_only_when_the_report_contains_demo_data():
    _reader, with_demo = _pdf_text(render_pdf(build_report(demo=True), "ko"))
    _reader, without_demo = _pdf_text(render_pdf(build_report(demo=False), "ko"))
    banner = _squeeze("데모 데이터 포함 — 실제 기관이 아닙니다")
    assert banner in _squeeze(with_demo)
    assert banner not in _squeeze(without_demo)
    _reader, english = _pdf_text(render_pdf(build_report(demo=True), "en"))
    assert "Contains demo data — not real organizations" in english


def test_forty_scorecards_break_across_pages_with_the_table_heading_repeated():
    content = render_pdf(build_report(scorecards=40), "en")
    reader, _text = _pdf_text(content)
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 10
    assert f"1 / {len(pages)}" in pages[0]
    assert f"{len(pages)} / {len(pages)}" in pages[-1]
    with_cards = [page for page in pages if "Mini cluster" in page and "Contribution" in page]
    assert len(with_cards) >= 8
    assert any("Mini cluster 40" in page for page in pages)
    # the ranking table (40 rows) spans two pages and repeats its heading row on the second
    ranking_heading = _squeeze("Rank Entity Total score Demo data")
    assert sum(ranking_heading in _squeeze(page) for page in pages) >= 2
    # every scorecard has its indicator table, with its heading
    indicator_heading = _squeeze("Code Indicator Weight Value Score Contribution")
    assert sum(_squeeze(page).count(indicator_heading) for page in pages) >= 40


def test_empty_sections_say_there_is_no_data_instead_of_disappearing():
    content = render_pdf(build_report(empty=True), "ko")
    _reader, text = _pdf_text(content)
    flat = _squeeze(text)
    assert flat.count(_squeeze("해당 연도 자료가 없습니다")) == 7
    assert "성공사례" in flat
    _reader, english = _pdf_text(render_pdf(build_report(empty=True), "en"))
    assert english.count("No data for this year") == 7


# --- workbook ------------------------------------------------------------------------------


def _workbook(language: str, **options) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(build_report(**options), language)))


def test_the_korean_workbook_has_korean_sheets_and_names():
    book = _workbook("ko")
    assert book.sheetnames == [
        "요약",
        "평가 결과",
        "지표",
        "목표 달성",
        "만족도 조사",
        "성공사례",
        "출처",
    ]
    ranking = book["평가 결과"]
    assert [cell.value for cell in ranking[1]] == ["순위", "대상", "총점", "데모 데이터"]
    assert ranking["B2"].value == GWANGJU
    assert ranking["C2"].value == pytest.approx(91.3)
    assert ranking["D2"].value == "데모"
    indicators = book["지표"]
    names = [row[0].value for row in indicators.iter_rows(min_row=2)]
    assert names.count(GWANGJU) == 7
    assert ranking.freeze_panes == "A2"


def test_the_goal_ratio_is_a_number_formatted_as_a_percentage():
    goals = _workbook("en")["Goals"]
    header = [cell.value for cell in goals[1]]
    ratio = goals.cell(row=2, column=header.index("Achievement") + 1)
    assert ratio.value == pytest.approx(102.1)
    assert isinstance(ratio.value, float | int)
    assert ratio.number_format == '0.0"%"'
    forecast = goals.cell(row=3, column=header.index("Forecast") + 1)
    assert forecast.value == "Yes"
    assert goals.cell(row=2, column=header.index("Forecast") + 1).value == "No"


def test_the_english_summary_lists_the_key_figures_with_their_sources_and_the_demo_notice():
    summary = _workbook("en")["Summary"]
    values = [cell.value for row in summary.iter_rows() for cell in row if cell.value is not None]
    assert "Annual performance report 2024" in values
    assert "Contains demo data — not real organizations" in values
    assert "Networking activities" in values
    assert 1284 in values
    assert "Activity log" in values
    summary_without_demo = _workbook("en", demo=False)["Summary"]
    assert "Contains demo data — not real organizations" not in [
        cell.value for row in summary_without_demo.iter_rows() for cell in row
    ]


def test_an_empty_workbook_still_has_every_sheet_with_a_no_data_line():
    book = _workbook("en", empty=True)
    assert book.sheetnames == [
        "Summary",
        "Scorecards",
        "Indicators",
        "Goals",
        "Surveys",
        "Stories",
        "Sources",
    ]
    for name in book.sheetnames[1:]:
        assert book[name]["A2"].value == "No data for this year", name
