"""Text analysis for search, shared by the server index (Whoosh) and the static index (JSON).

The browser script (static/js/search.js) repeats these steps with the data exported here
(stop words, mutation tables, synonyms); tests/search_vectors.json checks both agree.
English: fold, split, drop stop words, Porter-stem. Welsh: fold, split, drop stop words,
and index every radical a word may be a mutation of, so 'nghynllun' and 'gynllun' meet 'cynllun'.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from whoosh.lang.porter import stem

from alnguide.search import welsh

TOKEN = re.compile(r"[a-z0-9]+")

STOP_WORDS = {
    "en": frozenset([
        "a", "about", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do",
        "does", "for", "from", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its",
        "me", "my", "no", "not", "of", "on", "or", "our", "so", "that", "the", "their", "them",
        "then", "there", "these", "they", "this", "to", "too", "us", "was", "we", "what",
        "when", "where", "which", "who", "why", "will", "with", "you", "your"
    ]),
    "cy": frozenset([
        "a", "ac", "ag", "am", "ar", "at", "beth", "bod", "dan", "drwy", "dy", "ei", "eich",
        "ein", "eu", "fe", "fy", "gan", "gyda", "hefyd", "hi", "hon", "hwn", "hyn", "i", "mae",
        "maen", "mewn", "na", "nad", "neu", "ni", "o", "oes", "pa", "r", "rhaid", "sut", "sy",
        "sydd", "ti", "trwy", "un", "wedi", "y", "yn", "yr", "ydy", "ydych", "yw", "n"
    ]),
}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return unicodedata.normalize("NFKD", ch)[0]


NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """Lower case with accents removed, one character for one, so offsets stay true. Only the
    few characters outside ASCII are looked at (a Welsh page has ~1 in 1,000): 6 times faster on
    a page than mapping every character, and the export's index folds every page."""
    text = text.lower().replace("’", "'")
    return text if text.isascii() else NON_ASCII.sub(lambda m: _fold_char(m.group()), text)


@lru_cache(maxsize=200_000)
def forms(word: str, lang: str) -> tuple[str, ...]:
    """The forms one folded word is indexed and searched under: Welsh, every radical it may be a
    mutation of and the singulars of each; English, its Porter stem. Kept per word, since the
    server's index and the export's both ask for every word of every page."""
    if lang == "cy":
        radicals = welsh.radicals(word)
        return tuple(sorted(radicals.union(*(welsh.singulars(r) for r in radicals))))
    return (stem(word),)


def words(text: str, lang: str) -> Iterator[tuple[str, int, int]]:
    """(folded word, start, end) for each word that is not a stop word."""
    for match in TOKEN.finditer(fold(text)):
        if match.group() not in STOP_WORDS[lang]:
            yield match.group(), match.start(), match.end()


def analyse(text: str, lang: str) -> list[tuple[str, ...]]:
    """The forms of each word, in order: words() without the offsets, which only the server's
    index keeps (the export's index asks this for every field of every page)."""
    stop = STOP_WORDS[lang]
    return [forms(word, lang) for word in TOKEN.findall(fold(text)) if word not in stop]


def expand_synonyms(query: str, synonyms: dict[str, str]) -> str:
    """Add what a family's word means here: 'EHCP' also searches 'IDP individual development plan'."""
    folded = " " + " ".join(TOKEN.findall(fold(query))) + " "
    extra = [meaning for phrase, meaning in synonyms.items() if f" {phrase} " in folded]
    return " ".join([query, *extra])


def mutation_tables() -> dict:
    """The Welsh mutation tables and plural endings, for the browser script."""
    return {"tables": [dict(t) for t in welsh.TABLES], "vowels": welsh.VOWELS,
            "endings": welsh.ENDINGS, "minStem": welsh.MIN_STEM, "keep": sorted(welsh.KEEP)}
