"""Guided pathways: logic written once (content/pathways/), words per language.

A reader's answers live in the URL, one path segment an answer, so every step has its own
address, works without JavaScript or a server, and can be sent by an adviser.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from alnguide.languages import pathways_path


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
    letter: str | None  # a letter's id (content/<lang>/letters/<id>.md), the same in both languages
    sources: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Pathway:
    id: str
    order: int
    audience: str  # who answers: "parents" (about "your child") or "young-people" (about "you")
    title: Mapping[str, str]
    slug: Mapping[str, str]
    summary: Mapping[str, str]
    intro_html: Mapping[str, str]
    start: str
    questions: Mapping[str, Question]
    outcomes: Mapping[str, Outcome]
    paths: int  # how many ways through: one page per path per language in the export
    # Words a family searches with for this guide's subject ("tribunal", "cwyn"): search lists the
    # guide first for them (content/<lang>/pathways/<id>.yaml, `search_words`).
    search_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

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
