"""Spelling and language marking, read from the pages as a reader gets them.

Welsh is checked with hunspell and Bangor University's 2025 hunspell-cy dictionary (shipped in
the `cymraeg-mcp` wheel; the 2004 aspell-cy list rejects common words such as gwefan, cymryd and
hunain). Only text in the page's own language is checked: anything inside an element with
another `lang` is skipped, and a word in the page's text that the other language's dictionary
knows but its own does not is unmarked other-language text (WCAG 3.1.2, language of parts).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from alnguide.search.welsh import radicals

ROOT = Path(__file__).resolve().parents[1]
WORDLISTS = sorted((ROOT / "tests" / "wordlist-cy").glob("*.txt"))
SKIP_TAGS = {"script", "style", "template"}
WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")


def welsh_dictionary() -> Path | None:
    """hunspell-cy 2025 (cy_GB.dic/.aff) inside the cymraeg-mcp package, installed --no-deps."""
    try:
        import cymraeg_mcp
    except ImportError:
        return None
    folder = Path(cymraeg_mcp.__file__).parent / "data" / "dictionaries"
    return folder / "cy_GB" if (folder / "cy_GB.dic").exists() else None


DICTIONARIES = {"cy": welsh_dictionary(), "en": Path("/usr/share/hunspell/en_GB")}


def available() -> str | None:
    """Why the language checks cannot run here, or None."""
    if not shutil.which("hunspell"):
        return "hunspell is not installed (tests/run.sh installs Debian's hunspell)"
    if DICTIONARIES["cy"] is None:
        return "hunspell-cy is missing: pip install --no-deps cymraeg-mcp (tests/run.sh does)"
    if not DICTIONARIES["en"].with_suffix(".dic").exists():
        return "the British English dictionary is missing (Debian's hunspell-en-gb)"
    return None


@dataclass
class Text:
    """The words of a page, split by the language they are marked as being in."""

    by_lang: dict[str, list[str]] = field(default_factory=dict)


class _LangText(HTMLParser):
    """Collects text under <main>, each run filed under the nearest lang attribute."""

    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = []  # (tag, lang, skipped)
        self.page_lang = page_lang
        self.in_main = 0
        self.text = Text()

    VOID = {"br", "hr", "img", "input", "link", "meta", "wbr", "source"}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang") or (self.stack[-1][1] if self.stack else self.page_lang)
        skipped = tag in SKIP_TAGS or (bool(self.stack) and self.stack[-1][2])
        if tag == "main":
            self.in_main += 1
        if tag not in self.VOID:
            self.stack.append((tag, lang.split("-")[0], skipped))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main -= 1
        while self.stack:
            top = self.stack.pop()
            if top[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.in_main or (self.stack and self.stack[-1][2]):
            return
        lang = self.stack[-1][1] if self.stack else self.page_lang
        self.text.by_lang.setdefault(lang, []).append(data)


def page_text(html: str, page_lang: str) -> Text:
    parser = _LangText(page_lang)
    parser.feed(html)
    return parser.text


def words(text: str) -> list[str]:
    """Words to check: emails and addresses out, contractions split, names and acronyms left to
    the terminology checks (a capitalised word is a name or starts a sentence; both are skipped)."""
    text = re.sub(r"\S+@\S+|https?://\S+|\b[\w-]+(?:\.[\w-]+)+\b|\[[^\]]*\]", " ", text)
    found = []
    for word in WORD.findall(text.replace("’", "'")):
        for part in re.split(r"['-]", word):
            if part and not part[0].isupper() and len(part) > 1:
                found.append(part.lower())
    return found


@cache
def candidates(word: str) -> set[str]:
    """The radicals a Welsh word may be a mutation of, with and without its circumflex: a
    mutated word can gain one ("cwyn" -> "ei gŵyn")."""
    plain = unicodedata.normalize("NFKD", word)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return (radicals(word) | radicals(plain)) - {word}


@cache
def project_words() -> frozenset[str]:
    found = set()
    for path in WORDLISTS:
        found.update(w.strip().lower() for w in path.read_text(encoding="utf-8").split() if w.strip())
    return frozenset(found)


def unknown(words_: set[str], lang: str) -> set[str]:
    """The words hunspell does not know in lang (one process for the whole set)."""
    if not words_:
        return set()
    result = subprocess.run(["hunspell", "-d", str(DICTIONARIES[lang]), "-l", "-i", "utf-8"],
                            input="\n".join(sorted(words_)), capture_output=True, text=True, check=True)
    return set(result.stdout.split())


class Checker:
    """Looks every distinct word up once per dictionary, then answers per page."""

    def __init__(self) -> None:
        self.known: dict[str, dict[str, bool]] = {"cy": {}, "en": {}}

    def lookup(self, candidates: set[str], lang: str) -> None:
        todo = {w for w in candidates if w not in self.known[lang]}
        missing = unknown(todo, lang)
        for w in todo:
            self.known[lang][w] = w not in missing

    def knows(self, word: str, lang: str) -> bool:
        if word in project_words() and lang == "cy":
            return True
        if self.known[lang].get(word):
            return True
        if lang == "cy":  # a mutated form of a word hunspell or the project list knows
            return any(self.known["cy"].get(r) or r in project_words() for r in candidates(word))
        return False

    def prepare(self, texts: list[str], lang: str) -> None:
        all_words = {w for t in texts for w in words(t)}
        self.lookup(all_words, lang)
        if lang == "cy":
            self.lookup({r for w in all_words if not self.known["cy"][w] for r in candidates(w)}, "cy")
        self.lookup({w for w in all_words if not self.knows(w, lang)}, "en" if lang == "cy" else "cy")

    def misspelt(self, text: str, lang: str) -> tuple[int, list[str]]:
        """(words checked, the ones unknown in lang)."""
        found = words(text)
        return len(found), [w for w in found if not self.knows(w, lang)]

    def other_language(self, text: str, lang: str) -> list[str]:
        """Words unknown in lang that the other language knows: unmarked other-language text."""
        other = "en" if lang == "cy" else "cy"
        return [w for w in words(text) if not self.knows(w, lang) and self.known[other].get(w)]
