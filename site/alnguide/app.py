"""The application factory: one site model, loaded once, shared by every view."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from jinja2 import FileSystemBytecodeCache

from alnguide import state, tools
from alnguide.content import render_cache
from alnguide.content.loader import load_site
from alnguide.content.model import Site
from alnguide.councils.packs import chosen
from alnguide.guides import views as pathway_views
from alnguide.paths import ROOT, content_folder
from alnguide.search import views as search_views
from alnguide.web import assets, caching, i18n, page_cache, security, urls, views
from alnguide.web.hosts import ServedHosts


def template_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between processes (Jinja checks each template's age itself), so a
    freeze or a new worker does not compile 40 templates again; None where it cannot be kept."""
    folder = render_cache.FOLDER / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    # Jinja writes as it renders, and a failed write would fail the page: only a folder we can write
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK | os.X_OK) else None


def create_app(site: Site | None = None, content: Path | None = None, council: str | None = None
               ) -> Flask:
    """One council's guide (the only pack, or the one named: see councils/packs.py). Several
    councils in one deployment are several of these under one chooser (web/councils.py)."""
    content = content or content_folder()
    council = council or chosen()
    app = Flask(__name__, static_folder=None)  # static files are served by assets.py, hashed
    app.jinja_env.bytecode_cache = template_cache()
    state.install(app, state.Loaded(site or load_site(content, council=council), content, council))
    app.config["TRUSTED_HOSTS"] = ServedHosts(app)  # read per request: a reload may move the site
    app.config["FREEZER_RELATIVE_URLS"] = True
    app.config["FREEZER_DESTINATION"] = str(ROOT / "build")
    i18n.init_babel(app)
    assets.register(app)
    security.register(app)
    caching.register(app)
    views.register(app)
    pathway_views.register(app)
    search_views.register(app)
    tools.register(app)
    page_cache.register(app)
    urls.register(app)  # last, so its after_request runs first
    return app
