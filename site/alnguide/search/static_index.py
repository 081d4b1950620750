"""The static export's search index: one JSON file per language, made from the same documents
and the same analysis as the server index, for static/js/search.js to query in the browser.

Each term keeps, per document, its weighted frequency in each field (title x3, summary x2,
body x1, the server's field boosts) and each document its field lengths, so the browser can
score with BM25F exactly as Whoosh does: per field, idf = log(N / (df + 1)) + 1.
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter, defaultdict

from alnguide.content.model import Site
from alnguide.search.analysis import STOP_WORDS, analyse, mutation_tables
from alnguide.search.documents import documents, synonyms
from alnguide.search.server_index import BOOSTS, FIELDS


def build(site: Site, lang: str, search_path: str) -> dict:
    """The index for one language; URLs are relative to the search page at search_path."""
    docs, lengths = [], []
    weights: dict[str, dict[int, list[float]]] = defaultdict(dict)
    for number, doc in enumerate(documents(site, lang)):
        field_lengths = []
        for column, field in enumerate(FIELDS):
            forms = [form for word_forms in analyse(getattr(doc, field), lang) for form in word_forms]
            field_lengths.append(len(forms))  # Whoosh counts every form as a token
            for form, count in Counter(forms).items():
                weights[form].setdefault(number, [0.0, 0.0, 0.0])[column] = count * BOOSTS[field]
        lengths.append(field_lengths)
        docs.append({"t": doc.title, "s": doc.summary, "c": doc.section,
                     "u": posixpath.relpath(doc.url + "index.html", search_path)})
    terms = {}
    for form in sorted(weights):
        flat: list[float] = []
        for number, row in sorted(weights[form].items()):
            flat += [number, *(int(w) if w == int(w) else w for w in row)]
        terms[form] = flat
    return {
        "lang": lang,
        "stop": sorted(STOP_WORDS[lang]),
        "welsh": mutation_tables() if lang == "cy" else None,
        "synonyms": synonyms(site, lang),
        "docs": docs,
        "lengths": lengths,
        "terms": terms,
    }


def to_json(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
