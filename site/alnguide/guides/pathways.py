"""Guided pathways: logic written once (content/pathways/), words per language, checked as a graph.

A reader's answers live in the URL, one path segment an answer, so every step has its own
address, works without JavaScript or a server, and can be sent by an adviser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alnguide.content.errors import Problems
from alnguide.content.model import frozen_map
from alnguide.content.rendering import render
from alnguide.content.yamlfile import read_yaml
from alnguide.languages import LANGUAGES, pathways_path

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MarkdownRenderer = Callable[[str, Path, str], str]  # (markdown, file, where) -> html


@dataclass(frozen=True)
class Answer:
    id: str
    target: str
    label: Mapping[str, str]
    slug: Mapping[str, str]
    hint: Mapping[str, str]


@dataclass(frozen=True)
class Question:
    id: str
    text: Mapping[str, str]
    hint_html: Mapping[str, str]
    answers: tuple[Answer, ...]

    def answer_by_slug(self, lang: str, slug: str) -> Answer | None:
        return next((a for a in self.answers if a.slug[lang] == slug), None)


@dataclass(frozen=True)
class Outcome:
    id: str
    title: Mapping[str, str]
    answer: Mapping[str, str]
    body_html: Mapping[str, str]
    next_html: Mapping[str, str]
    contact_html: Mapping[str, str]
    time_limits_html: Mapping[str, str]
    letter: Mapping[str, str]
    sources: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Pathway:
    id: str
    order: int
    title: Mapping[str, str]
    slug: Mapping[str, str]
    summary: Mapping[str, str]
    intro_html: Mapping[str, str]
    start: str
    questions: Mapping[str, Question]
    outcomes: Mapping[str, Outcome]

    def url(self, lang: str, answers: tuple[Answer, ...] = ()) -> str:
        return pathways_path(lang) + "".join(f"{part}/" for part in
                                             (self.slug[lang], *(a.slug[lang] for a in answers)))


@dataclass(frozen=True)
class Step:
    """Where a list of answers leads: a question still to answer, or an outcome."""

    pathway: Pathway
    taken: tuple[tuple[Question, Answer], ...]
    question: Question | None
    outcome: Outcome | None

    @property
    def answers(self) -> tuple[Answer, ...]:
        return tuple(a for _, a in self.taken)


def walk(pathway: Pathway, lang: str, slugs: list[str]) -> Step | None:
    """Follow answer slugs from the start; None if they do not make a path of this pathway."""
    node, taken = pathway.start, []
    for slug in slugs:
        question = pathway.questions.get(node)
        if question is None:
            return None
        answer = question.answer_by_slug(lang, slug)
        if answer is None:
            return None
        taken.append((question, answer))
        node = answer.target
    return Step(pathway, tuple(taken), pathway.questions.get(node), pathway.outcomes.get(node))


def all_steps(pathway: Pathway) -> Iterator[Step]:
    """Every step a reader can reach, for the freezer and the tests."""
    def visit(node: str, taken: tuple) -> Iterator[Step]:
        question = pathway.questions.get(node)
        yield Step(pathway, taken, question, pathway.outcomes.get(node))
        if question:
            for answer in question.answers:
                yield from visit(answer.target, (*taken, (question, answer)))
    yield from visit(pathway.start, ())


def _graph_problems(logic: dict, path: Path, problems: Problems) -> bool:
    """Dead ends, unknown targets, unreachable nodes and loops, each named."""
    questions, outcomes = logic.get("questions"), logic.get("outcomes")
    if not isinstance(questions, dict) or not questions:
        problems.add(path, None, "'questions' must map question ids to their answers")
        return False
    if not isinstance(outcomes, list) or not outcomes:
        problems.add(path, None, "'outcomes' must list the outcome ids")
        return False
    nodes = set(questions) | set(outcomes)
    ok = True
    if logic.get("start") not in questions:
        problems.add(path, None, f"start '{logic.get('start')}' is not a question")
        return False
    for qid, question in questions.items():
        answers = (question or {}).get("answers") if isinstance(question, dict) else None
        if not isinstance(answers, dict) or not answers:
            problems.add(path, None, f"question '{qid}' is a dead end: it has no answers")
            ok = False
            continue
        for aid, target in answers.items():
            if target not in nodes:
                problems.add(path, None, f"question '{qid}', answer '{aid}': unknown target '{target}'")
                ok = False
    if not ok:
        return False
    # Depth-first search from the start: grey nodes are on the current path (a loop back to one
    # is a cycle), black ones are done.
    colour: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        nonlocal ok
        colour[node] = "grey"
        for target in (questions.get(node) or {}).get("answers", {}).values() if node in questions else ():
            if colour.get(target) == "grey":
                problems.add(path, None, f"loop: {' -> '.join([*trail, node, target])}")
                ok = False
            elif target not in colour:
                visit(target, [*trail, node])
        colour[node] = "black"

    visit(logic["start"], [])
    for node in sorted(nodes - set(colour)):
        problems.add(path, None, f"'{node}' cannot be reached from the start")
        ok = False
    return ok


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def load_pathway(logic_path: Path, content: Path, render_md: MarkdownRenderer,
                 problems: Problems, order: int) -> Pathway | None:
    pid = logic_path.stem
    logic = read_yaml(logic_path, problems)
    if not isinstance(logic, dict):
        if logic is not None:
            problems.add(logic_path, None, "expected a mapping with start, questions and outcomes")
        return None
    if not _graph_problems(logic, logic_path, problems):
        return None
    words: dict[str, dict] = {}
    for lang in LANGUAGES:
        wpath = content / lang / "pathways" / f"{pid}.yaml"
        if not wpath.exists():
            problems.add(logic_path, None, f"no words in {lang}: add {lang}/pathways/{pid}.yaml")
            continue
        data = read_yaml(wpath, problems)
        if isinstance(data, dict):
            words[lang] = data
        elif data is not None:
            problems.add(wpath, None, "expected a mapping of the pathway's words")
    if len(words) != len(LANGUAGES):
        return None
    wpaths = {lang: content / lang / "pathways" / f"{pid}.yaml" for lang in LANGUAGES}
    before = len(problems.items)

    def need(lang: str, value: Any, where: str) -> str:
        text = _text(value)
        if not text:
            problems.add(wpaths[lang], None, f"{where}: missing words")
        return text

    def md(lang: str, value: Any, where: str, required: bool = True) -> str:
        text = need(lang, value, where) if required else _text(value)
        return render_md(text, wpaths[lang], where) if text else ""

    for lang in LANGUAGES:
        slug = _text(words[lang].get("slug"))
        if not SLUG.match(slug):
            problems.add(wpaths[lang], None, "'slug' must be lower-case letters, digits and hyphens")
        for section in ("questions", "outcomes"):
            known = set(logic[section])
            extra = set(words[lang].get(section) or {}) - known
            for node in sorted(extra):
                problems.add(wpaths[lang], None, f"{section[:-1]} '{node}' is not in the logic file")

    questions = {}
    for qid, question in logic["questions"].items():
        qwords = {lang: (words[lang].get("questions") or {}).get(qid) or {} for lang in LANGUAGES}
        answers = []
        for aid, target in question["answers"].items():
            aw = {lang: (qwords[lang].get("answers") or {}).get(aid) or {} for lang in LANGUAGES}
            where = f"question '{qid}', answer '{aid}'"
            slugs = {lang: need(lang, aw[lang].get("slug"), f"{where} slug") for lang in LANGUAGES}
            for lang, slug in slugs.items():
                if slug and not SLUG.match(slug):
                    problems.add(wpaths[lang], None, f"{where}: slug '{slug}' must be lower-case "
                                 "letters, digits and hyphens")
            answers.append(Answer(
                id=str(aid), target=str(target),
                label=frozen_map({lang: need(lang, aw[lang].get("label"), f"{where} label")
                                  for lang in LANGUAGES}),
                slug=frozen_map(slugs),
                hint=frozen_map({lang: _text(aw[lang].get("hint")) for lang in LANGUAGES}),
            ))
        for lang in LANGUAGES:
            slugs = [a.slug[lang] for a in answers]
            for dup in sorted({s for s in slugs if slugs.count(s) > 1}):
                problems.add(wpaths[lang], None, f"question '{qid}': answer slug '{dup}' is used twice")
        questions[qid] = Question(
            id=qid,
            text=frozen_map({lang: need(lang, qwords[lang].get("text"), f"question '{qid}'")
                             for lang in LANGUAGES}),
            hint_html=frozen_map({lang: md(lang, qwords[lang].get("hint"), f"question '{qid}' hint",
                                           required=False) for lang in LANGUAGES}),
            answers=tuple(answers),
        )

    outcomes = {}
    for oid in logic["outcomes"]:
        ow = {lang: (words[lang].get("outcomes") or {}).get(oid) or {} for lang in LANGUAGES}
        where = f"outcome '{oid}'"
        sources = {}
        for lang in LANGUAGES:
            items = ow[lang].get("sources")
            if not isinstance(items, list) or not items or not all(_text(s) for s in items):
                problems.add(wpaths[lang], None, f"{where}: 'sources' must list its references")
                items = []
            sources[lang] = tuple(_text(s) for s in items)
        outcomes[oid] = Outcome(
            id=oid,
            title=frozen_map({lang: need(lang, ow[lang].get("title"), f"{where} title")
                              for lang in LANGUAGES}),
            answer=frozen_map({lang: _text(ow[lang].get("answer")) for lang in LANGUAGES}),
            body_html=frozen_map({lang: md(lang, ow[lang].get("body"), f"{where} body")
                                  for lang in LANGUAGES}),
            next_html=frozen_map({lang: md(lang, ow[lang].get("next"), f"{where} next")
                                  for lang in LANGUAGES}),
            contact_html=frozen_map({lang: md(lang, ow[lang].get("contact"), f"{where} contact")
                                     for lang in LANGUAGES}),
            time_limits_html=frozen_map({lang: md(lang, ow[lang].get("time_limits"),
                                                  f"{where} time_limits", required=False)
                                         for lang in LANGUAGES}),
            letter=frozen_map({lang: _text(ow[lang].get("letter")) for lang in LANGUAGES}),
            sources=frozen_map(sources),
        )
    if len(problems.items) != before:
        return None
    return Pathway(
        id=pid, order=int(logic.get("order", order)),
        title=frozen_map({lang: need(lang, words[lang].get("title"), "title") for lang in LANGUAGES}),
        slug=frozen_map({lang: _text(words[lang].get("slug")) for lang in LANGUAGES}),
        summary=frozen_map({lang: need(lang, words[lang].get("summary"), "summary")
                            for lang in LANGUAGES}),
        intro_html=frozen_map({lang: md(lang, words[lang].get("intro"), "intro", required=False)
                               for lang in LANGUAGES}),
        start=logic["start"], questions=frozen_map(questions), outcomes=frozen_map(outcomes),
    )


def load_pathways(content: Path, page_urls: Mapping[str, Mapping[str, str]],
                  abbreviations: Mapping[str, Mapping[str, str]],
                  problems: Problems) -> tuple[Pathway, ...]:
    """All pathways, with links in their Markdown resolved against the pages' URLs."""

    def render_md(text: str, path: Path, where: str) -> str:
        lang = path.parent.parent.name

        def resolve(href: str) -> str | None:
            target, _, anchor = href.partition("#")
            url = page_urls[lang].get(target[:-3]) if target.endswith(".md") else None
            return (f"{url}#{anchor}" if anchor else url) if url else None

        rendered = render(text, resolve, abbreviations[lang])
        for href in rendered.bad_links:
            problems.add(path, None, f"{where}: link to a page that does not exist: {href}")
        return rendered.html

    pathways = []
    for order, logic_path in enumerate(sorted((content / "pathways").glob("*.yaml"))):
        pathway = load_pathway(logic_path, content, render_md, problems, order)
        if pathway:
            pathways.append(pathway)
    for lang in LANGUAGES:
        seen: dict[str, str] = {}
        for pathway in pathways:
            if pathway.slug[lang] in seen:
                problems.add(content / lang / "pathways" / f"{pathway.id}.yaml", None,
                             f"slug '{pathway.slug[lang]}' is also used by {seen[pathway.slug[lang]]}")
            seen[pathway.slug[lang]] = pathway.id
    return tuple(sorted(pathways, key=lambda p: p.order))
