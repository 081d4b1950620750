"""Guided pathways: logic written once (content/pathways/), words per language.

A reader's answers live in the URL, one path segment an answer, so every step has its own
address, works without JavaScript or a server, and can be sent by an adviser.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from alnguide.languages import pathways_path

# The path segment that marks a "Change" step: /en/pathways/transport/change/nearest-school/yes/
# re-asks the first question with "nearest-school" marked and "yes" kept for later. No answer
# slug may be this word (the loader refuses it), so a path reads one way only.
CHANGE_SEGMENT = {"en": "change", "cy": "newid"}


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

    def change_url(self, lang: str, answers: tuple[Answer, ...], index: int) -> str:
        """The step that re-asks question `index` of these answers, with its answer marked and
        the answers after it carried in the path, so they are kept where they still apply."""
        return (self.url(lang, answers[:index]) + CHANGE_SEGMENT[lang] + "/"
                + "".join(f"{a.slug[lang]}/" for a in answers[index:]))

    @cached_property
    def questions_to_go(self) -> Mapping[str, tuple[int, int]]:
        """For each node, the fewest and the most questions from it to an outcome (itself
        included): how a reader is told "Question 2 of up to 4". The loader refuses cycles."""
        found: dict[str, tuple[int, int]] = {o: (0, 0) for o in self.outcomes}

        def count(node: str) -> tuple[int, int]:
            if node not in found:
                ahead = [count(a.target) for a in self.questions[node].answers]
                found[node] = (1 + min(a[0] for a in ahead), 1 + max(a[1] for a in ahead))
            return found[node]

        for node in self.questions:
            count(node)
        return found


@dataclass(frozen=True)
class Step:
    """Where a list of answers leads: a question still to answer, or an outcome."""

    pathway: Pathway
    taken: tuple[tuple[Question, Answer], ...]
    question: Question | None
    outcome: Outcome | None
    # A "Change" step only: the answer this question had (shown as chosen), and the answers
    # after it, which an answer's link keeps where their questions are still asked.
    chosen: Answer | None = None
    later: tuple[tuple[Question, Answer], ...] = ()

    @property
    def answers(self) -> tuple[Answer, ...]:
        return tuple(a for _, a in self.taken)

    def url(self, lang: str) -> str:
        """This step's own address (a "Change" step's carries the answers it keeps)."""
        if self.chosen is None:
            return self.pathway.url(lang, self.answers)
        every = (*self.answers, self.chosen, *(a for _, a in self.later))
        return self.pathway.change_url(lang, every, len(self.taken))

    def before_change(self, lang: str) -> str:
        """A "Change" step's way back: the outcome the reader's answers had reached."""
        every = (*self.answers, *((self.chosen,) if self.chosen else ()), *(a for _, a in self.later))
        return self.pathway.url(lang, every)

    def choose(self, lang: str, answer: Answer) -> str:
        """Where an answer leads: one step on; or, on a "Change" step, on through every later
        question still asked whose answer the reader gave before (to their outcome if all are)."""
        taken = (*self.answers, answer)
        kept = {question.id: given for question, given in self.later}
        node = answer.target
        while node in kept:
            taken = (*taken, kept[node])
            node = kept.pop(node).target
        return self.pathway.url(lang, taken)

    @property
    def progress(self) -> tuple[int, int, bool]:
        """(this question's number, the most there can be, whether that is exact)."""
        assert self.question is not None
        fewest, most = self.pathway.questions_to_go[self.question.id]
        done = len(self.taken)
        return done + 1, done + most, fewest == most


def walk(pathway: Pathway, lang: str, slugs: list[str]) -> Step | None:
    """Follow answer slugs from the start; None if they do not make a path of this pathway.
    A "Change" step (the change word before the answer to re-ask) needs the whole path to reach
    an outcome, since only an outcome's "Your answers" links to one."""
    if CHANGE_SEGMENT[lang] in slugs:
        at = slugs.index(CHANGE_SEGMENT[lang])
        whole = walk(pathway, lang, slugs[:at] + slugs[at + 1:])
        if whole is None or whole.outcome is None or at == len(whole.taken):
            return None
        question, chosen = whole.taken[at]
        return Step(pathway, whole.taken[:at], question, None, chosen, whole.taken[at + 1:])
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


def change_steps(pathway: Pathway) -> Iterator[Step]:
    """Every "Change" step: one for each answer on the way to each outcome (for the freezer).
    As many as the answers on all the ways through, so bounded as the ways through are."""
    for step in all_steps(pathway):
        if step.outcome:
            for index, (question, chosen) in enumerate(step.taken):
                yield Step(pathway, step.taken[:index], question, None, chosen, step.taken[index + 1:])
