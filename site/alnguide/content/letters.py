"""Letters a family can send: one file per letter per language, content/<lang>/letters/<id>.md.

A letter is plain text with [placeholders] for what the reader fills in. Each placeholder needs
a label in the reader's language (content/letter-fields.yaml for the common ones, the letter's
own `fields` for the rest), so that the letter builder can ask for it by name; a placeholder
with no label is refused. Outcomes name a letter by its id (`letter: ask-council-to-reconsider`).

Each placeholder means one thing. A shared label must fit every letter that uses it (see
letter_labels.py). The date a letter is written has its own placeholder, named in
letter-fields.yaml (`dated`): it stands alone on the line where the letter is dated, and the
builder fills it in with today's date; no other placeholder alone on a line may be a date. A
placeholder never ends with a full stop inside its brackets: the sentence's full stop is the
letter's, after the bracket, so that the builder can leave it out when the words typed already
end a sentence ("school." and never "school..").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import get_month_names
from frontmatter.default_handlers import YAMLHandler

from alnguide.content.errors import Problems, lines_of
from alnguide.content.letter_labels import unfitting_words
from alnguide.content.model import Contact, frozen_map
from alnguide.content.yamlfile import key_line, read_data, read_text, read_yaml
from alnguide.languages import LANGUAGES

PLACEHOLDER = re.compile(r"\[([^\[\]\n]+)\]")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VOICES = ("parents", "young-people")
FIELDS = {"title", "slug", "voice", "to", "subject", "fields"}
LONG_HINT = re.compile(r"^(describe|say|give|list|add|disgrifiwch|dywedwch|rhowch|rhestrwch|ychwanegwch)\b|,",
                       re.IGNORECASE)
SENTENCE_END = ".!?…"  # a placeholder may not end with these: the sentence's full stop is the letter's
DATE_WORDS = {"en": re.compile(r"\bdate\b", re.IGNORECASE),  # with its Welsh mutations
              "cy": re.compile(r"\b(dyddiad|ddyddiad|nyddiad)\b", re.IGNORECASE)}


@dataclass(frozen=True)
class Field:
    """One thing the reader fills in: the placeholder as written, and how the builder asks."""

    placeholder: str
    label: str
    long: bool  # a sentence or more (an instruction such as "describe the help"): a text area
    today: bool = False  # the date the letter is written: the builder fills in today's date


@dataclass(frozen=True)
class Letter:
    id: str
    lang: str
    title: str
    slug: str
    voice: str  # who sends it: "parents" or "young-people" (written in their own voice)
    to: Contact | None  # a contact from site.yaml, whose name heads the letter; None: named in the body
    subject: str
    body: str
    fields: tuple[Field, ...]  # every placeholder of subject and body, in order, once each
    source_path: Path

    @property
    def months(self) -> tuple[str, ...]:
        """The month names the builder writes today's date with, in the letter's language
        (CLDR's, through Babel: "Rhagfyr" in a Welsh letter whatever the browser's locale)."""
        names = get_month_names("wide", locale=self.lang)
        return tuple(names[month] for month in range(1, 13))


@dataclass(frozen=True)
class Labels:
    """content/letter-fields.yaml, per language: the shared labels, and the placeholder that
    dates a letter (None where the file names none)."""

    shared: Mapping[str, Mapping[str, str]]
    dated: Mapping[str, str | None]


def load_labels(content: Path, problems: Problems) -> Labels:
    """The shared labels (placeholder -> label) and the date-of-writing placeholder, per language."""
    path = content / "letter-fields.yaml"
    found: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    dated: dict[str, str | None] = {lang: None for lang in LANGUAGES}
    if not path.exists():
        return Labels(found, dated)
    data, _ = read_data(path, problems, dict, "'cy' and 'en', each mapping a placeholder to its label")
    for lang in LANGUAGES:
        labels = (data or {}).get(lang) or {}
        if data is not None and not isinstance(labels, dict):
            problems.add(path, None, f"'{lang}' must map each placeholder to its label")
            continue
        found[lang] = {str(k): str(v) for k, v in labels.items()}
    names = (data or {}).get("dated") or {}
    if not isinstance(names, dict):
        problems.add(path, None, "'dated' names, for 'cy' and 'en', the placeholder that dates a letter")
        names = {}
    for lang in LANGUAGES:
        name = names.get(lang)
        if name is None:
            continue
        if not isinstance(name, str) or not name.strip() or name not in found[lang]:
            problems.add(path, None, f"'dated' for '{lang}' must be a placeholder labelled under '{lang}'")
            continue
        dated[lang] = name
    return Labels(found, dated)


def letter_files(content: Path, lang: str) -> dict[str, Path]:
    return {p.stem: p for p in sorted((content / lang / "letters").glob("*.md"))}


def load_letters(content: Path, contacts: Mapping[str, Contact], problems: Problems
                 ) -> Mapping[str, Mapping[str, Letter]]:
    """Every letter, in both languages; lang -> id -> letter."""
    labels = load_labels(content, problems)
    files = {lang: letter_files(content, lang) for lang in LANGUAGES}
    letters: dict[str, dict[str, Letter]] = {lang: {} for lang in LANGUAGES}
    for lang in LANGUAGES:
        partner = "en" if lang == "cy" else "cy"
        for letter_id, path in files[lang].items():
            if letter_id not in files[partner]:
                problems.add(path, None, f"this letter has no pair: add {partner}/letters/{path.name}")
            letter = _load_letter(letter_id, lang, path, contacts, labels, problems)
            if letter:
                letters[lang][letter_id] = letter
    for lang in LANGUAGES:
        seen: dict[str, str] = {}
        for letter in letters[lang].values():
            if letter.slug in seen:
                problems.add(letter.source_path, None,
                             f"slug '{letter.slug}' is also used by {seen[letter.slug]}")
            seen[letter.slug] = letter.source_path.name
    for letter_id in set(letters["cy"]) & set(letters["en"]):
        pair = [letters[lang][letter_id] for lang in LANGUAGES]
        if len({(x.voice, x.to.id if x.to else None) for x in pair}) > 1:
            problems.add(pair[0].source_path, None, "the Welsh and English letters must have the same "
                         "'voice' and 'to'")
    return frozen_map({lang: frozen_map(letters[lang]) for lang in LANGUAGES})


def _load_letter(letter_id: str, lang: str, path: Path, contacts: Mapping[str, Contact],
                 labels: Labels, problems: Problems) -> Letter | None:
    text = read_text(path, problems)
    if text is None:
        return None
    handler = YAMLHandler()
    if not handler.detect(text):
        problems.add(path, 1, "a letter starts with front matter between '---' lines")
        return None
    try:
        meta_text, body = handler.split(text)
    except ValueError:
        problems.add(path, 1, "the front matter is not closed with a '---' line")
        return None
    meta_text = meta_text.removeprefix("\n")
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    meta: Any = read_yaml(path, problems, first_line=2, text=meta_text)
    if not isinstance(meta, dict):
        if meta is not None:
            problems.add(path, 2, "front matter must be a mapping of fields")
        return None
    before = len(problems.items)

    def bad(key: str, reason: str) -> None:
        problems.add(path, key_line(meta_text, key, 2) or 1, reason)

    for key in sorted(set(meta) - FIELDS):
        bad(key, f"unknown front-matter field '{key}'")
    for key in ("title", "subject"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            bad(key, f"'{key}' must be text")
    if not isinstance(meta.get("slug"), str) or not SLUG.match(meta["slug"]):
        bad("slug", "'slug' must be lower-case letters, digits and single hyphens")
    if meta.get("voice") not in VOICES:
        bad("voice", f"'voice' says who sends the letter: one of {', '.join(VOICES)}")
    to = meta.get("to")
    if to is not None and to not in contacts:
        bad("to", f"'to' must be a contact id from site.yaml ({', '.join(sorted(contacts))})")
    own = meta.get("fields") or {}
    if not isinstance(own, dict):
        bad("fields", "'fields' maps a placeholder to its label")
        own = {}
    body_line += len(body) - len(body.lstrip("\n"))
    body = body.strip("\n")
    if not body.strip():
        problems.add(path, body_line, "the letter has no text")
    subject = str(meta.get("subject") or "").strip()
    fields, seen, folded = [], set(), {}  # folded: lower case -> the placeholder as first written
    for where, source, first in (("subject", subject, key_line(meta_text, "subject", 2) or 1),
                                 ("body", body, body_line)):
        if "[" in PLACEHOLDER.sub("", source) or "]" in PLACEHOLDER.sub("", source):
            problems.add(path, first, f"the {where} has a '[' or ']' that does not make a placeholder: "
                         "write each as [words], never one inside another or across lines")
        _check_meanings(path, lang, source, first, labels.dated[lang], problems)
        for placeholder in PLACEHOLDER.findall(source):
            if placeholder in seen:
                continue
            seen.add(placeholder)
            line = (lines_of(source, f"[{placeholder}]", first) or [first])[0]  # its first use
            twin = folded.setdefault(placeholder.casefold(), placeholder)
            if twin != placeholder:
                problems.add(path, line, f"[{placeholder}] and [{twin}] differ only in capitals, so the "
                             "reader would fill in two boxes for one thing: write them the same")
                continue
            label = own.get(placeholder) or labels.shared[lang].get(placeholder)
            if not label:
                problems.add(path, line, f"placeholder [{placeholder}] has no label: add it to the "
                             "letter's 'fields' or to content/letter-fields.yaml")
                continue
            if placeholder not in own and isinstance(meta.get("voice"), str):
                extra = unfitting_words(placeholder, str(label), lang, meta["voice"])
                if extra:
                    problems.add(path, line, f"placeholder [{placeholder}] is labelled '{label}' in "
                                 f"content/letter-fields.yaml, which says more than the placeholder "
                                 f"does here ({', '.join(extra)}): a shared label must fit every letter "
                                 "that uses it. Say it in the placeholder, or label it in this "
                                 "letter's 'fields'")
            fields.append(Field(placeholder, str(label), bool(LONG_HINT.search(placeholder)),
                                today=placeholder == labels.dated[lang]))
    for placeholder in sorted(set(map(str, own)) - seen):
        bad("fields", f"'fields' labels [{placeholder}], which the letter does not use")
    if len(problems.items) != before:
        return None
    return Letter(
        id=letter_id, lang=lang, title=meta["title"].strip(), slug=meta["slug"], voice=meta["voice"],
        to=contacts.get(to) if to else None, subject=subject, body=body, fields=tuple(fields),
        source_path=path,
    )


def _check_meanings(path: Path, lang: str, source: str, first: int, dated: str | None,
                    problems: Problems) -> None:
    """One meaning per placeholder where a reader could take it two ways: the date-of-writing
    placeholder only on the line that dates the letter, and that line only with it; no full stop
    inside the brackets (the sentence's own full stop goes after them)."""
    for number, line in enumerate(source.split("\n"), first):
        alone = line.strip()
        for found in PLACEHOLDER.finditer(line):
            placeholder = found.group(1)
            whole = found.group(0) == alone
            if placeholder == dated and not whole:
                problems.add(path, number, f"[{dated}] is the date the letter is written, which the "
                             "builder fills in: put it on a line of its own where the letter is dated, "
                             "and say which date any other placeholder is")
            elif whole and dated and placeholder != dated and DATE_WORDS[lang].search(placeholder):
                problems.add(path, number, f"[{placeholder}] on a line of its own dates the letter: "
                             f"write [{dated}], which the builder fills in with today's date")
            if placeholder.rstrip()[-1:] in SENTENCE_END:
                problems.add(path, number, f"placeholder [{placeholder}] ends a sentence inside its "
                             "brackets: put the full stop after the ']', so that the letter has one "
                             "full stop whatever is typed")
