"""Several councils in one deployment: each council's guide under its own path (/<id>/), the
same application as a single council's, and a bilingual chooser at the root.

With one pack there is no chooser and no council in any address (create_app alone), so a
council's published links never change when the national layer is updated."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, render_template, request
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from alnguide import state
from alnguide.app import create_app, template_cache
from alnguide.councils.packs import choose
from alnguide.languages import LANGUAGES
from alnguide.paths import content_folder
from alnguide.web import assets, i18n, security
from alnguide.web.views import gettext_in

EXTENSION = "alnguide-councils"


def create(content: Path | None = None, council: str | None = None) -> Flask:
    """The application for what was asked: one council's guide, or, for several packs (or
    `all`), the chooser with every council's guide mounted under it."""
    content = content or content_folder()
    packs = choose(content, council)
    if len(packs) <= 1:
        return create_app(content=content, council=str(packs[0].path) if packs else None)
    return create_chooser({pack.id: create_app(content=content, council=str(pack.path)) for pack in packs})


def create_chooser(guides: dict[str, Flask]) -> Flask:
    app = Flask(__name__.rsplit(".", 2)[0], static_folder=None)
    app.jinja_env.bytecode_cache = template_cache()
    app.extensions[EXTENSION] = guides
    i18n.init_babel(app)
    assets.register(app)
    security.register(app)
    app.add_url_rule("/", "chooser", lambda: chooser_page(app))
    app.add_url_rule("/404.html", "not_found", lambda: chooser_page(app, not_found=True))
    app.register_error_handler(404, lambda error: (chooser_page(app, not_found=True), 404))
    app.add_url_rule("/robots.txt", "robots", lambda: (
        "User-agent: *\nAllow: /\n" + "".join(f"Sitemap: {request.url_root}{council_id}/sitemap.xml\n"
                                               for council_id in guides), {"Content-Type": "text/plain"}))
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {  # type: ignore[method-assign]
        f"/{council_id}": guide.wsgi_app for council_id, guide in guides.items()})
    return app


def chooser_page(app: Flask, not_found: bool = False) -> str:
    """The root page: every council by name, in Welsh and then in English. Its links are
    relative, so it works at the root of any sub-path, served or exported. The root's 404 page
    is the same list under "Page not found"."""
    guides = guides_of(app)
    # The 404 page is shown at any depth: its links start at the guide's root path.
    root = (app.config.get("EXPORT_ROOT") or request.script_root + "/") if not_found else ""
    return render_template("councils/chooser.html", councils=councils(app), languages=LANGUAGES,
                           gettext_in=gettext_in, not_found=not_found, root=root,
                           site_name=state.loaded(next(iter(guides.values()))).site.settings.site_name,
                           chooser_asset=lambda name: f"{root}static/{app.config['ASSETS'][name]}")


def guides_of(app: Flask) -> dict[str, Flask]:
    """Each council's application by id: the app itself, alone, when it is one council's."""
    return app.extensions.get(EXTENSION) or {"": app}


def councils(app: Flask) -> list[dict[str, object]]:
    """What the chooser lists: each council's names in both languages, in Welsh order."""
    found = []
    for council_id, guide in guides_of(app).items():
        settings = state.loaded(guide).site.settings
        found.append({"id": council_id, "names": dict(settings.organisation)})
    return sorted(found, key=lambda c: str(c["names"]["cy"]).casefold())
