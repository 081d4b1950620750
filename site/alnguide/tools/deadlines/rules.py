"""When a decision or an appeal is due: the rules, as plain functions of the dates.

static/js/deadlines.js repeats these for the export, with the same data; tests/deadline_vectors.json
pins both to the same answers (as the search's analysis is pinned)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

UNITS = ("school-days", "weeks", "days")
SURE = ("sure", "check")
WHOSE = ("them", "family")  # whose deadline: the school's or council's answer, or the family's own
THEN = ("first-working-day",)  # the day due is the first working day after the period (ETW reg. 10)
RANGE_DAYS = 2 * 366  # a start date more than about two years from today is a mistake
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Term:
    start: datetime.date
    end: datetime.date
    breaks: tuple[tuple[datetime.date, datetime.date], ...]  # half terms: first and last day off
    closed: frozenset[datetime.date]  # the council's own single days off (its exceptions)

    def has_school_on(self, day: datetime.date) -> bool:
        return (self.start <= day <= self.end and day.weekday() < 5 and day not in self.closed
                and not any(first <= day <= last for first, last in self.breaks))


@dataclass(frozen=True)
class TermYear:
    label: str  # "2026-27"
    source: str
    sure: str
    training_days: int  # the school's own INSET days the year allows: the council cannot know them
    terms: tuple[Term, ...]

    @property
    def first(self) -> datetime.date:
        return self.terms[0].start

    @property
    def last(self) -> datetime.date:
        return self.terms[-1].end


@dataclass(frozen=True)
class Calendar:
    """The school years whose term dates the guide has (the national dates with the council's
    exceptions), and the bank holidays. A day between the first and last day of a known year is
    a school day only in term; any other day has no term dates here."""

    years: tuple[TermYear, ...] = ()
    bank_holidays: frozenset[datetime.date] = frozenset()

    def year_of(self, day: datetime.date) -> TermYear | None:
        return next((y for y in self.years if y.first <= day <= y.last), None)

    def covers(self, day: datetime.date) -> bool:
        """True from the start of a known school year to the start of the next known one: the
        summer holiday between two known years is known too (no school then)."""
        if self.year_of(day):
            return True
        return any(a.last < day < b.first for a, b in zip(self.years, self.years[1:], strict=False)
                   if (b.first - a.last).days < 80)

    def is_school_day(self, day: datetime.date, closed: frozenset[datetime.date] = frozenset()) -> bool:
        year = self.year_of(day)
        return (bool(year) and day not in self.bank_holidays and day not in closed
                and any(term.has_school_on(day) for term in year.terms))

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and day not in self.bank_holidays


@dataclass(frozen=True)
class ClockWords:
    name: str
    start: str
    rule: str
    late: str
    source: str
    mentions: tuple[str, ...]
    headline: str = ""  # the family's own deadline, with %(date)s: "Make sure the Tribunal gets ..."


@dataclass(frozen=True)
class Clock:
    id: str
    unit: str
    amount: int
    sure: str
    letter: str | None
    guide: str | None
    words: Mapping[str, ClockWords]
    whose: str = "them"
    then: str | None = None


@dataclass(frozen=True)
class Due:
    clock: Clock
    start: datetime.date
    date: datetime.date
    holidays: int  # weekdays left out: school holidays and bank holidays (school-day clocks)
    no_terms_from: datetime.date | None  # from this day on, weekdays were counted: no term dates
    training_days: int = 0  # INSET days the years counted in allow: how much later it may be
    closures: int = 0  # the family's own closure days that were left out

    @property
    def not_before(self) -> bool:
        """The guide could not count every day: the date is the earliest it can be, not a due date."""
        return self.no_terms_from is not None

    @property
    def estimate(self) -> bool:
        """Shown as an estimate: a Check rule, or days counted without term dates."""
        return self.clock.sure == "check" or self.not_before


def due_date(clock: Clock, start: datetime.date, calendar: Calendar,
             closed: Iterable[datetime.date] = ()) -> Due:
    """The day the clock runs out. School days count from the first school day after `start`
    (the day the school was told is not one of them); weeks and days from `start` itself. A
    clock that ends on "the first working day after" a period of weeks *beginning with* `start`
    (ETW Regulations 2021, reg. 10) ends on the first working day from the period's last day + 1.
    `closed` are the school's own closure days, if the family knows them."""
    if clock.unit in ("days", "weeks"):
        length = clock.amount * (7 if clock.unit == "weeks" else 1)
        if clock.then == "first-working-day":
            day = start + datetime.timedelta(days=length - 1) + DAY
            while not calendar.is_working_day(day):
                day += DAY
            return Due(clock, start, day, 0, None)
        return Due(clock, start, start + datetime.timedelta(days=length), 0, None)
    closed = frozenset(closed)
    day, counted, holidays, closures, no_terms_from = start, 0, 0, 0, None
    years: list[TermYear] = []
    while counted < clock.amount:
        day += DAY
        if day.weekday() >= 5:
            continue
        if not calendar.covers(day):
            no_terms_from = no_terms_from or day
            counted += 1
        elif calendar.is_school_day(day, closed):
            counted += 1
            year = calendar.year_of(day)
            if year not in years:
                years.append(year)
        elif calendar.is_school_day(day):
            closures += 1
        else:
            holidays += 1
    training = 0 if closed or no_terms_from else sum(y.training_days for y in years)
    return Due(clock, start, day, holidays, no_terms_from, training, closures)


def read_date(day: str, month: str, year: str,
              today: datetime.date) -> tuple[datetime.date | None, str | None]:
    """(the date, None) from three fields as typed, or (None, why not): "missing", "numbers",
    "year-digits" (not 4 digits: "26"), "not-a-date" or "out-of-range" (more than about two
    years from today). Any number of digits is refused cleanly, never an overflow."""
    parts = [p.strip() for p in (day, month, year)]
    if not all(parts):
        return None, "missing"
    if not all(p.isdigit() and p.isascii() for p in parts):
        return None, "numbers"
    if len(parts[2]) != 4:
        return None, "year-digits"
    if len(parts[0]) > 2 or len(parts[1]) > 2:
        return None, "not-a-date"
    d, m, y = (int(p) for p in parts)
    try:
        found = datetime.date(y, m, d)
    except (ValueError, OverflowError):
        return None, "not-a-date"
    if abs((found - today).days) > RANGE_DAYS:
        return None, "out-of-range"
    return found, None


CLOSURE = re.compile(r"^(\d{1,2})[ /.-]+(\d{1,2})[ /.-]+(\d{4})$")
MAX_CLOSURES = 20


def read_closures(text: str, today: datetime.date) -> tuple[tuple[datetime.date, ...], str | None]:
    """The school's own closure days as a family types them, one a line or separated by commas
    ("4 1 2027, 5/1/2027"), or (), "closures" if one is not a date near today."""
    found = []
    for item in re.split(r"[,;\n]+", text or ""):
        item = item.strip()
        if not item:
            continue
        match = CLOSURE.match(item)
        if not match:
            return (), "closures"
        date, problem = read_date(*match.groups(), today)
        if problem:
            return (), "closures"
        found.append(date)
    if len(found) > MAX_CLOSURES:
        return (), "closures"
    return tuple(sorted(set(found))), None
