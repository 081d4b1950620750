"""The served site answers like a static host: each page compressed once and kept, validators
(ETag, 304), the same bytes every time, and nothing kept that must not be (search results,
errors, a forged host), with a store bounded in bytes."""

from __future__ import annotations

import gzip
import logging

import brotli
import pytest

from alnguide import create_app, state
from alnguide.content.loader import load_site
from alnguide.web.page_cache import Store

BROWSER = "gzip, deflate, br"


@pytest.mark.parametrize("encoding", [BROWSER, "gzip", ""])
def test_pages_carry_an_etag_and_a_match_is_answered_304(client, encoding):
    first = client.get("/cy/", headers={"Accept-Encoding": encoding})
    assert first.status_code == 200 and first.headers["ETag"]
    again = client.get("/cy/", headers={"Accept-Encoding": encoding, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    stale = client.get("/cy/", headers={"Accept-Encoding": encoding, "If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale.data == first.data


def test_compressed_pages_are_the_same_page(client):
    plain = client.get("/en/idps/").get_data()
    br = client.get("/en/idps/", headers={"Accept-Encoding": BROWSER})
    gz = client.get("/en/idps/", headers={"Accept-Encoding": "gzip"})
    assert br.headers["Content-Encoding"] == "br" and gz.headers["Content-Encoding"] == "gzip"
    assert brotli.decompress(br.data) == plain == gzip.decompress(gz.data)
    assert len(br.data) < len(plain) / 3
    assert "Accept-Encoding" in br.headers["Vary"]


def test_a_kept_page_is_answered_without_rendering_it_again(fixture_content):
    app = create_app(load_site(fixture_content))
    client = app.test_client()
    first = client.get("/en/about-this-guide/", headers={"Accept-Encoding": BROWSER})
    rendered = []
    from flask import template_rendered

    with template_rendered.connected_to(lambda sender, template, context, **extra: rendered.append(template),
                                        app):
        second = client.get("/en/about-this-guide/", headers={"Accept-Encoding": BROWSER})
    assert rendered == [] and second.data == first.data and second.headers == first.headers


def test_search_results_and_errors_are_never_kept(client):
    found = client.get("/en/search/?q=transport")
    assert found.headers["Cache-Control"] == "no-store" and "ETag" not in found.headers
    other = client.get("/en/search/?q=tribunal").get_data(as_text=True)
    assert other != found.get_data(as_text=True)
    missing = client.get("/en/no-such-page/")
    assert missing.status_code == 404 and "ETag" not in missing.headers


def test_a_forged_host_is_refused_even_for_a_kept_page(client):
    client.get("/en/idps/")
    assert client.get("/en/idps/", headers={"Host": "evil.example"}).status_code == 400


def test_a_content_reload_starts_an_empty_store(fixture_content):
    app = create_app(content=fixture_content)
    client = app.test_client()
    assert "About this guide" in client.get("/en/about-this-guide/").get_data(as_text=True)
    about = fixture_content / "en" / "about.md"
    text = about.read_text(encoding="utf-8")
    about.write_text(text.replace("title: About this guide", "title: Who we are"), encoding="utf-8")
    assert state.reload(app, logging.getLogger("test"))
    assert "Who we are" in client.get("/en/about-this-guide/").get_data(as_text=True)


def test_the_store_is_bounded_in_bytes():
    store = Store(max_bytes=1000)
    for n in range(10):
        store.put(("", f"/p{n}/", ""), ("200 OK", [], b"x" * 300, f"e{n}"))
    assert store.size <= 1000 and store.get(("", "/p0/", "")) is None and store.get(("", "/p9/", ""))


def test_many_ways_of_writing_accept_encoding_keep_one_entry_per_encoding(fixture_content):
    """A client can write Accept-Encoding in endless ways; the store keeps one answer per page and
    encoding chosen (br, gzip or none), and each reader still gets the page in their encoding."""
    app = create_app(load_site(fixture_content))
    client = app.test_client()
    plain = client.get("/en/about-this-guide/", headers={"Accept-Encoding": ""}).get_data()
    headers = [f"gzip;q=0.{n % 9 + 1}, x-{n}" for n in range(300)] + \
              [f"br, gzip, x-{n}" for n in range(300)] + [f"identity, x-{n}" for n in range(300)]
    for header in headers:
        response = client.get("/en/about-this-guide/", headers={"Accept-Encoding": header})
        body = {"br": brotli.decompress, "gzip": gzip.decompress}.get(
            response.headers.get("Content-Encoding", ""), bytes)(response.data)
        assert response.status_code == 200 and body == plain, header
    store: Store = state.loaded(app).once("page-cache", Store)  # type: ignore[assignment]
    assert sorted(key[2] for key in store.items) == ["", "br", "gzip"]
