"""The guide offline: the service worker, the offline pages and "save the whole guide", on the
server and in the export served under a sub-path, in real headless Chromium with service workers
allowed (Playwright's offline mode applies to the worker's own fetches in this Chromium: a page
the worker has not kept gets the offline page, which could not happen if the worker's fetch went
through)."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import re
import shutil
import signal
import threading
import time
import urllib.request
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from playwright.sync_api import Error as BrowserError

from alnguide import create_app
from alnguide.content.loader import load_site
from alnguide.export.freezing import GZIP_LEVEL, freeze
from alnguide.guides.pathways import CHANGE_SEGMENT, all_steps, change_steps
from alnguide.languages import (
    LANGUAGES,
    RESERVED_SLUGS,
    SEARCH_SEGMENT,
    deadlines_path,
    offline_path,
    other,
    pathways_path,
)
from browser_support import (
    MEANING,
    SEARCH_QUERY,
    axe_violations,
    stylesheet_loaded,
    walk_by_clicking,
)
from conftest import ROOT, SUB_PATH, SubPathHandler
from offline_support import Reader, open_offline, poll

pytestmark = pytest.mark.usefixtures("only_local_requests")
OFFLINE_TITLE = {"en": "You are offline", "cy": "Rydych chi all-lein"}
SAVED = {"en": r"Saved: (\d+) pages, ([\d.]+ [KM]B)\.",
         "cy": r"Wedi cadw: (\d+) o dudalennau, ([\d.]+ [KM]B)\."}
UNCACHED = {"en": "en/idps/index.html", "cy": "cy/cynlluniau-datblygu-unigol/index.html"}


def worker_constants(script: str) -> dict:
    return {name: json.loads(re.search(rf"var {name} = (.*);", script).group(1))
            for name in ("VERSION", "CORE", "OFFLINE", "GUIDES")}


# On the server

def test_the_server_sends_the_worker_from_its_root_never_kept_stale(client, site) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-cache"
    found = worker_constants(response.get_data(as_text=True))
    assert re.fullmatch(r"[0-9a-f]{12}", found["VERSION"])
    core = found["CORE"]
    assert set(core) == set(LANGUAGES)
    for lang in LANGUAGES:  # each language's core is its own: a reader of one never gets the other's
        assert set(core[lang]) == {f"{lang}/", offline_path(lang).lstrip("/"),
                                   deadlines_path(lang).lstrip("/"), pathways_path(lang).lstrip("/")}
    assert found["GUIDES"] == {lang: pathways_path(lang).lstrip("/") for lang in LANGUAGES}
    assert found["OFFLINE"] == {lang: offline_path(lang).lstrip("/") for lang in LANGUAGES}


def test_every_page_registers_the_worker_from_the_sites_root(client) -> None:
    html = client.get("/en/idps/", base_url="http://127.0.0.1/guide/").get_data(as_text=True)
    script = r'<script src="/guide/static/js/offline\.[0-9a-f]{10}\.js" defer data-sw-url="/guide/sw.js">'
    assert re.search(script, html)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_offline_pages_exist_in_both_languages(client, lang: str) -> None:
    assert {"offline", "all-lein"} <= RESERVED_SLUGS
    html = unescape(client.get(offline_path(lang)).get_data(as_text=True))
    assert f"<h1>{OFFLINE_TITLE[lang]}</h1>" in html
    assert f'class="lang-link" href="{offline_path(other(lang))}" hreflang="{other(lang)}"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_server_lists_what_saving_the_guide_downloads(client) -> None:
    response = client.get("/offline-cy.json")
    assert response.headers["Cache-Control"] == "no-cache"
    listed = response.get_json()
    assert listed["lang"] == "cy" and listed["sizes"] == "gzip"
    addresses = [a for a, _ in listed["files"]]
    assert "cy/llwybrau/" in addresses and "./" in addresses
    assert not any(a.startswith("en/") for a in addresses)
    assert listed["bytes"] == sum(size for _, size in listed["files"])
    summary = client.get("/offline-cy-size.json")
    assert summary.headers["Cache-Control"] == "no-cache"
    assert summary.get_json() == {key: listed[key] for key in ("lang", "version", "pages", "bytes", "sizes")}
    body = client.get("/cy/geirfa/").get_data()
    assert dict(listed["files"])["cy/geirfa/"] == len(gzip.compress(body, GZIP_LEVEL))


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_saving_the_guide_keeps_every_step_and_outcome_but_not_the_change_pages(client, site, lang) -> None:
    """A "Change" page per answer on every way through would double what a phone downloads."""
    addresses = {"/" + a for a, _ in client.get(f"/offline-{lang}.json").get_json()["files"]}
    for pathway in site.pathways:
        for step in all_steps(pathway):
            assert pathway.url(lang, step.answers) in addresses
        changes = [step.url(lang) for step in change_steps(pathway)]
        assert changes and not addresses & set(changes), pathway.id



def test_every_gunicorn_worker_names_the_worker_for_the_content_it_serves(tmp_path: Path) -> None:
    """An edit on disk, not yet reloaded, changes nothing a reader gets: each of gunicorn's
    workers gives the offline worker the version of the content it serves. The reload then
    serves the edit, under a new version."""
    from concurrent.futures import ThreadPoolExecutor

    from alnbench.serving import gunicorn

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)

    def version(url: str) -> str:
        with urllib.request.urlopen(url, timeout=10) as response:
            return worker_constants(response.read().decode())["VERSION"]

    with gunicorn(tmp_path, content) as server:
        first = version(server.url + "sw.js")
        page = content / "en" / "about.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nAn edit not yet reloaded.\n", encoding="utf-8")
        with ThreadPoolExecutor(8) as pool:  # one connection each: both workers answer
            seen = set(pool.map(lambda _: version(server.url + "sw.js"), range(48)))
        assert seen == {first}
        os.kill(int((tmp_path / "gunicorn.pid").read_text()), signal.SIGHUP)
        deadline = time.monotonic() + 30
        while version(server.url + "sw.js") == first:
            assert time.monotonic() < deadline, "the reload did not change the version"
            time.sleep(0.2)


# In the export

def test_the_export_has_the_worker_at_its_root_and_every_file_it_keeps(export_dir: Path) -> None:
    found = worker_constants((export_dir / "sw.js").read_text(encoding="utf-8"))
    kept = [path for lang in LANGUAGES for path in found["CORE"][lang]]
    missing = [path for path in kept if not (export_dir / path).is_file()]
    assert not missing
    assert (export_dir / offline_path("cy").lstrip("/") / "index.html").is_file()
    for lang in LANGUAGES:
        listed = json.loads((export_dir / f"offline-{lang}.json").read_text(encoding="utf-8"))
        assert listed["version"] == found["VERSION"]
        summary = json.loads((export_dir / f"offline-{lang}-size.json").read_text(encoding="utf-8"))
        assert summary == {key: listed[key] for key in ("lang", "version", "pages", "bytes", "sizes")}
        pages = {p.relative_to(export_dir).as_posix() for p in (export_dir / lang).rglob("index.html")
                 if CHANGE_SEGMENT[lang] not in p.parts}  # not a guide's "Change" pages
        assert {a for a, _ in listed["files"]} >= pages | {"index.html"}
        assert listed["pages"] == len(pages) + 1  # and the bilingual home
        for address, size in listed["files"]:
            assert size == len(gzip.compress((export_dir / address).read_bytes(), GZIP_LEVEL)), address


# In Chromium

@pytest.mark.parametrize("lang", LANGUAGES)
def test_after_one_visit_the_core_opens_offline_and_other_pages_say_so(reader: Reader, export_url: str,
                                                                         site, lang: str) -> None:
    assert all(site.page(lang, UNCACHED[lang].split("/")[1]) for lang in LANGUAGES)  # real pages
    reader.visit_until_controlled(export_url + f"{lang}/index.html")
    [name] = reader.cache_names()
    assert name.startswith(f"aln-guide {SUB_PATH} ")  # this site's cache: under another path, another
    reader.context.set_offline(True)
    page = reader.page
    assert open_offline(page, export_url + pathways_path(lang).lstrip("/") + "index.html") == 200
    assert page.locator("h1").text_content().strip() != OFFLINE_TITLE[lang]
    assert open_offline(page, export_url + deadlines_path(lang).lstrip("/") + "index.html") == 200
    # A page never opened, a guide not started: the offline page in its language, at the
    # address asked for
    guide = site.pathways[0]
    for never in (UNCACHED[lang], guide.url(lang).lstrip("/") + "index.html"):
        assert open_offline(page, export_url + never) == 503
        assert page.locator("h1").text_content().strip() == OFFLINE_TITLE[lang]
        assert page.url == export_url + never
        assert page.get_attribute("html", "lang") == lang
        assert stylesheet_loaded(page)  # its links work at any address
    with page.expect_navigation():
        page.locator("main a").first.click()  # home, which is kept
    assert page.url == export_url + f"{lang}/index.html"
    assert page.locator("h1").text_content().strip() == site.home(lang).title
    # The other language's core was never fetched: its pages say "offline" in this one
    assert open_offline(page, export_url + f"{other(lang)}/index.html") == 503
    assert page.locator("h1").text_content().strip() == OFFLINE_TITLE[lang]


def test_the_offline_page_lists_the_pages_this_phone_kept(reader: Reader, export_url: str, site) -> None:
    reader.visit_until_controlled(export_url + "en/index.html")
    reader.page.goto(export_url + "en/about-this-guide/index.html")  # kept as it is opened
    reader.wait_kept(export_url + "en/about-this-guide/index.html")
    reader.context.set_offline(True)
    open_offline(reader.page, export_url + UNCACHED["en"])
    saved = reader.page.locator("#saved-list a")
    saved.first.wait_for()
    assert [saved.nth(i).text_content() for i in range(saved.count())] == [site.pages["en"]["about"].title]
    with reader.page.expect_navigation():
        saved.first.click()
    assert reader.page.url == export_url + "en/about-this-guide/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_after_saving_the_whole_guide_a_guide_and_search_work_offline(reader: Reader, export_url: str,
                                                                     export_dir: Path, lang: str) -> None:
    listed = json.loads((export_dir / f"offline-{lang}.json").read_text(encoding="utf-8"))
    reader.visit_until_controlled(export_url + f"{lang}/index.html")
    page = reader.page
    size = page.locator("#save-size")
    size.wait_for()
    assert str(listed["pages"]) in size.text_content()
    page.click("#save-button")
    page.wait_for_function("/(Saved|Wedi cadw):/.test(document.getElementById('save-status').textContent)",
                           timeout=60_000)
    done = re.search(SAVED[lang], page.locator("#save-status").text_content())
    assert done and int(done.group(1)) == listed["pages"], page.locator("#save-status").text_content()
    page.set_viewport_size({"width": 320, "height": 640})
    assert not axe_violations(page)  # the section as a reader with a service worker sees it
    reader.context.set_offline(True)
    for choose in (0, -1):  # the first answer each time, then the last: two whole walks
        open_offline(page, export_url + f"{lang}/index.html")
        with page.expect_navigation():
            page.locator(".card-list a").first.click()
        steps = list(walk_by_clicking(page, choose))
        assert steps and MEANING[lang] in page.locator("main").inner_text(), steps[-1]
    open_offline(page, export_url + f"{lang}/{SEARCH_SEGMENT[lang]}/index.html")
    page.fill("#search-page-q", SEARCH_QUERY[lang])
    page.press("#search-page-q", "Enter")
    page.locator("#search-results .search-result a").first.wait_for()
    with page.expect_navigation():
        page.locator("#search-results .search-result a").first.click()
    assert page.locator("h1").text_content().strip() != OFFLINE_TITLE[lang]  # the result was saved too


@pytest.fixture()
def own_export(tmp_path: Path) -> Iterator[tuple[Path, Path, str]]:
    """(content copy, export folder, its address): an export a test may freeze again, changed."""
    content, out = tmp_path / "content", tmp_path / "export"
    shutil.copytree(ROOT / "content", content)
    freeze(create_app(load_site(content), content), out, base_url=f"http://127.0.0.1{SUB_PATH}")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(SubPathHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield content, out, f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    server.shutdown()


def test_a_new_export_reaches_the_reader_and_the_old_cache_goes(reader: Reader, own_export) -> None:
    content, out, url = own_export
    about = url + "en/about-this-guide/index.html"
    reader.visit_until_controlled(url + "en/index.html")
    reader.page.goto(url + UNCACHED["en"])  # kept, not core
    reader.wait_kept(url + UNCACHED["en"])
    reader.page.goto(about)
    [first] = reader.cache_names()
    sentence = "This sentence is new in this version of the guide."
    page_file = content / "en" / "about.md"
    page_file.write_text(page_file.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    # Last-Modified counts whole seconds: a page rewritten in the second the browser's copy was
    # written is "not modified" to any static server. The freeze now takes ~1 s, so the new
    # export is written in a later second than the old, as a real new export is.
    written = (out / "en" / "about-this-guide" / "index.html").stat().st_mtime
    while int(time.time()) <= int(written):
        time.sleep(0.05)
    freeze(create_app(load_site(content), content), out, base_url=f"http://127.0.0.1{SUB_PATH}")
    new_version = worker_constants((out / "sw.js").read_text(encoding="utf-8"))["VERSION"]
    assert not first.endswith(new_version)
    reader.page.reload()
    assert sentence in reader.page.locator("main").inner_text()  # pages are revalidated
    only_new = f"caches.keys().then(n => n.length === 1 && n[0].endsWith({new_version!r}))"
    poll(reader.page, only_new)
    assert reader.cache_names() == [first.rsplit(" ", 1)[0] + " " + new_version]
    reader.page.reload()  # kept again, in the new cache, as it was opened
    reader.wait_kept(about)
    reader.context.set_offline(True)
    assert open_offline(reader.page, about) == 200
    assert sentence in reader.page.locator("main").inner_text()
    # What the reader kept before stays kept; an older build's name for a file gets today's file
    assert open_offline(reader.page, url + UNCACHED["en"]) == 200 and stylesheet_loaded(reader.page)
    older = url + "static/css/main.0123456789.css"
    assert reader.page.evaluate(f"fetch({older!r}).then(r => r.text()).then(t => t.includes('--brand'))")


@pytest.fixture()
def served_url(app) -> Iterator[str]:
    """The Flask application itself on loopback, mounted under a sub-path as a council might."""
    from werkzeug.middleware.dispatcher import DispatcherMiddleware
    from werkzeug.serving import make_server

    mounted = DispatcherMiddleware(lambda environ, start: start("404 Not Found", []) or [b""],
                                   {"/guide": app})
    server = make_server("127.0.0.1", 0, mounted, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/guide/"
    server.shutdown()


def test_the_served_site_works_offline_under_its_mount_point(reader: Reader, served_url: str, site) -> None:
    reader.visit_until_controlled(served_url + "cy/")
    scope = reader.page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == served_url
    guide = site.pathways[0]
    start = served_url + guide.url("cy").lstrip("/")
    reader.page.goto(start)  # a started guide is kept whole
    reader.wait_marked(start)
    reader.context.set_offline(True)
    assert open_offline(reader.page, start) == 200
    assert guide.title["cy"] in reader.page.locator("h1").text_content()
    assert list(walk_by_clicking(reader.page, -1))
    assert MEANING["cy"] in reader.page.locator("main").inner_text()
    assert open_offline(reader.page, served_url + pathways_path("cy").lstrip("/")) == 200  # the core
    # A page never opened, and a search or a calculation (the server's to answer): offline
    for never in ("cy/cynlluniau-datblygu-unigol/", f"cy/{SEARCH_SEGMENT['cy']}/?q=cynllun",
                  deadlines_path("cy").lstrip("/") + "?clock=school-decision&day=1&month=12&year=2026"):
        assert open_offline(reader.page, served_url + never) == 503, never
        assert reader.page.locator("h1").text_content().strip() == OFFLINE_TITLE["cy"]
        assert stylesheet_loaded(reader.page)


def wait_for_a_second_boundary(out: Path) -> None:
    """Last-Modified counts whole seconds: a page rewritten in the second the browser's copy was
    written would be "not modified" to any static server (see the test above)."""
    written = (out / "en" / "index.html").stat().st_mtime
    while int(time.time()) <= int(written):
        time.sleep(0.05)


def test_a_page_a_new_export_no_longer_has_is_not_kept_offline(reader: Reader, own_export) -> None:
    content, out, url = own_export
    moved, about = url + UNCACHED["en"], url + "en/about-this-guide/index.html"
    reader.visit_until_controlled(url + "en/index.html")
    for kept in (moved, about):
        reader.page.goto(kept)
        reader.wait_kept(kept)
    page_file = content / "en" / "idps.md"  # its address moves: the old one is gone from the export
    page_file.write_text(page_file.read_text(encoding="utf-8").replace("slug: idps\n", "slug: idps-plans\n"),
                         encoding="utf-8")
    wait_for_a_second_boundary(out)
    freeze(create_app(load_site(content), content), out, base_url=f"http://127.0.0.1{SUB_PATH}")
    assert not (out / "en" / "idps").exists() and (out / "en" / "idps-plans" / "index.html").is_file()
    new_version = worker_constants((out / "sw.js").read_text(encoding="utf-8"))["VERSION"]
    reader.page.goto(url + "en/index.html")  # online: the browser fetches the new worker
    poll(reader.page, f"caches.keys().then(n => n.length === 1 && n[0].endsWith({new_version!r}))")
    reader.context.set_offline(True)
    assert open_offline(reader.page, moved) == 503  # not the withdrawn page
    assert reader.page.locator("h1").text_content().strip() == OFFLINE_TITLE["en"]
    assert open_offline(reader.page, about) == 200  # what the new export still has stays kept


def test_a_withdrawn_export_takes_its_worker_and_kept_pages_off_the_phone(reader: Reader, own_export) -> None:
    _, out, url = own_export
    about = url + "en/about-this-guide/index.html"
    reader.visit_until_controlled(url + "en/index.html")
    reader.page.goto(about)
    reader.wait_kept(about)
    for path in out.iterdir():  # the council takes the guide down: every address is a 404
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    assert open_offline(reader.page, about) == 404
    poll(reader.page, "navigator.serviceWorker.getRegistrations().then(r => r.length === 0)", 15)
    poll(reader.page, "caches.keys().then(n => n.length === 0)", 15)
    reader.context.set_offline(True)
    with pytest.raises(BrowserError, match="ERR_INTERNET_DISCONNECTED"):
        reader.page.goto(about)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def host_root(app, tmp_path: Path) -> Iterator[str]:
    """The export at the root of a host, beside the council's own pages (other/)."""
    out = tmp_path / "host"
    freeze(app, out, base_url="http://127.0.0.1/")
    (out / "other").mkdir()
    for name in ("bins.html", "never-opened.html"):
        (out / "other" / name).write_text(f"<!doctype html><title>{name}</title><h1>Bin days</h1>",
                                          encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(QuietHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_at_a_host_root_the_worker_leaves_the_councils_own_pages_to_the_network(reader: Reader,
                                                                                  host_root: str) -> None:
    url = host_root
    reader.visit_until_controlled(url + "en/index.html")
    assert reader.page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)") == url
    bins = url + "other/bins.html"
    reader.page.goto(bins)
    assert reader.page.locator("h1").text_content() == "Bin days"
    reader.page.goto(url + "en/about-this-guide/index.html")  # the guide's own page is kept
    reader.wait_kept(url + "en/about-this-guide/index.html")
    assert not reader.page.evaluate(f"caches.match({bins!r}).then(found => !!found)")
    reader.context.set_offline(True)
    assert open_offline(reader.page, url + "en/about-this-guide/index.html") == 200
    for council_page in (bins, url + "other/never-opened.html"):  # as with no worker at all
        tab = reader.context.new_page()  # (a tab that failed to load can refuse the next address)
        with pytest.raises(BrowserError, match="ERR_INTERNET_DISCONNECTED"):
            tab.goto(council_page)
        tab.close()
