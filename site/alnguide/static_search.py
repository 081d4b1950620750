"""The static export's search index: one JSON file per language, made from the same documents
and the same analysis as the server index, for static/js/search.js to query in the browser.

Each term keeps, per document, a weighted frequency (title x3, summary x2, body x1, as the
server's field boosts), so the browser can rank with BM25 as Whoosh does.
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter, defaultdict

from .analysis import STOP_WORDS, analyse, mutation_tables
from .model import Site
from .search_documents import documents, synonyms
from .search_index import BOOSTS


def build(site: Site, lang: str, search_path: str) -> dict:
    """The index for one language; URLs are relative to the search page at search_path."""
    docs, postings, lengths = [], defaultdict(list), []
    for number, doc in enumerate(documents(site, lang)):
        weights: Counter[str] = Counter()
        length = 0.0
        for field in ("title", "summary", "body"):
            positions = analyse(getattr(doc, field), lang)
            length += BOOSTS[field] * len(positions)
            for word_forms in positions:
                for form in word_forms:
                    weights[form] += BOOSTS[field]
        for form, weight in sorted(weights.items()):
            postings[form].extend([number, round(weight, 1)])
        lengths.append(round(length))
        docs.append({"t": doc.title, "s": doc.summary, "c": doc.section,
                     "u": posixpath.relpath(doc.url + "index.html", search_path)})
    return {
        "lang": lang,
        "stop": sorted(STOP_WORDS[lang]),
        "welsh": mutation_tables() if lang == "cy" else None,
        "synonyms": synonyms(site, lang),
        "docs": docs,
        "lengths": lengths,
        "terms": dict(sorted(postings.items())),
    }


def to_json(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
