"""The whole bottom-up pipeline, in Debian's Chromium, once in Korean and once in English:
a company reports a difficulty, the coordinator turns it into an application, a committee
scores it, staff run the project to completion, the company records its +1-year outcome, and
the success story goes public."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from clusterhub.outcomes.schedule import add_months
from clusterhub.pipeline.models import Application, Difficulty, SupportType, Transition
from clusterhub.review.models import CommitteeRound
from tests import factories as f
from tests.review import factories as rf

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


# What a person reads on the pages, in each language (Korean from locale/ko/…/django.po).
WORDS = {
    "ko": {
        "difficulty_recorded": "애로사항을 등록했습니다.",
        "draft": "작성 중",
        "submitted": "사전 심사 접수",
        "committee_review": "위원회 심사",
        "selected": "선정",
        "agreement": "협약 체결",
        "execution": "수행 중",
        "completed": "완료",
        "conflicts_found": "이해충돌 1건을 확인했습니다. 해당 평가위원은 제척됩니다.",
        "recused": "제척",
        "review_submitted": "제출됨",
        "value_saved": "값을 저장했습니다.",
        "verified": "검증됨",
        "consent_recorded": "동의가 기록되었습니다. 감사합니다.",
        "published": "성공사례를 공개했습니다.",
    },
    "en": {
        "difficulty_recorded": "Difficulty recorded.",
        "draft": "Draft",
        "submitted": "Submitted for screening",
        "committee_review": "Committee review",
        "selected": "Selected",
        "agreement": "Agreement signed",
        "execution": "In execution",
        "completed": "Completed",
        "conflicts_found": ("Conflicts of interest found: 1. The members concerned are recused."),
        "recused": "recused",
        "review_submitted": "submitted",
        "value_saved": "Value saved.",
        "verified": "verified",
        "consent_recorded": "Consent recorded. Thank you.",
        "published": "The story is published.",
    },
}
LOCALES = {"ko": "ko-KR", "en": "en-US"}


def _expect():
    from playwright.sync_api import expect

    return expect


def _submit(page, locator):
    """Click a submit button and wait for the page it leads to."""
    with page.expect_navigation():
        locator.click()


def _log_in(browser, base, lang, user):
    """A fresh browser context (its own cookies), logged in through the real login page."""
    context = browser.new_context(locale=LOCALES[lang])
    page = context.new_page()
    page.goto(f"{base}/{lang}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", f.PASSWORD)
    _submit(page, page.locator("main button[type=submit]"))
    _expect()(page.locator("header.site-header")).to_contain_text(user.username)
    assert page.locator("html").get_attribute("lang") == lang
    return page


def _take(page, action):
    """Press the workflow button of `action` on the application page."""
    form = page.locator(f"form.action-form:has(input[name=action][value={action}])")
    _submit(page, form.locator("button[type=submit]"))


def _state(page):
    return page.locator("main hgroup p strong")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_difficulty_becomes_a_published_success_story(browser, live_server, lang):
    expect = _expect()
    words = WORDS[lang]
    base = live_server.url
    year = timezone.localdate().year

    # given the support-type catalogue, a mini cluster with a member company, its people,
    # program staff, two committee members (one working at the applicant) and a rubric
    call_command("load_sources", verbosity=0)
    mini_cluster = f.MiniClusterFactory()
    company = f.MembershipFactory(mini_cluster=mini_cluster).organization
    company_user = f.CompanyMemberFactory(organization=company)
    coordinator = f.CoordinatorFactory(mini_cluster=mini_cluster)
    staff = f.ProgramOfficeFactory()
    conflicted = rf.ReviewerFactory()
    rf.AffiliationFactory(person=conflicted.person, organization=company)
    reviewer = rf.ReviewerFactory()
    rubric = rf.RubricFactory()
    criteria = list(rubric.criteria.order_by("position"))
    support_type = SupportType.objects.get(code="commercialization_of_manufacturing_technology")
    assert support_type.offered_in(year)
    # names as the pages show them in this language
    company_name = getattr(company, f"name_{lang}")
    conflicted_name = getattr(conflicted.person, f"name_{lang}")
    reviewer_name = getattr(reviewer.person, f"name_{lang}")

    # when the company reports a difficulty
    company_page = _log_in(browser, base, lang, company_user)
    company_page.goto(f"{base}/{lang}/pipeline/difficulties/new/")
    company_page.select_option("#id_organization", str(company.pk))
    company_page.select_option("#id_mini_cluster", str(mini_cluster.pk))
    company_page.select_option("#id_category", "rd")
    company_page.select_option("#id_urgency", "high")
    company_page.fill("#id_description", "광센서 신뢰성 시험 장비가 없습니다 / no test rig")
    _submit(company_page, company_page.locator("main form[method=post] button[type=submit]"))
    # then it is recorded and shown
    expect(company_page.locator(".messages")).to_contain_text(words["difficulty_recorded"])
    difficulty = Difficulty.objects.get(organization=company)
    assert company_page.url.endswith(f"/{lang}/pipeline/difficulties/{difficulty.pk}/")

    # when the coordinator turns it into a draft application with one click
    coordinator_page = _log_in(browser, base, lang, coordinator)
    coordinator_page.goto(f"{base}/{lang}/pipeline/difficulties/{difficulty.pk}/")
    convert = coordinator_page.locator("form[action$='/convert/']")
    convert.locator("select[name=support_type]").select_option(str(support_type.pk))
    expect(convert.locator("input[name=year]")).to_have_value(str(year))
    _submit(coordinator_page, convert.locator("button[type=submit]"))
    application = Application.objects.get(organization=company)
    assert coordinator_page.url.endswith(f"/{lang}/pipeline/applications/{application.pk}/edit/")
    # and fills in the budget, then submits it
    coordinator_page.fill("#id_budget_total", "100")
    coordinator_page.fill("#id_requested_amount", "60")
    _submit(coordinator_page, coordinator_page.locator("main form:not([action]) button"))
    assert coordinator_page.url.endswith(f"/{lang}/pipeline/applications/{application.pk}/")
    expect(_state(coordinator_page)).to_have_text(words["draft"])
    _take(coordinator_page, "submit")
    expect(_state(coordinator_page)).to_have_text(words["submitted"])

    # when staff pass the screening
    staff_page = _log_in(browser, base, lang, staff)
    application_url = f"{base}/{lang}/pipeline/applications/{application.pk}/"
    staff_page.goto(application_url)
    _take(staff_page, "pass_screening")
    expect(_state(staff_page)).to_have_text(words["committee_review"])

    # and create an committee round
    staff_page.goto(f"{base}/{lang}/committees/new/")
    staff_page.fill("#id_name", f"{year} 제조기술 사업화 평가위원회")
    staff_page.fill("#id_year", str(year))
    staff_page.select_option("#id_support_type", str(support_type.pk))
    staff_page.select_option("#id_rubric", str(rubric.pk))
    staff_page.fill("#id_quorum", "1")
    _submit(staff_page, staff_page.locator("main form[method=post] button[type=submit]"))
    committee_round = CommitteeRound.objects.get()
    assert staff_page.url.endswith(f"/{lang}/committees/{committee_round.pk}/")
    # put the application before it
    add_applications = staff_page.locator("form[action$='/applications/add/']")
    add_applications.locator(f"input[name=applications][value='{application.pk}']").check()
    _submit(staff_page, add_applications.locator("button[type=submit]"))
    board = staff_page.locator("#applications tbody tr", has_text=application.reference)
    expect(board).to_have_count(1)
    # seat both committee members
    for member in (conflicted, reviewer):
        add_member = staff_page.locator("form[action$='/members/add/']")
        add_member.locator("select[name=expert]").select_option(
            str(member.person.expert_profile.pk)
        )
        _submit(staff_page, add_member.locator("button[type=submit]"))
    expect(staff_page.locator("#members tbody tr")).to_have_count(2)
    # detect conflicts: the member working at the applicant is recused
    _submit(staff_page, staff_page.locator("form[action$='/conflicts/detect/'] button"))
    expect(staff_page.locator(".messages")).to_contain_text(words["conflicts_found"])
    conflicted_row = staff_page.locator("#members tbody tr", has_text=conflicted_name).filter(
        has_text=company_name
    )
    expect(conflicted_row).to_have_count(1)
    expect(conflicted_row).to_contain_text(application.reference)
    expect(conflicted_row.locator(".badge-finding")).to_have_text(words["recused"])
    # and assign every member without a conflict
    _submit(staff_page, staff_page.locator("#actions form[action$='/assign/'] button"))
    cells = board.locator("td")
    expect(cells.nth(2)).to_contain_text(reviewer_name)
    expect(cells.nth(2)).not_to_contain_text(conflicted_name)
    expect(cells.nth(3)).to_have_text(conflicted_name)

    # when the conflict-free member logs in and scores the application
    reviewer_page = _log_in(browser, base, lang, reviewer)
    reviewer_page.goto(f"{base}/{lang}/committees/my-reviews/")
    assignment_link = reviewer_page.get_by_role("link", name=re.compile(application.reference))
    _submit(reviewer_page, assignment_link)
    reviewer_page.fill(f"[name=score_{criteria[0].pk}]", "8")
    reviewer_page.fill(f"[name=score_{criteria[1].pk}]", "15")
    reviewer_page.fill("[name=comment]", "실현 가능성이 높다 / feasible")
    _submit(reviewer_page, reviewer_page.locator("#review-form button[name=submit]"))
    # then the review is submitted and can no longer be changed
    expect(reviewer_page.locator("#review-form .badge")).to_have_text(words["review_submitted"])
    expect(reviewer_page.locator("#review-form form")).to_have_count(0)

    # and the round's results rank it: 8/10×40 + 15/20×60 = 77
    staff_page.goto(f"{base}/{lang}/committees/{committee_round.pk}/")
    result = staff_page.locator("#results tbody tr", has_text=application.reference).first
    expect(result.locator("td").nth(0)).to_have_text("1")
    expect(result.locator("td").nth(2)).to_have_text("1 / 1")
    expect(result.locator("td").nth(4)).to_have_text("77.00")

    # when staff select it, sign the agreement and start execution
    staff_page.goto(application_url)
    _take(staff_page, "select")
    expect(_state(staff_page)).to_have_text(words["selected"])
    _take(staff_page, "sign_agreement")
    expect(_state(staff_page)).to_have_text(words["agreement"])
    _take(staff_page, "start_execution")
    expect(_state(staff_page)).to_have_text(words["execution"])
    # add a milestone and mark it done
    add_milestone = staff_page.locator("form[action$='/milestones/']")
    add_milestone.locator("[name=title]").fill("시제품 완성 / prototype")
    add_milestone.locator("[name=due_on]").fill(f"{year}-12-31")
    _submit(staff_page, add_milestone.locator("button[type=submit]"))
    milestone = staff_page.locator("tr", has_text="시제품 완성 / prototype")
    _submit(staff_page, milestone.locator("form[action$='/done/'] button"))
    expect(milestone).to_contain_text("✓")
    # and complete the project
    _take(staff_page, "complete")
    expect(_state(staff_page)).to_have_text(words["completed"])

    # A +1-year value is accepted only 12 months after completion: move the completion
    # back 13 months in the database instead of waiting a year.
    completed_on = add_months(timezone.localdate(), -13)
    Transition.objects.filter(application=application, to_state="completed").update(
        at=timezone.make_aware(datetime.datetime.combine(completed_on, datetime.time(12)))
    )

    # when the company records its sales one year after completion
    company_page.goto(f"{base}/{lang}/outcomes/projects/{application.pk}/")
    record = company_page.locator("main form[enctype='multipart/form-data']")
    record.locator("select[name=organization]").select_option(str(company.pk))
    record.locator("select[name=metric]").select_option("sales")
    record.locator("select[name=period]").select_option("plus_1")
    record.locator("input[name=value]").fill("150")
    _submit(company_page, record.locator("button[type=submit]"))
    # then the ledger shows it, not verified yet
    expect(company_page.locator(".messages")).to_contain_text(words["value_saved"])
    cell = company_page.locator("td.ledger-cell", has_text="150")
    expect(cell).to_have_count(1)
    expect(cell.locator(".ledger-value")).to_have_text("150")
    expect(cell.locator(".badge-verified")).to_have_count(0)

    # when staff verify it
    staff_page.goto(f"{base}/{lang}/outcomes/projects/{application.pk}/")
    staff_cell = staff_page.locator("td.ledger-cell", has_text="150")
    staff_cell.locator("form[action$='/verify/'] button").click()
    expect(staff_page.locator("td.ledger-cell .badge-verified")).to_have_text(words["verified"])

    # and write the success story in both languages
    staff_page.goto(f"{base}/{lang}/outcomes/projects/{application.pk}/story/")
    story_text = {
        "title_ko": "광센서 국산화 성공",
        "title_en": "Optical sensors made at home",
        "summary_ko": "시험 장비 애로를 풀어 매출이 50% 늘었다.",
        "summary_en": "Solving the test-rig difficulty raised sales by half.",
        "body_ko": "본문입니다.",
        "body_en": "The story.",
    }
    for name, text in story_text.items():
        staff_page.fill(f"#id_{name}", text)
    _submit(staff_page, staff_page.locator("main form:not([action]) button[type=submit]"))
    expect(staff_page.locator("form[action$='/story/publish/']")).to_have_count(0)

    # when the company consents
    company_page.goto(f"{base}/{lang}/outcomes/projects/{application.pk}/story/")
    _submit(company_page, company_page.locator("form[action$='/story/consent/'] button"))
    expect(company_page.locator(".messages")).to_contain_text(words["consent_recorded"])

    # and staff publish it
    staff_page.goto(f"{base}/{lang}/outcomes/projects/{application.pk}/story/")
    _submit(staff_page, staff_page.locator("form[action$='/story/publish/'] button"))
    expect(staff_page.locator(".messages")).to_contain_text(words["published"])

    # then anyone finds it among the public success stories
    public_page = browser.new_context(locale=LOCALES[lang]).new_page()
    public_page.goto(f"{base}/{lang}/outcomes/stories/")
    title = story_text[f"title_{lang}"]
    _submit(public_page, public_page.get_by_role("link", name=title))
    expect(public_page.locator("article.story h1")).to_contain_text(title)
    expect(public_page.locator(".story-summary")).to_have_text(story_text[f"summary_{lang}"])
    expect(public_page.locator("article.story")).to_contain_text(company_name)
    expect(public_page.locator("p.message-warning")).to_have_count(0)

    # and the application went through exactly these steps
    assert list(application.transitions.order_by("pk").values_list("action", flat=True)) == [
        "submit",
        "pass_screening",
        "select",
        "sign_agreement",
        "start_execution",
        "complete",
    ]
