"""What a parent on a small phone meets first (issue 28, section 1), in real Chromium at 320x640
and 390x844, in both languages, on the Flask site and in the export under a sub-path: a header
of one row, each guide's first answer inside the first screen, both landing choices, a search
square that opens its box without JavaScript, and "Change" that marks the earlier answer and
keeps the later ones."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from alnguide.content.model import Site
from alnguide.guides.pathways import CHANGE_SEGMENT
from alnguide.languages import LANGUAGES, SEARCH_SEGMENT
from browser_support import MEANING

pytestmark = pytest.mark.usefixtures("only_local_requests")
PHONES = [(320, 640), (390, 844)]
HEADER_MAX = 72  # CSS px: one row of 44 px targets, its padding and the bottom border
WHERE = ["server_url", "export_url"]
PROGRESS = {"en": "Question 1 of up to 5", "cy": "Cwestiwn 1 o hyd at 5"}
YOUR_ANSWER = {"en": "Your answer", "cy": "Eich ateb"}

# Where the header's three parts sit: one row means their middles are level.
ROW_JS = """() => {
  const middle = e => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; };
  const parts = [".site-name", ".lang-link", "#site-search-q"].map(s => document.querySelector(s));
  if (parts.some(p => !p)) return null;
  const middles = parts.map(middle);
  return {header: document.querySelector(".site-header").getBoundingClientRect().height,
          spread: Math.max(...middles) - Math.min(...middles),
          right: Math.max(...parts.map(p => p.getBoundingClientRect().right))};
}"""


def base(request: pytest.FixtureRequest, where: str) -> str:
    return request.getfixturevalue(where)


def open_page(page: Page, url: str, where: str) -> None:
    """The served site's addresses end in '/'; the export's files are index.html files."""
    response = page.goto(url + ("index.html" if where == "export_url" and url.endswith("/") else ""))
    assert response is not None and response.status == 200, url


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize(("width", "height"), PHONES)
def test_header_is_one_row_and_every_guides_first_answer_is_in_the_first_screen(
        page: Page, site: Site, request: pytest.FixtureRequest, where: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    root = base(request, where)
    problems: list[str] = []
    for lang in LANGUAGES:
        for pathway in site.pathways:
            open_page(page, root + pathway.url(lang).lstrip("/"), where)
            row = page.evaluate(ROW_JS)
            assert row, f"{pathway.url(lang)}: the header lacks its name, language or search box"
            if row["header"] > HEADER_MAX or row["spread"] > 4 or row["right"] > width:
                problems.append(f"{lang} {pathway.id}: header {row}")
            question = page.locator("#question").bounding_box()
            answer = page.locator("a.answer").first.bounding_box()
            assert question and answer
            if answer["y"] + answer["height"] > height or question["y"] < row["header"]:
                problems.append(f"{lang} {pathway.id} at {width}x{height}: first answer "
                                f"{answer['y']:.0f}-{answer['y'] + answer['height']:.0f} px")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize(("width", "height"), PHONES)
def test_the_landing_page_shows_both_choices_in_the_first_screen(
        page: Page, request: pytest.FixtureRequest, where: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, base(request, where), where)
    buttons = page.locator(".landing a.button")
    assert buttons.count() == 2
    for index, words in enumerate(("Parhau yn Gymraeg", "Continue in English")):
        box = buttons.nth(index).bounding_box()
        assert buttons.nth(index).inner_text().strip() == words
        assert box and box["y"] + box["height"] <= height, (words, box)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_square_opens_its_box_without_javascript(nojs_page: Page, export_url: str,
                                                           site: Site, lang: str) -> None:
    page = nojs_page
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, export_url + site.pages[lang]["about"].url.lstrip("/"), "export_url")
    box, button = page.locator("#site-search-q"), page.locator(".search-form button")
    closed = box.bounding_box()
    assert closed and 44 <= closed["width"] <= 48 and closed["height"] >= 44, closed
    assert button.is_hidden()
    icon = box.evaluate("e => getComputedStyle(e).backgroundImage")
    assert icon.startswith('url("data:image/svg+xml'), icon  # the magnifier says what the square is
    box.click()  # a tap opens the box to the row's width, with its button
    opened = box.bounding_box()
    assert opened and opened["width"] > 150 and button.is_visible(), opened
    box.type("cynllun")
    page.locator(".site-name").focus()  # the words keep it open when focus leaves
    assert button.is_visible()
    with page.expect_navigation():
        button.click()
    assert page.url.split("?")[0].endswith(f"/{SEARCH_SEGMENT[lang]}/index.html"), page.url
    assert "cynllun" not in page.url  # the export's box sends no words without JavaScript


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_change_marks_the_earlier_answer_and_keeps_the_later_ones(
        nojs_page: Page, site: Site, request: pytest.FixtureRequest, where: str, lang: str) -> None:
    """Transport's longest way through (council-agreed special school at the local school, no
    mobility problems, Year 11, close to home); change the school to the nearest one."""
    page = nojs_page
    page.set_viewport_size({"width": 320, "height": 640})
    transport = next(p for p in site.pathways if p.id == "transport")
    node, answers = transport.start, []
    for answer_id in ("specialist", "yes", "no", "child", "closer"):
        answer = next(a for a in transport.questions[node].answers if a.id == answer_id)
        answers.append(answer)
        node = answer.target
    open_page(page, base(request, where) + transport.url(lang, tuple(answers)).lstrip("/"), where)
    with page.expect_navigation():
        page.locator(".summary-change a").first.click()
    assert f"/{CHANGE_SEGMENT[lang]}/" in page.url
    assert page.locator(".progress").inner_text().strip() == PROGRESS[lang]
    marked = page.locator("a.answer[aria-current=true]")
    assert marked.count() == 1
    assert marked.inner_text().startswith(YOUR_ANSWER[lang])
    assert answers[0].label[lang] in marked.inner_text()
    nearest = transport.questions["school"].answers[0]
    with page.expect_navigation():
        page.locator("a.answer", has_text=nearest.label[lang]).click()
    # Mobility, age and distance are still asked: their answers are kept, so the outcome is next.
    assert page.locator("h2", has_text=MEANING[lang]).count() == 1, page.url
    rows = page.locator(".summary-row dd:not(.summary-change)").all_inner_texts()
    assert rows == [nearest.label[lang], *(a.label[lang] for a in answers[2:])], rows
