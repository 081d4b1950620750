"""The static export, served by a real HTTP server under a sub-path, as a council would host it."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest

from alnguide.languages import LANGUAGES
from crawl import crawl, fetch

ROOT = Path(__file__).resolve().parents[1]


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
        own = {"pathways", "llwybrau", "search", "chwilio", "deadlines", "terfynau-amser",
               "offline", "all-lein"}
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


def freeze_cli(*args: str, content: Path | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "build.py")]
    if content:
        command += ["--content", str(content)]
    return subprocess.run([*command, "freeze", *args], capture_output=True, text=True)


def test_freeze_never_empties_a_folder_it_did_not_write(tmp_path, fixture_content):
    web_root = tmp_path / "www"
    web_root.mkdir()
    (web_root / "index.php").write_text("the council's own site", encoding="utf-8")
    result = freeze_cli("--out", str(web_root), "--draft", content=fixture_content)
    assert result.returncode == 1 and "is not empty and was not written by build.py freeze" in result.stderr
    assert (web_root / "index.php").read_text(encoding="utf-8") == "the council's own site"
    assert not (web_root / "en").exists()


def test_freeze_replaces_its_own_earlier_export_and_force_overrides(tmp_path, fixture_content):
    out = tmp_path / "export"
    assert freeze_cli("--out", str(out), "--draft", content=fixture_content).returncode == 0
    assert (out / ".aln-guide-export").exists() and (out / "en" / "index.html").exists()
    again = freeze_cli("--out", str(out), "--draft", "--base-url", "http://127.0.0.1/y/",
                       content=fixture_content)
    assert again.returncode == 0, again.stderr
    assert "http://127.0.0.1/y/" in (out / "sitemap.xml").read_text(encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("x", encoding="utf-8")
    assert freeze_cli("--out", str(other), "--draft", "--force", content=fixture_content).returncode == 0
    assert not (other / "keep.txt").exists()


def test_an_export_copied_into_a_web_root_never_lets_a_freeze_delete_it(tmp_path, fixture_content):
    """`cp -r build/. webroot/` copies the marker too: it lists what the freeze wrote, so a
    freeze into the web root sees the council's own files and refuses, naming them."""
    build, web_root = tmp_path / "build", tmp_path / "webroot"
    assert freeze_cli("--out", str(build), "--draft", content=fixture_content).returncode == 0
    (web_root / "other").mkdir(parents=True)
    (web_root / "other" / "bins.html").write_text("bin days", encoding="utf-8")
    (web_root / "index.php").write_text("the council's own site", encoding="utf-8")
    subprocess.run(["cp", "-r", f"{build}/.", f"{web_root}/"], check=True)
    result = freeze_cli("--out", str(web_root), "--draft", content=fixture_content)
    assert result.returncode == 1
    assert "2 file(s) the last freeze did not write (index.php, other/)" in result.stderr
    assert "--force" in result.stderr
    assert (web_root / "index.php").read_text(encoding="utf-8") == "the council's own site"
    assert (web_root / "other" / "bins.html").read_text(encoding="utf-8") == "bin days"
    # One file added to an export is as foreign (and the export itself is still refreshed freely)
    (build / "en" / "notes.txt").write_text("mine", encoding="utf-8")
    added = freeze_cli("--out", str(build), "--draft", content=fixture_content)
    assert added.returncode == 1 and "(en/notes.txt)" in added.stderr
    (build / "en" / "notes.txt").unlink()
    assert freeze_cli("--out", str(build), "--draft", content=fixture_content).returncode == 0


def test_an_older_freezes_marker_lists_nothing_so_it_proves_nothing(tmp_path, fixture_content):
    out = tmp_path / "webroot"
    out.mkdir()
    (out / ".aln-guide-export").write_text("Written by build.py freeze. The next freeze replaces "
                                           "this whole folder.\n", encoding="utf-8")
    (out / "index.php").write_text("the council's own site", encoding="utf-8")
    result = freeze_cli("--out", str(out), "--draft", content=fixture_content)
    assert result.returncode == 1 and "does not list the files it wrote" in result.stderr
    assert (out / "index.php").exists()


def test_a_freeze_in_several_processes_writes_exactly_what_one_process_writes(tmp_path, app, monkeypatch):
    """The freeze shares its pages between processes (one a core); the export must not change."""
    from alnguide.export import freezing

    exports = {}
    for shares in (1, 3):
        monkeypatch.setattr(freezing, "MAX_SHARES", shares)
        monkeypatch.setattr(freezing.os, "cpu_count", lambda: 4)
        out = tmp_path / f"shares-{shares}"
        (out / "en" / "a-page-since-deleted").mkdir(parents=True)
        (out / "en" / "a-page-since-deleted" / "index.html").write_text("old", encoding="utf-8")
        freezing.freeze(app, out, "http://127.0.0.1/x/", force=True)
        exports[shares] = {p.relative_to(out).as_posix(): p.read_bytes()
                           for p in out.rglob("*") if p.is_file()}
    assert len(exports[1]) > 200 and "en/a-page-since-deleted/index.html" not in exports[1]
    assert exports[3] == exports[1]


def test_sizes_kept_from_the_last_freeze_are_the_sizes_of_the_files(tmp_path, app, monkeypatch):
    """The offline lists give each file's gzipped size; a freeze reuses the sizes of files whose
    bytes it wrote before. A broken sizes file is ignored, and every listed size stays true."""
    import gzip
    import json

    from alnguide.export import freezing

    monkeypatch.setattr(freezing, "SIZES", tmp_path / "sizes.json")
    freezing.SIZES.write_text("{not json", encoding="utf-8")
    out = tmp_path / "export"
    for _ in range(2):  # the first with the broken file, the second with what the first kept
        freezing.freeze(app, out, "http://127.0.0.1/x/", force=True)
        kept = json.loads(freezing.SIZES.read_text(encoding="utf-8"))
        listed = json.loads((out / "offline-en.json").read_text(encoding="utf-8"))["files"]
        assert len(listed) > 100
        for address, size in listed:
            assert size == len(gzip.compress((out / address).read_bytes(), freezing.GZIP_LEVEL)), address
    assert len(kept) > 200 and all(type(size) is int for size in kept.values())


def test_the_shares_keep_each_question_guides_steps_together(app, site):
    """A process renders a guide's outcome advice once for all its steps: a guide split
    between processes would be rendered in each. Every address is written exactly once."""
    from alnguide import state
    from alnguide.export import freezing

    with app.test_request_context():
        addresses = list(dict.fromkeys(freezing.page_urls(state.loaded(app), app.config["ASSETS"])))
    lists = freezing.split(addresses, 3)
    assert sorted(a for share in lists for a in share) == sorted(addresses)
    biggest_guide = max(Counter(map(freezing.guide_of, addresses)).values())
    assert max(map(len, lists)) - min(map(len, lists)) <= biggest_guide
    for pathway in site.pathways:
        for lang in LANGUAGES:
            steps = [a for a in addresses if a.startswith(pathway.url(lang))]
            assert len(steps) > 1
            assert sum(1 for share in lists if set(steps) & set(share)) == 1, (pathway.id, lang)
    assert freezing.guide_of("/en/pathways/") == "/en/pathways/"
    assert freezing.guide_of("/en/idps/") == "/en/idps/"


def test_a_release_freeze_refuses_localhost_addresses_and_empty_contacts(tmp_path, fixture_content):
    site_yaml = fixture_content / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    site_yaml.write_text(re.sub(r"base_url: \S+", "base_url: http://localhost/", text), encoding="utf-8")
    result = freeze_cli("--out", str(tmp_path / "a"), content=fixture_content)
    assert result.returncode == 1
    assert "http://localhost/" in result.stderr and "--draft" in result.stderr
    assert "contact 'aln-service' has no phone" in result.stderr  # noted, never a reason to refuse
    assert not (tmp_path / "a").exists()
    asked = freeze_cli("--out", str(tmp_path / "b"), "--base-url", "http://127.0.0.1/x/", "--draft",
                       content=fixture_content)
    assert asked.returncode == 0, asked.stderr
    sitemap = (tmp_path / "b" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1/x/en/</loc>" in sitemap


def test_a_complete_release_freeze_uses_base_url_from_site_yaml(tmp_path, fixture_content):
    site_yaml = fixture_content / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    site_yaml.write_text(text.replace('phone: ""', 'phone: "01633 644644"'), encoding="utf-8")
    result = freeze_cli("--out", str(tmp_path / "release"), content=fixture_content)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "release" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://www.monmouthshire.gov.uk/aln-guide/en/">' in html
