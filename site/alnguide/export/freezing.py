"""The static export: every page, pathway step and asset, with relative links, plus a 404.html
with links rooted at the export's base path so that it works at any depth."""

from __future__ import annotations

import ctypes
import gc
import gzip
import hashlib
import json
import multiprocessing
import os
import signal
import time
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, render_template
from flask.testing import FlaskClient
from flask_frozen import Freezer, MissingURLGeneratorWarning

from alnguide import state, tools
from alnguide.content import render_cache
from alnguide.content.model import Site
from alnguide.export import destination
from alnguide.guides.pathways import all_steps, change_steps
from alnguide.languages import LANGUAGES, pathways_path, search_path
from alnguide.search.views import static_index_of
from alnguide.web.i18n import set_lang


def page_urls(loaded: state.Loaded, app_assets: dict[str, str]):
    """Every address the application renders, from the site model alone (not the search index's
    pieces, which are data: see index_files)."""
    site = loaded.site
    yield "/"
    for lang in LANGUAGES:
        for page in site.pages[lang].values():
            yield page.url
        if site.pathways:
            yield pathways_path(lang)
        for pathway in site.pathways:
            for step in all_steps(pathway):
                yield pathway.url(lang, step.answers)
            for step in change_steps(pathway):  # "Change" re-asks with the answers kept
                yield step.url(lang)
    for lang in LANGUAGES:
        yield search_path(lang)
    for hashed in app_assets.values():
        yield f"/static/{hashed}"
    yield from tools.export_urls(loaded)
    yield "/sitemap.xml"
    yield "/robots.txt"


def index_files(loaded: state.Loaded) -> dict[str, str]:
    """The search index's pieces by address, each language's beside its search page."""
    return {search_path(lang) + name: text
            for lang in LANGUAGES for name, text in static_index_of(lang, loaded).files.items()}


def urls(loaded: state.Loaded, app_assets: dict[str, str]):
    """Every address of the export: each search page followed by its index's pieces."""
    pieces = index_files(loaded)
    searches = {search_path(lang) for lang in LANGUAGES}
    for address in page_urls(loaded, app_assets):
        yield address
        if address in searches:
            yield from (piece for piece in pieces if piece.startswith(address))


GZIP_LEVEL = 1  # nginx's gzip_comp_level, as docs/hosting.md runs it


@dataclass(frozen=True)
class Written:
    """What the tools need to know of a file the freeze wrote, measured as it is written (in
    the process that wrote it) so that nothing reads the whole export again afterwards."""

    gzipped: int  # its size compressed as the documented nginx sends it
    sha256: str


def gzipped_size(data: bytes) -> int:
    """Bytes on the wire, compressed as the documented nginx compresses (page weight, offline lists)."""
    return len(gzip.compress(data, GZIP_LEVEL))


# Each file's gzipped size by its sha256, kept from the last freeze: a freeze of content that
# did not change (or changed in a few pages) writes the same bytes, and compressing each of
# ~6,100 files again was ~8% of a freeze at 10x. Named for zlib's version and the level, which
# are all a size depends on besides the bytes.
SIZES = render_cache.FOLDER / f"gzip-sizes-{zlib.ZLIB_RUNTIME_VERSION}-{GZIP_LEVEL}.json"
_known_sizes: dict[str, int] = {}


def measure(data: bytes) -> Written:
    digest = hashlib.sha256(data).hexdigest()
    size = _known_sizes.get(digest)
    return Written(gzipped_size(data) if size is None else size, digest)


def _read_sizes() -> dict[str, int]:
    try:
        data = json.loads(SIZES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {digest: size for digest, size in data.items() if type(size) is int and size > 0}


def _keep_sizes(measured: dict[str, Written]) -> None:
    """The sizes of this export's files only, so the file never grows; written atomically, and
    not at all where the cache folder cannot be written (the next freeze compresses again)."""
    sizes = {written.sha256: written.gzipped for written in measured.values()}
    if sizes != _known_sizes:
        render_cache.write_json(SIZES, sizes)


MAX_SHARES = 4  # processes that write pages at once, at most one a core
SHARE_FROM = 200  # below this many addresses, starting processes costs more than it saves
_freezing: tuple[Flask, list[list[str]]] | None = None  # what the forked processes share


def guide_of(address: str) -> str:
    """A question guide's first step for any of its steps (/en/pathways/transport/ for
    /en/pathways/transport/our-choice/); any other address is its own."""
    for lang in LANGUAGES:
        start = pathways_path(lang)
        if address.startswith(start) and address != start:
            slug, _, _ = address[len(start):].partition("/")
            return f"{start}{slug}/"
    return address


def split(addresses: list[str], shares: int) -> list[list[str]]:
    """The addresses in `shares` lists of about equal length, each question guide's steps (in
    one language) kept together: its outcomes' advice is a fragment (web/fragments.py) that a
    process renders once for all the steps that show it. Every n-th address, as before, made
    each process render nearly every fragment (at 10x, 4.93 -> 4.74 s a freeze, median of 4)."""
    groups: dict[str, list[str]] = {}
    for address in addresses:
        groups.setdefault(guide_of(address), []).append(address)
    lists: list[list[str]] = [[] for _ in range(shares)]
    for group in sorted(groups.values(), key=len, reverse=True):  # longest first, to the shortest list
        min(lists, key=len).extend(group)
    return lists


def _freeze_share(share: int) -> list[tuple[str, Written]]:
    """Write one share of the addresses (see split)."""
    assert _freezing is not None
    app, lists = _freezing
    return _freeze_addresses(app, lists[share])


class ExportClient(FlaskClient):
    """The client Frozen-Flask asks each page through, without a cookie jar: the site sets no
    cookies, and matching the jar against each page's address was ~0.1 ms of its ~1 ms. It
    keeps the last body it was given, which Frozen-Flask then writes, so that the page is
    measured without reading its file back."""

    last_body = b""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["use_cookies"] = False
        super().__init__(*args, **kwargs)

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        ExportClient.last_body = response.get_data()
        return response


def _freeze_addresses(app: Flask, addresses: list[str]) -> list[tuple[str, Written]]:
    """Write these addresses with Frozen-Flask; returns the files written, relative to the
    export's folder, each measured."""
    freezer = Freezer(app, with_no_argument_rules=False, log_url_for=False, with_static_files=False)
    freezer.register_generator(lambda: addresses)
    with warnings.catch_warnings():
        # Our one generator yields URLs, not endpoints, so Frozen-Flask cannot tally them.
        warnings.simplefilter("ignore", MissingURLGeneratorWarning)
        return [(str(page.path), measure(ExportClient.last_body)) for page in freezer.freeze_yield()]


def _write_index(app: Flask, out: Path) -> list[tuple[str, Written]]:
    """The search index's pieces, written as they are (the application serves the same text at
    the same addresses): ~240 small files at 1x content and ~2,300 at 10x, which would each cost a
    request through the application. Like Frozen-Flask with a page, a piece is written only if
    it changed: the pieces are named by a hash of the index, so a freeze of unchanged content
    rewrote ~2,300 identical files at 0.25 ms each."""
    written = []
    for address, text in index_files(state.loaded(app)).items():
        path = out / address.lstrip("/")
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        written.append((address.lstrip("/"), measure(data)))
    return written


def _die_with_the_freeze() -> None:
    """In each share: end when the freeze that started it ends (Linux's PR_SET_PDEATHSIG), so
    a killed freeze leaves no process writing into its temporary folder."""
    libc = ctypes.CDLL(None, use_errno=True)
    prctl = getattr(libc, "prctl", None)
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:  # the freeze was gone before this share asked
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _write(app: Flask, out: Path, base_url: str) -> dict[str, Written]:
    """Write the whole export into an empty folder; returns each file written, measured."""
    global _freezing, _known_sizes
    app.config["FREEZER_DESTINATION"] = str(out)
    app.config["FREEZER_REMOVE_EXTRA_FILES"] = False  # done once, after, for all the shares
    app.config["FREEZER_IGNORE_MIMETYPE_WARNINGS"] = True
    app.config["FREEZER_SKIP_EXISTING"] = False  # every page is asked for: it is measured from its body
    app.config["FREEZING"] = True
    app.config["BASE_URL"] = base_url
    client_class, app.test_client_class = app.test_client_class, ExportClient
    _known_sizes = _read_sizes()  # before the shares fork: they share it
    try:
        with app.test_request_context():
            addresses = list(dict.fromkeys(page_urls(state.loaded(app), app.config["ASSETS"])))
        searches = [search_path(lang) for lang in LANGUAGES]  # they name the index: written after it
        pages = [address for address in addresses if address not in searches]
        shares = min(os.cpu_count() or 1, MAX_SHARES) if len(pages) >= SHARE_FROM else 1
        _freezing = (app, split(pages, shares))
        if shares == 1:
            written = _freeze_share(0) + _write_index(app, out) + _freeze_addresses(app, searches)
        else:
            # Forked before the index is built: the shares write the pages (none of which reads
            # the index) while this process builds the index and writes it, then the search pages.
            # What exists now (the site model, ~100 MB at 10x) is left out of garbage collection
            # in the shares, as Python's gc.freeze documents for fork: a collection would visit
            # it all, and write to each object, which copies the pages the shares share.
            gc.freeze()
            try:
                with multiprocessing.get_context("fork").Pool(shares, _die_with_the_freeze) as pool:
                    parts = pool.map_async(_freeze_share, range(shares))
                    written = _write_index(app, out) + _freeze_addresses(app, searches)
                    written += [path for part in parts.get() for path in part]
            finally:
                gc.unfreeze()
    finally:
        app.test_client_class = client_class
        _freezing = None
        app.config["FREEZING"] = False
        app.config.pop("BASE_URL")
    measured = dict(written)
    parts = urlsplit(base_url)
    with app.test_request_context("/404.html", base_url=f"{parts.scheme}://{parts.netloc}{parts.path}"):
        set_lang("cy")
        html = render_template("404.html", alternate=None, bilingual=True)
    (out / "404.html").write_text(html, encoding="utf-8")
    measured["404.html"] = measure(html.encode("utf-8"))
    _keep_sizes(measured)
    return measured


def write_guide(app: Flask, folder: Path, base_url: str) -> dict[str, str]:
    """One council's guide, written into folder: each file's path in it -> its sha256."""
    measured = _write(app, folder, base_url)
    after = tools.after_freeze(app, folder, measured)  # last: the worker is named for a hash of the rest
    files = {rel: written.sha256 for rel, written in measured.items()}
    files |= {rel: hashlib.sha256((folder / rel).read_bytes()).hexdigest() for rel in after}
    return files


def freeze(app: Flask, out: Path, base_url: str | None = None, force: bool = False) -> int:
    """Write the export to `out`; returns the number of files written. It is written beside the
    old one and swapped in whole, one freeze at a time (see destination.py). Raises
    ExportRefusedError for a folder that holds anything the last freeze did not write, or while
    another freeze writes the same folder."""
    out = out.resolve()  # Frozen-Flask would put a relative folder under the package's own
    site: Site = state.loaded(app).site
    base_url = (base_url or site.settings.base_url).rstrip("/") + "/"
    out.parent.mkdir(parents=True, exist_ok=True)
    with destination.locked(out):
        destination.remove_leftovers(out)
        listed = destination.check(out, force)
        new = destination.spare_folder(out)  # a freeze that fails leaves it for the next one
        began = time.time_ns()
        files = write_guide(app, new, base_url)
        destination.remove_extra_files(new, set(files) | {destination.MARKER})
        destination.keep_dates(out, new, listed, files, began)
        destination.write_marker(new, files)
        destination.swap_in(new, out, keep_old=not force)  # what --force replaces is deleted
    return len(files)
