"""The API's docs in Debian's Chromium: the vendored Swagger UI starts under the site's
Content-Security-Policy (no violation, no script from elsewhere) and lists the endpoints."""

import pytest

from tests.browser.test_smoke import page  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_render_under_the_content_security_policy(page, live_server):  # noqa: F811
    # given a browser that notes every console error and every request
    errors, hosts = [], set()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    # when the docs are opened
    page.goto(live_server.url + "/api/v1/docs")
    # then Swagger UI shows the API's operations, loaded from this server only
    page.get_by_text("/api/v1/zones", exact=True).first.wait_for()
    assert page.get_by_text("Cluster Hub API").first.is_visible()
    assert hosts == {live_server.url.split("/")[2]}
    assert errors == []
