"""The calculator as it is served in production (gunicorn behind nginx, docs/hosting.md): a huge
number in a date field is a 400 in the reader's language with no traceback in the log (issue 26),
and the calendar file comes back as text/calendar, never stored and with no cookie."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from alnbench.serving import gunicorn, nginx_proxy


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    tmp_path.chmod(0o755)  # nginx's workers run as an unprivileged user
    return tmp_path


def fetch(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


def test_through_nginx_the_calculator_refuses_a_huge_number_and_serves_the_calendar_file(work):
    good = {"clock": "tribunal-appeal", "day": "23", "month": "11", "year": "2026"}
    with gunicorn(work) as app, nginx_proxy(app.url, work / "nginx") as proxy:
        for lang, path, problem in [("en", "en/deadlines/", "There is a problem"),
                                    ("cy", "cy/terfynau-amser/", "Mae problem wedi codi")]:
            for field in ("day", "month", "year"):
                for where in (path, f"{path}calendar.ics"):
                    status, _, body = fetch(f"{proxy.url}{where}?{urlencode({**good, field: '2147483648'})}")
                    assert status == 400 and problem in body, (lang, field, where, status)
            status, headers, body = fetch(f"{proxy.url}{path}calendar.ics?{urlencode(good)}")
            assert status == 200 and headers["Content-Type"].startswith("text/calendar")
            assert headers["Cache-Control"] == "no-store" and "Set-Cookie" not in headers
            assert "BEGIN:VCALENDAR\r\n" in body and "DTSTART;VALUE=DATE:20270118\r\n" in body
        log = app.log_text()
    assert "Traceback" not in log and "OverflowError" not in log
