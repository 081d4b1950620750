"""Sources a reader can open: content/sources.yaml says where each kind of source lives, and a
page's or outcome's source list is shown with its name linked there, and each section or
regulation number linked to that part ("s.26, s.27 and s.32" -> three links)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from alnguide.content.errors import Problems
from alnguide.content.yamlfile import bilingual, read_data_lines
from alnguide.languages import LANGUAGES

# "s.26, s.27 and s.32", "ss.84–85", "adrannau 26, 27 a 32", "reg. 10", "rheoliad 10": a word
# that starts a list of part numbers, then the numbers joined by commas, "and"/"a" or a dash.
PARTS = re.compile(r"\b(?:ss?\.|regs?\.?|adran(?:nau)?|rheoliad(?:au)?)\s*\d+"
                   r"(?:\s*(?:,|\band\b|\ba\b|–|-)\s*(?:ss?\.)?\s*\d+)*")
NUMBER = re.compile(r"(?:ss?\.|reg\.\s*)?(?<![\d(])(\d+)")  # "s.26" is linked whole, "27" alone


@dataclass(frozen=True)
class SourceKind:
    name: Mapping[str, str]
    url: Mapping[str, str]  # a site path for a page of the guide, else https://
    part_url: Mapping[str, str]  # with {n}; empty when parts are not linked


@dataclass(frozen=True)
class Segment:
    text: str
    href: str | None


def load_sources(content: Path, page_urls: Mapping[str, Mapping[str, str]], files: AbstractSet[str],
                 problems: Problems) -> tuple[SourceKind, ...]:
    """`files` are the pages written in either language: a source on one that could not be
    loaded (or lacks its pair) is skipped, since that page's own problem is reported."""
    path = content / "sources.yaml"
    if not path.exists():
        return ()
    data, _, lines = read_data_lines(path, problems, list, "kinds of source, each with its name and url")
    kinds = []
    for index, entry in enumerate(data or []):
        line = lines.of(str(index))
        if not isinstance(entry, dict) or not bilingual(entry.get("name")):
            problems.add(path, line, "each source needs a 'name' in both 'cy' and 'en'")
            continue
        page = entry.get("page")
        if page:
            target, _, anchor = str(page).partition("#")
            urls = {lang: page_urls[lang].get(target.removesuffix(".md")) for lang in LANGUAGES}
            if not all(urls.values()):
                if target.removesuffix(".md") not in files:
                    problems.add(path, line, f"no page '{target}' for source '{entry['name']['en']}'")
                continue
            url = {lang: urls[lang] + (f"#{anchor}" if anchor else "") for lang in LANGUAGES}
        elif bilingual(entry.get("url")) and all(entry["url"][lang].startswith("https://")
                                                 for lang in LANGUAGES):
            url = entry["url"]
        else:
            problems.add(path, line, "each source needs a 'url' (https://) in both languages, or a 'page'")
            continue
        part_url = entry.get("part_url") or {}
        if part_url and not (bilingual(part_url) and all("{n}" in part_url[lang] for lang in LANGUAGES)):
            problems.add(path, line, "'part_url' needs both languages, each with {n} for the number")
            continue
        kinds.append(SourceKind(dict(entry["name"]), dict(url), dict(part_url)))
    return tuple(kinds)


def segments(source: str, lang: str, kinds: tuple[SourceKind, ...]) -> list[Segment]:
    """A source as text and links: its kind's name linked, then each part number."""
    kind = next((k for k in kinds if source.startswith(k.name[lang])), None)
    if kind is None:
        return [Segment(source, None)]
    name = kind.name[lang]
    found = [Segment(name, kind.url[lang])]
    rest = source[len(name):]
    if not kind.part_url:
        return [*found, Segment(rest, None)] if rest else found
    position = 0
    for parts in PARTS.finditer(rest):
        for number in NUMBER.finditer(parts.group()):
            start, end = parts.start() + number.start(), parts.start() + number.end()
            if start > position:
                found.append(Segment(rest[position:start], None))
            found.append(Segment(number.group(), kind.part_url[lang].replace("{n}", number.group(1))))
            position = end
    if position < len(rest):
        found.append(Segment(rest[position:], None))
    return found
