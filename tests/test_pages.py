"""What a reader sees on the served pages: languages, links to the other language, 404s."""

from __future__ import annotations

import re
from html import unescape

import pytest

from alnguide import create_app
from alnguide.content.loader import load_site
from alnguide.languages import LANGUAGES


@pytest.fixture()
def fixture_client(fixture_content):
    return create_app(load_site(fixture_content)).test_client()


def without_links(html: str) -> str:
    """The page with its links' tags taken out, leaving their words."""
    return unescape(re.sub(r"</?a\b[^>]*>", "", html))


def all_pages(site):
    return [page for lang in LANGUAGES for page in site.pages[lang].values()]


def test_landing_is_bilingual_welsh_first_without_flags(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="cy">' in html
    welsh = html.index('lang="cy" aria-labelledby="landing-cy"')
    assert welsh < html.index('lang="en" aria-labelledby="landing-en"')
    assert 'href="/cy/"' in html and 'href="/en/"' in html
    assert "<img" not in html and "flag" not in html.lower()


def test_every_page_links_to_its_counterpart(client, site):
    for page in all_pages(site):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.get_data(as_text=True)
        twin = site.counterpart(page)
        assert f'<html lang="{page.lang}">' in html
        assert f'class="lang-link" href="{twin.url}" hreflang="{twin.lang}" lang="{twin.lang}"' in html
        base = site.settings.base_url.rstrip("/")
        assert f'<link rel="alternate" hreflang="{twin.lang}" href="{base}{twin.url}">' in html


def test_every_page_shows_its_sources_and_review_date(client, site):
    for page in all_pages(site):
        html = client.get(page.url).get_data(as_text=True)
        for source in page.sources:
            assert f"<li>{source}</li>" in without_links(html), page.url
        assert f'<time datetime="{page.reviewed.isoformat()}">' in html


def test_welsh_interface_comes_from_the_compiled_catalogue(fixture_client):
    html = fixture_client.get("/cy/ynglyn-ar-canllaw/").get_data(as_text=True)
    assert "Neidio i'r prif gynnwys" in unescape(html)  # skip link
    assert "Ffynonellau" in html and "Adolygwyd ddiwethaf" in html
    assert "20 Tachwedd 2026" in html  # Welsh month name from Babel
    english = fixture_client.get("/en/about-this-guide/").get_data(as_text=True)
    assert "Skip to main content" in english and "20 November 2026" in english


def test_breadcrumbs_and_skip_link(fixture_client):
    html = fixture_client.get("/en/about-this-guide/").get_data(as_text=True)
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert 'href="/en/"' in crumbs and "About this guide" in crumbs


def test_links_inside_pages_use_the_mount_point(fixture_content):
    client = create_app(load_site(fixture_content)).test_client()
    html = client.get("/en/", base_url="http://localhost/aln/").get_data(as_text=True)
    assert 'href="/aln/en/about-this-guide/"' in html


@pytest.mark.parametrize(("path", "lang", "words"), [
    ("/en/no-such-page/", "en", "Page not found"),
    ("/cy/dim-tudalen/", "cy", "Heb ddod o hyd i'r dudalen"),
    ("/elsewhere/", "cy", "Heb ddod o hyd"),
])
def test_not_found_is_localised(fixture_client, path, lang, words):
    response = fixture_client.get(path)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html and words in unescape(html)


def test_no_inline_script_or_style_and_no_cookies(fixture_client):
    for path in ("/", "/en/", "/cy/ynglyn-ar-canllaw/", "/en/pathways/who-decides/yes/maintained-school/"):
        response = fixture_client.get(path)
        html = response.get_data(as_text=True)
        assert "<style" not in html and " style=" not in html
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert "Set-Cookie" not in response.headers


def test_sitemap_lists_every_page_with_both_languages(client, site):
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    base = site.settings.base_url.rstrip("/")
    assert base.startswith("http")
    for page in all_pages(site):
        assert f"<loc>{base}{page.url}</loc>" in xml
