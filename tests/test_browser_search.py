"""The export's search in Chromium: it runs in the page, from the header's box as from its own,
and no request ever carries the words (they stay after '#'); and when things go wrong (the index
cannot be read, opened from a file, JavaScript off) the reader keeps the A to Z and is told why.
When nothing is found it offers a spelling, or the other language's search, from its own index."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import Page

from alnbench.serving import PREFIX, nginx_export
from alnguide.content.model import Site
from alnguide.languages import SEARCH_SEGMENT
from browser_support import RequestLog

pytestmark = pytest.mark.usefixtures("only_local_requests")
UNAVAILABLE = {"en": "Search cannot run here", "cy": "Ni all y chwilio weithio yma"}
NO_SCRIPT = {"en": "Searching this guide needs JavaScript", "cy": "Mae angen JavaScript i chwilio"}


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_when_the_index_cannot_load_the_a_to_z_stays_with_a_message(page: Page, export_url: str,
                                                                     site: Site, lang: str) -> None:
    page.route("**/index-*.json", lambda route: route.abort())
    try:
        page.goto(f"{export_url}{lang}/{SEARCH_SEGMENT[lang]}/index.html?q=IDP")
        message = page.locator("#search-results .error-message")
        message.wait_for()
        assert UNAVAILABLE[lang] in message.text_content()
        assert page.locator("#a-z").is_visible()
        titles = page.locator(".a-to-z a").all_text_contents()
        assert site.pages[lang]["idps"].title in titles
    finally:
        page.unroute("**/index-*.json")


def test_opened_from_a_file_the_search_page_still_offers_the_a_to_z(page: Page, export_dir) -> None:
    page.goto((export_dir / "en" / "search" / "index.html").as_uri() + "?q=transport")
    page.locator("#search-results .error-message").wait_for()
    assert page.locator("#a-z").is_visible()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_without_javascript_the_page_says_search_needs_it(nojs_page: Page, export_url: str,
                                                          lang: str) -> None:
    nojs_page.goto(f"{export_url}{lang}/{SEARCH_SEGMENT[lang]}/index.html?q=IDP")
    text = nojs_page.locator(".a-to-z").inner_text()
    assert NO_SCRIPT[lang] in text, text[:300]
    assert nojs_page.locator(".a-to-z a").count() > 20


def results(page: Page) -> list[str]:
    return page.locator("#search-results .search-result h3 a").all_text_contents()


@pytest.mark.parametrize(("lang", "query", "title_key"),
                         [("cy", "nghynllun", "idps"), ("en", "EHCP", "idps")])
def test_queries_run_in_place_and_the_address_follows(page: Page, export_url: str, site: Site, lang: str,
                                                     query: str, title_key: str) -> None:
    page.goto(f"{export_url}{lang}/{SEARCH_SEGMENT[lang]}/index.html")
    page.evaluate("window.__stillHere = true")  # gone if the page reloads
    page.fill("#search-page-q", query)
    page.press("#search-page-q", "Enter")
    page.locator("#results-heading").wait_for()
    assert page.evaluate("window.__stillHere") is True
    assert site.pages[lang][title_key].title in results(page)[:3]
    assert page.url.endswith("#q=" + query)
    link = page.locator("a.lang-link").get_attribute("href")
    assert link.endswith("#q=" + query)
    if query == "EHCP":
        line = page.locator(".england-word")
        assert "is used in England" in line.text_content()
        assert line.locator("a").get_attribute("href").endswith("#term-idp")


def test_more_than_a_page_of_results_pages_in_place(page: Page, export_url: str) -> None:
    page.goto(f"{export_url}en/search/index.html?q=school")
    page.locator("#results-heading").wait_for()
    total = int(page.locator("#results-heading").text_content().split()[0])
    assert total > 20 and len(results(page)) == 20
    first = results(page)
    assert f"Showing 1 to 20 of {total}" in page.locator(".result-count").text_content()
    page.evaluate("window.__stillHere = true")
    page.click(".pagination a[rel=next]")
    page.wait_for_function("document.querySelector('.result-count').textContent.includes('Showing 21')")
    assert page.evaluate("window.__stillHere") is True and page.url.endswith("#q=school&page=2")
    assert "?q=" not in page.url  # an older link's words leave the address once read
    assert len(results(page)) == total - 20 and not set(results(page)) & set(first)


def carrying(words: str, urls: list[str]) -> list[str]:
    """The requests whose address holds the words, however encoded."""
    return [url for url in urls if words.lower() in unquote(url.replace("+", " ")).lower()]


@pytest.mark.parametrize(("lang", "query", "title_key"),
                         [("cy", "nghynllun", "idps"), ("en", "EHCP", "idps")])
def test_the_header_search_runs_in_the_page_and_no_request_carries_the_words(
        page: Page, export_url: str, site: Site, request_log: RequestLog, lang: str, query: str,
        title_key: str) -> None:
    page.goto(export_url + site.pages[lang]["about"].url.lstrip("/") + "index.html")
    start = len(request_log.urls)
    page.fill("#site-search-q", query)
    page.press("#site-search-q", "Enter")
    page.locator("#results-heading").wait_for()
    assert site.pages[lang][title_key].title in results(page)[:3]
    assert page.url.endswith(f"/{SEARCH_SEGMENT[lang]}/index.html#q={query}"), page.url
    sent = request_log.urls[start:]
    assert any(url.endswith(".json") for url in sent), "the search ran in the page, from its index"
    assert not carrying(query, sent), carrying(query, sent)
    assert "<code>#q=</code>" in site.pages[lang]["privacy"].html  # how the privacy page tells readers


def test_the_export_404_pages_header_search_sends_no_words(page: Page, export_url: str, site: Site,
                                                           request_log: RequestLog) -> None:
    """404.html is made apart from the other pages and served at any depth: its box is the same."""
    page.goto(export_url + "en/no-such-page/deeper/")
    start = len(request_log.urls)
    page.fill("#site-search-q", "nghynllun")
    page.press("#site-search-q", "Enter")
    page.locator("#results-heading").wait_for()
    assert site.pages["cy"]["idps"].title in results(page)[:3]
    assert page.url.endswith("/cy/chwilio/#q=nghynllun"), page.url
    assert not carrying("nghynllun", request_log.urls[start:])


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_without_javascript_the_header_search_sends_no_words(nojs_page: Page, export_url: str, site: Site,
                                                            request_log: RequestLog, lang: str) -> None:
    nojs_page.goto(export_url + site.pages[lang]["about"].url.lstrip("/") + "index.html")
    start = len(request_log.urls)
    nojs_page.fill("#site-search-q", "hyperlexia Cwmbran")
    nojs_page.press("#site-search-q", "Enter")
    nojs_page.wait_for_url(f"**/{SEARCH_SEGMENT[lang]}/index.html*")
    assert NO_SCRIPT[lang] in nojs_page.locator(".a-to-z").inner_text()
    sent = request_log.urls[start:]
    assert sent and not carrying("hyperlexia", sent) and not carrying("Cwmbran", sent), sent


def test_through_the_documented_nginx_the_export_logs_no_search_words(page: Page, export_dir: Path,
                                                                      site: Site) -> None:
    """The export behind nginx configured as docs/hosting.md says: a header search, and an older
    link with ?q=, leave no words in the access log."""
    work = Path(tempfile.mkdtemp(prefix="aln-export-log-"))
    try:
        work.chmod(0o755)  # nginx's workers run as an unprivileged user and read the export
        shutil.copytree(export_dir, work / "export")
        for path in [work / "export", *(work / "export").rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        with nginx_export(work / "export", work / "nginx") as server:
            page.goto(server.url + site.pages["en"]["about"].url.lstrip("/") + "index.html")
            page.fill("#site-search-q", "EHCP")
            page.press("#site-search-q", "Enter")
            page.locator("#results-heading").wait_for()
            page.goto(server.url + "cy/chwilio/index.html?q=hyperlexia")  # an older link
            page.locator("#results-heading").wait_for()
            assert "?q=" not in page.url
        log = (work / "nginx" / "access.log").read_text(encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    assert f'"GET {PREFIX}en/search/index.html HTTP/1.1" 200' in log
    assert f'"GET {PREFIX}cy/chwilio/index.html HTTP/1.1" 200' in log
    for secret in ("EHCP", "hyperlexia", "q="):
        assert secret not in log, secret


@pytest.mark.parametrize(("lang", "query", "guide"), [
    ("en", "tribunal", "disagree"), ("en", "appeal", "disagree"),
    ("cy", "tribiwnlys", "disagree"), ("cy", "apêl", "disagree"),
])
def test_an_intent_word_lists_its_question_guide_first(page: Page, export_url: str, site: Site, lang: str,
                                                       query: str, guide: str) -> None:
    page.goto(f"{export_url}{lang}/{SEARCH_SEGMENT[lang]}/index.html#q={query}")
    page.locator("#results-heading").wait_for()
    assert site.guide(guide).title[lang] in results(page)[:2], results(page)[:3]


@pytest.mark.parametrize(("lang", "query", "line", "fixed"), [
    ("en", "tribunel", "Did you mean tribunal?", "tribunal"),
    ("cy", "tribiwnlis", "Oeddech chi'n golygu tribiwnlys?", "tribiwnlys"),
])
def test_the_export_asks_did_you_mean_from_its_own_index(page: Page, export_url: str, site: Site, lang: str,
                                                         query: str, line: str, fixed: str) -> None:
    page.goto(f"{export_url}{lang}/{SEARCH_SEGMENT[lang]}/index.html#q={query}")
    suggestion = page.locator("#search-results .suggestion")
    suggestion.wait_for()
    assert suggestion.inner_text().strip() == line
    page.click("#search-results .suggestion a")
    page.wait_for_function(f"location.hash.includes('q={fixed}')")
    page.locator("#search-results .search-result").first.wait_for()
    assert site.guide("disagree").title[lang] in results(page)[:2]


@pytest.mark.parametrize(("lang", "query", "line", "there", "title_key"), [
    ("en", "nghynllun", "Search the Welsh pages for ‘nghynllun’", "cy", "idps"),
    ("cy", "tribunal", "Chwilio'r tudalennau Saesneg am ‘tribunal’", "en", "disagreements"),
])
def test_a_word_of_the_other_language_leads_to_that_languages_search(
        page: Page, export_url: str, site: Site, lang: str, query: str, line: str, there: str,
        title_key: str) -> None:
    page.goto(f"{export_url}{lang}/{SEARCH_SEGMENT[lang]}/index.html#q={query}")
    hint = page.locator("#search-results .other-language a")
    hint.wait_for()
    assert hint.inner_text().strip() == line
    assert hint.get_attribute("hreflang") == there
    assert hint.locator(f'span[lang="{there}"]').inner_text() == query
    hint.click()
    page.wait_for_url(f"**/{there}/{SEARCH_SEGMENT[there]}/**")
    page.locator("#search-results .search-result").first.wait_for()
    assert page.url.endswith(f"#q={query}"), page.url
    assert site.pages[there][title_key].title in results(page)[:5]


def test_no_other_language_hint_for_words_neither_has(page: Page, export_url: str) -> None:
    page.goto(f"{export_url}en/search/index.html#q=qqqzzzxx")
    page.locator("#results-heading").wait_for()
    assert page.locator("#search-results .other-language").count() == 0
    assert page.locator("#search-results .suggestion").count() == 0
