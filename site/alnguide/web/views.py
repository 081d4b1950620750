"""Page views: the bilingual landing page, each language's home, content pages, 404s."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import Blueprint, Flask, abort, current_app, g, make_response, render_template, request
from flask_babel import force_locale, format_date, gettext
from werkzeug.exceptions import HTTPException

from alnguide import state
from alnguide.content.glossary import a_to_z
from alnguide.content.model import Site
from alnguide.content.sources import segments
from alnguide.languages import LANGUAGES, deadlines_path, other, pathways_path, search_path
from alnguide.tools.deadlines.views import mentioned
from alnguide.web import urls
from alnguide.web.assets import asset_path
from alnguide.web.fragments import fragment
from alnguide.web.i18n import language_of_path, pick_language, set_lang, template_gettext
from alnguide.web.urls import base_url

bp = Blueprint("pages", __name__)


def site() -> Site:
    return state.current().site


bp.url_value_preprocessor(pick_language)


@bp.route("/")
def landing():
    set_lang("cy")  # Welsh first on bilingual pages
    return render_template("landing.html", homes={lang: site().home(lang) for lang in LANGUAGES},
                           bilingual=True)


@bp.route("/<any(cy,en):lang>/")
def home():
    page = site().home(g.lang)
    return render_template("home.html", page=page, alternate=site().counterpart(page).url)


@bp.route("/<any(cy,en):lang>/<slug>/")
def page(slug: str):
    found = site().page(g.lang, slug)
    if found is None:
        abort(404)
    return render_template("page.html", page=found, alternate=site().counterpart(found).url,
                           section=site().section(found.section))


@bp.route("/sitemap.xml")
def sitemap():
    pages = [p for lang in LANGUAGES for p in site().pages[lang].values()]
    body = render_template("sitemap.xml", pages=pages, base=base_url())
    return current_app.response_class(body, mimetype="application/xml")


@bp.route("/robots.txt")
def robots():
    body = f"User-agent: *\nAllow: /\nSitemap: {base_url()}/sitemap.xml\n"
    return current_app.response_class(body, mimetype="text/plain")


@bp.route("/404.html")
def not_found_page():
    """The export's error page: the host serves it for any missing address, at any depth."""
    return render_template("404.html", alternate=None, bilingual=True)


@bp.route("/<any('400','405','429'):code>.html")
def proxy_error_page(code: str):
    """The pages the documented nginx shows for what it refuses itself (an address or headers
    too long, raw bytes in the address, a method it does not take, too many searches), with the
    guide's headers. Bilingual: such a request has no language."""
    set_lang("cy")
    status = int(code)
    page = render_template("error.html", alternate=None, bilingual=True, status=status)
    response = make_response(page, status)
    if status == 405:
        response.headers["Allow"] = "GET, HEAD"
    return response


def handle_error(error: HTTPException):
    bilingual = not request.path.startswith(("/cy/", "/en/"))
    set_lang("cy" if bilingual else language_of_path())  # Welsh first on bilingual pages
    status = error.code or 500
    template = "404.html" if status == 404 else "error.html"
    response = make_response(render_template(template, error=error, alternate=None, bilingual=bilingual,
                                             status=status, restart_url=_pathway_start(request.path)), status)
    if status == 405:  # which methods the address does take (RFC 9110, 15.5.6)
        allowed = getattr(error, "valid_methods", None) or ["GET", "HEAD"]
        response.headers["Allow"] = ", ".join(sorted(allowed))
    return response


def _pathway_start(path: str) -> str | None:
    """For an address inside a question guide, the guide's start: the way back from a bad path."""
    parts = path.strip("/").split("/")
    if len(parts) >= 3 and parts[0] in LANGUAGES and f"/{parts[0]}/{parts[1]}/" == pathways_path(parts[0]):
        pathway = site().pathway(parts[0], parts[2])
        return pathway.url(parts[0]) if pathway else None
    return None


LANGUAGE_NAMES = {"cy": "Cymraeg", "en": "English"}  # each in its own language, never a flag
FOOTER_PAGES = ("accessibility", "privacy", "about", "glossary", "adviser-quick-reference")


def gettext_in(lang: str, message: str, **values: str) -> str:
    """An interface string in a given language, for the bilingual pages."""
    with force_locale(lang):
        return gettext(message, **values)


def feedback_url() -> str:
    """The council's feedback page, or an email to the publisher with a subject saying why."""
    settings = site().settings
    return settings.feedback[g.lang] or "mailto:{}?{}".format(
        settings.contact.email, urlencode({"subject": gettext("Feedback on the ALN Guide")}, quote_via=quote))


def template_helpers() -> dict:
    lang = getattr(g, "lang", "en")
    prefix = urls.root()

    def link(path: str) -> str:
        return prefix + path

    return {
        "_": template_gettext(lang),
        "site": site(),
        "lang": lang,
        "other_lang": other(lang),
        "language_names": LANGUAGE_NAMES,
        "footer_pages": FOOTER_PAGES,
        "pick": lambda mapping: mapping[lang],
        "link": link,
        "absolute": urls.absolute,
        "asset": lambda name: link(asset_path(name)),
        "localise": lambda html: urls.localise_links(html, prefix),
        "gettext_in": gettext_in,
        "feedback_url": feedback_url,
        "source_segments": lambda text: segments(text, lang, site().sources),
        "clocks_in": lambda *html: mentioned(site(), lang, *html),
        "format_date": lambda d: format_date(d, format="d MMMM y"),  # 20 November 2026
        "pathways_url": pathways_path,
        "search_url": search_path,
        "deadlines_url": deadlines_path,
        "fragment": fragment,
        "glossary_a_to_z": lambda: a_to_z(site().glossary, lang),
    }


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.context_processor(template_helpers)
    app.register_error_handler(HTTPException, handle_error)
