"""Dates as a sentence says them, in each language, from Babel's CLDR names.

In a Welsh sentence the day is "dydd Llun" (lower case: CLDR gives "Dydd Llun", a heading's form),
and after a word that mutates it softly, such as "o" (from), "ddydd Llun": "o ddydd Mawrth 10
Tachwedd", but "erbyn dydd Llun 18 Ionawr". A message gets both forms of every date it names,
%(x)s and %(x_soft)s, and its Welsh takes the one its grammar needs (English has one form).
static/js/deadlines.js gets the same names from `names()`; tests/deadline_vectors.json pins both."""

from __future__ import annotations

import datetime
from functools import cache

from babel.dates import get_day_names, get_month_names

# Soft mutation of a word's first letters (Welsh): only what a day's name can start with is needed,
# but the table is the whole rule, so a new form cannot be silently left unmutated.
SOFT = (("ll", "l"), ("rh", "r"), ("b", "f"), ("c", "g"), ("d", "dd"), ("g", ""), ("m", "f"),
        ("p", "b"), ("t", "d"))


def soft(word: str) -> str:
    for radical, mutated in SOFT:
        if word.startswith(radical):
            return mutated + word[len(radical):]
    return word


@cache
def names(lang: str) -> dict[str, list[str]]:
    """Day names as a sentence says them (Monday first, as Python counts), the same after a soft
    mutation, and month names. Made once a language: long_date asks for them for every date it
    writes (read-only: callers copy what they change)."""
    days = get_day_names("wide", locale=lang)
    months = get_month_names("wide", locale=lang)
    in_sentence = [days[i][:1].lower() + days[i][1:] if lang == "cy" else days[i] for i in range(7)]
    return {"days": in_sentence,
            "daysSoft": [soft(d) if lang == "cy" else d for d in in_sentence],
            "months": [months[i] for i in range(1, 13)]}


def long_date(day: datetime.date, lang: str, mutated: bool = False) -> str:
    """ "Monday 10 December 2018"; "dydd Llun 10 Rhagfyr 2018", or "ddydd Llun ..." mutated."""
    found = names(lang)
    weekday = (found["daysSoft"] if mutated else found["days"])[day.weekday()]
    return f"{weekday} {day.day} {found['months'][day.month - 1]} {day.year}"


def date_values(lang: str, **days: datetime.date | None) -> dict[str, str]:
    """Each date as %(x)s and %(x_soft)s for a message."""
    values: dict[str, str] = {}
    for key, day in days.items():
        if day is not None:
            values[key] = long_date(day, lang)
            values[f"{key}_soft"] = long_date(day, lang, mutated=True)
    return values
