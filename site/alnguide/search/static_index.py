"""The static export's search index, split so that a query fetches only what it needs.

Made from the same documents and the same analysis as the server index, for static/js/search.js
to query in the browser. A small manifest (the analysis data, the document count, the average
field lengths) points at two kinds of piece in a folder named by a hash of the whole index, so
every piece can be cached for ever and a new build is a new folder:

- term chunks, t<i>.json: the terms in sorted order, cut into chunks of about CHUNK_BYTES; the
  manifest lists each chunk's first term, so the browser finds a term's chunk by binary search.
  A word's forms sort together ("cynllun", "cynlluni", "cynlluniau"), so they usually share one.
  A posting is [document, weight in title, summary, body, length of title, summary, body]: the
  weights carry the server's field boosts (title x3, summary x2, body x1) and the lengths let
  the browser score with BM25F exactly as Whoosh does (idf = log(N / (df + 1)) + 1 per field).
- a question guide's subject words: the key "<form>!" in the same chunks lists the guides that a
  query with that form names, which come first in the results (documents.subject_index).
- documents, d<i>.json: one result's title, summary, section and address, fetched only when
  the result is shown.
- spelling, s.json: every word of the pages as the server's "did you mean" field holds it, with
  how often it occurs, as {count: "word word ..."}; fetched only when a query finds nothing.

The number of chunks grows with the index while each stays about CHUNK_BYTES, so the first
query's download grows only with the postings of the words asked for.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections import Counter, defaultdict
from dataclasses import dataclass

from whoosh.analysis import SimpleAnalyzer
from whoosh.util.numeric import byte_to_length, length_to_byte

from alnguide.content.model import Site
from alnguide.search.analysis import STOP_WORDS, TOKEN, analyse, fold, mutation_tables
from alnguide.search.documents import BOOSTS, FIELDS, Document, documents, subject_index, synonyms

CHUNK_BYTES = 3000  # uncompressed JSON a chunk of terms holds, about 1 KB gzipped


@dataclass(frozen=True)
class StaticIndex:
    manifest: str  # its file name, "index-<hash>.json", next to the search page
    files: dict[str, str]  # file name (relative to the search page) -> JSON text, manifest included


def to_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _england(site: Site, lang: str, search_path: str) -> dict[str, list[str]]:
    """Words from England's SEN system -> [the word, the glossary link, the Welsh system's name]."""
    glossary = site.pages[lang].get("glossary")
    found = {}
    for word, term_id in site.england_words.get(lang, {}).items():
        term = site.term(term_id)
        name = term.term[lang] + (f" ({term.abbr[lang]})" if term.abbr[lang] else "")
        page = posixpath.relpath(glossary.url + "index.html", search_path) if glossary else ""
        href = f"{page}#term-{term.id}" if page else ""
        found[" ".join(TOKEN.findall(fold(word)))] = [word, href, name]
    return found


def spelling(docs: list[Document]) -> dict[int, str]:
    """The words "did you mean" chooses from, by how often they occur: what the server's spelling
    field holds (the same analyser over the same text), so the export suggests the same word."""
    counts: Counter[str] = Counter()
    analyzer = SimpleAnalyzer()
    for doc in docs:
        counts.update(token.text for token in analyzer(" ".join([doc.title, doc.summary, doc.body])))
    by_count: dict[int, list[str]] = defaultdict(list)
    for word, n in counts.items():
        by_count[n].append(word)
    return {n: " ".join(sorted(words)) for n, words in sorted(by_count.items())}


def build(site: Site, lang: str, search_path: str) -> StaticIndex:
    """The index for one language; addresses are relative to the search page at search_path."""
    docs, lengths = [], []
    weights: dict[str, dict[int, list[float]]] = defaultdict(dict)
    boosts = [int(BOOSTS[name]) if BOOSTS[name] == int(BOOSTS[name]) else BOOSTS[name] for name in FIELDS]
    made = documents(site, lang)
    for number, doc in enumerate(made):
        field_lengths = []
        for column, name in enumerate(FIELDS):
            forms = [form for word_forms in analyse(getattr(doc, name), lang) for form in word_forms]
            field_lengths.append(len(forms))  # Whoosh counts every form as a token
            for form, count in Counter(forms).items():  # weights as JSON writes them: 3, not 3.0
                weights[form].setdefault(number, [0, 0, 0])[column] = count * boosts[column]
        lengths.append(field_lengths)
        docs.append({"t": doc.title, "s": doc.summary, "c": doc.section,
                     "u": posixpath.relpath(doc.url + "index.html", search_path)})
    # Whoosh keeps each document's field length in one byte (a near value): so does this
    near = [[byte_to_length(length_to_byte(n)) for n in row] for row in lengths]
    chunks: list[list[str]] = [[]]  # each: '"term":[...]' pairs, written as one JSON object
    firsts: list[str] = []  # each chunk's first term, for the manifest
    size = 0
    # A guide's subject form is a key of its own, "<form>!" -> [guide, ...], sorted just after the
    # form itself ("!" sorts before every letter and digit), so it is nearly always in its chunk.
    entries: dict[str, list] = {f"{form}!": guides for form, guides in subject_index(made, lang).items()}
    for form, postings in weights.items():
        flat: list[float] = []
        for number, row in sorted(postings.items()):
            flat += [number, *row, *near[number]]
        entries[form] = flat
    for form in sorted(entries):
        encoded = to_json(entries[form])
        cost = len(form) + len(encoded) + 4
        if size + cost > CHUNK_BYTES and chunks[-1]:
            chunks.append([])
            size = 0
        if not chunks[-1]:
            firsts.append(form)
        chunks[-1].append(f"{to_json(form)}:{encoded}")
        size += cost
    count = max(len(docs), 1)
    parts = {f"t{i}.json": "{" + ",".join(chunk) + "}" for i, chunk in enumerate(chunks)}
    parts["s.json"] = to_json(spelling(made))
    parts |= {f"d{i}.json": to_json(doc) for i, doc in enumerate(docs)}
    digest = hashlib.sha256("".join(f"{k}{v}" for k, v in sorted(parts.items())).encode()).hexdigest()[:10]
    manifest = {
        "lang": lang,
        "dir": f"{digest}/",
        "chunks": firsts or [""],  # an index with no terms still has its one (empty) chunk
        "n": len(docs),
        "avg": [sum(row[f] for row in lengths) / count for f in range(len(FIELDS))],
        "stop": sorted(STOP_WORDS[lang]),
        "welsh": mutation_tables() if lang == "cy" else None,
        "synonyms": synonyms(site, lang),
        "england": _england(site, lang, search_path),
    }
    name = f"index-{digest}.json"
    return StaticIndex(name, {name: to_json(manifest), **{f"{digest}/{k}": v for k, v in parts.items()}})
