"""Family scenarios: a situation, the answers a person in it would choose (or the page they
would read), and what the guide must and must not tell them, in both languages.

A scenario module defines SCENARIOS and parametrizes `check_scenario` over them:

    SCENARIOS = [Scenario("told the school in writing, no answer after 35 school days",
                          pathway="raise-concern", answers=["maintained-school", "learning", "both"],
                          outcome="ask-decision",
                          must={"en": ["35 school days"], "cy": ["35 diwrnod ysgol"]},
                          must_not={"en": ["once the school starts"], "cy": []})]

Answers are answer ids from content/pathways/<id>.yaml (the same in both languages); the test
clicks through the served pages by each answer's label, as a reader would, so a broken link or a
changed label fails it. Text is compared with the page's visible words, case-insensitively, with
any run of spaces as one space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from alnguide.content.model import Site
from alnguide.languages import LANGUAGES


@dataclass(frozen=True)
class Scenario:
    situation: str
    must: dict[str, list[str]]
    must_not: dict[str, list[str]] = field(default_factory=dict)
    pathway: str | None = None  # a question guide's id, walked answer by answer ...
    answers: tuple[str, ...] | list[str] = ()
    outcome: str | None = None  # ... to this outcome
    page: str | None = None  # or a page, by its file name without .md ("disagreements")

    def __str__(self) -> str:
        return self.situation


class _Visible(HTMLParser):
    """The words of <main>, as a reader sees them, and its links (text -> href)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.parts, self.links, self._href, self._link_text = 0, [], {}, None, []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        if tag == "a" and self.depth:
            self._href, self._link_text = dict(attrs).get("href"), []
        if tag in ("p", "li", "h1", "h2", "h3", "dt", "dd", "br", "div", "td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        if tag == "a" and self._href is not None:
            self.links.setdefault(" ".join("".join(self._link_text).split()), self._href)
            self._href = None

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)
            if self._href is not None:
                self._link_text.append(data)


def visible(html: str) -> _Visible:
    parser = _Visible()
    parser.feed(html)
    return parser


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", unescape(text).replace("’", "'")).strip().casefold()


def reach(client, site: Site, scenario: Scenario, lang: str) -> tuple[str, str]:
    """(URL, visible text of <main>) where the scenario ends, walked as a reader would."""
    if scenario.page:
        url = site.pages[lang][scenario.page].url
        response = client.get(url)
        assert response.status_code == 200, url
        return url, " ".join(visible(response.get_data(as_text=True)).parts)
    pathway = site.guide(scenario.pathway)
    url, node = pathway.url(lang), pathway.start
    for answer_id in scenario.answers:
        question = pathway.questions.get(node)
        assert question is not None, f"{scenario}: '{node}' is an outcome, but answers remain"
        answer = next((a for a in question.answers if a.id == answer_id), None)
        assert answer is not None, f"{scenario}: question '{node}' has no answer '{answer_id}'"
        page = visible(client.get(url).get_data(as_text=True))
        label = " ".join(answer.label[lang].split())
        href = next((h for text, h in page.links.items() if text.startswith(label)), None)
        assert href is not None, f"{scenario}: no link '{label}' on {url}"
        url, node = href, answer.target
    response = client.get(url)
    assert response.status_code == 200, url
    if scenario.outcome:
        assert node == scenario.outcome, f"{scenario}: reached '{node}', not '{scenario.outcome}'"
    return url, " ".join(visible(response.get_data(as_text=True)).parts)


def check_scenario(client, site: Site, scenario: Scenario, lang: str) -> None:
    assert set(scenario.must) == set(LANGUAGES), f"{scenario}: say what it must say in both languages"
    url, text = reach(client, site, scenario, lang)
    seen = normal(text)
    missing = [m for m in scenario.must[lang] if normal(m) not in seen]
    wrong = [m for m in scenario.must_not.get(lang, []) if normal(m) in seen]
    assert not missing, f"{scenario} ({url}): the page does not say {missing}"
    assert not wrong, f"{scenario} ({url}): the page still says {wrong}"
