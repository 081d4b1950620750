"""What search finds: the pages and the pathways' start pages, per language, from the site model,
and the synonyms (glossary and content/search-synonyms.yaml) that bridge a family's words."""

from __future__ import annotations

from dataclasses import dataclass

from alnguide.content.model import Site
from alnguide.content.rendering import plain_text
from alnguide.search.analysis import TOKEN, analyse, fold

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
    subjects: tuple[str, ...] = ()  # a question guide's subject words: the guide is the best answer to them


def documents(site: Site, lang: str) -> list[Document]:
    docs = [
        Document(p.key, p.url, p.title, p.summary, p.text, site.section(p.section).names[lang])
        for p in site.pages[lang].values() if not p.is_home
    ]
    for pathway in site.pathways:
        # The guide's own words, not every answer label, so that topic pages rank first.
        body = plain_text(pathway.intro_html[lang])
        docs.append(Document(f"pathways/{pathway.id}", pathway.url(lang), pathway.title[lang],
                             pathway.summary[lang], body, site.section("pathways").names[lang],
                             pathway.search_words.get(lang, ())))
    return docs


def subject_index(docs: list[Document], lang: str) -> dict[str, list[int]]:
    """Each form of each guide's subject words -> the guides (document numbers, in order) it names.

    The ranking rule, the same in the server and the export (static/js/search.js): a guide one of
    whose subject words is among the words typed (by any form, so "dribiwnlys" names a guide with
    "tribiwnlys") comes before every other result; such guides keep their own order by score,
    then by document order. A family typing "tribunal" wants "what can I do", which only the guide
    answers; the pages that explain the Tribunal come next."""
    found: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        for word_forms in analyse(" ".join(doc.subjects), lang):
            for form in word_forms:
                if number not in found.setdefault(form, []):
                    found[form].append(number)
    return found


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
