"""Reading the clocks (content/deadlines.yaml) and the term dates (content/term-dates.yaml),
checked like every other content file: a problem names the file, the line and the reason."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from alnguide.content.errors import Problems
from alnguide.content.model import frozen_map
from alnguide.content.yamlfile import Lines, read_data_lines
from alnguide.languages import LANGUAGES
from alnguide.tools.deadlines.rules import (
    SURE,
    THEN,
    UNITS,
    WHOSE,
    Calendar,
    Clock,
    ClockWords,
    Term,
    TermYear,
)

WORDS = ("name", "start", "rule", "late", "source")


def load_clocks(content: Path, letter_ids: Mapping[str, set[str]], guide_ids: set[str],
                problems: Problems) -> Mapping[str, Clock]:
    path = content / "deadlines.yaml"
    if not path.exists():
        return frozen_map({})
    data, _, lines = read_data_lines(path, problems, dict, "the time limits, each with its unit and words")
    clocks = {}
    for clock_id, entry in (data or {}).items():
        where = lines.of(clock_id)
        if not isinstance(entry, dict):
            problems.add(path, where, f"clock '{clock_id}' must be a mapping")
            continue
        before = len(problems.items)
        if entry.get("unit") not in UNITS:
            problems.add(path, lines.of(clock_id, "unit"),
                         f"clock '{clock_id}': unit is one of {', '.join(UNITS)}")
        if not isinstance(entry.get("amount"), int) or entry["amount"] < 1:
            problems.add(path, lines.of(clock_id, "amount"), f"clock '{clock_id}': amount is a whole number")
        if entry.get("sure") not in SURE:
            problems.add(path, lines.of(clock_id, "sure"), f"clock '{clock_id}': sure is 'sure' or 'check'")
        whose, then = entry.get("whose", "them"), entry.get("then")
        if whose not in WHOSE:
            problems.add(path, lines.of(clock_id, "whose"),
                         f"clock '{clock_id}': whose is one of {', '.join(WHOSE)}")
        if then is not None and (then not in THEN or entry.get("unit") == "school-days"):
            problems.add(path, lines.of(clock_id, "then"),
                         f"clock '{clock_id}': then is one of {', '.join(THEN)}, for weeks or days")
        letter, guide = entry.get("letter"), entry.get("guide")
        if letter and not all(letter in letter_ids[lang] for lang in LANGUAGES):
            problems.add(path, lines.of(clock_id, "letter"), f"clock '{clock_id}': no letter '{letter}'")
        if guide and guide not in guide_ids:
            problems.add(path, lines.of(clock_id, "guide"),
                         f"clock '{clock_id}': no question guide '{guide}'")
        words = {lang: _words(entry.get(lang), path, lines, clock_id, lang, problems) for lang in LANGUAGES}
        for lang, said in words.items():
            if said and not _headline_fits(said.headline, whose == "family"):
                problems.add(path, lines.of(clock_id, lang, "headline") or lines.of(clock_id, lang),
                             f"clock '{clock_id}' ({lang}): a family's own deadline has a 'headline' with "
                             "%(date)s (or %(date_soft)s), and only it")
        if len(problems.items) == before:
            clocks[str(clock_id)] = Clock(str(clock_id), entry["unit"], entry["amount"], entry["sure"],
                                          letter, guide, frozen_map(words), whose, then)
    return frozen_map(clocks)


def _headline_fits(headline: str, family: bool) -> bool:
    """A family's deadline has a headline that fills in with its date; no other clock has one."""
    if not family:
        return not headline
    try:
        filled = headline % {"date": "\0", "date_soft": "\0"}
    except (KeyError, ValueError, TypeError):
        return False
    return "\0" in filled


def _words(entry: Any, path: Path, lines: Lines, clock_id: str, lang: str,
           problems: Problems) -> ClockWords | None:
    if not isinstance(entry, dict):
        problems.add(path, lines.of(clock_id), f"clock '{clock_id}' needs its words in '{lang}'")
        return None
    for key in WORDS:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            problems.add(path, lines.of(clock_id, lang, key) or lines.of(clock_id, lang),
                         f"clock '{clock_id}' ({lang}): '{key}' must be text")
    mentions = entry.get("mentions") or []
    if not isinstance(mentions, list) or not all(isinstance(m, str) and m for m in mentions):
        problems.add(path, lines.of(clock_id, lang, "mentions"), f"clock '{clock_id}' ({lang}): 'mentions' "
                     "lists the phrases pages use for this time limit")
        mentions = []
    return ClockWords(*(str(entry.get(key) or "").strip() for key in WORDS), tuple(mentions),
                      " ".join(str(entry.get("headline") or "").split()))


def _date(value: Any, path: Path, line: int | None, what: str, problems: Problems) -> datetime.date | None:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    problems.add(path, line, f"{what} must be a date written YYYY-MM-DD")
    return None


def load_calendar(content: Path, problems: Problems) -> Calendar:
    """The national term dates a year, with the council's exceptions laid on them, and the bank
    holidays (content/term-dates.yaml; its header says why the layers are kept apart)."""
    path = content / "term-dates.yaml"
    if not path.exists():
        return Calendar()
    data, _, lines = read_data_lines(path, problems, dict,
                                     "'national' years, the 'council' exceptions and 'bank-holidays'")
    if data is None:  # refused already, with its line: one cause, one problem
        return Calendar()
    exceptions = _exceptions(data.get("council") or {}, path, lines, problems)
    years: list[TermYear] = []
    for index, year in enumerate(data.get("national") or []):
        line = lines.of("national", str(index))
        if not isinstance(year, dict) or not year.get("source") or not year.get("terms"):
            problems.add(path, line, "each year needs its 'year', its 'source' and its 'terms'")
            continue
        label = str(year.get("year"))
        if year.get("sure") not in SURE:
            problems.add(path, line, f"year {label}: sure is 'sure' or 'check'")
        training = year.get("training-days")
        if not isinstance(training, int) or training < 0:
            problems.add(path, line, f"year {label}: training-days is how many INSET days the year allows")
            training = 0
        terms = []
        for term in year["terms"]:
            start = _date(term.get("start"), path, line, "a term's start", problems)
            end = _date(term.get("end"), path, line, "a term's end", problems)
            breaks = []
            for pair in term.get("breaks") or []:
                pair = [*pair, None, None][:2] if isinstance(pair, list) else [None, None]
                first, last = (_date(d, path, line, "a break's day", problems) for d in pair)
                if first and last:
                    breaks.append((first, last))
            if start and end:
                if end < start or any(not (start <= a <= b <= end) for a, b in breaks):
                    problems.add(path, line, f"year {label}: a term ends before it starts, or a "
                                 "break is outside its term")
                closed = frozenset(d for d in exceptions.get(label, ()) if start <= d <= end)
                terms.append(Term(start, end, tuple(breaks), closed))
        if terms:
            terms.sort(key=lambda t: t.start)
            years.append(TermYear(label, " ".join(str(year["source"]).split()), str(year.get("sure")),
                                  training, tuple(terms)))
    years.sort(key=lambda y: y.first)
    for a, b in zip(years, years[1:], strict=False):
        if b.first <= a.last:
            problems.add(path, None, f"school years {a.label} and {b.label} overlap")
    unknown = set(exceptions) - {y.label for y in years}
    if unknown:
        problems.add(path, lines.of("council"),
                     f"council exceptions for unknown years: {', '.join(sorted(unknown))}")
    holidays = data.get("bank-holidays") or {}
    days = holidays.get("days") if isinstance(holidays, dict) else None
    if not isinstance(days, list) or not holidays.get("source"):
        problems.add(path, lines.of("bank-holidays"), "'bank-holidays' needs its 'source' and its 'days'")
        days = []
    found = (_date(d, path, lines.of("bank-holidays"), "a bank holiday", problems) for d in days)
    return Calendar(tuple(years), frozenset(d for d in found if d))


def _exceptions(council: Any, path: Path, lines: Lines,
                problems: Problems) -> dict[str, list[datetime.date]]:
    """The council's own closure days by school year: {"2026-27": [days]}."""
    found: dict[str, list[datetime.date]] = {}
    entries = council.get("exceptions") if isinstance(council, dict) else None
    for index, entry in enumerate(entries or []):
        line = lines.of("council", "exceptions", str(index)) or lines.of("council")
        if not isinstance(entry, dict) or not entry.get("year") or not entry.get("source"):
            problems.add(path, line, "each council exception needs its 'year', its 'source' and its "
                         "'closed' days")
            continue
        days = [_date(d, path, line, "a closed day", problems) for d in entry.get("closed") or []]
        found.setdefault(str(entry["year"]), []).extend(d for d in days if d)
    return found
