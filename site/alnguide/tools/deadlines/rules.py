"""When a decision or an appeal is due: the rules, as plain functions of the dates.

static/js/deadlines.js repeats these for the export, with the same data; tests/deadline_vectors.json
pins both to the same answers (as the search's analysis is pinned)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

UNITS = ("school-days", "weeks", "days")
SURE = ("sure", "check")
RANGE_DAYS = 2 * 366  # a start date more than about two years from today is a mistake


@dataclass(frozen=True)
class Term:
    start: datetime.date
    end: datetime.date
    breaks: tuple[tuple[datetime.date, datetime.date], ...]  # half terms: first and last day off
    closed: frozenset[datetime.date]  # single days off

    def has_school_on(self, day: datetime.date) -> bool:
        return (self.start <= day <= self.end and day.weekday() < 5 and day not in self.closed
                and not any(first <= day <= last for first, last in self.breaks))


@dataclass(frozen=True)
class TermYear:
    label: str  # "2018-19"
    source: str
    terms: tuple[Term, ...]

    @property
    def first(self) -> datetime.date:
        return self.terms[0].start

    @property
    def last(self) -> datetime.date:
        return self.terms[-1].end


@dataclass(frozen=True)
class Calendar:
    """The school years whose term dates the guide has. A day between the first and last day of
    one of them is a school day only in term; any other day has no term dates here."""

    years: tuple[TermYear, ...] = ()

    def year_of(self, day: datetime.date) -> TermYear | None:
        return next((y for y in self.years if y.first <= day <= y.last), None)

    def covers(self, day: datetime.date) -> bool:
        """True from the start of a known school year to the start of the next known one: the
        summer holiday between two known years is known too (no school then)."""
        if self.year_of(day):
            return True
        return any(a.last < day < b.first for a, b in zip(self.years, self.years[1:], strict=False)
                   if (b.first - a.last).days < 80)

    def is_school_day(self, day: datetime.date) -> bool:
        year = self.year_of(day)
        return bool(year) and any(term.has_school_on(day) for term in year.terms)


@dataclass(frozen=True)
class ClockWords:
    name: str
    start: str
    rule: str
    late: str
    source: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Clock:
    id: str
    unit: str
    amount: int
    sure: str
    letter: str | None
    guide: str | None
    words: Mapping[str, ClockWords]


@dataclass(frozen=True)
class Due:
    clock: Clock
    start: datetime.date
    date: datetime.date
    holidays: int  # weekdays left out as school holidays (school-day clocks)
    no_terms_from: datetime.date | None  # from this day on, weekdays were counted: no term dates

    @property
    def estimate(self) -> bool:
        """Shown as an estimate: a Check rule, or days counted without term dates."""
        return self.clock.sure == "check" or self.no_terms_from is not None


def due_date(clock: Clock, start: datetime.date, calendar: Calendar) -> Due:
    """The day the clock runs out. School days count from the first school day after `start`
    (the day the school was told is not one of them); weeks and days from `start` itself."""
    if clock.unit == "days":
        return Due(clock, start, start + datetime.timedelta(days=clock.amount), 0, None)
    if clock.unit == "weeks":
        return Due(clock, start, start + datetime.timedelta(weeks=clock.amount), 0, None)
    day, counted, holidays, no_terms_from = start, 0, 0, None
    while counted < clock.amount:
        day += datetime.timedelta(days=1)
        if day.weekday() >= 5:
            continue
        if not calendar.covers(day):
            no_terms_from = no_terms_from or day
            counted += 1
        elif calendar.is_school_day(day):
            counted += 1
        else:
            holidays += 1
    return Due(clock, start, day, holidays, no_terms_from)


def read_date(day: str, month: str, year: str,
              today: datetime.date) -> tuple[datetime.date | None, str | None]:
    """(the date, None) from three fields as typed, or (None, why not): "missing", "numbers",
    "not-a-date" or "out-of-range" (more than about two years from today)."""
    parts = [p.strip() for p in (day, month, year)]
    if not all(parts):
        return None, "missing"
    if not all(p.isdigit() and p.isascii() for p in parts):
        return None, "numbers"
    d, m, y = (int(p) for p in parts)
    if y < 100:
        return None, "not-a-date"
    try:
        found = datetime.date(y, m, d)
    except ValueError:
        return None, "not-a-date"
    if abs((found - today).days) > RANGE_DAYS:
        return None, "out-of-range"
    return found, None
