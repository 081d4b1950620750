"""The render cache makes a second start cheap and is never wrong: a render is reused only while
its source, the glossary and every link it makes resolve as before."""

from __future__ import annotations

import datetime

import pytest

from alnguide.content import render_cache, rendering, yamlfile
from alnguide.content.errors import ContentError, Problems
from alnguide.content.loader import load_site


@pytest.fixture()
def store(tmp_path, monkeypatch):
    cache = render_cache.RenderCache(tmp_path / "cache")
    monkeypatch.setattr(render_cache, "_cache", cache)
    return cache


def fresh(store: render_cache.RenderCache) -> render_cache.RenderCache:
    """What the next process sees: the same file, nothing in memory."""
    again = render_cache.RenderCache(store.path.parent)
    render_cache._cache = again
    return again


def test_a_second_load_renders_nothing_and_gives_the_same_pages(store, fixture_content, monkeypatch):
    first = load_site(fixture_content)
    assert store.path.is_file()
    fresh(store)

    def no_markdown(*args):
        raise AssertionError("rendered again, although nothing changed")

    monkeypatch.setattr(rendering, "_markdown", no_markdown)
    second = load_site(fixture_content)
    assert second.pages["en"]["index"].html == first.pages["en"]["index"].html
    assert second.pages["cy"]["about"].headings == first.pages["cy"]["about"].headings


def test_a_renamed_page_changes_the_links_to_it(store, fixture_content):
    assert 'href="/en/about-this-guide/' in load_site(fixture_content).pages["en"]["index"].html
    about = fixture_content / "en" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("slug: about-this-guide", "slug: about-us"),
                     encoding="utf-8")
    fresh(store)
    html = load_site(fixture_content).pages["en"]["index"].html
    assert 'href="/en/about-us/' in html and "about-this-guide" not in html


def test_a_deleted_page_is_still_a_broken_link(store, fixture_content):
    load_site(fixture_content)
    for lang in ("cy", "en"):
        (fixture_content / lang / "about.md").unlink()
    fresh(store)
    with pytest.raises(ContentError) as refused:
        load_site(fixture_content)
    found = [str(p) for p in refused.value.problems]
    assert any("en/index.md" in p and "about.md" in p for p in found), found
    assert any("cy/index.md" in p and "about.md" in p for p in found), found


def test_a_damaged_cache_file_is_ignored(store, fixture_content):
    first = load_site(fixture_content)
    store.path.write_text("{not json", encoding="utf-8")
    fresh(store)
    assert load_site(fixture_content).pages["en"]["index"].html == first.pages["en"]["index"].html


class CountedLoader:
    """yamlfile's libyaml loader, noting each text it is given to parse."""

    parsed: list[str] = []

    def __new__(cls, text):
        cls.parsed.append(text)
        return yamlfile.yaml.CSafeLoader(text)


@pytest.fixture()
def counted(monkeypatch):
    CountedLoader.parsed = []
    monkeypatch.setattr(yamlfile, "Loader", CountedLoader)
    return CountedLoader.parsed


def test_a_second_load_parses_no_yaml_and_gives_the_same_site(store, fixture_content, counted):
    first = load_site(fixture_content)
    assert counted, "the first load parses every file"
    counted.clear()
    fresh(store)
    second = load_site(fixture_content)
    assert counted == []
    assert second.glossary == first.glossary
    assert second.settings == first.settings
    assert [p.url("en") for p in second.pathways] == [p.url("en") for p in first.pathways]


def test_an_edited_yaml_file_is_read_again(store, fixture_content):
    load_site(fixture_content)
    glossary = fixture_content / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "Needs that call for extra help with learning.", "Needs that call for more help."), encoding="utf-8")
    fresh(store)
    assert load_site(fixture_content).term("aln").definition["en"] == "Needs that call for more help."


def test_mistakes_are_reported_with_the_same_lines_from_the_cache(store, fixture_content):
    glossary = fixture_content / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "- id: aln\n  en: {term: again}\n",
                        encoding="utf-8")
    with pytest.raises(ContentError) as first:
        load_site(fixture_content)
    fresh(store)
    with pytest.raises(ContentError) as second:
        load_site(fixture_content)
    assert [str(p) for p in second.value.problems] == [str(p) for p in first.value.problems]
    assert any("glossary.yaml:" in str(p) for p in first.value.problems)


def test_broken_yaml_is_never_kept(store, fixture_content):
    (fixture_content / "sections.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        fresh(store)
        with pytest.raises(ContentError) as refused:
            load_site(fixture_content)
        assert any("sections.yaml:2" in str(p) and "invalid YAML" in str(p) for p in refused.value.problems)


def test_dates_come_back_as_dates(store, tmp_path, counted):
    dated = tmp_path / "dates.yaml"
    dated.write_text("reviewed: 2026-11-20\nnot_a_date: {$date: \"2026-11-20\"}\n", encoding="utf-8")
    plain = tmp_path / "plain.yaml"
    plain.write_text("reviewed: 2026-11-20\n", encoding="utf-8")
    for _ in range(2):
        cache = fresh(store)
        assert yamlfile.parse(dated, Problems())[0]["not_a_date"] == {"$date": "2026-11-20"}
        assert yamlfile.parse(plain, Problems())[0] == {"reviewed": datetime.date(2026, 11, 20)}
        cache.save()
    assert len(counted) == 3  # the plain file once; the one JSON would misread, both times


def test_what_json_cannot_hold_is_parsed_every_time(store, tmp_path, counted):
    dated = tmp_path / "dates.yaml"
    dated.write_text("start: 2026-09-01 10:00:00\n1: one\n", encoding="utf-8")
    for _ in range(2):
        cache = fresh(store)
        data, lines = yamlfile.parse(dated, Problems())
        assert data == {"start": datetime.datetime(2026, 9, 1, 10), 1: "one"}
        assert lines.of("start") == 1
        cache.save()
    assert len(counted) == 2
