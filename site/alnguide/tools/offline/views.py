"""The offline tool's addresses: the service worker at the site's root (/sw.js), the offline
pages (/en/offline/, /cy/all-lein/) and, per language, the list "save the whole guide" downloads
(/offline-en.json, /offline-cy.json), with the size of each file.

The worker's logic is one readable template (templates/tools/sw.js); each build fills in its
version and the addresses it keeps. Served, the version is a hash of the content (saving.py);
in the export the freezer writes the worker and the lists after everything else, so the version
is a hash of the export's files and the sizes are those of the files written."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from flask import Blueprint, Flask, current_app, g, render_template

from alnguide import state
from alnguide.export.freezing import Written, gzipped_size
from alnguide.guides.pathways import CHANGE_SEGMENT
from alnguide.languages import LANGUAGES, offline_path, other, pathways_path
from alnguide.search.static_index import to_json
from alnguide.tools.offline import saving
from alnguide.web.i18n import N_, pick_language, set_lang, template_of

JAVASCRIPT = "text/javascript; charset=utf-8"
# The template's block comments, each on lines of its own (never one inside a line of code).
SOURCE_NOTE = "/* The guide's offline worker; its source, with notes: templates/tools/sw.js */\n"
COMMENT = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n", re.M | re.S)


# What the "save the whole guide" button says, with placeholders static/js/offline-save.js fills.
TEXTS = {
    "size": N_("Saving the whole guide downloads %(pages)s pages, about %(size)s."),
    "saving": N_("Saving: %(done)s of %(pages)s pages"),
    "done": N_("Saved: %(pages)s pages, %(size)s. The whole guide now works on this phone with no signal."),
    "failed": N_("Saved %(done)s of %(pages)s pages: the others could not be fetched. "
                 "Check your signal and try again."),
}


def template_helpers() -> dict:
    return {"offline_texts": {key: template_of(text) for key, text in TEXTS.items()},
            "offline_url": offline_path}


def worker_script(loaded: state.Loaded, version: str, export: bool) -> str:
    core = {lang: [saving.relative(p, export) for p in saving.core_paths(loaded, lang)] for lang in LANGUAGES}
    offline = {lang: saving.relative(offline_path(lang), export) for lang in LANGUAGES}
    lists = [saving.list_name(lang) for lang in LANGUAGES]
    guides = {lang: saving.relative(pathways_path(lang), False) for lang in LANGUAGES}
    script = render_template("tools/sw.js", version=version, core=core, offline=offline, lists=lists,
                             own=saving.own_addresses(), guides=guides, export=export,
                             change=CHANGE_SEGMENT)
    # Every new reader downloads it: its notes stay in the source.
    return SOURCE_NOTE + COMMENT.sub("", script)


def download_list(lang: str, version: str, sizes: list[tuple[str, str, int]]) -> str:
    """What "save the whole guide" fetches for one language: (site path, address, gzipped bytes)
    each, written as [address, bytes], with the number of pages and the total."""
    pages = sum(1 for path, _, _ in sizes if saving.is_page(path))
    return to_json({"lang": lang, "version": version, "pages": pages,
                    "bytes": sum(s for _, _, s in sizes), "sizes": "gzip",
                    "files": [[rel, size] for _, rel, size in sizes]})


def summary_of(listed: str) -> str:
    """The list without its files: what the home page says before the reader taps "save"."""
    found = json.loads(listed)
    return to_json({key: found[key] for key in ("lang", "version", "pages", "bytes", "sizes")})


def offline_page():
    site = state.current().site
    lang = g.lang
    return render_template("tools/offline.html", guides=site.pathways,
                           alternate=offline_path(other(lang)))


def worker():
    loaded = state.current()
    body = worker_script(loaded, saving.served_version(loaded, current_app.config["ASSETS"]), export=False)
    response = current_app.response_class(body, content_type=JAVASCRIPT)
    response.headers["Cache-Control"] = "no-cache"
    return response


def served_list(lang: str) -> str:
    """The served site's list, measured once per load of the content by asking the site for each
    address (the export's is measured on the files it wrote). Measured outside `once`, whose lock
    the pages it asks for take themselves."""
    loaded = state.current()
    key = f"offline-list-{lang}"
    if not loaded.has(key):
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        client = app.test_client()
        sizes = []
        for path in saving.language_paths(loaded, app.config["ASSETS"], lang):
            response = client.get(path)
            if response.status_code == 200:
                sizes.append((path, saving.relative(path, False), gzipped_size(response.get_data())))
        made = download_list(lang, saving.served_version(loaded, app.config["ASSETS"]), sizes)
        loaded.once(key, lambda: made)
    return str(loaded.once(key, str))


def language_list():
    response = current_app.response_class(served_list(g.lang), content_type="application/json")
    response.headers["Cache-Control"] = "no-cache"
    return response


def language_summary():
    response = current_app.response_class(summary_of(served_list(g.lang)), content_type="application/json")
    response.headers["Cache-Control"] = "no-cache"
    return response


def register(app: Flask) -> None:
    bp = Blueprint("offline", __name__)
    bp.url_value_preprocessor(pick_language)
    for lang in LANGUAGES:
        bp.add_url_rule(offline_path(lang), "page", offline_page, defaults={"lang": lang})
        bp.add_url_rule("/" + saving.list_name(lang), f"list_{lang}", language_list, defaults={"lang": lang})
        bp.add_url_rule("/" + saving.summary_name(lang), f"summary_{lang}", language_summary,
                        defaults={"lang": lang})
    bp.add_url_rule("/" + saving.WORKER, "worker", worker)
    app.register_blueprint(bp)
    app.context_processor(template_helpers)


def export_urls(loaded: state.Loaded):
    for lang in LANGUAGES:
        yield offline_path(lang)


def after_freeze(app: Flask, out: Path, measured: Mapping[str, Written]) -> list[str]:
    """Write the worker and the lists into a finished export; returns the files written. Sizes
    and the version come from what the freeze measured as it wrote each file."""
    loaded = state.loaded(app)
    written = [saving.WORKER, *(saving.list_name(lang) for lang in LANGUAGES),
               *(saving.summary_name(lang) for lang in LANGUAGES)]
    version = saving.export_version(measured)
    for lang in LANGUAGES:
        sizes = []
        for path in saving.language_paths(loaded, app.config["ASSETS"], lang):
            rel = saving.relative(path, True)
            sizes.append((path, rel, measured[rel].gzipped))
        listed = download_list(lang, version, sizes)
        (out / saving.list_name(lang)).write_text(listed, encoding="utf-8")
        (out / saving.summary_name(lang)).write_text(summary_of(listed), encoding="utf-8")
    app.config["FREEZING"] = True  # the addresses the export's worker keeps are its files
    try:
        with app.test_request_context("/" + saving.WORKER):
            set_lang("en")
            script = worker_script(loaded, version, export=True)
    finally:
        app.config["FREEZING"] = False
    (out / saving.WORKER).write_text(script, encoding="utf-8")
    return written
