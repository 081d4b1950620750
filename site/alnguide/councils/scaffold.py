"""`build.py new-council <id>`: a new pack with everything a council writes, each slot with what
to write, where the national pages use it and the first pack's words as an example.

The pack it writes is refused until it is filled (`check --council <id>` names every slot and
setting left), so an empty or half-written pack can never be published by mistake."""

from __future__ import annotations

from pathlib import Path

from alnguide.content.errors import Problems
from alnguide.councils import slots
from alnguide.councils.packs import COUNCILS, PACK_ID, packs

EXAMPLE = "monmouthshire"  # the first pack: its words are shown as examples, never copied as values
SHOWN_USES = 6

SITE = """\
# {id}'s own settings, added to the national content/site.yaml (docs/new-council.md).
# Contact details only as the council publishes them.
organisation:   # the council's name, e.g. "Cardiff Council" / "Cyngor Caerdydd"
  en:
  cy:
service:        # the team that publishes the guide, e.g. "ALN Service" / "Gwasanaeth ADY"
  en:
  cy:
# Where the guide will be published: canonical links, the sitemap and robots.txt start here.
base_url:
contact: aln-service   # keep this id: national letters are addressed to it (header, footer, feedback)
council-contacts:
  aln-service:
    name:       # e.g. "ALN Service, Cardiff Council" / "Gwasanaeth ADY, Cyngor Caerdydd"
      en:
      cy:
    email:      # needed for a release
    phone: ""   # leave empty until the council publishes one
feedback: {{}}    # or {{en: https://..., cy: https://...}}: the council's feedback page
council-links: []   # the council's own pages, listed before the national links, e.g.
#  - en: {{label: "Additional learning needs – Cardiff Council", url: "https://..."}}
#    cy: {{label: "Anghenion dysgu ychwanegol – Cyngor Caerdydd", url: "https://..."}}
"""

TERM_DATES = """\
# {id}'s own exceptions to the national term dates (content/term-dates.yaml): days its schools
# close that others do not, each with its source. Leave `exceptions` empty if there are none.
council:
  name: {id}
  # Each exception: {{year: 2026-27, source: "...", closed: [YYYY-MM-DD, ...]}}
  exceptions: []
"""


def scaffold(content: Path, council_id: str) -> Path:
    """Write content/councils/<id>/ and return it. Refuses an id that is not a plain name or a
    pack that exists already (an editor's work is never overwritten)."""
    if not PACK_ID.match(council_id):
        raise ValueError(f"'{council_id}': an id is lower-case letters, digits and hyphens, "
                         "as it will appear in addresses (e.g. vale-of-glamorgan)")
    folder = content / COUNCILS / council_id
    if folder.exists():
        raise ValueError(f"{folder} exists already: edit it, or choose another id")
    problems = Problems()
    declared = slots.load_declared(content, problems)
    if problems.items:
        raise ValueError("; ".join(str(p) for p in problems.items))
    example = packs(content).get(EXAMPLE)
    values = slots.load_values(example.path, declared, Problems()) if example else None
    folder.mkdir(parents=True)
    (folder / slots.DECLARED).write_text(_slots_text(content, council_id, declared, values), encoding="utf-8")
    (folder / "site.yaml").write_text(SITE.format(id=council_id), encoding="utf-8")
    (folder / "term-dates.yaml").write_text(TERM_DATES.format(id=council_id), encoding="utf-8")
    if example:
        _own_files(example.path, folder)
    return folder


def _slots_text(content: Path, council_id: str, declared: dict[str, slots.Slot],
                values: slots.Values | None) -> str:
    uses = _uses(content)
    out = [f"# {council_id}'s words for the local facts the national pages name.",
           "# Fill in each slot in Welsh and English: write after `cy:` and `en:`; for several lines,",
           "# write `|` and the lines below it, indented. A slot left empty is listed by",
           f"# `python3 build.py check --council {council_id}` and refused by a release freeze.",
           "# To say nothing on purpose, write \"\". Above each slot: what to write, where the guide uses",
           f"# it, and {EXAMPLE.title()}'s words as an example.", ""]
    for slot in declared.values():
        out.append(f"# {slot.what}")
        where = uses.get(slot.name, [])
        if where:
            more = f" and {len(where) - SHOWN_USES} more" if len(where) > SHOWN_USES else ""
            out.append(f"# Used in: {', '.join(where[:SHOWN_USES])}{more}")
        for lang in slot.languages:
            example = (values.values.get(slot.name, {}).get(lang) if values else None) or ""
            lines = example.split("\n")
            out.append(f"# {EXAMPLE.title()}'s ({lang}): {lines[0]}" + (" …" if len(lines) > 1 else ""))
        out.append(f"{slot.name}:")
        out.extend(f"  {lang}:" for lang in slot.languages)
        out.append("")
    return "\n".join(out)


def _uses(content: Path) -> dict[str, list[str]]:
    """slot -> 'en/transport.md:12' for each placeholder in the national layer."""
    found: dict[str, list[str]] = {}
    for path in sorted(content.rglob("*")):
        relative = path.relative_to(content)
        if relative.parts[0] == COUNCILS or not path.is_file() or path.suffix not in (".md", ".yaml"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for use in slots.uses(text, relative, path):
            found.setdefault(use.name, []).append(f"{relative.as_posix()}:{use.line}")
    return found


def _own_files(example: Path, folder: Path) -> None:
    """The example pack's own pages and guide files, as a list to write (never copied: another
    council's facts must not be published by mistake), and its glossary terms, commented out."""
    own = sorted(p.relative_to(example).as_posix() for p in example.rglob("*")
                 if p.is_file() and (p.suffix == ".md" or p.parent.name == "pathways"))
    glossary = example / "glossary.yaml"
    if glossary.exists():
        lines = glossary.read_text(encoding="utf-8").split("\n")
        text = "\n".join(f"# {line}" if line else "#" for line in lines)
        (folder / "glossary.yaml").write_text(
            "# Your council's own terms (its panels, teams and services), added to the national glossary.\n"
            f"# National pages link to some of them by id. {EXAMPLE.title()}'s, as an example: write\n"
            "# your own, keeping the ids the national pages link to (check names any that are missing).\n"
            + text + "\n", encoding="utf-8")
    if own:
        lines = [f"# Pages and guide files {EXAMPLE.title()} writes itself, which the national pages",
                 "# link to or which replace a national file. Write your own at the same paths:", ""]
        lines += [f"- {name}" for name in own]
        (folder / "TO-WRITE.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
