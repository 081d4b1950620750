"""The deadline calculator: the rules pinned with worked dates (a half term, a Christmas holiday,
a summer, a bank holiday, a date past the term-date file), the same answers from the server and
the export's script, the page and its errors in both languages, links from every page and
outcome that states a time limit, and the content checks on the clocks and term dates."""

from __future__ import annotations

import datetime
import json
import logging
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import flask
import pytest

from alnguide.content.errors import ContentError
from alnguide.content.loader import load_site
from alnguide.guides.pathways import all_steps
from alnguide.languages import LANGUAGES, deadlines_path
from alnguide.tools.deadlines.dates import long_date
from alnguide.tools.deadlines.rules import Calendar, Clock, due_date, read_date
from alnguide.tools.deadlines.views import calendar_data, explain, ics_text

ROOT = Path(__file__).resolve().parents[1]
VECTORS = json.loads((ROOT / "tests" / "deadline_vectors.json").read_text(encoding="utf-8"))
D = datetime.date.fromisoformat


def clock(unit: str, amount: int, sure: str = "sure") -> Clock:
    return Clock("test", unit, amount, sure, None, None, {})


@pytest.fixture(scope="module")
def calendar(site) -> Calendar:
    return site.calendar


# The rules, with dates worked by hand ----------------------------------------------------

def test_the_term_file_counts_the_days_the_direction_gives(calendar):
    """2026-27 has 195 days in all (the Welsh Government's direction, as published)."""
    year = next(y for y in calendar.years if y.label == "2026-27")
    days = [year.first + datetime.timedelta(n) for n in range((year.last - year.first).days + 1)]
    assert sum(calendar.is_school_day(day) for day in days) == 195
    assert year.training_days == 5


def test_35_school_days_across_the_2026_christmas_holiday(calendar):
    # Told Thursday 3 December 2026: 11 school days to Friday 18 December, 10 weekdays of
    # holiday (with Christmas and the Boxing Day holiday), then 24 from Monday 4 January:
    # Thursday 4 February 2027. The school's own training days are not known: up to 5 more.
    due = due_date(clock("school-days", 35), D("2026-12-03"), calendar)
    assert (due.date, due.holidays, due.no_terms_from, due.training_days) == (D("2027-02-04"), 10, None, 5)
    assert calendar.is_school_day(due.date) and not due.estimate


def test_a_date_past_the_last_known_year_is_not_before_and_says_so(calendar, client):
    due = due_date(clock("school-days", 35), D("2027-06-21"), calendar)
    assert (due.date, due.no_terms_from) == (D("2027-08-09"), D("2027-07-21"))
    assert due.not_before and due.estimate
    for lang, said, never in [("en", "not before Monday 9 August 2027", "normally"),
                              ("cy", "dim cyn dydd Llun 9 Awst 2027", "fel arfer")]:
        html = client.get(deadlines_path(lang), query_string={
            "clock": "school-decision", "day": "21", "month": "6", "year": "2027"}).get_data(as_text=True)
        result = unescape(html).split('id="deadline-result"')[1].split("</section>")[0]
        assert 'class="deadline-result deadline-not-before"' in result
        assert said in result and never not in result


def test_a_school_days_answer_is_a_school_day(calendar):
    """Every answer the guide can count is a day the school is open."""
    start = calendar.years[0].first - datetime.timedelta(days=20)
    for offset in range(0, 700, 3):
        due = due_date(clock("school-days", 35), start + datetime.timedelta(offset), calendar)
        assert due.not_before or calendar.is_school_day(due.date), due


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda c: c["why"])
def test_python_rules_match_the_vectors(calendar, case):
    due = due_date(Clock("test", case["unit"], case["amount"], "sure", None, None, {}, "them", case["then"]),
                   D(case["start"]), calendar, [D(x) for x in case["closed"]])
    assert due.date.isoformat() == case["due"] and due.holidays == case["holidays"]
    assert (due.no_terms_from.isoformat() if due.no_terms_from else None) == case["noTermsFrom"]
    assert (due.training_days, due.closures) == (case["training"], case["closures"])


@pytest.mark.parametrize("case", VECTORS["inputs"], ids=lambda c: c["why"])
def test_python_reads_dates_as_the_vectors_say(case):
    found, error = read_date(case["day"], case["month"], case["year"], D(case["today"]))
    assert (found.isoformat() if found else None, error) == (case["date"], case["error"])


def test_the_vectors_use_the_shipped_term_dates(site):
    shipped = calendar_data(site.calendar)
    assert (VECTORS["calendar"], VECTORS["bankHolidays"]) == (shipped["calendar"], shipped["bankHolidays"])


@pytest.mark.parametrize("case", VECTORS["answers"], ids=lambda c: c["why"])
def test_python_says_what_the_vectors_say(site, app, case):
    with app.test_request_context(f"/{case['lang']}/"):
        flask.g.lang = case["lang"]
        said = explain(due_date(site.clocks[case["clock"]], D(case["start"]), site.calendar,
                                [D(x) for x in case["closed"]]), case["lang"])
    assert (said["kind"], said["heading"]) == (case["kind"], case["heading"])
    text = " ".join([*said["strong"], *said["notes"]])
    assert all(phrase in text for phrase in case["says"]), text
    if case["kind"] == "family":
        assert "normally" not in text + said["heading"] and "fel arfer" not in text + said["heading"]


def page_data(client, lang: str) -> dict:
    html = client.get(deadlines_path(lang)).get_data(as_text=True)
    return json.loads(unescape(re.search(r'data-deadlines="([^"]*)"', html).group(1)))


@pytest.fixture(scope="module")
def node_results(tmp_path_factory, app):
    node = shutil.which("node")
    assert node, "node runs the export's script"
    pages = tmp_path_factory.mktemp("pages") / "pages.json"
    client = app.test_client()
    pages.write_text(json.dumps({lang: page_data(client, lang) for lang in LANGUAGES}), encoding="utf-8")
    result = subprocess.run([node, str(ROOT / "tests" / "js" / "run_deadlines.js"),
                             str(ROOT / "tests" / "deadline_vectors.json"), str(pages)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_the_export_script_gives_the_same_answers(node_results):
    wanted = [{k: c[k] for k in ("due", "holidays", "noTermsFrom", "training", "closures")}
              for c in VECTORS["cases"]]
    assert node_results["cases"] == wanted
    assert node_results["inputs"] == [{"date": i["date"], "error": i["error"]} for i in VECTORS["inputs"]]


def test_the_export_script_says_what_the_vectors_say(node_results, site, app):
    for case, said in zip(VECTORS["answers"], node_results["answers"], strict=True):
        assert (said["kind"], said["heading"]) == (case["kind"], case["heading"])
        assert all(phrase in " ".join(said["strong"] + said["notes"]) for phrase in case["says"])
        with app.test_request_context(f"/{case['lang']}/"):
            flask.g.lang = case["lang"]
            server = explain(due_date(site.clocks[case["clock"]], D(case["start"]), site.calendar,
                                      [D(x) for x in case["closed"]]), case["lang"])
        assert (said["strong"], said["notes"]) == (server["strong"], server["notes"])


def test_dates_are_written_as_a_welsh_sentence_says_them(node_results):
    """ "o ddydd Mawrth 10 Tachwedd", "erbyn dydd Llun 18 Ionawr": the same from Python and node."""
    for vector, written in zip(VECTORS["formats"], node_results["formats"], strict=True):
        assert vector["text"] == long_date(D(vector["date"]), vector["lang"], vector["mutated"]) == written
    assert "ddydd Mawrth 10 Tachwedd 2026" in node_results["formats"]


def test_the_calendar_file_is_the_same_from_the_server_and_the_script(node_results, site, app):
    case = VECTORS["calendarFile"]
    with app.test_request_context(f"/{case['lang']}/"):
        flask.g.lang = case["lang"]
        due = due_date(site.clocks[case["clock"]], D(case["start"]), site.calendar)
        made = ics_text(due, case["lang"], datetime.datetime.strptime(case["stamp"], "%Y%m%dT%H%M%SZ"))
    assert node_results["calendarFile"] == made
    lines = made.split("\r\n")
    assert lines[-1] == "" and all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "DTSTART;VALUE=DATE:20270118" in lines and "DTEND;VALUE=DATE:20270119" in lines
    unfolded = made.replace("\r\n ", "")
    summary = "SUMMARY:Gwnewch yn siŵr bod y Tribiwnlys yn cael eich apêl erbyn dydd Llun 18 Ionawr 2027"
    assert summary in unfolded


# The page ----------------------------------------------------------------------------------

def today_fields(days: int = 0) -> dict:
    day = datetime.date.today() + datetime.timedelta(days)
    return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}


@pytest.mark.parametrize(("lang", "counted", "past_the_terms"), [
    ("en", ["normally by", "Counted 35 school days"], ["not before"]),
    ("cy", ["fel arfer erbyn", "35 diwrnod ysgol"], ["dim cyn"])])
def test_the_server_answers_the_form(client, lang, counted, past_the_terms):
    """Three days ago, as a family would enter it: "normally by" while the guide has the term dates
    for the 35 school days, "not before" once they run out (from about June 2027 until the council
    publishes 2027-28), never the one for the other."""
    due = due_date(load_site().clocks["school-decision"], datetime.date.today() - datetime.timedelta(3),
                   load_site().calendar)
    words, never = (past_the_terms, counted[:1]) if due.not_before else (counted, past_the_terms)
    response = client.get(deadlines_path(lang), query_string={"clock": "school-decision", **today_fields(-3)})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    result = unescape(response.get_data(as_text=True)).split('id="deadline-result"')[1].split("</section>")[0]
    for word in words:
        assert word in result
    for word in never:
        assert word not in result
    assert long_date(due.date, lang) in result
    html = response.get_data(as_text=True)
    assert html.index('id="result-heading"') < html.index('id="deadline-form"'), "the answer comes first"


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["Make sure the Tribunal gets your appeal by", "Send it well before then"]),
    ("cy", ["Gwnewch yn siŵr bod y Tribiwnlys yn cael eich apêl erbyn dydd", "Anfonwch mewn da bryd"])])
def test_the_tribunal_appeal_reads_as_the_familys_own_deadline(client, lang, words):
    response = client.get(deadlines_path(lang), query_string={"clock": "tribunal-appeal", **today_fields(-3)})
    result = unescape(response.get_data(as_text=True)).split('id="deadline-result"')[1].split("</section>")[0]
    assert 'class="deadline-result deadline-family"' in result
    heading = re.search(r'<h2 id="result-heading"[^>]*>(.*?)</h2>', result).group(1)
    assert heading.startswith(words[0]) and words[1] in result
    assert "normally" not in result and "fel arfer" not in result


@pytest.mark.parametrize("field", ["day", "month", "year"])
@pytest.mark.parametrize(("lang", "problem"), [("en", "There is a problem"), ("cy", "Mae problem wedi codi")])
def test_a_huge_number_is_a_localised_400_not_a_500(client, caplog, field, lang, problem):
    """Issue 26: 2,147,483,648 in any field overflowed in rules.py (a 500 and a traceback)."""
    fields = {**today_fields(), field: "2147483648"}
    for path in (deadlines_path(lang), f"{deadlines_path(lang)}calendar.ics"):
        with caplog.at_level(logging.ERROR):
            response = client.get(path, query_string={"clock": "school-decision", **fields})
        assert response.status_code == 400, path
        html = unescape(response.get_data(as_text=True))
        assert problem in html and f'href="#start-{"year" if field == "year" else "day"}"' in html
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(("lang", "message"), [("en", "Enter the year with 4 digits"),
                                               ("cy", "Rhowch y flwyddyn gyda 4 digid")])
def test_a_two_digit_year_is_asked_for_with_4_digits(client, lang, message):
    response = client.get(deadlines_path(lang), query_string={"clock": "school-decision", "day": "3",
                                                                "month": "12", "year": "26"})
    assert response.status_code == 400
    summary = unescape(response.get_data(as_text=True)).split('class="error-summary"')[1].split("</div>")[0]
    assert message in summary and "autofocus" in summary and 'href="#start-year"' in summary
    marked = re.findall(r'<input[^>]*id="start-(\w+)"[^>]*aria-invalid', response.get_data(as_text=True))
    assert marked == ["year"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_server_makes_the_calendar_file_and_keeps_nothing(client, site, lang):
    fields = {"clock": "tribunal-appeal", "day": "23", "month": "11", "year": "2026"}
    page = unescape(client.get(deadlines_path(lang), query_string=fields).get_data(as_text=True))
    href = re.search(r'<p class="deadline-calendar"><a href="([^"]+)"', page).group(1)
    assert href.startswith(f"{deadlines_path(lang)}calendar.ics?")
    response = client.get(href)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert response.headers["Cache-Control"] == "no-store" and "Set-Cookie" not in response.headers
    assert 'filename="tribunal-appeal-2027-01-18.ics"' in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True).replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20270118" in text
    words = site.clocks["tribunal-appeal"].words[lang]
    assert f"SUMMARY:{words.headline % {'date': long_date(D('2027-01-18'), lang)}}" in text
    assert words.late.replace(",", "\\,")[:40] in text  # what to do then


@pytest.mark.parametrize(("lang", "message"), [("en", "Enter each closure day as a date"),
                                               ("cy", "Rhowch bob diwrnod cau fel dyddiad")])
def test_closure_days_the_family_adds_are_left_out_or_explained(client, lang, message):
    fields = {"clock": "school-decision", "day": "3", "month": "12", "year": "2026"}
    bad = client.get(deadlines_path(lang), query_string={**fields, "closed": "the fourth of January"})
    assert bad.status_code == 400 and message in unescape(bad.get_data(as_text=True))
    good = client.get(deadlines_path(lang), query_string={**fields, "closed": "4 1 2027\n5/1/2027"})
    result = unescape(good.get_data(as_text=True)).split('id="deadline-result"')[1].split("</section>")[0]
    assert long_date(D("2027-02-15"), lang) in result and ": 2." in result


@pytest.mark.parametrize("fields", [
    {"day": "", "month": "", "year": ""}, {"day": "31", "month": "2", "year": "2026"},
    {"day": "3", "month": "2", "year": str(datetime.date.today().year + 10)},
    {"day": "tri", "month": "2", "year": "2026"}])
@pytest.mark.parametrize(("lang", "problem"), [("en", "There is a problem"), ("cy", "Mae problem wedi codi")])
def test_bad_dates_get_a_localised_error_summary(client, fields, lang, problem):
    response = client.get(deadlines_path(lang), query_string={"clock": "school-decision", **fields})
    assert response.status_code == 400
    html = unescape(response.get_data(as_text=True))
    assert 'class="error-summary"' in html and problem in html and 'aria-invalid="true"' in html
    assert 'href="#start-day"' in html


def test_no_time_limit_chosen_is_an_error_too(client):
    response = client.get(deadlines_path("en"), query_string=today_fields())
    assert response.status_code == 400 and "Choose the time limit" in response.get_data(as_text=True)


def test_each_rule_is_explained_with_its_source_how_sure_and_an_example(client, site):
    for lang in LANGUAGES:
        html = unescape(client.get(deadlines_path(lang)).get_data(as_text=True))
        for found in site.clocks.values():
            section = html.split(f'<h3 id="{found.id}">')[1].split("</section>")[0]
            assert found.words[lang].rule in section
            assert found.words[lang].source in re.sub(r"</?a\b[^>]*>", "", section)
            assert "<a href=" in section.split('<p class="source">')[1]  # the source can be opened
            assert ("check." in section.lower() or "gwiriwch." in section.lower()) == (found.sure == "check")
            assert 'class="sureness"' in section and "deadline-late" in section


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "2024-25 (sure), 2025-26 (check), 2026-27 (check). After Tuesday 20 July 2027 it has none yet."),
    ("cy", "2024-25 (sicr), 2025-26 (gwiriwch), 2026-27 (gwiriwch). Nid oes ganddo rai ar ôl dydd Mawrth 20 "
           "Gorffennaf 2027 eto.")])
def test_the_page_says_which_term_dates_it_has_and_how_sure(client, lang, said):
    html = unescape(client.get(deadlines_path(lang)).get_data(as_text=True))
    section = html.split('<h3 id="school-decision">')[1].split("</section>")[0]
    assert said in section


def test_every_page_and_outcome_that_states_a_time_limit_links_to_it(client, site):
    missing = []
    for lang in LANGUAGES:
        urls = [p.url for p in site.pages[lang].values()]
        urls += [p.url(lang, s.answers) for p in site.pathways for s in all_steps(p) if s.outcome]
        for url in urls:
            html = client.get(url).get_data(as_text=True)
            main = html[html.index("<main"):html.index("</main>")]
            for found in site.clocks.values():
                stated = any(m in main.split('class="clock-links"')[0] for m in found.words[lang].mentions)
                if stated and f'href="{deadlines_path(lang)}?clock={found.id}"' not in main:
                    missing.append((url, found.id))
    assert not missing, missing[:10]


# Content checks ---------------------------------------------------------------------------

@pytest.mark.parametrize(("file", "old", "new", "reason"), [
    ("term-dates.yaml", "breaks: [[2026-10-26, 2026-10-30]]", "breaks: [[2026-12-29, 2027-01-02]]",
     "a break is outside its term"),
    ("term-dates.yaml", "start: 2025-09-01", "start: 2025-07-01", "overlap"),
    ("term-dates.yaml", "end: 2024-12-20", "end: 20 December", "must be a date"),
    ("term-dates.yaml", "training-days: 6", "training-days: six", "training-days is how many"),
    ("term-dates.yaml", "2026-12-28,", "28 December,", "a bank holiday must be a date"),
    ("councils/monmouthshire/term-dates.yaml", "exceptions: []",
     "exceptions: [{year: 2031-32, source: x, closed: [2031-10-01]}]", "unknown years"),
    ("deadlines.yaml", "unit: weeks", "unit: fortnights", "unit is one of"),
    ("deadlines.yaml", "letter: ask-school-why-no-decision", "letter: no-such-letter", "no letter"),
    ("deadlines.yaml", "  whose: family\n  then:", "  then:", "a family's own deadline has a 'headline'"),
])
def test_bad_clocks_and_term_dates_are_refused(tmp_path, file, old, new, reason):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_site(content)
    assert any(file in str(p) and reason in str(p) for p in caught.value.problems), caught.value.problems


def test_a_council_exception_is_laid_on_the_national_dates(tmp_path):
    """A day the council's schools close that others do not (`council` in its pack's term-dates.yaml)."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "councils" / "monmouthshire" / "term-dates.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("exceptions: []", "exceptions: [{year: 2026-27, source: a test, "
                                                   "closed: [2026-12-07]}]"), encoding="utf-8")
    calendar = load_site(content).calendar
    assert not calendar.is_school_day(D("2026-12-07")) and calendar.is_school_day(D("2026-12-08"))
    due = due_date(clock("school-days", 35), D("2026-12-03"), calendar)
    assert (due.date, due.holidays) == (D("2027-02-05"), 11)
