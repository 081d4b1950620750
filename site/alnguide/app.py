"""The application factory: one site model, loaded once, shared by every view."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from alnguide.content.loader import CONTENT, load_site
from alnguide.content.model import Site
from alnguide.guides import views as pathway_views
from alnguide.paths import ROOT
from alnguide.search import views as search_views
from alnguide.web import assets, i18n, security, views


def create_app(site: Site | None = None, content: Path = CONTENT) -> Flask:
    app = Flask(__name__, static_folder=None)  # static files are served by assets.py, hashed
    app.config["SITE"] = site or load_site(content)
    app.config["FREEZER_RELATIVE_URLS"] = True
    app.config["FREEZER_DESTINATION"] = str(ROOT / "build")
    i18n.init_babel(app)
    assets.register(app)
    security.register(app)
    views.register(app)
    pathway_views.register(app)
    search_views.register(app)
    return app
