"""A person's first visit, in Debian's Chromium: Korean home page, switch to English,
open a mini cluster page."""

import pytest
from django.core.management import call_command

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def page(browser):
    return browser.new_context(locale="ko-KR").new_page()


def test_korean_home_then_english_then_a_mini_cluster(page, live_server):
    # given the real reference data
    call_command("load_sources", verbosity=0)
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    # when a visitor opens the home page
    page.goto(live_server.url + "/")
    # then it is in Korean
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.get_by_role("heading", name="광역경제권(5+2)").is_visible()
    # when they switch to English
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    # and open Gwangju's LED mini cluster from the mini cluster list
    page.get_by_role("link", name="Mini clusters", exact=True).first.click()
    page.get_by_role("link", name="LED", exact=True).click()
    # then its mini-site shows, in English, under the Gwangju hub
    page.wait_for_url("**/en/mini-clusters/gwangju-led/")
    assert page.get_by_role("heading", name="LED").is_visible()
    assert page.get_by_role("link", name="Gwangju", exact=True).is_visible()
    # and nothing broke the content security policy
    assert [e for e in errors if "Content Security Policy" in e] == []
