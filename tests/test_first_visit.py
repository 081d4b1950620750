"""A new reader's first visit and a dropped signal (issue 28, section 2), in real Chromium on the
export served under a sub-path: the first visit (the page and the offline worker's first fetch)
stays within its budget and fetches only the reader's language, once each; a guide the reader
started works offline to every outcome; the calculator works offline; search offline says so."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from alnbench.firstvisit import BUDGET, first_visit, logging_server
from alnguide.guides.pathways import CHANGE_SEGMENT
from alnguide.languages import LANGUAGES, SEARCH_SEGMENT, deadlines_path, other
from browser_support import MEANING, SEARCH_QUERY, walk_by_clicking
from offline_support import Reader, open_offline

pytestmark = pytest.mark.usefixtures("only_local_requests")
OFFLINE_TITLE = {"en": "You are offline", "cy": "Rydych chi all-lein"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_first_visit_is_the_page_and_its_languages_core_within_budget(browser: Browser, export_dir: Path,
                                                                        lang: str) -> None:
    with logging_server(export_dir) as (url, served):
        visit = first_visit(browser, url, served, f"{lang}/index.html")
    print(visit.summary())
    paths = [path for path, _ in visit.files]
    assert deadlines_path(lang).lstrip("/") + "index.html" in paths  # the worker's fetch was counted
    assert not [p for p in paths if p.startswith(f"{other(lang)}/")]  # never the other language
    pages = [p.removesuffix("index.html") for p in paths]
    assert len(pages) == len(set(pages)), paths  # never the same page twice
    # The home page says what saving the whole guide costs from a summary; the list of every
    # file, which grows with the guide, waits for the tap
    assert f"offline-{lang}-size.json" in paths and f"offline-{lang}.json" not in paths
    # What the worker fetches is the same few pages at any size of guide (bench: the 10x figure)
    assert len(visit.files) <= 14
    assert visit.bytes <= BUDGET, visit.files


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_started_guide_works_offline_to_every_outcome(reader: Reader, export_url: str, export_dir: Path,
                                                        site, lang: str) -> None:
    def size(pathway) -> int:
        return sum(1 for _ in (export_dir / pathway.url(lang).lstrip("/")).rglob("*"))

    guide = max(site.pathways, key=size)  # the guide with the most steps
    start = export_url + guide.url(lang).lstrip("/")
    reader.page.goto(start + "index.html")  # the reader starts the guide, and reads its first question
    reader.wait_marked(start)
    reader.context.set_offline(True)
    pages = sorted((export_dir / guide.url(lang).lstrip("/")).rglob("index.html"))
    steps = [p for p in pages if CHANGE_SEGMENT[lang] not in p.parts]
    changes = [p for p in pages if CHANGE_SEGMENT[lang] in p.parts]
    assert len(steps) > 10 and changes
    for step in steps:  # every question and every outcome, though the reader opened only the first
        address = export_url + step.relative_to(export_dir).as_posix()
        assert open_offline(reader.page, address) == 200, address
        assert reader.page.locator("h1").text_content().strip() != OFFLINE_TITLE[lang]
    for change in changes[:3]:  # not its Change pages (one per answer on every way through)
        open_offline(reader.page, export_url + change.relative_to(export_dir).as_posix())
        assert reader.page.locator("h1").text_content().strip() == OFFLINE_TITLE[lang], change
    open_offline(reader.page, start + "index.html")
    walked = list(walk_by_clicking(reader.page, -1))
    assert walked and MEANING[lang] in reader.page.locator("main").inner_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calculator_works_offline_after_one_visit(reader: Reader, export_url: str, lang: str) -> None:
    reader.page.goto(export_url + f"{lang}/index.html")
    reader.wait_marked(lang)
    reader.context.set_offline(True)
    assert open_offline(reader.page, export_url + deadlines_path(lang).lstrip("/") + "index.html") == 200
    day = datetime.date.today() - datetime.timedelta(days=5)
    reader.page.locator("input[name=clock]").first.check()
    for field, value in (("day", day.day), ("month", day.month), ("year", day.year)):
        reader.page.fill(f"#start-{field}", str(value))
    reader.page.click("#deadline-form button[type=submit]")
    heading = reader.page.locator("#result-heading")
    heading.wait_for()
    assert str(day.year) in heading.text_content() or str(day.year + 1) in heading.text_content()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_offline_says_you_are_offline_and_offers_what_is_kept(reader: Reader, export_url: str,
                                                                     lang: str) -> None:
    reader.page.goto(export_url + f"{lang}/{SEARCH_SEGMENT[lang]}/index.html")
    reader.wait_marked(lang)
    reader.context.set_offline(True)
    assert open_offline(reader.page, export_url + f"{lang}/{SEARCH_SEGMENT[lang]}/index.html") == 200
    reader.page.fill("#search-page-q", SEARCH_QUERY[lang])
    reader.page.press("#search-page-q", "Enter")
    said = reader.page.locator("#search-results .error-message")
    said.wait_for()
    assert said.text_content().startswith(OFFLINE_TITLE[lang])
    assert "file" not in said.text_content()  # not the wrong reason
    with reader.page.expect_navigation():
        said.locator("a").click()
    assert reader.page.locator("h1").text_content().strip() == OFFLINE_TITLE[lang]
    assert reader.page.get_attribute("html", "lang") == lang
    kept = reader.page.locator("main .page-list a")
    assert kept.count() >= 3
    for i in range(kept.count()):  # what it offers is kept: each opens with no signal
        href = kept.nth(i).get_attribute("href")
        assert href
        status = reader.page.evaluate("href => fetch(href).then(r => r.status)", href)
        assert status == 200, href


def test_a_reader_saving_data_gets_nothing_ahead(browser: Browser, export_dir: Path) -> None:
    """Save-Data (the browser's data saver): only the pages the reader opens are kept; the
    worker fetches no core and no guide ahead."""
    with logging_server(export_dir) as (url, served):
        context = browser.new_context(service_workers="allow")
        try:
            context.add_init_script("Object.defineProperty(navigator, 'connection',"
                                    " {value: {saveData: true}, configurable: true})")
            page = context.new_page()
            page.goto(url + "en/idps/index.html")
            kept = "caches.match(location.href.replace(/index\\.html$/, '')).then(found => !!found)"
            deadline = time.monotonic() + 30
            while not page.evaluate(kept):  # the page itself is kept, once the network is quiet
                assert time.monotonic() < deadline, "the page was never kept"
                page.wait_for_timeout(100)
            page.wait_for_timeout(1500)  # time enough for a fetch ahead, were there one
            fetched = [path for path, _ in served.answered]
        finally:
            context.close()
    assert "sw.js" in fetched
    ahead = fetched[fetched.index("sw.js") + 1:]
    assert not [path for path in ahead if path.endswith(".html") and path != "en/idps/index.html"], ahead
