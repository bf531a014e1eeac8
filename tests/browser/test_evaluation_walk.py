"""Program evaluation in Chromium: a program officer recomputes a year, reads the ranking and
a scorecard down to the records behind a number, produces the annual PDF and downloads it;
a visitor reads the pilot complexes' goal table; a member answers a satisfaction survey by
their personal link. No page may break the content security policy."""

from pathlib import Path

import pytest
from django.conf import settings

from clusterhub.accounts.actors import actor_for
from clusterhub.evaluation.loading import goals_from_sources, index_systems_load
from clusterhub.evaluation.models import IndexSystem
from clusterhub.statistics.loading import sources_load
from tests import factories as f
from tests.browser.test_pipeline_walk import LOCALES, _expect, _log_in, _submit
from tests.evaluation.world import YEAR, build_program
from tests.surveys import factories as sf

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """The report the officer produces goes to a temporary directory, never var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _watch(page, errors):
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_an_officer_evaluates_a_year_and_a_member_answers_a_survey(browser, live_server, lang):
    expect = _expect()
    # given the source tables, index systems and goals, and a year of platform data (without
    # the reference complexes and mini clusters, so the program's zone ranks as computed)
    sources_load(Path(settings.DATA_DIR) / "sources")
    index_systems_load(Path(settings.DATA_DIR) / "reference")
    goals_from_sources()
    officer = f.ProgramOfficeFactory(username=f"officer-{lang}")
    program = build_program(
        actor_for(officer),
        (
            IndexSystem.objects.get(year=2010, level="mini_cluster"),
            IndexSystem.objects.get(year=2010, level="zone"),
        ),
    )
    survey = sf.opened(sf.survey_about(program["strong"]))
    sf.QuestionFactory(survey=survey, text_ko="지원에 만족하십니까?", text_en="Satisfied?")
    invitation = sf.InvitationFactory(survey=survey)
    errors = []

    # when the officer starts the recomputation of the year on the evaluation page
    page = _log_in(browser, live_server.url, lang, officer)
    _watch(page, errors)
    page.goto(f"{live_server.url}/{lang}/evaluation/")
    page.fill("main form input[name=year]", str(YEAR))
    _submit(page, page.locator("main form:has(input[name=year]) button[type=submit]"))
    # then the run page shows every unit done (the in-process job ran after the commit)
    progress = page.locator("main progress")
    expect(progress).to_have_attribute("max", progress.get_attribute("value"))
    assert int(progress.get_attribute("value")) > 0

    # when they open the zone ranking of the year
    page.goto(f"{live_server.url}/{lang}/evaluation/scorecards/?year={YEAR}&level=zone")
    # then the chart is drawn and the program's zone is first with 67.90
    expect(page.locator("main canvas")).to_be_visible()
    zone_name = program["zone"].name_ko if lang == "ko" else program["zone"].name_en
    row = page.locator("main table tbody tr", has_text=zone_name)
    expect(row).to_contain_text("67.9")
    # and its scorecard explains the mini-cluster line as the mean of 92.75 and 18
    row.locator("a[href*='/evaluation/scorecards/']").first.click()
    expect(page.locator("main")).to_contain_text("55.38")
    # and the records behind the satisfaction number are the two survey responses
    page.locator("main a[href*='/metrics/satisfaction/']").first.click()
    expect(page.locator("main table tbody tr")).to_have_count(2)

    # when they produce the annual report as a PDF
    page.goto(f"{live_server.url}/{lang}/evaluation/reports/")
    page.select_option("main form select[name=level]", "zone")
    page.fill("main form input[name=year]", str(YEAR))
    page.check("main form input[name=formats][value=pdf]")
    page.uncheck("main form input[name=formats][value=xlsx]")
    _submit(page, page.locator("main form button[type=submit]"))
    # then it is listed, produced, and downloads as a PDF
    with page.expect_download() as download:
        page.locator("main a[href$='/download/']").first.click()
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"

    # when a visitor (not signed in) reads the goal table
    visitor = browser.new_context(locale=LOCALES[lang]).new_page()
    _watch(visitor, errors)
    visitor.goto(f"{live_server.url}/{lang}/evaluation/goals/")
    for ratio in ("102.1%", "105.8%", "94.1%"):
        expect(visitor.locator("main")).to_contain_text(ratio)

    # when a member answers the survey by their personal link
    visitor.goto(f"{live_server.url}/{lang}/surveys/respond/{invitation.token}/")
    visitor.locator("main input[type=radio][value='4']").first.check()
    _submit(visitor, visitor.locator("main form button[type=submit]"))
    # then they are thanked
    expect(visitor.locator("main")).to_contain_text("감사" if lang == "ko" else "Thank")

    # and nothing broke the content security policy
    assert [e for e in errors if "Content Security Policy" in e] == []
