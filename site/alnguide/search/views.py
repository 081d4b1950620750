"""The search page, /en/search/?q= and /cy/chwilio/?q=: server results when served, and in the
export the same page with the A–Z, which static/js/search.js replaces with results."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Flask, current_app, g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import Form, StringField
from wtforms.validators import Length, Regexp

from alnguide.languages import LANGUAGES, other, search_path
from alnguide.search.server_index import SearchIndex
from alnguide.search.static_index import build, to_json
from alnguide.web.i18n import pick_language
from alnguide.web.views import site

MAX_QUERY = 200


class SearchForm(Form):
    q = StringField(_l("Search this guide"), validators=[
        Length(max=MAX_QUERY, message=_l("Enter %(max)d characters or fewer", max=MAX_QUERY)),
        Regexp(r"^[^\x00-\x1f\x7f]*$", message=_l("Remove the special characters from your search")),
    ])


def result_counts(lang: str) -> list[dict]:
    """Each plural form of 'N results', for the browser script (Welsh has six)."""
    samples = (0, 1, 2, 3, 6, 7) if lang == "cy" else (1, 7)
    return [{"n": n, "text": ngettext("%(num)d result", "%(num)d results", n)} for n in samples]


def search_page():
    form = SearchForm(request.args)
    query = (form.q.data or "").strip()
    alternate = search_path(other(g.lang)) + (f"?{urlencode({'q': form.q.data})}" if form.q.data else "")
    context = {"form": form, "query": query, "alternate": alternate, "results": None,
               "a_to_z": site().a_to_z(g.lang), "counts": result_counts(g.lang)}
    if current_app.config.get("FREEZING") or not query:
        return render_template("search.html", **context)
    if not form.validate():
        return render_template("search.html", **context), 400
    context["results"] = current_app.config["SEARCH"].search(query, g.lang)
    return render_template("search.html", **context)


def static_index():
    """The export's search index for this language, made from the same analysis."""
    cache = current_app.config.setdefault("STATIC_SEARCH", {})
    if g.lang not in cache:
        cache[g.lang] = to_json(build(site(), g.lang, search_path(g.lang)))
    return current_app.response_class(cache[g.lang], mimetype="application/json")


def register(app: Flask) -> None:
    app.config["SEARCH"] = SearchIndex(app.config["SITE"])
    bp = Blueprint("search", __name__)
    bp.url_value_preprocessor(pick_language)
    for lang in LANGUAGES:
        bp.add_url_rule(search_path(lang), "page", search_page, defaults={"lang": lang})
        bp.add_url_rule(search_path(lang) + "index.json", "index", static_index, defaults={"lang": lang})
    app.register_blueprint(bp)
