"""A calendar file (RFC 5545) for one answer: an all-day event on the date, saying what it is and
what to do then. Made here for the Flask site and by static/js/deadlines.js in the export, the
same bytes from the same answer (tests/deadline_vectors.json pins both). Nothing is kept."""

from __future__ import annotations

import datetime

PRODUCT = "-//Canllaw ADY - ALN Guide//Deadlines//EN"


def escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Lines of at most 75 octets in UTF-8, each continuation starting with a space."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def calendar_file(uid: str, stamp: datetime.datetime, day: datetime.date, summary: str,
                  description: str) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
             f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
             f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
             f"SUMMARY:{escape(summary)}", f"DESCRIPTION:{escape(description)}", "TRANSP:TRANSPARENT",
             "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
