"""The deadline calculator's page, /en/deadlines/ and /cy/terfynau-amser/: a GET form answered by
the server, and its answer as a calendar file (…/calendar.ics, the same query); in the export the
same page explains each rule with a worked example, and static/js/deadlines.js answers the form
and makes the calendar file in the browser from the same data and rules. Nothing is kept."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from flask import Blueprint, Flask, Response, current_app, g, render_template, request
from flask_babel import gettext

from alnguide import state
from alnguide.content.model import Site
from alnguide.guides.pathways import all_steps
from alnguide.languages import LANGUAGES, deadlines_path, other
from alnguide.search.static_index import to_json
from alnguide.tools.deadlines.dates import date_values, long_date, names
from alnguide.tools.deadlines.ics import calendar_file
from alnguide.tools.deadlines.rules import Calendar, Clock, Due, due_date, read_closures, read_date
from alnguide.web.caching import never_store
from alnguide.web.i18n import N_, pick_language, template_of
from alnguide.web.urls import link

# What a result says. The same words, with their placeholders, go to the browser script. Each
# date is given as %(x)s and, for Welsh after a mutating word, %(x_soft)s (see dates.py).
TEXTS = {
    "due": N_("%(clock)s: normally by %(date)s"),
    "not-before": N_("%(clock)s: not before %(date)s"),
    "not-before-why": N_("This guide has no school term dates from %(from)s, so it counted every weekday "
                         "from then: the real date is later, after holidays and training days. Check it with "
                         "the school."),
    "send-early": N_("This is the last day. Send it well before then: post can take several days, and an "
                     "email counts only once the Tribunal has said it has it."),
    "estimate": N_("Check this date: this rule was read in advice, not in the law itself."),
    "school-days": N_("Counted %(amount)s school days from %(start)s, starting with the next school day. "
                      "Weekdays that were school holidays or bank holidays, so not counted: %(holidays)s."),
    "training": N_("The school's own training (INSET) days are not known here: they may move this date "
                   "later by up to %(days)s school days. If you know them, add them below."),
    "closures": N_("Closure days you added that were left out: %(closures)s."),
    "weeks": N_("Counted %(amount)s weeks from %(start)s."),
    "first-working-day": N_("Counted %(amount)s weeks beginning with %(start)s. The last day is the first "
                            "working day after they end: weekends and bank holidays do not count."),
    "days": N_("Counted %(amount)s days from %(start)s."),
    "passed": N_("This date has passed."),
    "calendar": N_("Add to my calendar (.ics file)"),
}
ERRORS = {
    "missing": N_("Enter the date, with its day, month and year"),
    "numbers": N_("Enter the date in numbers, for example 3 2 2026"),
    "year-digits": N_("Enter the year with 4 digits"),
    "not-a-date": N_("Enter a real date, for example 3 2 2026"),
    "out-of-range": N_("Enter a date within two years of today"),
    "clock": N_("Choose the time limit you want to work out"),
    "closures": N_("Enter each closure day as a date within two years of today, for example 4 1 2027"),
}
FIELDS = ("clock", "day", "month", "year", "closed")
SURENESS = {"sure": N_("sure"), "check": N_("check")}
TERMS = N_("The school term dates this guide has: %(years)s. After %(last)s it has none yet.")


def mentioned(site: Site, lang: str, *html: str) -> list[tuple[Clock, str]]:
    """The time limits some text states ("35 school days"), each with the calculator's address
    set to it: every page and outcome that states one links to it."""
    text = " ".join(html)
    return [(clock, f"{deadlines_path(lang)}?{urlencode({'clock': clock.id})}")
            for clock in site.clocks.values() if any(m in text for m in clock.words[lang].mentions)]


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


def say(key: str, lang: str, **values) -> str:
    """One of TEXTS filled in: numbers as they are, dates in both their forms (dates.py)."""
    dates = {k: v for k, v in values.items() if isinstance(v, datetime.date)}
    plain = {k: str(v) for k, v in values.items() if k not in dates}
    message = TEXTS[key]  # (by name: Babel extracts the messages from TEXTS itself)
    return gettext(message, **plain, **date_values(lang, **dates))


def explain(due: Due, lang: str) -> dict:
    """What the page says about one result, in the reader's language, in the order it is shown:
    the heading, then its paragraphs ("strong" ones first). A date the guide could not count
    ("not before") and the family's own deadline each have their own heading and kind."""
    clock, words = due.clock, due.clock.words[lang]
    if due.not_before:
        kind, heading = "not-before", say("not-before", lang, clock=words.name, date=due.date)
    elif clock.whose == "family":
        kind = "family"
        heading = words.headline % date_values(lang, date=due.date)
    else:
        kind, heading = "due", say("due", lang, clock=words.name, date=due.date)
    strong = []
    if due.not_before:
        strong.append(say("not-before-why", lang, **{"from": due.no_terms_from}))
    if kind == "family":
        strong.append(say("send-early", lang))
    if clock.sure == "check":
        strong.append(say("estimate", lang))
    counted = say(clock.then or clock.unit, lang, amount=clock.amount, start=due.start, holidays=due.holidays)
    notes = [counted]
    if due.closures:
        notes.append(say("closures", lang, closures=due.closures))
    elif due.training_days:
        notes.append(say("training", lang, days=due.training_days))
    return {"kind": kind, "heading": heading, "date": due.date, "strong": strong, "notes": notes}


def ics_text(due: Due, lang: str, stamp: datetime.datetime) -> str:
    """The calendar file for one answer: the heading as its title; what was worked out and what
    to do then as its description."""
    said = explain(due, lang)
    late = due.clock.words[lang].late
    description = "\n\n".join([*said["strong"], *said["notes"], late])
    uid = f"{due.clock.id}-{due.start.isoformat()}-{due.date.isoformat()}@canllaw-ady"
    return calendar_file(uid, stamp, due.date, said["heading"], description)


def script_data(site: Site, lang: str) -> str:
    """What static/js/deadlines.js needs, as JSON for a data attribute: the rules, the terms, the
    words (with their placeholders), and Babel's month and day names (Chromium's Intl writes
    Welsh dates in English)."""
    return to_json({
        "clocks": {c.id: {"unit": c.unit, "amount": c.amount, "sure": c.sure, "whose": c.whose,
                          "then": c.then, "name": c.words[lang].name, "headline": c.words[lang].headline,
                          "late": c.words[lang].late}
                   for c in site.clocks.values()},
        **calendar_data(site.calendar),
        **names(lang),
        "texts": {key: template_of(text) for key, text in TEXTS.items()},
        "errors": {key: gettext(text) for key, text in ERRORS.items()},
    })


def calendar_data(calendar: Calendar | None) -> dict:
    """The term dates and bank holidays as the script (and the shared vectors) hold them."""
    def term(t) -> list:
        return [t.start.isoformat(), t.end.isoformat(), [[a.isoformat(), b.isoformat()] for a, b in t.breaks],
                sorted(d.isoformat() for d in t.closed)]

    years = calendar.years if calendar else ()
    return {"calendar": [{"training": y.training_days, "terms": [term(t) for t in y.terms]} for y in years],
            "bankHolidays": sorted(d.isoformat() for d in (calendar.bank_holidays if calendar else ()))}


def read_form(site: Site, args, today: datetime.date) -> tuple[dict, Due | None]:
    """The form's errors (keyed by field, in the reader's language) or its answer."""
    errors: dict[str, str] = {}
    clock = site.clocks.get(args.get("clock", ""))
    start, problem = read_date(args.get("day", ""), args.get("month", ""), args.get("year", ""), today)
    closed, closed_problem = read_closures(args.get("closed", ""), today)
    problems = {"date": problem, "closed": closed_problem, "clock": None if clock else "clock"}
    for field, key in problems.items():
        if key:
            errors[field] = gettext(ERRORS[key])  # (a literal key here would be extracted as a message)
    if problem:  # the fields to mark: only the year, if only the year is wrong (GOV.UK's date pattern)
        errors["date_fields"] = ("year",) if problem == "year-digits" else ("day", "month", "year")
    if errors:
        return errors, None
    return {}, due_date(clock, start, site.calendar, closed)


def kept_query(args) -> str:
    kept = {k: v for k, v in args.items() if k in FIELDS and v}
    return f"?{urlencode(kept)}" if kept else ""


def page():
    site: Site = state.current().site
    lang, today = g.lang, datetime.date.today()
    args = request.args
    clock = site.clocks.get(args.get("clock", ""))
    asked = any(key in args for key in ("day", "month", "year"))
    errors: dict[str, str] = {}
    result = None
    if asked and not current_app.config.get("FREEZING"):
        errors, due = read_form(site, args, today)
        if due:
            result = {**explain(due, lang), "passed": due.date < today, "clock": due.clock,
                      "next": letter_and_guide(site, due.clock, lang),
                      "ics": calendar_path(lang) + kept_query(args)}
    return render(site, lang, today, clock, errors, result, args)


def render(site: Site, lang: str, today: datetime.date, clock: Clock | None, errors: dict,
           result: dict | None, args) -> Response:
    examples = {c.id: explain(due_date(c, today, site.calendar), lang) for c in site.clocks.values()}
    response = current_app.make_response(render_template(
        "tools/deadlines.html", clocks=site.clocks.values(), chosen=clock, errors=errors, result=result,
        values=args, today=long_date(today, lang), examples=examples, data=script_data(site, lang),
        nexts={c.id: letter_and_guide(site, c, lang) for c in site.clocks.values()},
        term_years=term_years(site.calendar, lang),
        alternate=deadlines_path(other(lang)) + kept_query(args)))
    if errors:
        response.status_code = 400
    return never_store(response)  # its examples count from today, and a query can be personal


def term_years(calendar: Calendar | None, lang: str) -> str:
    """Which school years' term dates the guide has, each with how sure, for the school-days rule:
    "2024-25 (sure), 2025-26 (check) ... After Tuesday 20 July 2027 it has none yet." """
    if not calendar or not calendar.years:
        return ""
    years = ", ".join(f"{y.label} ({gettext(SURENESS[y.sure])})" for y in calendar.years)
    return gettext(TERMS, years=years, **date_values(lang, last=calendar.years[-1].last))


def calendar_path(lang: str) -> str:
    return f"{deadlines_path(lang)}calendar.ics"


def calendar_download() -> Response:
    """The answer as a calendar file, for the same query as the form; a bad query gets the form
    with its errors, in the reader's language (400). Nothing is kept."""
    site: Site = state.current().site
    lang, today = g.lang, datetime.date.today()
    errors, due = read_form(site, request.args, today)
    if due is None:
        return render(site, lang, today, site.clocks.get(request.args.get("clock", "")), errors, None,
                      request.args)
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    response = Response(ics_text(due, lang, stamp), mimetype="text/calendar")
    name = f"{due.clock.id}-{due.date.isoformat()}.ics"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return never_store(response)


def register(app: Flask) -> None:
    bp = Blueprint("deadlines", __name__)
    bp.url_value_preprocessor(pick_language)
    for lang in LANGUAGES:
        bp.add_url_rule(deadlines_path(lang), "page", page, defaults={"lang": lang})
        bp.add_url_rule(calendar_path(lang), "calendar", calendar_download, defaults={"lang": lang})
    app.register_blueprint(bp)


def export_urls(loaded: state.Loaded):
    """The page in each language; never the calendar file, which is made per answer (in the
    export, by the browser)."""
    for lang in LANGUAGES:
        yield deadlines_path(lang)
