"""A server safe to run in public: security headers everywhere, no cookies, and bad input of
every kind answered by a localised page with a way back, never a 500 or a reflected payload."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alnguide.web import hosting
from alnguide.web.security import HEADERS

ROOT = Path(__file__).resolve().parents[1]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
            "'; DROP TABLE pages; --", "{{7*7}}", "%3Cscript%3E", "\u202e\u0000", "ŵŷ" * 300]


def assert_safe(response, payload: str | None = None) -> None:
    """What every answer must be: not a server error, with the headers, no cookie, and for an
    error a page in a language with a way back, the payload never echoed as markup."""
    assert response.status_code < 500, response.status_code
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, name
    assert "Set-Cookie" not in response.headers
    if response.status_code >= 400 and response.mimetype == "text/html":
        html = response.get_data(as_text=True)
        assert re.search(r'<html lang="(cy|en)">', html)
        assert re.search(r'<a href="[^"]*/(cy|en)/">', html), "an error page needs a way back"
    if payload and response.mimetype == "text/html":
        html = response.get_data(as_text=True)
        for dangerous in ("<script>alert", "<img src=x"):
            if dangerous in payload:
                assert dangerous not in html


@pytest.mark.parametrize("path", [
    "/", "/en/", "/cy/", "/en/idps/", "/cy/llwybrau/", "/en/pathways/transport/", "/en/search/?q=bus",
    "/cy/chwilio/index.json", "/sitemap.xml", "/robots.txt", "/en/missing/", "/404.html",
])
def test_headers_on_every_kind_of_response(client, path):
    assert_safe(client.get(path))


DOCS = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("snippet", [hosting.nginx_headers, hosting.nginx_export, hosting.apache_headers,
                                     hosting.nginx_app_http, hosting.nginx_app_server,
                                     hosting.nginx_log_format])
def test_docs_give_the_configuration_the_tests_run(snippet):
    assert snippet() in DOCS, snippet.__name__


# What each header must say, written out here rather than read from the code, so that weakening
# the code (or the docs) fails a test.
REQUIRED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
REQUIRED_CSP = {
    "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'"],
    "img-src": ["'self'", "data:"], "connect-src": ["'self'"], "font-src": ["'self'"],
    "object-src": ["'none'"], "base-uri": ["'none'"], "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def csp_directives(value: str) -> dict[str, list[str]]:
    parts = [d.split() for d in value.split(";") if d.strip()]
    return {d[0]: d[1:] for d in parts}


def test_the_content_security_policy_allows_nothing_more(client):
    csp = csp_directives(client.get("/en/").headers["Content-Security-Policy"])
    assert csp == REQUIRED_CSP
    sources = " ".join(v for values in csp.values() for v in values)
    for weak in ("'unsafe-inline'", "'unsafe-eval'", "https:", "http:", "*", "'wasm-unsafe-eval'"):
        assert weak not in sources.split()


def test_the_csp_check_can_fail():
    weakened = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' https:"
    assert csp_directives(weakened) != REQUIRED_CSP


@pytest.mark.parametrize(("server", "pattern"), [
    ("nginx", r'add_header ([\w-]+) "([^"]*)" always;'),
    ("apache", r'Header always set ([\w-]+) "([^"]*)"'),
])
def test_each_header_in_the_docs_has_its_value(server, pattern):
    written = dict(re.findall(pattern, DOCS))
    for name, value in REQUIRED_HEADERS.items():
        assert written.get(name) == value, (server, name)
    assert csp_directives(written["Content-Security-Policy"]) == REQUIRED_CSP
    assert re.fullmatch(r"max-age=\d{8,}", written["Strict-Transport-Security"])


def test_the_app_sends_each_header_with_its_value(client):
    response = client.get("/cy/")
    for name, value in REQUIRED_HEADERS.items():
        assert response.headers.get(name) == value, name


def test_no_page_sets_a_cookie(client, site):
    paths = ["/", "/en/", "/cy/", "/en/search/?q=IDP", "/cy/chwilio/?q=x", "/en/no-such-page/", "/400.html",
             *[p.url for lang in ("cy", "en") for p in site.pages[lang].values()]]
    for path in paths:
        assert "Set-Cookie" not in client.get(path).headers, path


def test_the_cookie_check_can_fail(fixture_content):
    """Nothing strips a cookie on the way out: a view that set one would be seen by the test above."""
    from alnguide import create_app
    from alnguide.content.loader import load_site

    app = create_app(load_site(fixture_content))
    app.add_url_rule("/set-cookie/", "set_cookie", lambda: ("", 200, {"Set-Cookie": "tracker=1"}))
    assert "Set-Cookie" in app.test_client().get("/set-cookie/").headers


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000",
                                  "www.monmouthshire.gov.uk.evil.example"])
def test_a_forged_host_is_refused(client, host):
    for path in ("/en/idps", "/en/idps/", "/cy/"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 400, (host, path)
        assert "evil.example" not in response.get_data(as_text=True)
        assert "evil.example" not in response.headers.get("Location", "")
        assert_safe(response)


def test_absolute_links_come_from_base_url_only(client, site):
    base = site.settings.base_url.rstrip("/")
    html = client.get("/en/idps/", headers={"Host": "127.0.0.1:9999"}).get_data(as_text=True)
    assert f'<link rel="canonical" href="{base}/en/idps/">' in html
    assert "127.0.0.1:9999" not in html
    assert f"Sitemap: {base}/sitemap.xml" in client.get("/robots.txt").get_data(as_text=True)
    assert "localhost" not in client.get("/sitemap.xml").get_data(as_text=True)


def test_html_is_revalidated_and_search_results_are_never_stored(client):
    assert client.get("/en/idps/").headers["Cache-Control"] == "no-cache"
    assert client.get("/en/search/?q=IDP").headers["Cache-Control"] == "no-store"
    assert client.get("/en/search/").headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize(("status", "english", "welsh"), [
    (400, "too long or not complete", "rhy hir neu heb fod yn gyflawn"),
    (405, "only answers requests to read its pages", "ateb ceisiadau i ddarllen ei dudalennau"),
    (429, "Wait a minute, then try again", "Arhoswch funud, yna rhowch gynnig arall arni"),
])
def test_the_proxys_error_pages_are_bilingual(client, status, english, welsh):
    """The pages the documented nginx shows for what it refuses itself (docs/hosting.md)."""
    response = client.get(f"/{status}.html")
    assert response.status_code == status
    html = response.get_data(as_text=True)
    assert '<section lang="cy"' in html and '<section lang="en"' in html
    assert html.index('lang="cy"') < html.index('<section lang="en"')
    assert english in html and welsh.replace("'", "&#39;") in html
    assert_safe(response)
    if status == 405:
        assert response.headers["Allow"] == "GET, HEAD"


def test_static_files_have_hashed_names_and_a_long_cache_life(client, app):
    hashed = app.config["ASSETS"]["css/main.css"]
    assert re.fullmatch(r"css/main\.[0-9a-f]{10}\.css", hashed)
    response = client.get(f"/static/{hashed}")
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/static/css/main.css").status_code == 404  # only hashed names are served


@pytest.mark.parametrize("path", [
    "/static/../pyproject.toml", "/static/%2e%2e/pyproject.toml", "/static/..%2fbuild.py",
    "/static/css/../../build.py", "/static//etc/passwd", "/static/%00", "/../../etc/passwd",
])
def test_path_traversal_at_the_static_files(client, path):
    response = client.get(path, follow_redirects=True)  # Werkzeug folds '//' with a redirect
    assert response.status_code in (400, 404)
    assert b"[project]" not in response.data and b"argparse" not in response.data
    assert_safe(response)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/en/idps/", "/cy/chwilio/?q=x", "/en/pathways/transport/our-choice/"])
def test_other_methods_on_get_routes(client, method, path):
    response = client.open(path, method=method, data={"q": "<script>alert(1)</script>"})
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert_safe(response)
    lang = "cy" if path.startswith("/cy/") else "en"
    assert f'<html lang="{lang}">' in response.get_data(as_text=True)


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS"])
def test_head_and_options(client, method):
    response = client.open("/en/idps/", method=method)
    assert response.status_code == 200
    assert_safe(response)


@pytest.mark.parametrize("raw", [
    # PATH_INFO arrives decoded: raw bytes that are not UTF-8, and percent signs left undecoded
    b"/en/\xff\xfe/", b"/cy/\xc3\x28/", b"/en/pathways/transport/\xe2\x82/", b"/cy/llwybrau/cludiant/\xff/",
    b"/en/search/%zz/", b"/en/%/", b"/%00/", b"/en/\x00/", b"/cy/\r\nSet-Cookie: a=b/",
])
def test_bad_percent_encoding_and_utf8_in_the_path(client, raw):
    response = client.get("/", environ_overrides={"PATH_INFO": raw.decode("latin-1")})
    assert response.status_code == 404
    assert_safe(response)


@pytest.mark.parametrize("query", [b"q=%ff%fe", b"q=%zz", b"q=%", b"q=" + b"a" * 10000, b"q=a&q=b", b"q"])
def test_bad_query_strings(client, query):
    response = client.get("/en/search/", environ_overrides={"QUERY_STRING": query.decode("latin-1")})
    assert response.status_code in (200, 400)
    assert_safe(response)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_search_queries(client, payload):
    for path in ("/en/search/", "/cy/chwilio/"):
        assert_safe(client.get(path, query_string={"q": payload}), payload)


@FUZZ
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=6), st.sampled_from(["en", "cy"]))
def test_random_paths(client, segments, lang):
    path = f"/{lang}/" + "/".join(quote(s, safe="") for s in segments) + "/"
    assert_safe(client.get(path))


@FUZZ
@given(st.lists(st.one_of(st.text(max_size=30), st.sampled_from(
    ["nearest-school", "our-choice", "yes", "no", "ydy", "..", ".", "%2e", "index.html"])),
    min_size=0, max_size=8),
    st.sampled_from(["/en/pathways/transport/", "/cy/llwybrau/cludiant/", "/en/pathways/disagree/",
                     "/cy/llwybrau/codi-pryder/", "/en/pathways/", "/cy/llwybrau/nope/"]))
def test_random_pathway_answer_paths(client, answers, start):
    path = start + "".join(quote(a, safe="") + "/" for a in answers)
    response = client.get(path)
    assert_safe(response)
    if response.status_code == 404 and "nope" not in start and start.count("/") > 3:
        assert 'class="button"' in response.get_data(as_text=True), "a way back to the start"


@FUZZ
@given(st.text(max_size=400), st.sampled_from(["/en/search/", "/cy/chwilio/"]))
def test_random_search_queries(client, query, path):
    payload = "<b class=injected>" + query  # markup that must come back escaped, whatever follows
    response = client.get(path, query_string={"q": payload})
    assert response.status_code in (200, 400)
    assert_safe(response, payload)
    assert "<b class=injected>" not in response.get_data(as_text=True)


@FUZZ
@given(st.binary(max_size=120))
def test_random_bytes_as_a_path(client, raw):
    path = "/" + raw.decode("latin-1").replace("?", "").replace("#", "")
    response = client.get("/", environ_overrides={"PATH_INFO": path})
    assert_safe(response)
