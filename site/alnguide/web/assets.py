"""Static files under content-hashed names (css/main.3f2a9c1e0b.css) with a year's cache
lifetime, in `serve` and in the export, so a returning visitor downloads only the HTML."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Blueprint, Flask, abort, current_app, send_from_directory

from alnguide.paths import STATIC

ONE_YEAR = 365 * 24 * 3600


def hashed_names(folder: Path = STATIC) -> dict[str, str]:
    """Logical name ('css/main.css') -> hashed name ('css/main.<10 hex>.css')."""
    names = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        logical = path.relative_to(folder).as_posix()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        stem, dot, suffix = logical.rpartition(".")
        names[logical] = f"{stem}.{digest}.{suffix}" if dot else f"{logical}.{digest}"
    return names


def asset_path(name: str) -> str:
    """The site path of a static file, by its logical name."""
    return f"/static/{current_app.config['ASSETS'][name]}"


def serve_asset(filename: str):
    logical = current_app.config["ASSETS_BY_HASH"].get(filename)
    if logical is None:  # only files we hashed: no traversal, no guessing
        abort(404)
    response = send_from_directory(STATIC, logical, max_age=ONE_YEAR)
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response


def register(app: Flask) -> None:
    names = hashed_names()
    app.config["ASSETS"] = names
    app.config["ASSETS_BY_HASH"] = {hashed: logical for logical, hashed in names.items()}
    bp = Blueprint("assets", __name__)
    bp.add_url_rule("/static/<path:filename>", "file", serve_asset)
    app.register_blueprint(bp)
