"""The search page, /en/search/?q= and /cy/chwilio/?q=: server results when served, and in the
export the same page with the A–Z, which static/js/search.js replaces with results."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlencode

from flask import Blueprint, Flask, abort, current_app, g, make_response, render_template, request
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms import Form, StringField
from wtforms.validators import Length, Regexp

from alnguide import state
from alnguide.languages import LANGUAGES, other, search_path
from alnguide.search.analysis import TOKEN, fold
from alnguide.search.static_index import StaticIndex, build
from alnguide.web.caching import never_store
from alnguide.web.i18n import N_, pick_language, template_of
from alnguide.web.urls import link
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


ENGLAND = N_("‘%(word)s’ is used in England. In Wales, it is called %(term)s.")
SHOWING = N_("Showing %(first)d to %(last)d of %(total)d")
# A query that finds nothing here but does in the other language (a Welsh word on the English
# search, "tribunal" on the Welsh one): a link to that search, named in this page's language.
OTHER_LANGUAGE = {"cy": N_("Search the Welsh pages for ‘%(query)s’"),
                  "en": N_("Search the English pages for ‘%(query)s’")}
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_PAGE = 100


def page_number(value: str | None) -> int:
    """?page=N: a whole number from 1; anything else is the first page (never an error)."""
    return int(value) if value and value.isdigit() and 0 < int(value) <= MAX_PAGE else 1


def england_line(query: str, lang: str) -> Markup | None:
    """One line when the query uses a word from England's SEN system: what Wales calls it,
    linked to the glossary's entry."""
    folded = f" {' '.join(TOKEN.findall(fold(query)))} "
    words = sorted(site().england_words[lang].items(), key=lambda item: -len(item[0]))
    found = next(((w, t) for w, t in words if f" {' '.join(TOKEN.findall(fold(w)))} " in folded), None)
    if found is None:
        return None
    word, term = found[0], site().term(found[1])
    name = term.term[lang] + (f" ({term.abbr[lang]})" if term.abbr[lang] else "")
    href = link(f"{site().pages[lang]['glossary'].url}#term-{term.id}")
    target = Markup('<a href="{}">{}</a>').format(href, name)
    line = gettext(ENGLAND)
    return Markup(escape(line)) % {"word": word, "term": target}


def other_language_link(query: str, lang: str, total: int) -> Markup | None:
    """When nothing matches in this language but pages in the other language do: a link to the
    other language's search for the same words, the words marked as that language."""
    there = other(lang)
    if total or not state.current().search.search(query, there).total:
        return None
    words = Markup('<span lang="{}">{}</span>').format(there, query)
    href = link(search_path(there)) + f"?{urlencode({'q': query})}"
    text = Markup(escape(gettext(OTHER_LANGUAGE[there]))) % {"query": words}
    return Markup('<a href="{}" hreflang="{}">{}</a>').format(href, there, text)


def other_manifest(lang: str) -> str:
    """The other language's index, relative to this search page (the export's hint reads it)."""
    there = other(lang)
    return posixpath.relpath(search_path(there) + static_index_of(there).manifest, search_path(lang))


def search_page():
    form = SearchForm(request.args)
    query = (form.q.data or "").strip()
    alternate = search_path(other(g.lang)) + (f"?{urlencode({'q': form.q.data})}" if form.q.data else "")
    freezing = current_app.config.get("FREEZING")
    context = {"form": form, "query": query, "shown_query": CONTROL.sub("", form.q.data or ""),
               "static_index": static_index_of(g.lang).manifest if freezing else None,
               "script_texts": {"england": template_of(ENGLAND), "showing": template_of(SHOWING),
                                "other": template_of(OTHER_LANGUAGE[other(g.lang)])},
               "other_index": other_manifest(g.lang) if freezing else None,
               "alternate": alternate, "results": None, "a_to_z": None, "counts": result_counts(g.lang)}
    if freezing or not query:
        # The export's page runs the query in the browser; the A to Z is there for readers
        # without JavaScript, or when the index cannot be read.
        context["a_to_z"] = site().a_to_z(g.lang)
        return render_template("search.html", **context)
    if not form.validate():
        return never_store(make_response(render_template("search.html", **context), 400))
    results = state.current().search.search(query, g.lang, page_number(request.args.get("page")))
    context.update(results=results, england=england_line(query, g.lang),
                   other_language=other_language_link(query, g.lang, results.total),
                   page_url=lambda n: f"?{urlencode({'q': query, 'page': n})}")
    return never_store(make_response(render_template("search.html", **context)))


def static_index_of(lang: str, loaded: state.Loaded | None = None) -> StaticIndex:
    """The export's index for one language, made once from this content (the freezer's and the
    search page's are the same object)."""
    held = loaded or state.current()
    return held.once(f"static-index-{lang}", lambda: build(held.site, lang, search_path(lang)))  # type: ignore


def static_file(name: str):
    """A piece of the export's search index (see search/static_index.py); names carry a hash."""
    body = static_index_of(g.lang).files.get(name)
    if body is None:
        abort(404)
    return current_app.response_class(body, mimetype="application/json")


def register(app: Flask) -> None:
    bp = Blueprint("search", __name__)
    bp.url_value_preprocessor(pick_language)
    for lang in LANGUAGES:
        bp.add_url_rule(search_path(lang), "page", search_page, defaults={"lang": lang})
        bp.add_url_rule(search_path(lang) + "<path:name>", "index", static_file, defaults={"lang": lang})
    app.register_blueprint(bp)
