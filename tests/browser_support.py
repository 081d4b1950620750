"""Helpers for the real-browser tests: which addresses to visit (from the site model), axe-core
reports, and the small DOM measurements the tests assert on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Request

from alnguide.content.model import Site
from alnguide.guides.pathways import Pathway, Step, all_steps, change_steps
from alnguide.languages import LANGUAGES, PATHWAYS_SEGMENT, SEARCH_SEGMENT

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; tests/run.sh installs it, nothing is downloaded
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
    "--no-default-browser-check",
]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
LOCAL_HOST = "127.0.0.1"
MISSING_PATH = "/en/no/such/page/"  # any missing address gets the export's 404.html
MEANING = {"en": "What this means", "cy": "Beth mae hyn yn ei olygu"}
YOUR_ANSWERS = {"en": "Your answers", "cy": "Eich atebion"}
SKIP_LINK = {"en": "Skip to main content", "cy": "Neidio i'r prif gynnwys"}
SEARCH_QUERY = {"en": "IDP", "cy": "cynllun"}
TAP_TARGETS = ".answer, .back-link, .summary-change a"
MIN_TAP = 44  # CSS px: WCAG 2.5.5 target size, what a thumb needs on a phone

_axe = Axe()


@dataclass
class RequestLog:
    """Every request any page made, so a test can prove the export never leaves the machine."""

    urls: list[str] = field(default_factory=list)

    def record(self, request: Request) -> None:
        self.urls.append(request.url)

    def off_site(self, since: int = 0) -> list[str]:
        """Requests to any host but loopback (data:, blob: and file: URLs are not requests to a host)."""
        local = ("data", "blob", "about", "file")
        return [u for u in self.urls[since:]
                if urlsplit(u).scheme not in local and urlsplit(u).hostname != LOCAL_HOST]


def site_path(url: str, export_url: str) -> str:
    """A browser URL in the export as the site path the model uses: '/en/idps/'. The export's
    relative links end in index.html; the model's addresses end in a slash."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    assert path.startswith(export_url), (url, export_url)
    path = "/" + path[len(export_url):]
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def segments(url: str) -> int:
    """Path segments of a URL: each pathway answer adds exactly one."""
    return len([s for s in urlsplit(url).path.removesuffix("index.html").split("/") if s])


def sample_outcomes(pathway: Pathway) -> list[Step]:
    """One path to each outcome: every outcome's words are checked; the other paths to the same
    outcome differ only in the answers they replay, which share one template."""
    chosen: dict[str, Step] = {}
    for step in all_steps(pathway):
        if step.outcome:
            chosen.setdefault(step.outcome.id, step)
    return list(chosen.values())


def question_steps(pathway: Pathway) -> list[Step]:
    """Every question step: all are checked, since each renders different words."""
    return [s for s in all_steps(pathway) if s.question]


def outcome_paths(site: Site) -> set[str]:
    """Every outcome and "Change" step address in both languages, to tell the sampled ones from
    other pages (a change step is a question page with one answer marked: one a guide is enough)."""
    return ({p.url(lang, s.answers) for p in site.pathways for s in all_steps(p) if s.outcome
             for lang in LANGUAGES}
            | {s.url(lang) for p in site.pathways for s in change_steps(p) for lang in LANGUAGES})


def axe_paths(site: Site, export_dir: Path) -> list[tuple[str, int]]:
    """(site path, expected status) of every page to check with axe: all pages, both languages'
    pathway indexes, every question step, a sample of outcomes and the 404 page, plus any other
    HTML page in the export (a search page, say) so a new kind of page is never left out."""
    paths = ["/"]
    for lang in LANGUAGES:
        paths += [page.url for page in site.pages[lang].values()]
        paths.append(f"/{lang}/{PATHWAYS_SEGMENT[lang]}/")
        for pathway in site.pathways:
            paths += [pathway.url(lang, s.answers) for s in question_steps(pathway)]
            paths += [pathway.url(lang, s.answers) for s in sample_outcomes(pathway)]
            paths += [s.url(lang) for s in list(change_steps(pathway))[-1:]]
        if (export_dir / lang / SEARCH_SEGMENT[lang] / "index.html").exists():
            paths.append(search_path(lang))  # with results, which the page's script shows
    outcomes = outcome_paths(site)
    for file in sorted(export_dir.rglob("*.html")):
        rel = "/" + file.relative_to(export_dir).as_posix()
        path = rel.removesuffix("index.html")
        if rel != "/404.html" and path not in outcomes and path not in paths:
            paths.append(path)
    return [(p, 200) for p in dict.fromkeys(paths)] + [(MISSING_PATH, 404)]


def search_path(lang: str) -> str:
    """The search page with a query, so the results the script shows are checked too."""
    return f"/{lang}/{SEARCH_SEGMENT[lang]}/?q={SEARCH_QUERY[lang]}"


def wrong_interface_language(page: Page) -> str | None:
    """The interface words must be in the page's language (a stale Flask-Babel locale during
    the freeze once gave English pages Welsh menus); the skip link is on every page."""
    lang = page.get_attribute("html", "lang")
    skip = page.locator(".skip-link").text_content()
    if lang not in SKIP_LINK or (skip or "").strip() != SKIP_LINK[lang]:
        return f"{page.url}: html lang={lang!r} but the skip link says {skip!r}"
    return None


def axe_violations(page: Page) -> list[str]:
    """One line per failing element: rule, impact, target selector, and the page's URL."""
    results = _axe.run(page, options=AXE_OPTIONS)
    return [f"{page.url}: {v['id']} ({v['impact']}) {', '.join(map(str, node['target']))}"
            f" - {v['help']}"
            for v in results.response["violations"] for node in v["nodes"]]


def stylesheet_loaded(page: Page) -> bool:
    """The site's CSS arrived: without it axe would judge an unstyled page (the 404 page's links
    are rooted at the base path, so a wrong base shows here first)."""
    return page.evaluate("[...document.styleSheets].some(s => "
                         "/\\/main\\.[0-9a-f]{10}\\.css$/.test(s.href || '') && s.cssRules.length > 0)")


def sideways_scroll(page: Page) -> tuple[int, int]:
    """(scrollWidth, innerWidth): the page scrolls sideways when the first is the larger."""
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def small_targets(page: Page, selector: str = TAP_TARGETS) -> tuple[int, list[str]]:
    """How many tap targets match, and those shorter than MIN_TAP, described."""
    boxes = page.eval_on_selector_all(
        selector, "els => els.map(e => [e.className || e.parentElement.className,"
                  " e.textContent.trim().slice(0, 40), e.getBoundingClientRect().height])")
    return len(boxes), [f"{page.url}: .{c} {t!r} is {h:.1f}px high" for c, t, h in boxes if h < MIN_TAP]


FOCUS_STYLE_JS = """el => { const s = getComputedStyle(el);
  return {outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' '),
          outlineVisible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                          && !/rgba\\(.*, 0\\)$|transparent/.test(s.outlineColor),
          boxShadow: s.boxShadow, background: s.backgroundColor}; }"""


def focus_indicator_missing(before: dict, after: dict) -> bool:
    """True when focusing changed nothing a sighted keyboard user could see."""
    outline = after["outlineVisible"] and after["outline"] != before["outline"]
    shadow = after["boxShadow"] not in ("none", before["boxShadow"])
    background = after["background"] != before["background"]
    return not (outline or shadow or background)


def walk_by_clicking(page: Page, choose: int) -> Iterator[str]:
    """From a pathway's start page, click answer `choose` (0 first, -1 last) until an outcome;
    yields each URL reached. Works without JavaScript: answers are plain links."""
    for _ in range(50):  # far deeper than any pathway; a loop is a defect the caller sees
        answers = page.locator("a.answer")
        count = answers.count()
        if count == 0:
            return
        with page.expect_navigation():
            answers.nth(choose if choose >= 0 else count + choose).click()
        yield page.url
    raise AssertionError(f"no outcome after 50 answers from {page.url}")
