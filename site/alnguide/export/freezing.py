"""The static export: every page, pathway step and asset, with relative links, plus a 404.html
with links rooted at the export's base path so that it works at any depth."""

from __future__ import annotations

import warnings
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, render_template
from flask_frozen import Freezer, MissingURLGeneratorWarning

from alnguide import state, tools
from alnguide.content.model import Site
from alnguide.guides.pathways import all_steps
from alnguide.languages import LANGUAGES, pathways_path, search_path
from alnguide.search.views import static_index_of
from alnguide.web.i18n import set_lang


def urls(loaded: state.Loaded, app_assets: dict[str, str]):
    """Every address of the site, from the site model alone."""
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
    for lang in LANGUAGES:
        yield search_path(lang)
        for name in static_index_of(lang, loaded).files:
            yield search_path(lang) + name
    for hashed in app_assets.values():
        yield f"/static/{hashed}"
    yield from tools.export_urls(loaded)
    yield "/sitemap.xml"
    yield "/robots.txt"


MARKER = ".aln-guide-export"  # in every folder a freeze writes: the next freeze may replace it


class ExportRefusedError(Exception):
    """The export would destroy or publish something it should not; the message says why."""


def check_destination(out: Path, force: bool = False) -> None:
    """A freeze replaces everything in its folder, so it only writes to an empty folder or one an
    earlier freeze wrote (it holds MARKER), unless forced: pointed at a web root it would wipe it."""
    if force or not out.exists() or (out / MARKER).exists():
        return
    if not out.is_dir():
        raise ExportRefusedError(f"{out} is a file, not a folder")
    if any(out.iterdir()):
        raise ExportRefusedError(f"{out} is not empty and was not written by build.py freeze (it has no "
                            f"{MARKER} file): freezing there would delete what is in it. Choose an "
                            "empty folder, or add --force to replace its contents")


def freeze(app: Flask, out: Path, base_url: str | None = None, force: bool = False) -> int:
    """Write the export to `out`; returns the number of files written. Raises ExportRefusedError for
    a folder that holds something else (see check_destination)."""
    check_destination(out, force)
    site: Site = state.loaded(app).site
    app.config["FREEZER_DESTINATION"] = str(out)
    app.config["FREEZER_REMOVE_EXTRA_FILES"] = True
    app.config["FREEZER_IGNORE_MIMETYPE_WARNINGS"] = True
    app.config["FREEZING"] = True
    base_url = (base_url or site.settings.base_url).rstrip("/") + "/"
    app.config["BASE_URL"] = base_url
    freezer = Freezer(app, with_no_argument_rules=False, log_url_for=False, with_static_files=False)
    freezer.register_generator(lambda: urls(state.loaded(app), app.config["ASSETS"]))
    try:
        with warnings.catch_warnings():
            # Our one generator yields URLs, not endpoints, so Frozen-Flask cannot tally them.
            warnings.simplefilter("ignore", MissingURLGeneratorWarning)
            written = freezer.freeze()
    finally:
        app.config["FREEZING"] = False
        app.config.pop("BASE_URL")
    parts = urlsplit(base_url)
    with app.test_request_context("/404.html", base_url=f"{parts.scheme}://{parts.netloc}{parts.path}"):
        set_lang("cy")
        html = render_template("404.html", alternate=None, bilingual=True)
    (out / "404.html").write_text(html, encoding="utf-8")
    after = tools.after_freeze(app, out)  # last: the offline worker is named for a hash of the rest
    (out / MARKER).write_text("Written by build.py freeze. The next freeze replaces this whole folder.\n",
                              encoding="utf-8")
    return len(written) + 1 + len(after)
