"""One load of the content into one validated, immutable site model."""

from __future__ import annotations

from pathlib import Path

from alnguide.content import render_cache
from alnguide.content.england_words import load_england_words
from alnguide.content.errors import Problems
from alnguide.content.glossary import abbreviations, load_glossary, load_search_synonyms
from alnguide.content.letters import load_letters
from alnguide.content.model import Site, frozen_map
from alnguide.content.pages import link_resolver, load_pages, page_files
from alnguide.content.settings import load_sections, load_settings
from alnguide.content.sources import load_sources
from alnguide.guides.loading import load_pathways, logic_files
from alnguide.languages import LANGUAGES
from alnguide.paths import CONTENT
from alnguide.tools.deadlines.data import load_calendar, load_clocks


def load_site(content: Path = CONTENT, problems: Problems | None = None) -> Site:
    """Read and check everything under content/; raise ContentError listing every problem.
    Pass `problems` to read the warnings afterwards (what a release must not lack)."""
    problems = problems if problems is not None else Problems()
    if not content.is_dir():
        problems.add(content, None, "no content folder here")
        problems.raise_if_any()
    settings = load_settings(content, problems)
    sections = load_sections(content, problems)
    glossary = load_glossary(content, problems)
    search_synonyms = load_search_synonyms(content, problems)
    england_words = load_england_words(content, glossary, problems)
    abbrs = {lang: abbreviations(glossary, lang) for lang in LANGUAGES}
    guide_ids = {path.stem for path in logic_files(content, Problems())}
    pages = load_pages(content, {s.id for s in sections}, guide_ids, abbrs, problems)
    letters = load_letters(content, settings.contacts if settings else {}, problems)
    page_urls = {lang: {key: page.url for key, page in pages[lang].items()} for lang in LANGUAGES}
    resolvers = {lang: link_resolver(page_urls[lang], set(page_files(content, lang)), "index")
                 for lang in LANGUAGES}
    sources = load_sources(content, page_urls, problems)
    clocks = load_clocks(content, {lang: set(letters[lang]) for lang in LANGUAGES}, guide_ids, problems)
    calendar = load_calendar(content, problems)
    pathways = load_pathways(content, resolvers, abbrs, {lang: set(letters[lang]) for lang in LANGUAGES},
                             problems)
    render_cache.cache().save()
    if not pathways and not problems.items:
        problems.warn(content / "pathways", None, "there are no question guides")
    problems.raise_if_any()
    assert settings is not None
    return Site(
        settings=settings,
        sections=sections,
        pages=frozen_map({lang: frozen_map(pages[lang]) for lang in LANGUAGES}),
        glossary=glossary,
        pathways=pathways,
        letters=letters,
        sources=sources,
        england_words=england_words,
        clocks=clocks,
        calendar=calendar,
        search_synonyms=frozen_map({lang: frozen_map(search_synonyms[lang]) for lang in LANGUAGES}),
    )
