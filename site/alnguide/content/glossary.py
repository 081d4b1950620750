"""The glossary: terms and acronyms in both languages, used for <abbr> titles and search synonyms."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from alnguide.content.errors import Problems
from alnguide.content.model import GlossaryTerm, frozen_map
from alnguide.content.yamlfile import read_data


def load_glossary(content: Path, problems: Problems) -> tuple[GlossaryTerm, ...]:
    path = content / "glossary.yaml"
    if not path.exists():
        return ()
    data, text = read_data(path, problems, list, "the glossary's terms, each with its words in 'cy' and 'en'")
    if data is None:
        return ()
    terms, seen = [], set()
    for entry in data:
        term_id = entry.get("id") if isinstance(entry, dict) else None
        line = _line_of_id(text, term_id)
        if not isinstance(term_id, str) or not term_id:
            problems.add(path, line, "each term needs an 'id'")
            continue
        if term_id in seen:
            problems.add(path, line, f"duplicate glossary id '{term_id}'")
        seen.add(term_id)
        ok = True
        for lang in ("cy", "en"):
            words = entry.get(lang)
            if not (isinstance(words, dict) and words.get("term") and words.get("definition")):
                problems.add(path, line, f"term '{term_id}' needs '{lang}' with term and definition")
                ok = False
        synonyms = entry.get("synonyms") or {}
        if not isinstance(synonyms, dict) or not all(
                isinstance(words, list) and all(isinstance(w, str) for w in words)
                for words in synonyms.values() if words):
            problems.add(path, line, f"term '{term_id}': synonyms must map a language to a list of words")
            ok = False
        if not ok:
            continue
        terms.append(GlossaryTerm(
            id=term_id,
            abbr=frozen_map({lang: _text(entry[lang].get("abbr")) for lang in ("cy", "en")}),
            term=frozen_map({lang: str(entry[lang]["term"]) for lang in ("cy", "en")}),
            definition=frozen_map({lang: str(entry[lang]["definition"]) for lang in ("cy", "en")}),
            synonyms=frozen_map({lang: tuple(str(s) for s in synonyms.get(lang) or ())
                                 for lang in ("cy", "en")}),
        ))
    return tuple(terms)


def abbreviations(glossary: tuple[GlossaryTerm, ...], lang: str) -> Mapping[str, str]:
    """Abbreviation -> full term, for marking up pages in one language (read-only: the renderer
    keeps its sorted form for the mapping, see rendering._sorted)."""
    return frozen_map({t.abbr[lang]: t.term[lang] for t in glossary if t.abbr[lang]})


def _text(value: object) -> str | None:
    return str(value) if value else None


def _line_of_id(text: str, term_id: object) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().lstrip("- ").strip() in (f"id: {term_id}", f'id: "{term_id}"'):
            return number
    return None


def load_search_synonyms(content: Path, problems: Problems) -> dict[str, dict[str, str]]:
    """Extra words families search with that are not glossary terms ('bus' -> 'transport')."""
    path = content / "search-synonyms.yaml"
    found: dict[str, dict[str, str]] = {"cy": {}, "en": {}}
    if not path.exists():
        return found
    data, _ = read_data(path, problems, dict, "'cy' and 'en', each mapping a word to what it means here")
    if data is None:
        return found
    if not all(isinstance(data.get(lang, {}), dict) for lang in found):
        problems.add(path, None, "expected 'cy' and 'en', each mapping a word to what it means here")
        return found
    for lang in found:
        found[lang] = {str(k): str(v) for k, v in (data.get(lang) or {}).items()}
    return found


# The Welsh alphabet, in order: "chwarae" files under Ch, after every word in C.
WELSH_ALPHABET = ("a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "l", "ll",
                  "m", "n", "o", "p", "ph", "r", "rh", "s", "t", "th", "u", "w", "y")
WELSH_ORDER = {letter: i for i, letter in enumerate(WELSH_ALPHABET)}


def _letters(text: str, lang: str) -> list[str]:
    """A word as its alphabet's letters (Welsh digraphs count as one letter)."""
    word = text.casefold()
    if lang != "cy":
        return list(word)
    found, i = [], 0
    while i < len(word):
        two = word[i:i + 2]
        found.append(two if two in WELSH_ORDER and len(two) == 2 else word[i])
        i += len(found[-1])
    return found


def sort_key(text: str, lang: str) -> tuple:
    """Dictionary order in the reader's language (Welsh: a b c ch d dd … , so "ll" after "l")."""
    return tuple((WELSH_ORDER.get(ch, 100 + ord(ch[0])) if lang == "cy" else ord(ch[0]))
                 for ch in _letters(text, lang))


def initial(text: str, lang: str) -> str:
    """The letter a term files under in the A to Z: "Ll" for "llywodraethwr", "A" for "ADY"."""
    first = _letters(text.strip(), lang)[:1] or ["#"]
    return first[0][:1].upper() + first[0][1:] if first[0].isalpha() else "#"


def a_to_z(glossary: tuple[GlossaryTerm, ...], lang: str) -> list[tuple[str, list[GlossaryTerm]]]:
    """The glossary in the reader's alphabetical order, grouped by initial letter."""
    def name(term: GlossaryTerm) -> str:
        return term.abbr[lang] or term.term[lang]

    groups: dict[str, list[GlossaryTerm]] = {}
    for term in sorted(glossary, key=lambda t: sort_key(name(t), lang)):
        groups.setdefault(initial(name(term), lang), []).append(term)
    return list(groups.items())
