"""The render cache makes a second start cheap and is never wrong: a render is reused only while
its source, the glossary and every link it makes resolve as before."""

from __future__ import annotations

import pytest

from alnguide.content import render_cache, rendering
from alnguide.content.errors import ContentError
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
