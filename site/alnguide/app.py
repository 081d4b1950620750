"""The application factory: one site model, loaded once, shared by every view."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from . import i18n, pathway_views, search_views, views
from .loader import CONTENT, load_site
from .model import Site

ROOT = Path(__file__).resolve().parents[2]


def create_app(site: Site | None = None, content: Path = CONTENT) -> Flask:
    app = Flask(__name__, static_folder=str(ROOT / "static"), static_url_path="/static")
    app.config["SITE"] = site or load_site(content)
    app.config["FREEZER_RELATIVE_URLS"] = True
    app.config["FREEZER_DESTINATION"] = str(ROOT / "build")
    i18n.init_babel(app)
    views.register(app)
    pathway_views.register(app)
    search_views.register(app)
    return app
