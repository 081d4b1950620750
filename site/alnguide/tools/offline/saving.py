"""What the service worker keeps, and what "save the whole guide" downloads, from the site model.

Addresses here are site paths ('/en/idps/'). `relative` writes them for the worker and the lists,
which sit at the site's root: 'en/idps/index.html' in the export (the file a static host serves),
'en/idps/' when served. The worker keys its cache by the directory form, so both meet."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

from alnguide import state
from alnguide.export.freezing import Written
from alnguide.guides.pathways import change_steps
from alnguide.languages import LANGUAGES, deadlines_path, offline_path, pathways_path
from alnguide.paths import TRANSLATIONS

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Written after the freeze from the files it wrote; the version hashes every other file.
WORKER = "sw.js"
LIST = "offline-{lang}.json"
# How much "save the whole guide" downloads, without the list: the home page says it first, and
# the list itself grows with the content (~15 KB compressed at 10x), so it is fetched on the tap.
SUMMARY = "offline-{lang}-size.json"


def list_name(lang: str) -> str:
    return LIST.format(lang=lang)


def summary_name(lang: str) -> str:
    return SUMMARY.format(lang=lang)


def relative(path: str, export: bool) -> str:
    """A site path as the worker and the lists write it: relative to the site's root."""
    path = path.lstrip("/")
    if export and (path == "" or path.endswith("/")):
        return path + "index.html"
    return path or "./"  # "" would be the address of the file that holds it


def core_paths(loaded: state.Loaded, lang: str) -> list[str]:
    """Kept for a reader of one language once a page has loaded (never the other language's,
    which a reader of this one seldom opens): the home, the list of question guides, the
    deadline calculator and the offline page. The worker adds the scripts, styles and icon these
    pages use. Not every guide's start (a guide is kept whole when a reader starts it), not the
    search page and its index (a search needs pieces of the index no core can hold at every
    size; offline it says so), not the glossary (8.5 KB compressed, and its terms are spelt out
    on every page that uses them): so the first visit stays within its budget as the content
    grows (the home page and the list of guides grow with it), and the calculator is paid for."""
    site = loaded.site
    paths = [f"/{lang}/"]
    if site.pathways:
        paths.append(pathways_path(lang))
    paths += [deadlines_path(lang), offline_path(lang)]
    return list(dict.fromkeys(paths))


def language_paths(loaded: state.Loaded, assets: dict[str, str], lang: str) -> list[str]:
    """Everything "save the whole guide" downloads for one language: every page of that language
    (every question step and outcome, the search index's pieces), the bilingual home and the
    static files. Not the guides' "Change" pages: one for each answer on every way through, they
    would double the download, and a reader re-answers a question online in a tap."""
    from alnguide.export.freezing import urls

    changes = {step.url(lang) for pathway in loaded.site.pathways for step in change_steps(pathway)}
    return [path for path in urls(loaded, assets)
            if (path == "/" or path.startswith((f"/{lang}/", "/static/"))) and path not in changes]


def own_addresses() -> list[str]:
    """What the worker handles, relative to the site's root: its language folders and static
    files (ending in '/': everything in them), its home and the lists at its root. Nothing else
    under its scope is the guide's: at a host's root, the council's own pages are beside it."""
    return [*(f"{lang}/" for lang in LANGUAGES), "static/", "", "index.html",
            *(list_name(lang) for lang in LANGUAGES), *(summary_name(lang) for lang in LANGUAGES)]


def is_page(path: str) -> bool:
    return path.endswith("/")


def _code_digest() -> bytes:
    """The templates and the compiled catalogues, read once as the application is made (in
    gunicorn's master, which its workers fork from): they change only with a restart."""
    digest = hashlib.sha256()
    for folder in (TEMPLATES, TRANSLATIONS):
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file() and p.suffix != ".po"):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


CODE = _code_digest()


def content_version(loaded: state.Loaded, assets: dict[str, str]) -> str:
    """The served site's version: a hash of the content being served (the site model in memory,
    never the files on disk, which an editor may have changed since it was loaded: two workers
    would then serve two versions), the static files' hashed names and the code (CODE). The
    export's is a hash of its files: export_version."""
    digest = hashlib.sha256(CODE)
    digest.update(" ".join(sorted(assets.values())).encode())
    # The model's text: plain data all through (~3.5 MB, ~50 ms at 1x content, made once per
    # load by the caller); an object's address, should one ever be in it, is left out.
    digest.update(re.sub(r" at 0x[0-9a-f]+", "", repr(loaded.site)).encode())
    return digest.hexdigest()[:12]


def served_version(loaded: state.Loaded, assets: dict[str, str]) -> str:
    """content_version, once per load of the content."""
    return str(loaded.once("offline-version", lambda: content_version(loaded, assets)))


def export_version(measured: Mapping[str, Written]) -> str:
    """A hash of every file the freeze wrote (the worker and the lists are written from it)."""
    digest = hashlib.sha256()
    for rel in sorted(measured):
        digest.update(rel.encode() + b"\0" + measured[rel].sha256.encode())
    return digest.hexdigest()[:12]
