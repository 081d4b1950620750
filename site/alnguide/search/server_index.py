"""Server search with Whoosh: one in-memory index per language, built once from the site model
when the application starts (so it is rebuilt whenever the content changes)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from whoosh import highlight
from whoosh.analysis import Analyzer, SimpleAnalyzer, Token
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index
from whoosh.query import Or, Query, Term

from alnguide.content.model import Site
from alnguide.languages import LANGUAGES
from alnguide.search.analysis import expand_synonyms, forms, words
from alnguide.search.documents import BOOSTS, FIELDS, documents, synonyms


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
    return Schema(
        key=ID(stored=True, unique=True), url=STORED, section=STORED,
        title=TEXT(analyzer=analyzer, stored=True, field_boost=BOOSTS["title"]),
        summary=TEXT(analyzer=analyzer, stored=True, field_boost=BOOSTS["summary"]),
        body=TEXT(analyzer=analyzer, stored=True, chars=True),  # offsets stored: no re-analysis to highlight
        spelling=TEXT(analyzer=SimpleAnalyzer(), spelling=True),  # surface words for "did you mean"
    )


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


def containing(index: Index) -> dict[str, frozenset[int]]:
    """Each indexed form -> the documents that hold it in any searched field."""
    found: dict[str, set[int]] = {}
    with index.searcher() as searcher:
        reader = searcher.reader()
        for field in FIELDS:
            for form in reader.field_terms(field):
                found.setdefault(form, set()).update(reader.postings(field, form).all_ids())
    return {form: frozenset(docs) for form, docs in found.items()}


class SearchIndex:
    """Both languages' indexes, and the query logic shared with the static index's semantics:
    any word may match (more matching words rank higher), each word by any of its forms."""

    def __init__(self, site: Site):
        self.synonyms = {lang: synonyms(site, lang) for lang in LANGUAGES}
        self.indexes: dict[str, Index] = {}
        for lang in LANGUAGES:
            index = MemoryStorage().create_index(schema(lang))
            with index.writer() as writer:
                for doc in documents(site, lang):
                    writer.add_document(key=doc.key, url=doc.url, section=doc.section,
                                        title=doc.title, summary=doc.summary, body=doc.body,
                                        spelling=" ".join([doc.title, doc.summary, doc.body]))
            self.indexes[lang] = index
        self.containing = {lang: containing(index) for lang, index in self.indexes.items()}
        # The same query is often asked again (a link an adviser sends, a reader paging back):
        # results are a pure function of the content, which this object holds unchanged.
        self.search = lru_cache(maxsize=1024)(self._search)

    def positions(self, text: str, lang: str) -> list[tuple[str, ...]]:
        expanded = expand_synonyms(text, self.synonyms[lang])
        return [forms(word, lang) for word, _, _ in words(expanded, lang)]

    @staticmethod
    def query(positions: list[tuple[str, ...]]) -> Query:
        return Or([Or([Term(field, form) for field in FIELDS for form in word_forms])
                   for word_forms in positions])

    def count(self, positions: list[tuple[str, ...]], lang: str) -> int:
        """How many documents match: those holding any form of any word, in any field (what
        the query asks), from the postings read once at start, not by running it again."""
        found = self.containing[lang]
        return len(frozenset().union(*(found.get(form, ()) for forms_ in positions for form in forms_)))

    def _search(self, text: str, lang: str, page: int = 1, per_page: int = 20) -> Results:
        """One page of results (20 to a page), with how many there are in all."""
        positions = self.positions(text, lang)
        if not positions:
            return Results([], None)
        query = self.query(positions)
        with self.indexes[lang].searcher() as searcher:
            # Whoosh's top-N with its block skipping; counting its matches instead would run the
            # query a second time (len(found)). The limit keeps highlighting to the hits shown.
            found = searcher.search(query, limit=page * per_page, terms=True)
            found.fragmenter = highlight.PinpointFragmenter(maxchars=220, surround=60, autotrim=True)
            found.formatter = highlight.HtmlFormatter(tagname="strong", classname="match",
                                                      termclass="")
            shown = found[(page - 1) * per_page:page * per_page]
            hits = [Hit(hit["key"], hit["url"], hit["title"], hit["summary"], hit["section"],
                        hit.highlights("body", top=2) or "") for hit in shown]
            total = self.count(positions, lang)
            suggestion = None if total else self._suggest(searcher, text, lang)
            return Results(hits, suggestion, total, page, per_page)

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
