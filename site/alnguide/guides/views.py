"""Pathway views: the list of pathways, and one view for every step, read from the URL.

Answers are links, not a form, so every step works without JavaScript or a server and has
its own address. A path the pathway does not define is a 404 with a way back to the start.
"""

from __future__ import annotations

from flask import Blueprint, abort, g, render_template

from alnguide.guides.pathways import walk
from alnguide.languages import LANGUAGES, other, pathways_path
from alnguide.web.i18n import pick_language
from alnguide.web.views import site


def index():
    return render_template("pathways/index.html",
                           alternate=pathways_path(other(g.lang)))


def step(pathway_slug: str, answers: str = ""):
    pathway = site().pathway(g.lang, pathway_slug)
    if pathway is None:
        abort(404)
    found = walk(pathway, g.lang, answers.split("/") if answers else [])
    if found is None:
        abort(404)  # the error handler offers the guide's start
    alternate = found.url(other(g.lang))  # the same step, answers (and kept answers) and all
    template = "pathways/outcome.html" if found.outcome else "pathways/question.html"
    return render_template(template, pathway=pathway, step=found, alternate=alternate)


def register(app) -> None:
    """Rules per language, since the URL words differ (/en/pathways/, /cy/llwybrau/)."""
    bp = Blueprint("pathways", __name__)
    bp.url_value_preprocessor(pick_language)
    for lang in LANGUAGES:
        base = pathways_path(lang)
        defaults = {"lang": lang}
        bp.add_url_rule(base, "index", index, defaults=defaults)
        bp.add_url_rule(base + "<pathway_slug>/", "step", step, defaults=defaults)
        bp.add_url_rule(base + "<pathway_slug>/<path:answers>/", "step", step, defaults=defaults)
    app.register_blueprint(bp)
