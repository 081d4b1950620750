"""The deadline calculator in Chromium: in the export the browser works out the same date and the
same calendar file the server does, in the reader's language, in place, and explains a bad date;
with JavaScript off the export says so after a submit and points to the worked examples; on the
Flask site an error takes the reader to the error summary with no script."""

from __future__ import annotations

import datetime
import re
from html import unescape
from pathlib import Path

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
        assert re.search(r" dydd (Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul) ", heading.text_content())
    words = " ".join(page.locator("#deadline-result").inner_text().split())
    assert words == expected_words  # the same explanation, counting, late steps and links


@pytest.mark.parametrize(("day", "month", "year", "message"), [
    ("31", "2", "2026", "Enter a real date"), ("", "", "", "Enter the date, with its day"),
    ("3", "2", str(datetime.date.today().year + 10), "within two years"),
    ("three", "2", "2026", "in numbers"), ("3", "2", "26", "Enter the year with 4 digits")])
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
    marked = "#start-year" if "4 digits" in message else "#start-day"
    assert page.locator(marked).get_attribute("aria-invalid") == "true"
    assert page.locator("#deadline-result").text_content().strip() == ""
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")


def test_without_javascript_the_export_explains_each_rule_with_an_example(nojs_page: Page, export_url: str,
                                                                          site) -> None:
    nojs_page.goto(f"{export_url}cy/{DEADLINES_SEGMENT['cy']}/index.html")
    text = nojs_page.locator("main").inner_text()
    for clock in site.clocks.values():
        assert clock.words["cy"].name in text and clock.words["cy"].rule.split(".")[0] in text
    # An export is read on days after it was made: its examples name the day they count from.
    assert "Enghraifft, gan gyfrif o'r diwrnod y cafodd y dudalen hon ei gwneud" in text
    assert "o heddiw" not in text


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_export_makes_the_same_calendar_file_in_the_browser(page: Page, export_url: str, client,
                                                                 lang: str) -> None:
    query = "clock=tribunal-appeal&day=23&month=11&year=2026"
    page.goto(f"{export_url}{lang}/{DEADLINES_SEGMENT[lang]}/index.html?{query}")
    link = page.locator("#deadline-result .deadline-calendar a")
    assert link.get_attribute("href").startswith("blob:")  # made here: nothing is sent
    with page.expect_download() as caught:
        link.click()
    download = caught.value
    assert download.suggested_filename == "tribunal-appeal-2027-01-18.ics"
    made = Path(download.path()).read_bytes().decode("utf-8")
    served = client.get(f"/{lang}/{DEADLINES_SEGMENT[lang]}/calendar.ics?{query}").get_data(as_text=True)
    def stamp(text: str) -> str:
        return re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:", text)
    assert stamp(made) == stamp(served) and "DTSTART;VALUE=DATE:20270118\r\n" in made


def test_without_javascript_submitting_the_export_form_says_why_and_shows_the_examples(
        nojs_page: Page, export_url: str) -> None:
    nojs_page.goto(f"{export_url}en/deadlines/index.html")
    nojs_page.check("#clock-school-decision")
    nojs_page.fill("#start-day", "3")
    nojs_page.fill("#start-month", "12")
    nojs_page.fill("#start-year", "2026")
    nojs_page.click("#deadline-form button[type=submit]")
    nojs_page.wait_for_url(re.compile(r"day=3.*#needs-javascript$"))
    message = nojs_page.locator("#needs-javascript")
    assert message.is_visible() and "by JavaScript, which is off" in message.inner_text()
    assert nojs_page.locator("#needs-javascript a[href='#how-heading']").is_visible()
    main = nojs_page.locator("main").inner_text()
    assert "Example, counting from the day this page was made" in main, "an export's date is not today's"
    assert "if it counts from today" not in main


@pytest.mark.parametrize(("lang", "message"), [("en", "Enter the year with 4 digits"),
                                               ("cy", "Rhowch y flwyddyn gyda 4 digid")])
def test_on_the_server_an_error_takes_the_reader_to_the_summary(page: Page, server_url: str,
                                                                lang: str, message: str) -> None:
    """GOV.UK's pattern: after an error, focus is on the error summary (the Flask site's page has
    no script: autofocus does it)."""
    page.goto(f"{server_url}{lang}/{DEADLINES_SEGMENT[lang]}/?clock=school-decision&day=3&month=2&year=26")
    assert page.locator("script[src*=deadlines]").count() == 0
    summary = page.locator(".error-summary")
    assert message in summary.inner_text()
    page.wait_for_function("document.activeElement.classList.contains('error-summary')")
