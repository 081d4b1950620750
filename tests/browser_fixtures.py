"""Browser fixtures for every real-browser test module (a pytest plugin, loaded by conftest.py):
Debian's chromium driven by Playwright, one JavaScript page and one with JavaScript off, and a
log of every request. A module uses `pytestmark = pytest.mark.usefixtures("only_local_requests")`
so each of its tests also proves no page asked another host for anything."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from browser_support import CHROMIUM, CHROMIUM_ARGS, RequestLog


@pytest.fixture(scope="session")
def request_log() -> RequestLog:
    """Shared by both contexts, so one log covers the whole run."""
    return RequestLog()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, launched once: starting a browser costs more than checking a page."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (bash tests/run.sh does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _context(browser: Browser, log: RequestLog, **options) -> BrowserContext:
    """A context that logs every request, for the third-party check."""
    context = browser.new_context(service_workers="block", **options)
    context.on("request", log.record)
    context.set_default_timeout(15_000)
    return context


@pytest.fixture(scope="session")
def page(browser: Browser, request_log: RequestLog) -> Iterator[Page]:
    """One JavaScript-enabled page reused by every test; tests set the viewport they need."""
    context = _context(browser, request_log, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def nojs_page(browser: Browser, request_log: RequestLog) -> Iterator[Page]:
    """A page with JavaScript off: the export's pathways must work as plain links."""
    context = _context(browser, request_log, java_script_enabled=False,
                       viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


@pytest.fixture()
def only_local_requests(request_log: RequestLog) -> Iterator[None]:
    """Every test in this file also proves that no page asked another host for anything."""
    start = len(request_log.urls)
    yield
    off_site = request_log.off_site(start)
    assert not off_site, f"requests to other hosts: {off_site[:10]}"


