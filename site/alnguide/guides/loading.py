"""Loading the question guides: the logic checked as a graph, the words checked in both languages.

Every problem names the file and, where it is written there, the line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from alnguide.content.errors import Problems, now_reading
from alnguide.content.model import frozen_map
from alnguide.content.rendering import LinkResolver, raw_html_lines, render
from alnguide.content.yamlfile import Lines, read_data_lines
from alnguide.guides.pathways import CHANGE_SEGMENT, Answer, Outcome, Pathway, Question
from alnguide.languages import LANGUAGES

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AUDIENCES = ("parents", "young-people")
# A guide is frozen as one page per path per language: a new question level multiplies them.
# 200 keeps the largest guide's export to a few seconds; above it, split the guide in two.
MAX_PATHS = 200
LOGIC_FIELDS = {"start", "questions", "outcomes", "order", "audience"}

# (markdown, file, line, where) -> html; problems are recorded by the renderer
Renderer = Callable[[str, Path, int | None, str], str]


def _graph_problems(logic: dict, path: Path, lines: Lines, problems: Problems) -> bool:
    """Dead ends, unknown targets, unreachable nodes and loops, each named with its line."""
    questions, outcomes = logic.get("questions"), logic.get("outcomes")
    for key in sorted(set(logic) - LOGIC_FIELDS):
        problems.add(path, lines.of(key), f"unknown field '{key}' (a logic file has "
                     f"{', '.join(sorted(LOGIC_FIELDS))})")
    if not isinstance(questions, dict) or not questions:
        problems.add(path, lines.of("questions"), "'questions' must map question ids to their answers")
        return False
    if not isinstance(outcomes, list) or not outcomes or not all(isinstance(o, str) for o in outcomes):
        problems.add(path, lines.of("outcomes"), "'outcomes' must list the outcome ids")
        return False
    if logic.get("audience", "parents") not in AUDIENCES:
        problems.add(path, lines.of("audience"), f"'audience' is one of {', '.join(AUDIENCES)}")
    if not isinstance(logic.get("order", 0), int):
        problems.add(path, lines.of("order"), "'order' must be a whole number")
    nodes = set(questions) | set(outcomes)
    ok = True
    for node in sorted(set(questions) & set(outcomes)):
        problems.add(path, lines.of("questions", node), f"'{node}' is both a question and an outcome")
        ok = False
    if logic.get("start") not in questions:
        problems.add(path, lines.of("start"), f"start '{logic.get('start')}' is not a question")
        return False
    for qid, question in questions.items():
        answers = question.get("answers") if isinstance(question, dict) else None
        if not isinstance(answers, dict) or not answers:
            problems.add(path, lines.of("questions", qid),
                         f"question '{qid}' is a dead end: it has no answers")
            ok = False
            continue
        for aid, target in answers.items():
            if target not in nodes:
                problems.add(path, lines.of("questions", qid, "answers", aid),
                             f"question '{qid}', answer '{aid}': unknown target '{target}'")
                ok = False
    if not ok:
        return False
    # Depth-first search from the start: grey nodes are on the current path (a loop back to one
    # is a cycle), black ones are done.
    colour: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        nonlocal ok
        colour[node] = "grey"
        for aid, target in (questions[node]["answers"].items() if node in questions else ()):
            if colour.get(target) == "grey":
                problems.add(path, lines.of("questions", node, "answers", aid),
                             f"loop: {' -> '.join([*trail, node, target])}")
                ok = False
            elif target not in colour:
                visit(target, [*trail, node])
        colour[node] = "black"

    visit(logic["start"], [])
    for node in sorted(nodes - set(colour)):
        where = lines.of("questions", node) if node in questions else lines.of("outcomes", node)
        problems.add(path, where, f"'{node}' cannot be reached from the start")
        ok = False
    return ok


def count_paths(logic: dict) -> int:
    """Ways from the start to an outcome (the graph is known to have no loops)."""
    questions = logic["questions"]

    @cache
    def paths(node: str) -> int:
        return sum(paths(t) for t in questions[node]["answers"].values()) if node in questions else 1

    return paths(logic["start"])


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


class _Words:
    """One language's words for a pathway, with the line of each entry for problems."""

    def __init__(self, lang: str, path: Path, data: dict, text: str, lines: Lines, render_md: Renderer,
                 problems: Problems):
        self.lang, self.path, self.data, self.lines = lang, path, data, lines
        self.source_lines = text.splitlines()
        self.render_md, self.problems = render_md, problems

    def get(self, *keys: str) -> Any:
        value: Any = self.data
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    def need(self, *keys: str, where: str) -> str:
        text = _text(self.get(*keys))
        if not text:
            self.problems.add(self.path, self.lines.of(*keys), f"{where}: missing words")
        return text

    def md(self, *keys: str, where: str, required: bool = True) -> str:
        text = self.need(*keys, where=where) if required else _text(self.get(*keys))
        return self.render_md(text, self.path, self.first_line(*keys), where) if text else ""

    def first_line(self, *keys: str) -> int | None:
        """The line a value's text starts on: the key's own, or the next for a block (`key: |`)."""
        line = self.lines.of(*keys)
        if line is None:
            return None
        written = self.source_lines[line - 1].rstrip() if line <= len(self.source_lines) else ""
        return line + 1 if written.endswith(("|", ">", "|-", ">-", "|+", ">+")) else line


def _search_words(w: _Words) -> tuple[str, ...]:
    """`search_words`: single words a family searches with for the guide's subject, each of which
    lists the guide first in search. One word each, since each is matched on its own."""
    value = w.get("search_words")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and len(v.split()) == 1 for v in value):
        w.problems.add(w.path, w.lines.of("search_words"), "'search_words' must be a list of single words")
        return ()
    return tuple(v.strip() for v in value)


def load_pathway(logic_path: Path, content: Path, render_md: Renderer, letter_ids: Mapping[str, set[str]],
                 problems: Problems, order: int) -> Pathway | None:
    pid = logic_path.stem
    logic, _, lines = read_data_lines(logic_path, problems, dict, "the guide's start, questions and outcomes")
    if logic is None or not _graph_problems(logic, logic_path, lines, problems):
        return None
    paths = count_paths(logic)
    if paths > MAX_PATHS:
        problems.add(logic_path, lines.of("start"), f"{paths} ways through this guide: at most {MAX_PATHS}, "
                     "since each is a page in the export. Join answers that lead the same way, or split "
                     "the guide in two")
        return None
    words: dict[str, _Words] = {}
    for lang in LANGUAGES:
        wpath = content / lang / "pathways" / f"{pid}.yaml"
        if not wpath.exists():
            problems.add(logic_path, None, f"no words in {lang}: add {lang}/pathways/{pid}.yaml")
            continue
        data, text, wlines = read_data_lines(wpath, problems, dict, "the guide's words")
        if data is not None:
            words[lang] = _Words(lang, wpath, data, text, wlines, render_md, problems)
    if len(words) != len(LANGUAGES):
        return None
    before = len(problems.items)

    for w in words.values():
        if not SLUG.match(_text(w.get("slug"))):
            problems.add(w.path, w.lines.of("slug"), "'slug' must be lower-case letters, digits and hyphens")
        for section in ("questions", "outcomes"):
            extra = set(w.get(section) or {}) - set(logic[section])
            for node in sorted(extra):
                problems.add(w.path, w.lines.of(section, node),
                             f"{section[:-1]} '{node}' is not in the logic file")

    questions = {}
    for qid, question in logic["questions"].items():
        answers = []
        for aid, target in question["answers"].items():
            where = f"question '{qid}', answer '{aid}'"
            keys = ("questions", qid, "answers", str(aid))
            slugs = {lang: w.need(*keys, "slug", where=f"{where} slug") for lang, w in words.items()}
            for lang, slug in slugs.items():
                if slug and not SLUG.match(slug):
                    problems.add(words[lang].path, words[lang].lines.of(*keys, "slug"),
                                 f"{where}: slug '{slug}' must be lower-case letters, digits and hyphens")
                elif slug == CHANGE_SEGMENT[lang]:
                    problems.add(words[lang].path, words[lang].lines.of(*keys, "slug"),
                                 f"{where}: slug '{slug}' marks a 'Change' step: choose another")
            answers.append(Answer(
                id=str(aid), target=str(target),
                label=frozen_map({lang: w.need(*keys, "label", where=f"{where} label")
                                  for lang, w in words.items()}),
                slug=frozen_map(slugs),
                hint=frozen_map({lang: _text(w.get(*keys, "hint")) for lang, w in words.items()}),
            ))
        for lang, w in words.items():
            slugs = [a.slug[lang] for a in answers]
            for dup in sorted({s for s in slugs if slugs.count(s) > 1}):
                problems.add(w.path, w.lines.of("questions", qid),
                             f"question '{qid}': answer slug '{dup}' is used twice")
        questions[qid] = Question(
            id=qid,
            text=frozen_map({lang: w.need("questions", qid, "text", where=f"question '{qid}'")
                             for lang, w in words.items()}),
            hint_html=frozen_map({lang: w.md("questions", qid, "hint", where=f"question '{qid}' hint",
                                             required=False) for lang, w in words.items()}),
            answers=tuple(answers),
        )

    outcomes = {}
    for oid in logic["outcomes"]:
        where = f"outcome '{oid}'"
        sources = {}
        letters = {}
        for lang, w in words.items():
            items = w.get("outcomes", oid, "sources")
            if not isinstance(items, list) or not items or not all(_text(s) for s in items):
                problems.add(w.path, w.lines.of("outcomes", oid, "sources"),
                             f"{where}: 'sources' must list its references")
                items = []
            sources[lang] = tuple(_text(s) for s in items)
            letters[lang] = _text(w.get("outcomes", oid, "letter")) or None
            if letters[lang] and letters[lang] not in letter_ids[lang]:
                problems.add(w.path, w.lines.of("outcomes", oid, "letter"),
                             f"{where}: no letter '{letters[lang]}' in {lang}/letters/")
        if len(set(letters.values())) > 1:
            problems.add(words["cy"].path, words["cy"].lines.of("outcomes", oid, "letter"),
                         f"{where}: the Welsh and English words must name the same letter")

        def md(field: str, required: bool = True, oid: str = oid, where: str = where) -> Mapping[str, str]:
            return frozen_map({lang: w.md("outcomes", oid, field, where=f"{where} {field}", required=required)
                               for lang, w in words.items()})

        outcomes[oid] = Outcome(
            id=oid,
            title=frozen_map({lang: w.need("outcomes", oid, "title", where=f"{where} title")
                              for lang, w in words.items()}),
            answer=frozen_map({lang: _text(w.get("outcomes", oid, "answer")) for lang, w in words.items()}),
            body_html=md("body"), next_html=md("next"), contact_html=md("contact"),
            time_limits_html=md("time_limits", required=False),
            letter=letters["en"], sources=frozen_map(sources),
        )
    intro = {lang: w.md("intro", where="intro", required=False) for lang, w in words.items()}
    title = {lang: w.need("title", where="title") for lang, w in words.items()}
    summary = {lang: w.need("summary", where="summary") for lang, w in words.items()}
    search_words = {lang: _search_words(w) for lang, w in words.items()}
    if len(problems.items) != before:
        return None
    return Pathway(
        id=pid, order=int(logic.get("order", order)), audience=logic.get("audience", "parents"),
        title=frozen_map(title), slug=frozen_map({lang: _text(w.get("slug")) for lang, w in words.items()}),
        summary=frozen_map(summary), intro_html=frozen_map(intro),
        start=logic["start"], questions=frozen_map(questions), outcomes=frozen_map(outcomes), paths=paths,
        search_words=frozen_map(search_words),
    )


def logic_files(content: Path, problems: Problems) -> list[Path]:
    """The guides' logic files. An unreadable folder is a problem, not zero guides."""
    folder = content / "pathways"
    if not folder.exists():
        return []
    try:
        with os.scandir(folder) as entries:
            return sorted(Path(e.path) for e in entries if e.name.endswith(".yaml") and e.is_file())
    except OSError as error:
        problems.add(folder, None, f"the question guides cannot be read: {error.strerror}", cause=True)
        return []


def load_pathways(content: Path, resolvers: Mapping[str, LinkResolver],
                  abbreviations: Mapping[str, Mapping[str, str]], letter_ids: Mapping[str, set[str]],
                  problems: Problems) -> tuple[Pathway, ...]:
    """All pathways, with links in their Markdown resolved against the pages' URLs."""

    def render_md(text: str, path: Path, line: int | None, where: str) -> str:
        lang = path.parent.parent.name
        for offset in raw_html_lines(text):
            problems.add(path, line + offset - 1 if line else None,
                         f"{where}: raw HTML is not allowed: use Markdown")
        rendered = render(text, resolvers[lang], abbreviations[lang])
        for href in dict.fromkeys(rendered.bad_links):
            problems.add(path, line, f"{where}: link to a page that does not exist: {href}")
        return rendered.html

    pathways = []
    for order, logic_path in enumerate(logic_files(content, problems)):
        now_reading(logic_path)
        pathway = load_pathway(logic_path, content, render_md, letter_ids, problems, order)
        if pathway:
            pathways.append(pathway)
    for lang in LANGUAGES:
        seen: dict[str, str] = {}
        for pathway in pathways:
            if pathway.slug[lang] in seen:
                problems.add(content / lang / "pathways" / f"{pathway.id}.yaml", None,
                             f"slug '{pathway.slug[lang]}' is also used by {seen[pathway.slug[lang]]}")
            seen[pathway.slug[lang]] = pathway.id
    return tuple(sorted(pathways, key=lambda p: (p.order, p.id)))
