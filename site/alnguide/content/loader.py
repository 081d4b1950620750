"""One load of the content into one validated, immutable site model."""

from __future__ import annotations

from pathlib import Path

from alnguide.content import render_cache
from alnguide.content.england_words import load_england_words
from alnguide.content.errors import AnyId, AnyKey, ContentError, Problems, now_reading, refuse_unforeseen
from alnguide.content.glossary import abbreviations, load_glossary, load_search_synonyms
from alnguide.content.letters import letter_files, load_letters
from alnguide.content.model import Site, frozen_map
from alnguide.content.pages import link_resolver, load_pages, page_files
from alnguide.content.settings import load_sections, load_settings
from alnguide.content.sources import load_sources
from alnguide.councils.assemble import assemble
from alnguide.councils.packs import Pack, UnknownCouncilError, choose
from alnguide.guides.loading import load_pathways, logic_files
from alnguide.languages import LANGUAGES
from alnguide.paths import CONTENT
from alnguide.tools.deadlines.data import load_calendar, load_clocks


def load_site(content: Path = CONTENT, problems: Problems | None = None, council: str | None = None
              ) -> Site:
    """Read and check everything under content/ for one council; raise ContentError listing
    every problem. Pass `problems` to read the warnings afterwards (what a release must not lack).

    `council` names its pack (an id in content/councils/ or a pack's folder); with none named,
    the only pack there is (content with no packs is read as it is). The pack is applied once,
    here: everything after reads one content folder (councils/assemble.py).

    Nothing else escapes: an error no check foresaw is a ContentError naming the file being
    read, so a HUP never stops the server and `check` never answers with a traceback."""
    problems = problems if problems is not None else Problems()
    now_reading(None)
    chosen = choose(content, council)  # a council with no pack is refused here, by name
    if len(chosen) > 1:
        raise UnknownCouncilError(f"{len(chosen)} council packs ({', '.join(p.id for p in chosen)}): "
                                  "name one (--council <id>), or all where a command offers it")
    try:
        return _load(_applied(content, chosen, problems), problems)
    except ContentError:
        raise
    except Exception as error:  # the last resort; each check that should have caught it is a bug
        refuse_unforeseen(error, content, problems)


def _applied(content: Path, chosen: list[Pack], problems: Problems) -> Path:
    """The content folder with the council's pack applied."""
    if not chosen:
        return content
    folder = assemble(content, chosen[0], problems)
    problems.raise_if_any()  # a slot that cannot be filled: the pages would be read wrongly
    return folder


def _load(content: Path, problems: Problems) -> Site:
    if not content.is_dir():
        problems.add(content, None, "no content folder here")
        problems.raise_if_any()
    settings = load_settings(content, problems)
    sections = load_sections(content, problems)
    glossary = load_glossary(content, problems)
    search_synonyms = load_search_synonyms(content, problems)
    # Ids whose list could not be read are not checked (AnyId, AnyKey): the list's own problem
    # is reported once, not again for every page, letter or clock that names one.
    glossary_unread = not glossary and (content / "glossary.yaml").exists()
    england_words = load_england_words(content, AnyId() if glossary_unread else {t.id for t in glossary},
                                       problems)
    abbrs = {lang: abbreviations(glossary, lang) for lang in LANGUAGES}
    listing = Problems()  # load_pathways reports an unreadable folder itself
    guide_files = logic_files(content, listing)
    guide_ids = AnyId() if listing.items else {path.stem for path in guide_files}
    section_ids = {s.id for s in sections} if sections else AnyId()
    pages = load_pages(content, section_ids, guide_ids, abbrs, problems)
    letters = load_letters(content, settings.contacts if settings else AnyKey(), problems)
    page_urls = {lang: {key: page.url for key, page in pages[lang].items()} for lang in LANGUAGES}
    files = set(page_files(content, "cy")) | set(page_files(content, "en"))
    resolvers = {lang: link_resolver(page_urls[lang], files, "index") for lang in LANGUAGES}
    sources = load_sources(content, page_urls, files, problems)
    # A letter written in either language may be named: one that failed or lacks its pair is
    # reported itself, not again by each outcome and clock that names it.
    written = {letter_id for lang in LANGUAGES for letter_id in letter_files(content, lang)}
    letter_ids = {lang: written for lang in LANGUAGES}
    clocks = load_clocks(content, letter_ids, guide_ids, problems)
    calendar = load_calendar(content, problems)
    pathways = load_pathways(content, resolvers, abbrs, letter_ids, problems)
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
