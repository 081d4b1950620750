"""Loading the Markdown pages: front matter checked, pairs matched, links resolved, HTML rendered."""

from __future__ import annotations

import datetime
import posixpath
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from alnguide.content.errors import Problems, lines_of, now_reading
from alnguide.content.model import Page
from alnguide.content.rendering import LinkResolver, raw_html_lines, render
from alnguide.content.yamlfile import key_line, read_text, read_yaml
from alnguide.languages import LANGUAGES, RESERVED_SLUGS

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AUDIENCES = {"parents", "young-people", "advisers"}
REQUIRED = ("title", "summary", "slug", "section", "audience", "sources", "reviewed")
OPTIONAL = ("order", "template", "guides")
LETTERS = "letters"  # content/<lang>/letters/ holds letters, not pages (see letters.py)
TEMPLATES = {"glossary"}
MARKDOWN_IN_TEXT = re.compile(r"[*_`\[\]<>#]")


@dataclass
class _Draft:
    """A page whose front matter is read but whose body is not yet rendered."""

    key: str
    lang: str
    path: Path
    meta: dict[str, Any]
    meta_text: str
    body: str
    body_line: int


def page_files(content: Path, lang: str) -> dict[str, Path]:
    """Page key (relative path without .md) -> file, for one language; pathway words excluded."""
    root = content / lang
    found = {}
    for path in sorted(root.rglob("*.md"), key=lambda path: path.parts):  # Path's own order, faster
        relative = path.relative_to(root)
        if relative.parts[0] != LETTERS:
            found[relative.with_suffix("").as_posix()] = path
    return found


def _split(path: Path, problems: Problems) -> tuple[str, str, int] | None:
    """Split a page file into (front matter text, body, body's first line) with python-frontmatter."""
    text = read_text(path, problems)
    if text is None:
        return None
    handler = YAMLHandler()
    if not handler.detect(text):
        problems.add(path, 1, "a page must start with front matter between '---' lines")
        return None
    try:
        meta_text, body = handler.split(text)
        meta_text = meta_text.removeprefix("\n")  # what is left of the opening '---' line
    except ValueError:
        problems.add(path, 1, "the front matter is not closed with a '---' line")
        return None
    body_line = text.count("\n", 0, len(text) - len(body)) + 1 if body else text.count("\n") + 1
    return meta_text, body, body_line


def _check_meta(draft: _Draft, sections: AbstractSet[str], guide_ids: AbstractSet[str],
                problems: Problems) -> bool:
    meta, path = draft.meta, draft.path

    def bad(key: str, reason: str) -> None:
        problems.add(path, key_line(draft.meta_text, key, 2) or 1, reason)

    ok = True
    for key in REQUIRED:
        if key not in meta:
            problems.add(path, 1, f"front matter is missing '{key}'")
            ok = False
    for key in meta:
        if key not in REQUIRED and key not in OPTIONAL:
            bad(key, f"unknown front-matter field '{key}'")
            ok = False
    if not ok:
        return False
    for key in ("title", "summary"):
        value = meta[key]
        if not isinstance(value, str) or not value.strip():
            bad(key, f"'{key}' must be text")
            ok = False
        elif MARKDOWN_IN_TEXT.search(value):
            bad(key, f"'{key}' is plain text: Markdown or HTML is not allowed there")
            ok = False
    slug = meta["slug"]
    if slug is None:
        slug = meta["slug"] = ""
    if not isinstance(slug, str) or (slug and not SLUG.match(slug)):
        bad("slug", "'slug' must be lower-case letters, digits and single hyphens")
        ok = False
    elif slug == "" and draft.key != "index":
        bad("slug", "only index.md may have an empty slug")
        ok = False
    elif slug in RESERVED_SLUGS:
        bad("slug", f"'{slug}' is reserved for the site's own pages")
        ok = False
    if not isinstance(meta["section"], str) or meta["section"] not in sections:
        bad("section", f"unknown section '{meta['section']}' (see sections.yaml)")
        ok = False
    audience = meta["audience"]
    if not isinstance(audience, list) or not audience or not all(
            isinstance(a, str) and a in AUDIENCES for a in audience):
        bad("audience", f"'audience' must be a list drawn from {sorted(AUDIENCES)}")
        ok = False
    sources = meta["sources"]
    if not isinstance(sources, list) or not sources or not all(
            isinstance(s, str) and s.strip() for s in sources):
        bad("sources", "'sources' must be a non-empty list of references")
        ok = False
    if not isinstance(meta["reviewed"], datetime.date) or isinstance(
            meta["reviewed"], datetime.datetime):
        bad("reviewed", "'reviewed' must be a date written YYYY-MM-DD")
        ok = False
    if not isinstance(meta.get("order", 0), int):
        bad("order", "'order' must be a whole number")
        ok = False
    guides = meta.get("guides", [])
    if not isinstance(guides, list) or not all(isinstance(g, str) for g in guides):
        bad("guides", "'guides' must list question guides by their id, e.g. [disagree]")
        ok = False
    else:
        for guide in sorted(set(guides) - guide_ids):
            bad("guides", f"no question guide '{guide}' (see content/pathways/)")
            ok = False
    if meta.get("template") not in (None, *TEMPLATES):
        bad("template", f"unknown template '{meta['template']}'")
        ok = False
    return ok


def _read_drafts(content: Path, sections: AbstractSet[str], guide_ids: AbstractSet[str],
                 problems: Problems) -> dict[str, dict[str, _Draft]]:
    files = {lang: page_files(content, lang) for lang in LANGUAGES}
    drafts: dict[str, dict[str, _Draft]] = {lang: {} for lang in LANGUAGES}
    for lang in LANGUAGES:
        for key, path in files[lang].items():
            partner = [other for other in LANGUAGES if other != lang][0]
            if key not in files[partner]:
                problems.add(path, None, f"this page has no pair: add {partner}/{key}.md", cause=True)
            parts = _split(path, problems)
            if parts is None:
                continue
            meta_text, body, body_line = parts
            meta = read_yaml(path, problems, first_line=2, text=meta_text)
            if meta is None:
                continue
            if not isinstance(meta, dict):
                problems.add(path, 2, "front matter must be a mapping of fields")
                continue
            draft = _Draft(key, lang, path, meta, meta_text, body, body_line)
            if _check_meta(draft, sections, guide_ids, problems):
                drafts[lang][key] = draft
        seen: dict[str, _Draft] = {}
        for draft in drafts[lang].values():
            slug = draft.meta["slug"]
            if slug in seen:
                problems.add(draft.path, key_line(draft.meta_text, "slug", 2),
                             f"slug '{slug}' is already used by {seen[slug].path.name}")
            seen[slug] = draft
    return drafts


def report_bad_links(bad: tuple[str, ...], source: str, first_line: int, path: Path,
                     problems: Problems, where: str = "") -> None:
    """One problem per bad link, each at its own line (the second of two bad links to the same
    page is on another line than the first)."""
    for href in dict.fromkeys(bad):
        for line in lines_of(source, f"]({href}", first_line) or [None]:
            problems.add(path, line, f"{where}link to a page that does not exist: {href}")


def page_url(lang: str, slug: str) -> str:
    return f"/{lang}/{slug}/" if slug else f"/{lang}/"


def link_resolver(urls: Mapping[str, str], files: AbstractSet[str], from_key: str) -> LinkResolver:
    """Resolves `other.md#anchor`, written relative to the linking file, to a site path. A link
    to a page that exists but could not be read, or that lacks its pair (`files` holds the pages
    of both languages), is not reported again: its own problem is."""

    def resolve(href: str) -> str | None:
        target, _, anchor = href.partition("#")
        if not target.endswith(".md"):
            return None
        key = posixpath.normpath(posixpath.join(posixpath.dirname(from_key), target[:-3]))
        url = urls.get(key) or ("#" if key in files else None)
        if url is None:
            return None
        return f"{url}#{anchor}" if anchor else url

    return resolve


def load_pages(content: Path, sections: AbstractSet[str], guide_ids: AbstractSet[str],
               abbreviations: dict[str, dict[str, str]], problems: Problems) -> dict[str, dict[str, Page]]:
    drafts = _read_drafts(content, sections, guide_ids, problems)
    pages: dict[str, dict[str, Page]] = {lang: {} for lang in LANGUAGES}
    files = {key for lang in LANGUAGES for key in page_files(content, lang)}
    for lang in LANGUAGES:
        urls = {key: page_url(lang, draft.meta["slug"]) for key, draft in drafts[lang].items()}
        for key, draft in drafts[lang].items():
            now_reading(draft.path)
            for line in raw_html_lines(draft.body):
                problems.add(draft.path, draft.body_line + line - 1,
                             "raw HTML is not allowed: use Markdown")
            rendered = render(draft.body, link_resolver(urls, files, key), abbreviations[lang])
            report_bad_links(rendered.bad_links, draft.body, draft.body_line, draft.path, problems)
            meta = draft.meta
            pages[lang][key] = Page(
                key=key, lang=lang, title=meta["title"].strip(), summary=meta["summary"].strip(),
                slug=meta["slug"], section=meta["section"], audience=tuple(meta["audience"]),
                sources=tuple(s.strip() for s in meta["sources"]), reviewed=meta["reviewed"],
                order=meta.get("order", 100), template=meta.get("template"),
                guides=tuple(meta.get("guides", ())),
                html=rendered.html, headings=rendered.headings, text=rendered.text,
                source_path=draft.path,
            )
    for lang in LANGUAGES:
        if "index" not in pages[lang] and not any(p.path.name == "index.md" for p in problems.items):
            problems.add(content / lang, None, "the language has no home page (index.md)")
    return pages
