"""The deadline calculator in the export, in Chromium: the browser works out the same date the
server does, in the reader's language, in place, and explains a bad date."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from playwright.sync_api import Page

from alnguide.languages import DEADLINES_SEGMENT

pytestmark = pytest.mark.usefixtures("only_local_requests")


def server_result(client, lang: str, fields: dict) -> tuple[str, str]:
    """The server's answer for the same form: (heading, every word of the result)."""
    html = client.get(f"/{lang}/{DEADLINES_SEGMENT[lang]}/", query_string=fields).get_data(as_text=True)
    section = html.split('id="deadline-result"')[1].split("</section>")[0]
    heading = unescape(re.search(r'<h2 id="result-heading"[^>]*>(.*?)</h2>', section).group(1))
    return heading, " ".join(unescape(re.sub(r"<[^>]+>", " ", section.split(">", 1)[1])).split())


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("clock", ["school-decision", "tribunal-appeal"])
def test_the_export_works_out_the_same_date_as_the_server(page: Page, export_url: str, client,
                                                          lang: str, clock: str) -> None:
    day = datetime.date.today() - datetime.timedelta(days=5)
    fields = {"clock": clock, "day": str(day.day), "month": str(day.month), "year": str(day.year)}
    page.goto(f"{export_url}{lang}/{DEADLINES_SEGMENT[lang]}/index.html?clock={clock}")
    assert page.locator(f"#clock-{clock}").is_checked()  # pre-set from the link
    page.evaluate("window.__stillHere = true")
    for field in ("day", "month", "year"):
        page.fill(f"#start-{field}", fields[field])
    page.click("#deadline-form button[type=submit]")
    heading = page.locator("#result-heading")
    heading.wait_for()
    expected_heading, expected_words = server_result(client, lang, fields)
    assert heading.text_content() == expected_heading
    assert page.evaluate("window.__stillHere") is True
    assert page.url.endswith(f"?clock={clock}&day={day.day}&month={day.month}&year={day.year}")
    if lang == "cy":
        assert re.search(r"Dydd (Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul)", heading.text_content())
    words = " ".join(page.locator("#deadline-result").inner_text().split())
    assert words == expected_words  # the same explanation, counting, late steps and links


@pytest.mark.parametrize(("day", "month", "year", "message"), [
    ("31", "2", "2026", "Enter a real date"), ("", "", "", "Enter the date, with its day"),
    ("3", "2", str(datetime.date.today().year + 10), "within two years"),
    ("three", "2", "2026", "in numbers")])
def test_a_bad_date_gets_an_error_summary_in_the_browser(page: Page, export_url: str, day, month, year,
                                                         message) -> None:
    page.goto(f"{export_url}en/deadlines/index.html?clock=council-decision")
    page.fill("#start-day", day)
    page.fill("#start-month", month)
    page.fill("#start-year", year)
    page.click("#deadline-form button[type=submit]")
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert message in summary.text_content() and "There is a problem" in summary.text_content()
    assert page.locator("#start-day").get_attribute("aria-invalid") == "true"
    assert page.locator("#deadline-result").text_content().strip() == ""


def test_without_javascript_the_export_explains_each_rule_with_an_example(nojs_page: Page, export_url: str,
                                                                          site) -> None:
    nojs_page.goto(f"{export_url}cy/{DEADLINES_SEGMENT['cy']}/index.html")
    text = nojs_page.locator("main").inner_text()
    for clock in site.clocks.values():
        assert clock.words["cy"].name in text and clock.words["cy"].rule.split(".")[0] in text
    assert "Enghraifft: os yw'n cyfrif o heddiw" in text
