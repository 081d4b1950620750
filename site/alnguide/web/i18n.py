"""Interface words through Flask-Babel. A missing or stale Welsh catalogue is an error, because
Flask-Babel would otherwise quietly show English on Welsh pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel import support
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, g, request
from flask_babel import Babel, refresh
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

from alnguide.languages import LANGUAGES
from alnguide.paths import TRANSLATIONS


class CatalogueError(RuntimeError):
    pass


def check_catalogues(translations: Path = TRANSLATIONS) -> None:
    """Every non-English language needs a compiled .mo at least as new as its .po."""
    for lang in LANGUAGES:
        if lang == "en":
            continue
        po = translations / lang / "LC_MESSAGES" / "messages.po"
        mo = po.with_suffix(".mo")
        if not mo.exists():
            raise CatalogueError(f"{mo} is missing: run `python build.py compile`")
        if mo.stat().st_mtime < po.stat().st_mtime:
            raise CatalogueError(f"{mo} is older than {po.name}: run `python build.py compile`")


def current_lang() -> str:
    return getattr(g, "lang", "en")


def language_of_path() -> str:
    first = request.path.strip("/").split("/", 1)[0]
    return first if first in LANGUAGES else "en"


def pick_language(endpoint: str | None, values: dict | None) -> None:
    """URL value preprocessor for every view: the language from the URL rule, or the path."""
    set_lang((values or {}).pop("lang", None) or language_of_path())


def set_lang(lang: str) -> None:
    """Set the request's language and drop Flask-Babel's cached locale. The cache lives on `g`,
    which the freezer's requests share (one app context), so without this the first page's
    language would leak into every page after it."""
    g.lang = lang
    refresh()


def N_(message: str) -> str:  # noqa: N802 (Babel's marker for a message translated later)
    """Marks a message for extraction where it is written, to be translated where it is used."""
    return message


@cache
def catalogue(lang: str) -> support.NullTranslations:
    """The compiled catalogue of one language, read once per process."""
    return support.Translations.load(str(TRANSLATIONS), [lang], "messages")


def template_of(message: str) -> str:
    """A message's translation with its placeholders left in, for the browser script to fill
    (`_()` in a template always formats, and would fail on them)."""
    return catalogue(current_lang()).ugettext(message)


def template_gettext(lang: str) -> Callable[..., str]:
    """The templates' `_()` for one render, in one language: what Jinja's i18n extension does
    (translate, escape the values, fill them in) in one call. The extension's own `_` looks the
    language up again and goes through two template calls for every word: a fifth of a page."""
    translations = catalogue(lang)

    @pass_eval_context
    def gettext(eval_context: EvalContext, message: str, **values: object) -> str:
        translated = translations.ugettext(message)
        if eval_context.autoescape:
            translated = Markup(translated)
        return translated % values if values or "%" in translated else translated

    return gettext


def init_babel(app: Flask) -> None:
    check_catalogues()
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    app.config["BABEL_DEFAULT_LOCALE"] = "en"
    Babel(app, locale_selector=current_lang)
    # Templates look each word up in the request's language directly. Flask-Babel's own lookup
    # resolves the locale again for every word: a quarter of the time a page takes to render.
    app.jinja_env.install_gettext_callables(
        gettext=template_of,
        ngettext=lambda s, p, n: catalogue(current_lang()).ungettext(s, p, n),
        newstyle=True,
    )


def compile_translations() -> list[str]:
    """Compile every .po to .mo (never committed). Fuzzy entries are left out, as pybabel does."""
    written = []
    for po_path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as handle:
            catalogue = read_po(handle)
        with po_path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalogue)
        written.append(str(po_path.with_suffix(".mo")))
    return written
