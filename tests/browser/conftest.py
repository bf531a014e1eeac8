"""One Chromium for the whole session (Debian's; Playwright never downloads a browser).

Each xdist worker that runs browser tests starts it once; each test opens its own contexts
(cookies, locale) in it, closed after the test.
"""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium():
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test
    # setup happen before it starts, and the live server answers from its own thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser(chromium, live_server):
    """The session's Chromium for one test. The contexts the test opened are closed after
    it, so none of its pages (the recomputation page polls) calls the server during the
    next test."""
    yield chromium
    for context in list(chromium.contexts):
        context.close()
