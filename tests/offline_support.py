"""One phone in Chromium with the guide's service worker allowed: the offline tests' reader, with
ways to wait for what the worker keeps (it works after the page has loaded, in its own time)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from alnguide.languages import LANGUAGES
from browser_support import RequestLog


def poll(page: Page, expression: str, seconds: float = 30) -> None:
    """Wait until an expression that may return a promise is true (wait_for_function takes a
    promise itself for a true value)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {seconds}s: {expression}"
        page.wait_for_timeout(100)


class Reader:
    """One phone: a browser context that lets service workers run, logging every request."""

    def __init__(self, browser: Browser, log: RequestLog):
        self.context: BrowserContext = browser.new_context(service_workers="allow",
                                                           viewport={"width": 390, "height": 844})
        self.context.on("request", log.record)
        self.context.set_default_timeout(30_000)
        self.page: Page = self.context.new_page()

    def visit_until_controlled(self, url: str) -> None:
        """Open a page and wait until the worker controls it and has kept the core of its
        language (which it does once the page has loaded and the network is quiet)."""
        self.page.goto(url)
        self.page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        self.page.wait_for_function("navigator.serviceWorker.controller !== null")
        lang = next((lang for lang in LANGUAGES if f"/{lang}/" in url), None)
        if lang:
            self.wait_marked(lang)

    def wait_marked(self, what: str) -> None:
        """Wait until the worker says it has kept something whole (a language's core, a guide)."""
        poll(self.page, "navigator.serviceWorker.ready.then(r => caches.match(new URL('sw.js?kept=' + "
                        f"encodeURIComponent({what!r}), r.scope).href)).then(f => !!f)")

    def wait_kept(self, url: str) -> None:
        """Wait until the worker has kept a page (it keeps a page it shows after showing it)."""
        key = url.removesuffix("index.html")
        poll(self.page, f"caches.match({key!r}).then(found => !!found)")

    def cache_names(self) -> list[str]:
        return self.page.evaluate("caches.keys()")

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def reader(browser: Browser, request_log: RequestLog) -> Iterator[Reader]:
    phone = Reader(browser, request_log)
    yield phone
    phone.close()


def open_offline(page: Page, url: str) -> int:
    response = page.goto(url)
    assert response is not None
    return response.status
