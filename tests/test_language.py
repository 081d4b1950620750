"""Welsh spelt as Bangor University's 2025 hunspell-cy dictionary spells it, English plain, and
every phrase in the other language marked with `lang`, on every page a reader can reach."""

from __future__ import annotations

from functools import cache

import pytest

import language_check
from alnguide import create_app
from alnguide.content.loader import load_site
from alnguide.guides.pathways import all_steps
from alnguide.languages import LANGUAGES

MAX_UNKNOWN = 0.01
REASON = language_check.available()
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")
SITE = load_site()


def reader_pages(lang: str) -> list[tuple[str, str]]:
    """(name, URL) of every page, and of one path to each question and outcome of each guide."""
    found = [(f"{lang}/{p.key}.md", p.url) for p in sorted(SITE.pages[lang].values(), key=lambda p: p.key)]
    for pathway in SITE.pathways:
        seen = set()
        for step in all_steps(pathway):
            node = (step.question or step.outcome).id
            if node not in seen:
                seen.add(node)
                found.append((f"{lang}/pathways/{pathway.id}.yaml#{node}", pathway.url(lang, step.answers)))
    return found


@cache
def texts(lang: str) -> dict[str, language_check.Text]:
    client = create_app(SITE).test_client()
    found = {}
    for name, url in reader_pages(lang):
        response = client.get(url)
        assert response.status_code == 200, url
        found[name] = language_check.page_text(response.get_data(as_text=True), lang)
    return found


@cache
def checker() -> language_check.Checker:
    check = language_check.Checker()
    for lang in LANGUAGES:
        own = [" ".join(t.by_lang.get(lang, [])) for t in texts(lang).values()]
        check.prepare(own, lang)
    return check


def own_text(name: str, lang: str) -> str:
    return " ".join(texts(lang)[name].by_lang.get(lang, []))


@pytest.mark.parametrize("name", [n for n, _ in reader_pages("cy")])
def test_welsh_is_spelt_correctly(name):
    total, unknown = checker().misspelt(own_text(name, "cy"), "cy")
    share = len(unknown) / max(total, 1)
    assert share <= MAX_UNKNOWN, (f"{name}: {share:.1%} of {total} words unknown to hunspell-cy: "
                                  f"{sorted(set(unknown))}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_other_language_text_is_marked(lang):
    """A Welsh page's English (or an English page's Welsh) carries lang, so a screen reader says it right."""
    problems = {}
    for name in texts(lang):
        found = checker().other_language(own_text(name, lang), lang)
        if found:
            problems[name] = sorted(set(found))
    assert not problems, problems


def test_the_checks_can_fail():
    check = language_check.Checker()
    html = ('<main><p>Mae\'r ysgoll yn penderfnu am eich nghynllun, please contact the school office.</p>'
            '<p lang="en">This sentence is marked as English.</p></main>')
    text = " ".join(language_check.page_text(html, "cy").by_lang["cy"])
    check.prepare([text], "cy")
    _, unknown = check.misspelt(text, "cy")
    assert {"ysgoll", "penderfnu"} <= set(unknown) and "nghynllun" not in unknown
    assert {"please", "contact", "office"} <= set(check.other_language(text, "cy"))
    assert "sentence" not in text


def test_the_2025_dictionary_knows_common_words():
    """Words the 2004 aspell-cy list rejected: the test would pass wrongly on it."""
    assert not language_check.unknown({"gwefan", "cymryd", "hunain"}, "cy")
