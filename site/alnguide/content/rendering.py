"""Markdown to safe HTML: internal links resolved, glossary abbreviations marked, output sanitised.

Python-Markdown passes raw HTML and `javascript:` links straight through, so every page is
cleaned with nh3 after rendering, and raw HTML in the source is refused before it.
"""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as etree  # noqa: N813 (Markdown's own name for it)
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from alnguide.content import render_cache

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"*": {"id", "class", "title", "lang"}, "a": {"href", "hreflang"},
                      "td": {"data-label", "role"}, "th": {"role", "scope"},
                      "table": {"role"}, "thead": {"role"}, "tbody": {"role"}, "tr": {"role"}}
RAW_HTML = re.compile(r"<[A-Za-z!/?]")
CODE_SPAN = re.compile(r"`[^`]*`")
INLINE_TAG = re.compile(r"</?(?:a|abbr|strong|em|code|span)\b[^>]*>")
TAG = re.compile(r"<[^>]+>")
EXTERNAL = re.compile(r"^(https?:|mailto:|tel:)")

# (target written in the source) -> resolved absolute site path, or None if there is no such page
LinkResolver = Callable[[str], str | None]


@dataclass(frozen=True)
class Rendered:
    html: str
    headings: tuple[tuple[str, str], ...]  # (id, text) of each h2, for "on this page"
    text: str  # the words alone, for search and readability
    bad_links: tuple[str, ...]


class _LinkProcessor(Treeprocessor):
    """Rewrites `page.md#anchor` links to the page's URL; records the ones that go nowhere.
    The resolver and the list of bad links are the current render's (see _LinkExtension)."""

    def __init__(self, md: markdown.Markdown, links: _LinkExtension):
        super().__init__(md)
        self.links = links

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if not href or href.startswith("#") or EXTERNAL.match(href):
                continue
            target = self.links.resolve(href)
            if target is None:
                self.links.bad.append(href)
            else:
                link.set("href", target)


CONTACT = re.compile(r"(?P<email>(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?<!\.))"
                     r"|(?P<phone>(?<![\w+])0\d{2,4}(?: ?\d{3,4}){2}(?!\d))"
                     r"|(?P<url>(?<![\w(\[])https://[^\s<>()]+(?<![.,;:]))")


def _contact_link(m: re.Match) -> etree.Element | None:
    """The link for an address or number written in the text; None for digits that are not a
    phone number (a UK number has 10 or 11 digits)."""
    text = m.group(0)
    if m.group("email"):
        href = f"mailto:{text}"
    elif m.group("phone"):
        digits = re.sub(r"\D", "", text)
        if not 10 <= len(digits) <= 11:
            return None
        href = f"tel:{digits}"
    else:
        href = text
    link = etree.Element("a", {"href": href})
    link.text = AtomicString(text)  # atomic: glossary marking never splits "ALN@…" with <abbr>
    return link


class _ContactLinks(Treeprocessor):
    """An email address, a phone number or a web address written in the text becomes a link a
    reader can tap. Runs after inline Markdown (so links already exist and are left alone) and
    before the glossary's <abbr> marking."""

    def run(self, root: etree.Element) -> None:
        self._visit(root)

    def _visit(self, element: etree.Element) -> None:
        if element.tag == "a" and element.text and CONTACT.fullmatch(element.text.strip()):
            element.text = AtomicString(element.text)  # [ALN@…](mailto:…): no <abbr> inside
        if element.tag in ("a", "code", "pre"):
            return
        for child in list(element):
            self._visit(child)
        element.text = self._split(element, element.text, 0)
        for child in list(element):
            child.tail = self._split(element, child.tail, list(element).index(child) + 1)

    def _split(self, parent: etree.Element, text: str | None, index: int) -> str | None:
        """Replace matches in text (which sits at position index of parent) with links; returns
        what is left before the first link."""
        if not text or isinstance(text, AtomicString):
            return text
        pieces = [(m, link) for m in CONTACT.finditer(text) if (link := _contact_link(m)) is not None]
        for m, link in reversed(pieces):
            link.tail = text[m.end():]
            parent.insert(index, link)
            text = text[:m.start()]
        return text


class _StackedTables(Treeprocessor):
    """Tables that a 320 px phone can read without sideways scrolling: each cell carries its
    column's heading (the stylesheet shows it before the cell when rows stack), and each heading
    says it heads a column. No ARIA roles: HTML forbids `role` on the parts of a table that is a
    table, and browsers keep a data table's semantics when the stylesheet stacks its cells (the
    browser tests read Chromium's accessibility tree at 320 px to prove it)."""

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            headings = ["".join(th.itertext()).strip() for th in table.iter("th")]
            for th in table.iter("th"):
                th.set("scope", "col")
            for row in table.iter("tr"):
                for heading, cell in zip(headings, (c for c in row if c.tag == "td"), strict=False):
                    if heading:
                        cell.set("data-label", heading)


class _LinkExtension(Extension):
    """Our tree processors. One Markdown instance serves every render of a language (building one
    costs as much as a short page), so the resolver and bad-link list are set per render."""

    def __init__(self) -> None:
        super().__init__()
        self.resolve: LinkResolver = lambda href: None
        self.bad: list[str] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_LinkProcessor(md, self), "aln_links", 1)
        # After inline Markdown (20), before the glossary's abbreviations (7).
        md.treeprocessors.register(_ContactLinks(md), "aln_contacts", 15)
        md.treeprocessors.register(_StackedTables(md), "aln_tables", 2)


def raw_html_lines(source: str) -> list[int]:
    """Lines (1-based) holding raw HTML, which the sanitiser would silently drop."""
    if "<" not in source:  # most pieces (a question, an answer): nothing to look for
        return []
    found = []
    in_fence = False
    for number, line in enumerate(source.splitlines(), start=1):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        if not in_fence and RAW_HTML.search(CODE_SPAN.sub("", line)):
            found.append(number)
    return found


@lru_cache(maxsize=8)
def _markdown(abbreviations: tuple[tuple[str, str], ...]) -> tuple[markdown.Markdown, _LinkExtension]:
    """One Markdown instance for a set of glossary abbreviations (one a language), reused."""
    links = _LinkExtension()
    md = markdown.Markdown(
        extensions=["toc", "attr_list", "tables", AbbrExtension(glossary=dict(abbreviations)), links],
        extension_configs={"toc": {"toc_depth": "2"}},
    )
    return md, links


_abbreviations: dict[int, tuple[Mapping[str, str], tuple[tuple[str, str], ...]]] = {}


def _sorted(abbreviations: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """A language's abbreviations as a sorted tuple (the Markdown instance's and the cache's key),
    made once for each mapping, not for each of its ~4,000 renders at 10x content. A load makes
    each language's mapping once and never changes it; the mapping is held, so its id is never
    another's."""
    held = _abbreviations.get(id(abbreviations))
    if held is None or held[0] is not abbreviations:
        if len(_abbreviations) > 16:
            _abbreviations.clear()
        held = _abbreviations[id(abbreviations)] = (abbreviations, tuple(sorted(abbreviations.items())))
    return held[1]


def render(source: str, resolve: LinkResolver, abbreviations: Mapping[str, str]) -> Rendered:
    """Render one piece of Markdown to sanitised HTML (from the render cache when nothing it
    depends on has changed: see render_cache.py)."""
    abbrs = _sorted(abbreviations)
    store = render_cache.cache()
    key = store.key(source, abbrs)
    hit = store.get(key, resolve)
    if hit is not None:
        return Rendered(hit["html"], tuple(map(tuple, hit["headings"])), hit["text"], tuple(hit["bad"]))
    asked: dict[str, str | None] = {}

    def recording(href: str) -> str | None:
        asked[href] = resolve(href)
        return asked[href]

    md, links = _markdown(abbrs)
    md.reset()
    bad: list[str] = []
    links.resolve, links.bad = recording, bad
    html = md.convert(source)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto", "tel"},
        link_rel=None,
    )
    headings = tuple((t["id"], html_lib.unescape(t["name"])) for t in md.toc_tokens)
    rendered = Rendered(clean, headings, plain_text(clean), tuple(bad))
    store.put(key, {"html": clean, "headings": headings, "text": rendered.text, "bad": bad}, asked)
    return rendered


BLOCK_END = re.compile(r"([^\s>]?)\s*</(?:li|td|th|dt|dd|h[2-6])>")


def plain_text(html: str) -> str:
    """The words of some HTML, for search and readability checks. List items, cells and
    headings stay apart (" · ") so that a search snippet never runs two items together."""
    html = BLOCK_END.sub(lambda m: m.group(1) + (" " if m.group(1) and m.group(1) in ".!?:;" else " · "),
                         INLINE_TAG.sub("", html))
    text = TAG.sub(" ", html)
    return re.sub(r"\s+", " ", html_lib.unescape(text)).strip()
