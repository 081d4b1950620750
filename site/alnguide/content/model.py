"""The site model: one immutable picture of all the content, read by views, search and freezer."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from alnguide.languages import other

if TYPE_CHECKING:
    from alnguide.content.letters import Letter
    from alnguide.content.sources import SourceKind
    from alnguide.guides.pathways import Pathway
    from alnguide.tools.deadlines.rules import Calendar, Clock


def frozen_map(d: dict) -> Mapping:
    return MappingProxyType(d)


@dataclass(frozen=True)
class Page:
    """One page in one language. `key` (its file name) is the same in both languages."""

    key: str
    lang: str
    title: str
    summary: str
    slug: str
    section: str
    audience: tuple[str, ...]
    sources: tuple[str, ...]
    reviewed: datetime.date
    order: int
    template: str | None
    guides: tuple[str, ...]  # question guides this page offers as a start button (pathway ids)
    html: str
    headings: tuple[tuple[str, str], ...]
    text: str
    source_path: Path

    @property
    def url(self) -> str:
        return f"/{self.lang}/{self.slug}/" if self.slug else f"/{self.lang}/"

    @property
    def is_home(self) -> bool:
        return self.slug == ""


@dataclass(frozen=True)
class Section:
    id: str
    names: Mapping[str, str]
    order: int


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    abbr: Mapping[str, str | None]
    term: Mapping[str, str]
    definition: Mapping[str, str]
    synonyms: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Contact:
    """Someone readers may write to or ring; an empty email or phone is simply not shown."""

    id: str
    name: Mapping[str, str]
    email: str
    phone: str

    @property
    def tel(self) -> str:
        """The phone number as a tel: address wants it: digits, with + for an international one."""
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


@dataclass(frozen=True)
class Settings:
    """Site-wide settings from content/site.yaml: who runs the site and how to reach them."""

    organisation: Mapping[str, str]
    service: Mapping[str, str]
    site_name: Mapping[str, str]
    contacts: Mapping[str, Contact]
    contact: Contact  # the publisher's own, in the header, footer and feedback link
    feedback: Mapping[str, str]  # the council's feedback page per language, or "" to use email
    links: tuple[Mapping[str, Mapping[str, str]], ...]
    base_url: str  # where the guide lives, ending in "/": every absolute link starts here


@dataclass(frozen=True)
class Site:
    settings: Settings
    sections: tuple[Section, ...]
    pages: Mapping[str, Mapping[str, Page]]  # lang -> key -> page
    glossary: tuple[GlossaryTerm, ...]
    pathways: tuple[Pathway, ...] = ()
    letters: Mapping[str, Mapping[str, Letter]] = field(default_factory=dict)  # lang -> id -> letter
    sources: tuple[SourceKind, ...] = ()  # where each kind of source can be opened
    england_words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # lang -> word -> term id
    clocks: Mapping[str, Clock] = field(default_factory=dict)  # the deadline calculator's time limits
    calendar: Calendar | None = None  # the school terms it counts school days in
    search_synonyms: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    by_slug: Mapping[str, Mapping[str, Page]] = field(init=False)
    # Each question guide by its address word, per language: a step's view looks its guide up
    # on each of ~2,400 pages at 10x content (the first guide with the slug, as before)
    guides_by_slug: Mapping[str, Mapping[str, Pathway]] = field(init=False)

    def __post_init__(self) -> None:
        index = {lang: {p.slug: p for p in pages.values()} for lang, pages in self.pages.items()}
        object.__setattr__(self, "by_slug", frozen_map({k: frozen_map(v) for k, v in index.items()}))
        guides: dict[str, dict[str, Pathway]] = {}
        for pathway in self.pathways:
            for lang, slug in pathway.slug.items():
                guides.setdefault(lang, {}).setdefault(slug, pathway)
        object.__setattr__(self, "guides_by_slug", frozen_map({k: frozen_map(v) for k, v in guides.items()}))

    def page(self, lang: str, slug: str) -> Page | None:
        return self.by_slug[lang].get(slug)

    def counterpart(self, page: Page) -> Page:
        return self.pages[other(page.lang)][page.key]

    def home(self, lang: str) -> Page:
        return self.by_slug[lang][""]

    def section_pages(self, lang: str, section_id: str) -> list[Page]:
        pages = [p for p in self.pages[lang].values() if p.section == section_id and not p.is_home]
        return sorted(pages, key=lambda p: (p.order, p.title))

    def a_to_z(self, lang: str) -> list[Page]:
        return sorted((p for p in self.pages[lang].values() if not p.is_home),
                      key=lambda p: p.title.casefold())

    def term(self, term_id: str) -> GlossaryTerm:
        return next(t for t in self.glossary if t.id == term_id)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def pathway(self, lang: str, slug: str) -> Pathway | None:
        return self.guides_by_slug.get(lang, {}).get(slug)

    def guide(self, pathway_id: str) -> Pathway:
        return next(p for p in self.pathways if p.id == pathway_id)

    def guides_for(self, audience: str) -> list[Pathway]:
        """The question guides written for parents, or for young people, in their order."""
        return [p for p in self.pathways if p.audience == audience]
