"""Build tasks behind build.py that are more than a line: compiling catalogues, graphing."""

from __future__ import annotations

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .i18n import TRANSLATIONS
from .model import Site


def compile_translations() -> list[str]:
    """Compile every .po to .mo (never committed). Fuzzy entries are left out, as pybabel does."""
    written = []
    for po_path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as handle:
            catalogue = read_po(handle)
        with po_path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalogue)
        written.append(str(po_path.with_suffix(".mo")))
    return written


def graph(site: Site, pathway_id: str, lang: str) -> str | None:
    """A pathway as Graphviz DOT: questions as boxes, outcomes as rounded boxes."""
    pathway = next((p for p in site.pathways if p.id == pathway_id), None)
    if pathway is None:
        return None

    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"digraph {q(pathway.id)} {{", "  rankdir=TB;", "  node [shape=box, fontname=Arial];"]
    for question in pathway.questions.values():
        lines.append(f"  {q(question.id)} [label={q(question.text[lang])}];")
        for answer in question.answers:
            lines.append(f"  {q(question.id)} -> {q(answer.target)} [label={q(answer.label[lang])}];")
    for outcome in pathway.outcomes.values():
        lines.append(f"  {q(outcome.id)} [label={q(outcome.title[lang])}, style=rounded];")
    lines.append("}")
    return "\n".join(lines)
