"""The deadline calculator's page, /en/deadlines/ and /cy/terfynau-amser/: a GET form answered by
the server; in the export the same page explains each rule with a worked example, and
static/js/deadlines.js answers the form in the browser from the same data and rules."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from babel.dates import format_date, get_day_names, get_month_names
from flask import Blueprint, Flask, current_app, g, render_template, request
from flask_babel import gettext

from alnguide import state
from alnguide.content.model import Site
from alnguide.guides.pathways import all_steps
from alnguide.languages import LANGUAGES, deadlines_path, other
from alnguide.search.static_index import to_json
from alnguide.tools.deadlines.rules import Clock, Due, due_date, read_date
from alnguide.web.caching import never_store
from alnguide.web.i18n import N_, pick_language, template_of
from alnguide.web.urls import link

DATE_FORMAT = "EEEE d MMMM y"  # "Monday 10 December 2018", "Dydd Llun 10 Rhagfyr 2018"
# What a result says. The same words, with their placeholders, go to the browser script.
TEXTS = {
    "due": N_("%(clock)s: normally by %(date)s"),
    "estimate": N_("This is an estimate: the exact date is written on the decision letter."),
    "school-days": N_("Counted %(amount)s school days from %(start)s, starting with the next school day. "
                      "Weekdays left out as school holidays: %(holidays)s."),
    "no-terms": N_("This guide has no school term dates from %(from)s, so those days were counted as "
                   "weekdays. This is the earliest the date can be: school holidays and training days push "
                   "it later. Ask the school for its term dates."),
    "weeks": N_("Counted %(amount)s weeks from %(start)s."),
    "days": N_("Counted %(amount)s days from %(start)s."),
    "passed": N_("This date has passed."),
}
ERRORS = {
    "missing": N_("Enter the date, with its day, month and year"),
    "numbers": N_("Enter the date in numbers, for example 3 2 2026"),
    "not-a-date": N_("Enter a real date, for example 3 2 2026"),
    "out-of-range": N_("Enter a date within two years of today"),
    "clock": N_("Choose the time limit you want to work out"),
}


def mentioned(site: Site, lang: str, *html: str) -> list[tuple[Clock, str]]:
    """The time limits some text states ("35 school days"), each with the calculator's address
    set to it: every page and outcome that states one links to it."""
    text = " ".join(html)
    return [(clock, f"{deadlines_path(lang)}?{urlencode({'clock': clock.id})}")
            for clock in site.clocks.values() if any(m in text for m in clock.words[lang].mentions)]


def long_date(day: datetime.date, lang: str) -> str:
    return format_date(day, DATE_FORMAT, locale=lang)


def letter_and_guide(site: Site, clock: Clock, lang: str) -> dict:
    """Where to go when the date passes: the outcome that holds the clock's letter, and its guide."""
    found: dict = {}
    if clock.letter:
        for pathway in site.pathways:
            steps = (s for s in all_steps(pathway) if s.outcome and s.outcome.letter == clock.letter)
            step = next(steps, None)
            if step:
                found["letter"] = (site.letters[lang][clock.letter].title,
                                   link(pathway.url(lang, step.answers)) + "#letter")
                break
    if clock.guide:
        guide = site.guide(clock.guide)
        found["guide"] = (guide.title[lang], link(guide.url(lang)))
    return found


def explain(due: Due, lang: str) -> dict:
    """What the page says about one result, in the reader's language."""
    def say(key: str, **values: str) -> str:
        message = TEXTS[key]  # (by name: Babel extracts the messages from TEXTS itself)
        return gettext(message, **values)

    words = due.clock.words[lang]
    return {
        "heading": say("due", clock=words.name, date=long_date(due.date, lang)),
        "date": due.date,
        "counted": say(due.clock.unit, amount=str(due.clock.amount), start=long_date(due.start, lang),
                       holidays=str(due.holidays)),
        "no_terms": (say("no-terms", **{"from": long_date(due.no_terms_from, lang)})
                     if due.no_terms_from else ""),
        "estimate": say("estimate") if due.clock.sure == "check" else "",
    }


def script_data(site: Site, lang: str) -> str:
    """What static/js/deadlines.js needs, as JSON for a data attribute: the rules, the terms, the
    words (with their placeholders), and Babel's month and day names (Chromium's Intl writes
    Welsh dates in English)."""
    days = get_day_names("wide", locale=lang)
    months = get_month_names("wide", locale=lang)
    def term(t) -> list:
        return [t.start.isoformat(), t.end.isoformat(), [[a.isoformat(), b.isoformat()] for a, b in t.breaks],
                sorted(d.isoformat() for d in t.closed)]

    calendar = [[term(t) for t in year.terms] for year in (site.calendar.years if site.calendar else ())]
    return to_json({
        "clocks": {c.id: {"unit": c.unit, "amount": c.amount, "sure": c.sure, "name": c.words[lang].name}
                   for c in site.clocks.values()},
        "calendar": calendar,
        "days": [days[i] for i in range(7)],  # Monday first, as Python counts
        "months": [months[i] for i in range(1, 13)],
        "texts": {key: template_of(text) for key, text in TEXTS.items()},
        "errors": {key: gettext(text) for key, text in ERRORS.items()},
    })


def page():
    site: Site = state.current().site
    lang, today = g.lang, datetime.date.today()
    args = request.args
    clock = site.clocks.get(args.get("clock", ""))
    asked = any(key in args for key in ("day", "month", "year"))
    errors: dict[str, str] = {}
    result = None
    if asked and not current_app.config.get("FREEZING"):
        start, problem = read_date(args.get("day", ""), args.get("month", ""), args.get("year", ""), today)
        messages = {key: gettext(text) for key, text in ERRORS.items()}
        if problem:
            errors["date"] = messages[problem]
        if clock is None:
            errors["clock"] = messages["clock"]
        if not errors:
            due = due_date(clock, start, site.calendar)
            result = {**explain(due, lang), "passed": due.date < today, "clock": clock,
                      "next": letter_and_guide(site, clock, lang)}
    examples = {c.id: explain(due_date(c, today, site.calendar), lang) for c in site.clocks.values()}
    kept = {k: v for k, v in args.items() if k in ("clock", "day", "month", "year")}
    query = f"?{urlencode(kept)}" if kept else ""
    response = current_app.make_response(render_template(
        "tools/deadlines.html", clocks=site.clocks.values(), chosen=clock, errors=errors, result=result,
        values=args, today=long_date(today, lang), examples=examples, data=script_data(site, lang),
        nexts={c.id: letter_and_guide(site, c, lang) for c in site.clocks.values()},
        alternate=deadlines_path(other(lang)) + query))
    if errors:
        response.status_code = 400
    return never_store(response)  # its examples count from today, and a query can be personal


def register(app: Flask) -> None:
    bp = Blueprint("deadlines", __name__)
    bp.url_value_preprocessor(pick_language)
    for lang in LANGUAGES:
        bp.add_url_rule(deadlines_path(lang), "page", page, defaults={"lang": lang})
    app.register_blueprint(bp)


def export_urls(loaded: state.Loaded):
    for lang in LANGUAGES:
        yield deadlines_path(lang)
