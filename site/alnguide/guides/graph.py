"""A pathway as Graphviz DOT, for reviewers (`build.py graph ID`)."""

from __future__ import annotations

from alnguide.content.model import Site


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
