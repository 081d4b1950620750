"""Server search with Whoosh: one in-memory index per language, built once from the site model
when the application starts (so it is rebuilt whenever the content changes)."""

from __future__ import annotations

import math
import threading
from array import array
from dataclasses import dataclass
from functools import lru_cache

from whoosh import highlight
from whoosh.analysis import Analyzer, SimpleAnalyzer, Token
from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index
from whoosh.searching import Searcher

from alnguide.content.model import Site
from alnguide.languages import LANGUAGES
from alnguide.search.analysis import expand_synonyms, forms, words
from alnguide.search.documents import BOOSTS, FIELDS, Document, documents, subject_index, synonyms


class MemoryStorage(RamStorage):
    """RamStorage, with its scratch files in memory too. Whoosh's own puts them at a fixed path,
    /tmp/MAIN.tmp, which two processes building at once (gunicorn workers, test runs) share."""

    def temp_storage(self, name: str | None = None) -> RamStorage:
        return RamStorage()


class GuideAnalyzer(Analyzer):
    """Every form of each word at one position (Welsh radicals), with character offsets so that
    Whoosh can highlight the words in the original text."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GuideAnalyzer) and other.lang == self.lang

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, (word, start, end) in enumerate(words(value, self.lang), start=start_pos):
            for form in forms(word, self.lang):
                token.text, token.boost, token.stopped = form, 1.0, False
                if keeporiginal:
                    token.original = value[start:end]
                if positions:
                    token.pos = position
                if chars:
                    token.startchar, token.endchar = start_char + start, start_char + end
                yield token


def schema(lang: str) -> Schema:
    analyzer = GuideAnalyzer(lang)
    # Nothing stored: a hit's fields are its Document, held in memory in document order.
    return Schema(
        title=TEXT(analyzer=analyzer, field_boost=BOOSTS["title"]),
        summary=TEXT(analyzer=analyzer, field_boost=BOOSTS["summary"]),
        body=TEXT(analyzer=analyzer, chars=True),  # offsets kept: no re-analysis to highlight
        spelling=TEXT(analyzer=SimpleAnalyzer(), spelling=True),  # surface words for "did you mean"
    )


# Trimming to whole words moves a passage's ends, never its matches, score or order: so only the
# two passages shown are trimmed, not each of the ~11 that a document's matches make.
FRAGMENTER = highlight.PinpointFragmenter(maxchars=220, surround=60, autotrim=False)
TRIMMER = highlight.PinpointFragmenter(maxchars=220, surround=60, autotrim=True)


def formatter() -> highlight.HtmlFormatter:
    """One for each query's results: it numbers the words it marks as it meets them."""
    return highlight.HtmlFormatter(tagname="strong", classname="match", termclass="")


class Match:
    """A word found, as Whoosh's fragmenter, scorer and formatter read it (a Token, lighter)."""

    __slots__ = ("text", "startchar", "endchar")
    boost = 1.0

    def __init__(self, text: str, startchar: int, endchar: int):
        self.text, self.startchar, self.endchar = text, startchar, endchar


def matches_of(chars: dict[str, list]) -> list[Match]:
    """The forms found in a body, in order of place, from their offsets; where forms meet at one
    place, the longest (the first of equals), as Whoosh marks them."""
    limit = FRAGMENTER.charlimit
    at: dict[int, Match] = {}
    for form, places in chars.items():
        for _, start, end in places:
            if limit and end > limit:
                break
            held = at.get(start)
            if held is None or end > held.endchar:
                at[start] = Match(form, start, end)
    return [at[start] for start in sorted(at)]


def best_passages(body: str, matches: list[Match], count: int) -> list[tuple[int, int, int, int]]:
    """The `count` passages Whoosh's highlight.top_fragments would choose from FRAGMENTER's
    passages, with BasicFragmentScorer and in FIRST order, as (first match, last match, start,
    end): its loop, step for step, without a Fragment object for each of the ~27 passages a
    document's matches make (making and scoring them was most of a search's time at 10x content).
    nlargest compares (score, Fragment), and a Fragment by its start: so the highest score wins,
    then the later start. Two passages with the same score and start (both within the first 60
    characters) are the one case Whoosh leaves to its heap's order; here the earlier wins."""
    maxchars, surround, limit = FRAGMENTER.maxchars, FRAGMENTER.surround, FRAGMENTER.charlimit
    scored: list[tuple[float, int, int, int, int, int]] = []  # score, start, -order, i, j, end
    j = -1
    for i, first in enumerate(matches):
        if j >= i:
            continue
        j, left, right = i, first.startchar, first.endchar
        if limit and right > limit:
            break
        length = right - left
        while j < len(matches) - 1 and length < maxchars:
            following = matches[j + 1]
            if following.endchar - right <= surround and following.endchar - left <= maxchars:
                j += 1
                right = following.endchar
                length += following.endchar - following.startchar
            else:
                break
        terms = len({match.text for match in matches[i:j + 1]})
        score = (j - i + 1) * Match.boost * (terms * 100 or 1)
        scored.append((score, max(0, left - surround), -len(scored), i, j, min(len(body), right + surround)))
    best = sorted(scored, reverse=True)[:count]
    return [(i, j, start, end) for _, start, _, i, j, end in sorted(best, key=lambda row: row[1])]


def snippet(body: str, chars: dict[str, list], marker: highlight.HtmlFormatter) -> str:
    """Up to two passages of the body around the forms found in it, the words marked: Whoosh's
    "pinpoint" highlighting (Highlighter.highlight_hit) from the offsets stored at indexing,
    called for the one document rather than through a Whoosh search's results. Where forms
    meet at one place, the longest is marked (the first of equals), as Whoosh does."""
    matches = matches_of(chars)
    best = [highlight.Fragment(body, matches[i:j + 1], left, right)
            for i, j, left, right in best_passages(body, matches, 2)]
    # A passage's own matches make the same one passage again, this time trimmed.
    fragments = [next(TRIMMER.fragment_matches(body, fragment.matches)) for fragment in best]
    return marker.format(fragments) if fragments else ""


@dataclass(frozen=True)
class Hit:
    key: str
    url: str
    title: str
    summary: str
    section: str
    snippet: str  # HTML: escaped text with <strong class="match"> around the words found


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    suggestion: str | None
    total: int = 0  # every page that matches; `hits` is one page of them
    page: int = 1
    per_page: int = 20

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first(self) -> int:
        """The number of the first result shown (1-based), for "Showing 21 to 34"."""
        return (self.page - 1) * self.per_page + 1 if self.hits else 0


K1, B = 1.2, 0.75  # Whoosh's BM25F defaults, which static/js/search.js uses too


Rows = tuple[array, array]  # documents (in order) and, for each, its score


def score_table(index: Index) -> dict[str, tuple[Rows, Rows, Rows]]:
    """Each indexed form -> per field, its documents in order and each one's BM25F score for that
    form, as Whoosh's BM25F scores a single term (and static/js/search.js does), tabulated once.

    Whoosh's own top-N search can miss the best documents of a long OR query (whoosh issue
    #413, "best result only when limit=None": at ten times the content, "cyllid ysgolion" lost
    its ten best pages), and scoring every posting through its matchers took 11-50 ms a query
    for 390 documents. A query is a sum of these scores, so a table answers it in full.

    Arrays, not a tuple for each row: gunicorn's workers fork from the process that built this,
    and reading a Python object writes its reference count, so a table of tuples was copied
    page by page into each worker by its first searches (each query then took twice as long)."""
    table: dict[str, tuple[Rows, Rows, Rows]] = {}
    with index.searcher() as searcher:
        reader = searcher.reader()
        count = reader.doc_count()
        for column, field in enumerate(FIELDS):
            average = reader.field_length(field) / max(count, 1) or 1
            lengths = [reader.doc_field_length(doc, field) for doc in range(count)]
            for form in reader.field_terms(field):
                postings = list(reader.postings(field, form).items_as("weight"))
                idf = math.log(count / (len(postings) + 1)) + 1
                docs, scores = table.setdefault(form, tuple((array("i"), array("d")) for _ in FIELDS))[column]
                for doc, w in postings:
                    docs.append(doc)
                    scores.append(idf * (w * (K1 + 1)) / (w + K1 * ((1 - B) + B * lengths[doc] / average)))
    return table


def places(index: Index) -> dict[str, dict[int, bytes]]:
    """Each form -> {document: its places in that body, encoded}, from Whoosh's postings."""
    with index.searcher() as searcher:
        reader = searcher.reader()
        return {form: dict(reader.postings("body", form).all_items()) for form in reader.field_terms("body")}


def guides_first(ranked: list[tuple[int, float]], guides: set[int]) -> list[tuple[int, float]]:
    """The guides named by their subject words first (by score, then document order, as a guide
    with no word of the query in its text scores 0), then every other result in its order: the
    rule documents.subject_index describes, as static/js/search.js applies it."""
    if not guides:
        return ranked
    scores = dict(ranked)
    first = sorted(guides, key=lambda doc: (-scores.get(doc, 0.0), doc))
    return [(doc, scores.get(doc, 0.0)) for doc in first] + [row for row in ranked if row[0] not in guides]


class SearchIndex:
    """Both languages' indexes, and the query logic shared with the static index's semantics:
    any word may match (more matching words rank higher), each word by any of its forms."""

    def __init__(self, site: Site):
        self.synonyms = {lang: synonyms(site, lang) for lang in LANGUAGES}
        self.indexes: dict[str, Index] = {}
        self.docs: dict[str, list[Document]] = {}  # Whoosh numbers documents in the order added
        for lang in LANGUAGES:
            index = MemoryStorage().create_index(schema(lang))
            self.docs[lang] = documents(site, lang)
            with index.writer() as writer:
                for doc in self.docs[lang]:
                    writer.add_document(title=doc.title, summary=doc.summary, body=doc.body,
                                        spelling=" ".join([doc.title, doc.summary, doc.body]))
            assert index.doc_count() == len(self.docs[lang])
            self.indexes[lang] = index
        self._open = threading.local()
        # Each form's places in each body, as Whoosh keeps them (encoded): to read one document's
        # places, Whoosh decodes whole blocks of postings, which was most of a query's time.
        # Kept for every form: 0.06 s and 3 MB at 1x, 0.6 s and 24 MB at ten times the content.
        self.places = {lang: places(index) for lang, index in self.indexes.items()}
        self.scores = {lang: score_table(index) for lang, index in self.indexes.items()}
        self.subjects = {lang: subject_index(docs, lang) for lang, docs in self.docs.items()}
        # The same query is often asked again (a link an adviser sends, a reader paging back):
        # results are a pure function of the content, which this object holds unchanged.
        self.search = lru_cache(maxsize=1024)(self._search)

    def searcher(self, lang: str) -> Searcher:
        """This thread's searcher of one language's index, for "did you mean" (scores and places
        come from the tables above). Opened once: the index never changes, and opening one
        reads every segment file's header again (~2 ms). A searcher reads through file
        positions of its own, so threads do not share one."""
        held = self._open.__dict__
        if lang not in held:
            held[lang] = self.indexes[lang].searcher()
        return held[lang]

    def offsets(self, lang: str, docs: list[int], forms: list[str]) -> dict[int, dict[str, list]]:
        """Where each form lies in each shown document's body: [(position, start, end)], what
        Whoosh's pinpoint highlighting reads."""
        decode = self.indexes[lang].schema["body"].format.decode_characters
        found: dict[int, dict[str, list]] = {doc: {} for doc in docs}
        for form in forms:
            places = self.places[lang][form]
            for doc in docs:
                if doc in places:
                    found[doc][form] = decode(places[doc])
        return found

    def positions(self, text: str, lang: str) -> list[tuple[str, ...]]:
        expanded = expand_synonyms(text, self.synonyms[lang])
        return [forms(word, lang) for word, _, _ in words(expanded, lang)]

    def ranked(self, positions: list[tuple[str, ...]], lang: str) -> list[tuple[int, float]]:
        """Every matching document, best first (ties by document order, as Whoosh and the
        browser break them): the sum, over every form of every word and every field, of that
        form's score, added in the browser's order so that both sums are the same numbers."""
        table, scores = self.scores[lang], {}
        for word_forms in positions:
            for form in word_forms:
                for docs, values in table.get(form, ()):
                    for doc, score in zip(docs, values, strict=True):
                        scores[doc] = scores.get(doc, 0.0) + score
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))

    def guides_named(self, text: str, lang: str) -> set[int]:
        """The question guides one of whose subject words the reader typed (synonyms not added:
        a guide comes first for the family's own words)."""
        table, found = self.subjects[lang], set()
        for word, _, _ in words(text, lang):
            for form in forms(word, lang):
                found.update(table.get(form, ()))
        return found

    def _search(self, text: str, lang: str, page: int = 1, per_page: int = 20) -> Results:
        """One page of results (20 to a page), with how many there are in all."""
        positions = self.positions(text, lang)
        if not positions:
            return Results([], None)
        ranked = guides_first(self.ranked(positions, lang), self.guides_named(text, lang))
        in_body = list(dict.fromkeys(form for word_forms in positions for form in word_forms
                                     if form in self.places[lang]))
        marker = formatter()
        shown = [doc for doc, _ in ranked[(page - 1) * per_page:page * per_page]]
        docs = self.docs[lang]
        chars = self.offsets(lang, shown, in_body)
        hits = [Hit(docs[n].key, docs[n].url, docs[n].title, docs[n].summary, docs[n].section,
                    snippet(docs[n].body, chars[n], marker)) for n in shown]
        suggestion = None if ranked else self._suggest(self.searcher(lang), text, lang)
        return Results(hits, suggestion, len(ranked), page, per_page)

    def _suggest(self, searcher, text: str, lang: str) -> str | None:
        """A corrected query when nothing was found and a closer spelling exists."""
        corrector = searcher.corrector("spelling")
        changed, out = False, []
        for word in text.split():
            folded = "".join(w for w, _, _ in words(word, lang))
            suggestions = corrector.suggest(folded, limit=1, maxdist=2) if folded else []
            if folded and suggestions and suggestions[0] != folded:
                out.append(suggestions[0])
                changed = True
            else:
                out.append(word)
        return " ".join(out) if changed else None
