"""Real headless Chromium against the static export, served under a sub-path as a council would
host it: accessibility (axe-core), phones and text zoom, pathways without JavaScript, keyboard
use, no third-party requests, and screenshots for people to look at.

The browser is Debian's /usr/bin/chromium driven by Playwright; no browser is ever downloaded.
If it is missing these tests fail rather than skip, because CI installs it (tests/run.sh).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from alnguide.content.model import Site
from alnguide.guides.pathways import Step, all_steps
from alnguide.languages import LANGUAGES, PATHWAYS_SEGMENT, other
from browser_support import (
    FOCUS_STYLE_JS,
    MEANING,
    MISSING_PATH,
    YOUR_ANSWERS,
    RequestLog,
    axe_paths,
    axe_violations,
    focus_indicator_missing,
    search_path,
    segments,
    sideways_scroll,
    site_path,
    small_targets,
    stylesheet_loaded,
    walk_by_clicking,
    wrong_interface_language,
)

pytestmark = pytest.mark.usefixtures("only_local_requests")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
PHONES = [(320, 640), (390, 844)]
CONTENT_SAMPLE = ("transport", "adviser-quick-reference", "glossary")  # two with tables, one long


def visit(page: Page, export_url: str, path: str, status: int = 200) -> None:
    """Load a site path in the served export and insist on the status a reader would get."""
    response = page.goto(export_url + path.lstrip("/"))
    assert response is not None and response.status == status, (path, response and response.status)


# The model's sample of pages for phones, zoom and screenshots.

def first_inner_question(site: Site) -> Step:
    """A question that is not the first, so it has a back link, a caption and an answered path."""
    return next(s for p in site.pathways for s in all_steps(p) if s.question and s.taken)


def outcome_with_letter(site: Site) -> Step:
    """An outcome with a ready letter: the longest kind of step, with preformatted text."""
    return next(s for p in site.pathways for s in all_steps(p) if s.outcome and s.outcome.letter)


def sample_paths(site: Site, lang: str) -> list[str]:
    """Landing, home, three content pages, a question, an outcome and the 404 page."""
    question, outcome = first_inner_question(site), outcome_with_letter(site)
    return ["/", site.home(lang).url, *(site.pages[lang][key].url for key in CONTENT_SAMPLE),
            question.pathway.url(lang, question.answers), outcome.pathway.url(lang, outcome.answers),
            MISSING_PATH]


# 1. Accessibility

def check_pages(page: Page, export_url: str, paths: list[tuple[str, int]], width: int) -> list[str]:
    """axe-core, the stylesheet, the interface language and sideways scrolling, page by page."""
    page.set_viewport_size({"width": width, "height": 900})
    violations: list[str] = []
    for path, status in paths:
        visit(page, export_url, path, status)
        if "?" in path:  # the search page: let its script fetch the index and show results
            page.wait_for_load_state("networkidle")
        if not stylesheet_loaded(page):
            violations.append(f"{page.url}: the stylesheet did not load")
        if wrong := wrong_interface_language(page):
            violations.append(wrong)
        scroll, inner = sideways_scroll(page)
        if scroll > inner:
            violations.append(f"{page.url}: scrolls sideways at {width}px ({scroll}px wide)")
        violations += axe_violations(page)
    return violations


def test_axe_finds_no_violations_on_any_page_at_320px(page: Page, export_url: str, export_dir: Path,
                                                     site: Site) -> None:
    """Every page, both languages, every question step, every outcome and the 404 page, on the
    narrowest phone, where tables stack and nothing may scroll sideways."""
    paths = axe_paths(site, export_dir)
    violations = check_pages(page, export_url, paths, 320)
    print(f"axe-core checked {len(paths)} pages at 320px")
    assert not violations, f"{len(violations)} problem(s):\n" + "\n".join(violations)


def test_axe_finds_no_violations_on_a_wide_screen(page: Page, export_url: str, site: Site) -> None:
    paths = [(p, 404 if p == MISSING_PATH else 200) for lang in LANGUAGES for p in sample_paths(site, lang)]
    violations = check_pages(page, export_url, paths, 1280)
    assert not violations, f"{len(violations)} problem(s):\n" + "\n".join(violations)


def test_axe_check_can_fail(page: Page, export_url: str) -> None:
    """The check above must not pass vacuously: a page with a known fault is caught."""
    visit(page, export_url, "/")
    page.evaluate("document.documentElement.removeAttribute('lang');"
                  "document.querySelector('a.button').textContent = ''")
    found = axe_violations(page)
    assert any("html-has-lang" in v for v in found) and any("link-name" in v for v in found), found


# 2. Phones and text zoom

@pytest.mark.parametrize("width,height", PHONES)
def test_phones_never_scroll_sideways_and_targets_are_large(page: Page, export_url: str, site: Site,
                                                            width: int, height: int) -> None:
    """Readable at 320px without sideways scrolling, and big enough for a thumb."""
    page.set_viewport_size({"width": width, "height": height})
    problems: list[str] = []
    targets = 0
    for lang in LANGUAGES:
        for path in sample_paths(site, lang):
            visit(page, export_url, path, 404 if path == MISSING_PATH else 200)
            scroll, inner = sideways_scroll(page)
            if scroll > inner:
                problems.append(f"{path} at {width}px: {scroll}px wide")
            found, small = small_targets(page)
            targets += found
            problems += small
    assert targets > 0, "no answer, back or change links found: the sample is wrong"
    assert not problems, "\n".join(problems)


def test_tap_targets_on_every_step_kind(page: Page, export_url: str, site: Site) -> None:
    """Answers and back links on a question, back and change links on an outcome: 44px high."""
    page.set_viewport_size({"width": 320, "height": 640})
    question, outcome = first_inner_question(site), outcome_with_letter(site)
    for step, selectors in ((question, (".answer", ".back-link")),
                            (outcome, (".back-link", ".summary-change a"))):
        for lang in LANGUAGES:
            visit(page, export_url, step.pathway.url(lang, step.answers))
            for selector in selectors:
                found, small = small_targets(page, selector)
                assert found, f"no {selector} on {page.url}"
                assert not small, small


def test_text_zoomed_to_200_percent_fits(page: Page, export_url: str, site: Site) -> None:
    """WCAG resize text: a 1280px window zoomed 200% is about 640 CSS px wide."""
    page.set_viewport_size({"width": 640, "height": 800})
    problems: list[str] = []
    for lang in LANGUAGES:
        for path in sample_paths(site, lang):
            visit(page, export_url, path, 404 if path == MISSING_PATH else 200)
            before = page.eval_on_selector("main h1", "h => parseFloat(getComputedStyle(h).fontSize)")
            page.evaluate("document.documentElement.style.fontSize = '200%'")
            after = page.eval_on_selector("main h1", "h => parseFloat(getComputedStyle(h).fontSize)")
            assert after >= 1.9 * before, f"{path}: text did not grow ({before}px to {after}px)"
            scroll, inner = sideways_scroll(page)
            if scroll > inner:
                problems.append(f"{path} zoomed: {scroll}px wide in a {inner}px window")
            box = page.locator("main h1").bounding_box()
            if not box or box["width"] <= 0 or box["x"] < 0 or box["x"] + box["width"] > inner + 1:
                problems.append(f"{path} zoomed: main heading off screen {box}")
    assert not problems, "\n".join(problems)


# 3. Without JavaScript

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_pathway_reaches_an_outcome_without_javascript(nojs_page: Page, export_url: str,
                                                             site: Site, lang: str) -> None:
    """Each answer is a link: first answers and last answers both end on an outcome."""
    page = nojs_page
    assert site.pathways, "no pathways to walk"
    for pathway in site.pathways:
        for choose in (0, -1):
            visit(page, export_url, pathway.url(lang))
            start = segments(page.url)
            reached = list(walk_by_clicking(page, choose))
            assert reached, f"{pathway.id}: the start page has no answers"
            for number, url in enumerate(reached, 1):
                assert segments(url) == start + number, f"{pathway.id}: {url} is not one answer on"
            assert page.locator("h2", has_text=MEANING[lang]).count() == 1, (pathway.id, page.url)
            assert page.locator(".summary-row").count() == len(reached), page.url


def _switch_language(page: Page, export_url: str, path: str, expected: str, lang: str) -> None:
    """Click the language link and land on the counterpart page, in the other language."""
    visit(page, export_url, path)
    assert page.get_attribute("html", "lang") == lang
    with page.expect_navigation():
        page.locator("a.lang-link").click()
    assert page.get_attribute("html", "lang") == other(lang), page.url
    assert site_path(page.url, export_url) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_link_keeps_the_place_without_javascript(nojs_page: Page, export_url: str,
                                                          site: Site, lang: str) -> None:
    """A family switching language keeps its place: the same page, step and answers."""
    page = nojs_page
    content = site.pages[lang]["transport"]
    _switch_language(page, export_url, content.url, site.counterpart(content).url, lang)

    question = first_inner_question(site)
    _switch_language(page, export_url, question.pathway.url(lang, question.answers),
                     question.pathway.url(other(lang), question.answers), lang)
    assert page.locator("a.answer").count() == len(question.question.answers)

    outcome = outcome_with_letter(site)
    _switch_language(page, export_url, outcome.pathway.url(lang, outcome.answers),
                     outcome.pathway.url(other(lang), outcome.answers), lang)
    assert page.locator("h2", has_text=YOUR_ANSWERS[other(lang)]).count() == 1
    assert page.locator(".summary-row").count() == len(outcome.answers)


# 4. Keyboard only

def test_skip_link_is_first_and_moves_focus_to_main(page: Page, export_url: str, site: Site) -> None:
    """The first Tab shows the skip link, and Enter puts keyboard focus on the main content."""
    page.set_viewport_size({"width": 390, "height": 844})
    for lang in LANGUAGES:
        visit(page, export_url, site.pages[lang]["transport"].url)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        box = page.locator(".skip-link").bounding_box()
        assert box and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 0 and box["height"] > 0
        assert box["x"] + box["width"] <= 390, box
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"


def test_keyboard_reaches_every_answer_with_visible_focus(page: Page, export_url: str,
                                                          site: Site) -> None:
    """Every answer is reachable by Tab, shows where focus is, and Enter takes the answer."""
    page.set_viewport_size({"width": 390, "height": 844})
    step = first_inner_question(site)
    for lang in LANGUAGES:
        visit(page, export_url, step.pathway.url(lang, step.answers))
        answers = page.locator("a.answer")
        unfocused = [answers.nth(i).evaluate(FOCUS_STYLE_JS) for i in range(answers.count())]
        assert len(unfocused) == len(step.question.answers)
        reached: set[int] = set()
        for _ in range(60):
            page.keyboard.press("Tab")
            index = page.evaluate("[...document.querySelectorAll('a.answer')]"
                                  ".indexOf(document.activeElement)")
            if index >= 0:
                focused = answers.nth(index).evaluate(FOCUS_STYLE_JS)
                assert not focus_indicator_missing(unfocused[index], focused), (page.url, index, focused)
                reached.add(index)
                if len(reached) == len(unfocused):
                    break
        assert reached == set(range(len(unfocused))), f"Tab missed answers on {page.url}"
        before = segments(page.url)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert segments(page.url) == before + 1, page.url


# 6. Screenshots for people to look at (5, third-party requests, is checked after every test).

def test_screenshots_at_phone_size(page: Page, export_url: str, site: Site) -> None:
    """Pictures for people to judge the design (test-artifacts/ is not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 390, "height": 844})
    question, outcome = first_inner_question(site), outcome_with_letter(site)
    shots = {"landing": "/"}
    for lang in LANGUAGES:
        shots |= {f"{lang}-home": f"/{lang}/",
                  f"{lang}-content": site.pages[lang]["transport"].url,
                  f"{lang}-glossary": site.pages[lang]["glossary"].url,
                  f"{lang}-question": question.pathway.url(lang, question.answers),
                  f"{lang}-outcome": outcome.pathway.url(lang, outcome.answers)}
    for name, path in shots.items():
        visit(page, export_url, path)
        # the first screen is what a reader meets; long pages are also kept whole
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
        if name.endswith(("content", "outcome")):
            page.screenshot(path=str(SCREENSHOTS / f"{name}-whole.png"), full_page=True)
    for lang in LANGUAGES:  # results, drawn in place
        response = page.goto(export_url + search_path(lang).lstrip("/"))
        assert response is not None and response.status == 200
        page.wait_for_selector("#results-heading")
        page.screenshot(path=str(SCREENSHOTS / f"{lang}-search.png"))
    assert (SCREENSHOTS / "landing.png").stat().st_size > 0


# 5. No third-party requests, over the whole run

def test_no_third_party_requests(page: Page, export_url: str, site: Site,
                                 request_log: RequestLog) -> None:
    """The autouse check runs after every test; this one also sees the whole session's log and
    makes sure it is not empty, so the check cannot pass because nothing was recorded."""
    for lang in LANGUAGES:
        visit(page, export_url, f"/{lang}/{PATHWAYS_SEGMENT[lang]}/")
    assert any(u.startswith(export_url) for u in request_log.urls)
    assert any(u.endswith(".css") for u in request_log.urls), "the stylesheet was never requested"
    assert not request_log.off_site(), request_log.off_site()[:10]
