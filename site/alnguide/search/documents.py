"""What search finds: the pages and the pathways' start pages, per language, from the site model,
and the synonyms (glossary and content/search-synonyms.yaml) that bridge a family's words."""

from __future__ import annotations

from dataclasses import dataclass

from alnguide.content.model import Site
from alnguide.content.rendering import plain_text
from alnguide.search.analysis import TOKEN, fold

FIELDS = ("title", "summary", "body")
BOOSTS = {"title": 3.0, "summary": 2.0, "body": 1.0}  # both indexes weigh a word by where it is


@dataclass(frozen=True)
class Document:
    key: str  # page key, or "pathways/<id>"
    url: str
    title: str
    summary: str
    body: str
    section: str  # the section's name in the document's language


def documents(site: Site, lang: str) -> list[Document]:
    docs = [
        Document(p.key, p.url, p.title, p.summary, p.text, site.section(p.section).names[lang])
        for p in site.pages[lang].values() if not p.is_home
    ]
    for pathway in site.pathways:
        # The guide's own words, not every answer label, so that topic pages rank first.
        body = plain_text(pathway.intro_html[lang])
        docs.append(Document(f"pathways/{pathway.id}", pathway.url(lang), pathway.title[lang],
                             pathway.summary[lang], body, site.section("pathways").names[lang]))
    return docs


def _phrase(text: str) -> str:
    return " ".join(TOKEN.findall(fold(text)))


def synonyms(site: Site, lang: str) -> dict[str, str]:
    """Folded phrase a family may type -> the words this guide uses for it."""
    found: dict[str, str] = {}
    for term in site.glossary:
        meaning = " ".join(filter(None, [term.abbr[lang], term.term[lang]]))
        for synonym in term.synonyms[lang]:
            found[_phrase(synonym)] = meaning
    for phrase, meaning in site.search_synonyms[lang].items():
        found[_phrase(phrase)] = meaning
    return {k: v for k, v in found.items() if k}
