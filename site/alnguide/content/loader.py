"""One load of the content into one validated, immutable site model."""

from __future__ import annotations

from pathlib import Path

from alnguide.content.errors import Problems
from alnguide.content.glossary import abbreviations, load_glossary, load_search_synonyms
from alnguide.content.model import Site, frozen_map
from alnguide.content.pages import load_pages
from alnguide.content.settings import load_sections, load_settings
from alnguide.guides.pathways import load_pathways
from alnguide.languages import LANGUAGES
from alnguide.paths import CONTENT


def load_site(content: Path = CONTENT) -> Site:
    """Read and check everything under content/; raise ContentError listing every problem."""
    problems = Problems()
    settings = load_settings(content, problems)
    sections = load_sections(content, problems)
    glossary = load_glossary(content, problems)
    search_synonyms = load_search_synonyms(content, problems)
    abbrs = {lang: abbreviations(glossary, lang) for lang in LANGUAGES}
    pages = load_pages(content, {s.id for s in sections}, abbrs, problems)
    page_urls = {lang: {key: page.url for key, page in pages[lang].items()} for lang in LANGUAGES}
    pathways = load_pathways(content, page_urls, abbrs, problems) if (content / "pathways").exists() else ()
    problems.raise_if_any()
    assert settings is not None
    return Site(
        settings=settings,
        sections=sections,
        pages=frozen_map({lang: frozen_map(pages[lang]) for lang in LANGUAGES}),
        glossary=glossary,
        pathways=pathways,
        search_synonyms=frozen_map({lang: frozen_map(search_synonyms[lang]) for lang in LANGUAGES}),
    )
