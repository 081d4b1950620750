"""The static export, served by a real HTTP server under a sub-path, as a council would host it."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin

import pytest

from alnguide.languages import LANGUAGES
from crawl import crawl, fetch


@pytest.fixture(scope="module")
def crawled(export_url):
    return crawl(export_url + "index.html")


def test_every_link_and_asset_answers(crawled):
    assert not crawled.broken, crawled.broken[:10]


def test_every_page_is_reached_with_its_pair(crawled, export_url, site):
    reached = set(crawled.pages)
    for lang in LANGUAGES:
        for page in site.pages[lang].values():
            url = export_url + page.url.lstrip("/") + "index.html"
            twin = export_url + site.counterpart(page).url.lstrip("/") + "index.html"
            assert url in reached and twin in reached, page.url


def test_english_and_welsh_page_sets_match(export_dir, site):
    for lang in LANGUAGES:
        own = {"pathways", "llwybrau", "search", "chwilio"}
        frozen = {p.parent.name for p in (export_dir / lang).glob("*/index.html")} - own
        assert frozen == {p.slug for p in site.pages[lang].values() if p.slug}


def test_links_are_relative(crawled):
    for url, html in crawled.pages.items():
        rooted = re.findall(r'(?:href|src)="(/[^"]*)"', html)
        assert not rooted, (url, rooted[:5])


def test_no_inline_scripts_styles_or_third_party_resources(export_dir):
    for path in export_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<style" not in html and " style=" not in html, path
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        # Resources only from here (canonical and hreflang links are addresses, not requests).
        assert not re.search(r'<(?:script|img)[^>]+src="(?:https?:)?//', html), path
        resource = r'<link rel="(?:stylesheet|icon|preload|modulepreload)"[^>]+href="(?:https?:)?//'
        assert not re.search(resource, html), path


def test_not_found_page_works_at_any_depth(export_url):
    for missing in ("nothing-here", "en/no/such/page/", "cy/a/b/c/d/e/"):
        status, _, html = fetch(export_url + missing)
        html = unescape(html)
        assert status == 404
        assert "Heb ddod o hyd i'r dudalen" in html and "Page not found" in html
        stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
        home = re.search(r'<a href="([^"]+)">Go to the home page', html).group(1)
        assert fetch(urljoin(export_url + missing, stylesheet))[0] == 200
        assert fetch(urljoin(export_url + missing, home))[0] == 200


def test_sitemap_and_robots(export_dir):
    sitemap = (export_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1/education/aln/en/</loc>" in sitemap
    assert "Sitemap: http://127.0.0.1/education/aln/sitemap.xml" in (export_dir / "robots.txt").read_text()


def test_each_exported_page_speaks_its_own_language(crawled):
    """The freezer renders every page in one app context: no page may inherit another's language."""
    for url, html in crawled.pages.items():
        lang = re.search(r'<html lang="(\w+)">', html).group(1)
        skip = unescape(re.search(r'class="skip-link" href="#main">([^<]+)<', html).group(1))
        assert skip == {"cy": "Neidio i'r prif gynnwys", "en": "Skip to main content"}[lang], url
