"""Slots: a local fact named in national text (`{{council}}`), filled by a council's pack.

National pages and data name a local fact by its slot, never by one council's words. Each slot
is declared once, in content/slots.yaml, with what a council writes in it; each pack fills it in
both languages in its own slots.yaml. In a file under cy/ or en/, `{{name}}` takes that file's
language; in a file shared by both languages (content/glossary.yaml, a guide's logic),
`{{name:cy}}` or `{{name:en}}` says which. A slot that stands alone on its line may hold several
lines (a paragraph, a list): each of its lines takes the placeholder's indent."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from alnguide.content.errors import Problems
from alnguide.content.yamlfile import key_line, read_data
from alnguide.languages import LANGUAGES

SLOT = re.compile(r"\{\{\s*([a-z0-9]+(?:-[a-z0-9]+)*)(?::(cy|en))?\s*\}\}")
DECLARED = "slots.yaml"  # beside content/en and content/cy; and in each pack, its values
UNFILLED = "slot-{name}"  # a draft shows it where a slot is empty: safe in YAML, a slug and an id


@dataclass(frozen=True)
class Slot:
    """One declared local fact: what a council writes in it and the languages it is used in."""

    name: str
    what: str
    languages: tuple[str, ...]
    line: int | None


@dataclass
class Values:
    """A pack's filling of the slots: slot -> language -> text, and where each is written."""

    path: Path
    text: str
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def line_of(self, name: str) -> int | None:
        return key_line(self.text, name)


@dataclass(frozen=True)
class Use:
    """A placeholder found in a national file."""

    name: str
    lang: str
    path: Path
    line: int


def load_declared(content: Path, problems: Problems) -> dict[str, Slot]:
    path = content / DECLARED
    if not path.exists():
        return {}
    data, text = read_data(path, problems, dict, "slots: each slot's name and what a council writes in it")
    if data is None:
        return {}
    found = {}
    for name, entry in data.items():
        line = key_line(text, str(name))
        if not SLOT.fullmatch("{{" + str(name) + "}}"):
            problems.add(path, line, f"slot '{name}': a name is lower-case letters, digits and hyphens")
            continue
        if not isinstance(entry, dict) or not str(entry.get("what") or "").strip():
            problems.add(path, line, f"slot '{name}': say what a council writes in it ('what: ...')")
            continue
        languages = entry.get("languages", list(LANGUAGES))
        if not isinstance(languages, list) or not set(languages) <= set(LANGUAGES) or not languages:
            problems.add(path, line, f"slot '{name}': 'languages' lists cy, en or both")
            continue
        found[name] = Slot(name, str(entry["what"]).strip(), tuple(languages), line)
    return found


def load_values(pack: Path, declared: Mapping[str, Slot], problems: Problems) -> Values:
    """A pack's values. An empty or missing value is not a problem here: `unfilled` lists it, so
    a draft still loads and a release is refused."""
    path = pack / DECLARED
    if not path.exists():
        return Values(path, "")
    data, text = read_data(path, problems, dict, "slots: each slot's text in cy and en")
    values = Values(path, text or "")
    for name, entry in (data or {}).items():
        line = values.line_of(str(name))
        if name not in declared:
            problems.add(path, line, f"slot '{name}' is not one the national pages use "
                         f"(content/{DECLARED} lists them): check its spelling")
            continue
        if not isinstance(entry, dict):
            problems.add(path, line, f"slot '{name}': give its text as 'cy: ...' and 'en: ...'")
            continue
        filled = {}
        for lang in declared[name].languages:
            value = entry.get(lang)
            if value is None:  # `en:` with nothing after it: not written yet ("" is left empty on purpose)
                continue
            value = str(value).rstrip("\n")
            if re.search(r'["\\{}]', value):
                problems.add(path, line, f"slot '{name}' ({lang}): quotation marks, backslashes and "
                             "braces cannot go in a slot; use typographic quotes (“ ”) instead")
                continue
            filled[lang] = value
        values.values[str(name)] = filled
    return values


def unfilled(declared: Mapping[str, Slot], values: Values) -> list[tuple[Slot, str]]:
    """Every (slot, language) the pack has not written yet."""
    return [(slot, lang) for slot in declared.values() for lang in slot.languages
            if values.values.get(slot.name, {}).get(lang) is None]


def language_of(relative: Path) -> str | None:
    """The language a file's bare `{{name}}` takes: its top folder's, or none for shared data."""
    return relative.parts[0] if len(relative.parts) > 1 and relative.parts[0] in LANGUAGES else None


def uses(text: str, relative: Path, path: Path) -> list[Use]:
    """Every placeholder in a file's text (what `check --council` lists a slot's uses from)."""
    lang = language_of(relative)
    found = []
    for match in SLOT.finditer(text):
        found.append(Use(match[1], match[2] or lang or "", path, text.count("\n", 0, match.start()) + 1))
    return found


def fill(text: str, relative: Path, path: Path, declared: Mapping[str, Slot], values: Values,
         problems: Problems) -> tuple[str, list[int]]:
    """The text with every slot filled, and the original line of each line of the result (a
    slot of several lines makes more lines than it took), so a problem later found in the
    filled text is reported at the editor's own line."""
    lang = language_of(relative)
    out: list[str] = []
    origin: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if "{{" not in line:
            out.append(line)
            origin.append(number)
            continue

        def value(match: re.Match[str], number: int = number) -> str | None:
            name, which = match[1], match[2] or lang
            if name not in declared:
                problems.add(path, number, f"'{match[0]}' is not a slot content/{DECLARED} declares")
                return None
            if which is None:
                problems.add(path, number, f"'{match[0]}': in a file shared by both languages, say "
                             f"which: '{{{{{name}:cy}}}}' or '{{{{{name}:en}}}}'")
                return None
            if which not in declared[name].languages:
                problems.add(path, number, f"'{match[0]}': slot '{name}' is written in "
                             f"{', '.join(declared[name].languages)} only")
                return None
            text = values.values.get(name, {}).get(which)
            return UNFILLED.format(name=name) if text is None else text

        alone = SLOT.fullmatch(line.strip())
        if alone:
            filled = value(alone)
            indent = line[: len(line) - len(line.lstrip())]
            pieces = (filled if filled is not None else alone[0]).split("\n")
            out.extend(indent + piece if piece else piece for piece in pieces)
            origin.extend([number] * len(pieces))
            continue
        if any("\n" in values.values.get(m[1], {}).get(m[2] or lang or "", "") for m in SLOT.finditer(line)):
            problems.add(path, number, "a slot of several lines must stand alone on its line")
        out.append(SLOT.sub(lambda m: (value(m) or m[0]).replace("\n", " "), line))
        origin.append(number)
    return "\n".join(out), origin
