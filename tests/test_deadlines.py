"""The deadline calculator: the rules pinned with worked dates (a half term, a Christmas holiday,
a summer, a bank holiday, a date past the term-date file), the same answers from the server and
the export's script, the page and its errors in both languages, links from every page and
outcome that states a time limit, and the content checks on the clocks and term dates."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from alnguide.content.errors import ContentError
from alnguide.content.loader import load_site
from alnguide.guides.pathways import all_steps
from alnguide.languages import LANGUAGES, deadlines_path
from alnguide.tools.deadlines.rules import Calendar, Clock, due_date, read_date
from alnguide.tools.deadlines.views import long_date

ROOT = Path(__file__).resolve().parents[1]
VECTORS = json.loads((ROOT / "tests" / "deadline_vectors.json").read_text(encoding="utf-8"))
D = datetime.date.fromisoformat


def clock(unit: str, amount: int, sure: str = "sure") -> Clock:
    return Clock("test", unit, amount, sure, None, None, {})


@pytest.fixture(scope="module")
def calendar(site) -> Calendar:
    return site.calendar


# The rules, with dates worked by hand ----------------------------------------------------

def test_the_term_file_counts_as_the_council_counted(calendar):
    """The council's own count for autumn 2018 was 75 school days."""
    autumn = calendar.years[0].terms[0]
    days = [autumn.start + datetime.timedelta(n) for n in range((autumn.end - autumn.start).days + 1)]
    assert sum(calendar.is_school_day(day) for day in days) == 75


def test_a_half_term_inside_the_35_school_days(calendar):
    # Told Monday 15 October 2018: 9 school days to the half term (29 October to 2 November,
    # 5 weekdays left out), then 26 more from 5 November: Monday 10 December.
    due = due_date(clock("school-days", 35), D("2018-10-15"), calendar)
    assert (due.date, due.holidays, due.no_terms_from) == (D("2018-12-10"), 5, None)
    assert not due.estimate


def test_a_christmas_holiday_inside_the_35_school_days(calendar):
    # Told Monday 3 December 2018: 14 school days to 21 December, 10 weekdays of holiday, then
    # 21 from Monday 7 January: Monday 4 February 2019.
    due = due_date(clock("school-days", 35), D("2018-12-03"), calendar)
    assert (due.date, due.holidays) == (D("2019-02-04"), 10)


def test_a_date_outside_the_term_file_counts_weekdays_and_says_so(calendar):
    due = due_date(clock("school-days", 35), D("2026-12-03"), calendar)
    assert (due.date, due.no_terms_from) == (D("2027-01-21"), D("2026-12-04"))
    assert due.estimate  # the page says it is the earliest the date can be


def test_weeks_days_and_a_check_rule(calendar):
    assert due_date(clock("weeks", 12), D("2026-01-31"), calendar).date == D("2026-04-25")
    assert due_date(clock("days", 28), D("2028-02-01"), calendar).date == D("2028-02-29")
    assert due_date(clock("weeks", 8, "check"), D("2026-11-20"), calendar).estimate


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda c: c["why"])
def test_python_rules_match_the_vectors(calendar, case):
    assert [year for year in VECTORS["calendar"]]  # the vectors carry the shipped term dates
    due = due_date(clock(case["unit"], case["amount"]), D(case["start"]), calendar)
    assert due.date.isoformat() == case["due"] and due.holidays == case["holidays"]
    assert (due.no_terms_from.isoformat() if due.no_terms_from else None) == case["noTermsFrom"]


@pytest.mark.parametrize("case", VECTORS["inputs"], ids=lambda c: c["why"])
def test_python_reads_dates_as_the_vectors_say(case):
    found, error = read_date(case["day"], case["month"], case["year"], D(case["today"]))
    assert (found.isoformat() if found else None, error) == (case["date"], case["error"])


def test_the_vectors_use_the_shipped_term_dates(site):
    def term(t) -> list:
        return [t.start.isoformat(), t.end.isoformat(), [[a.isoformat(), b.isoformat()] for a, b in t.breaks],
                sorted(d.isoformat() for d in t.closed)]

    shipped = [[term(t) for t in y.terms] for y in site.calendar.years]
    assert VECTORS["calendar"] == shipped


def page_names(client, lang: str) -> dict:
    html = client.get(deadlines_path(lang)).get_data(as_text=True)
    data = json.loads(unescape(re.search(r'data-deadlines="([^"]*)"', html).group(1)))
    return {"days": data["days"], "months": data["months"]}


@pytest.fixture(scope="module")
def node_results(tmp_path_factory, app):
    node = shutil.which("node")
    assert node, "node runs the export's script"
    names = tmp_path_factory.mktemp("names") / "names.json"
    client = app.test_client()
    names.write_text(json.dumps({lang: page_names(client, lang) for lang in LANGUAGES}), encoding="utf-8")
    result = subprocess.run([node, str(ROOT / "tests" / "js" / "run_deadlines.js"),
                             str(ROOT / "tests" / "deadline_vectors.json"), str(names)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_the_export_script_gives_the_same_answers(node_results):
    wanted = [{k: c[k] for k in ("due", "holidays", "noTermsFrom")} for c in VECTORS["cases"]]
    assert node_results["cases"] == wanted
    assert node_results["inputs"] == [{"date": i["date"], "error": i["error"]} for i in VECTORS["inputs"]]


def test_dates_are_written_in_the_readers_language_from_babel(node_results):
    for vector, written in zip(VECTORS["formats"], node_results["formats"], strict=True):
        assert vector["text"] == long_date(D(vector["date"]), vector["lang"]) == written
    assert "Dydd Llun 10 Rhagfyr 2018" in node_results["formats"]


# The page ----------------------------------------------------------------------------------

def today_fields(days: int = 0) -> dict:
    day = datetime.date.today() + datetime.timedelta(days)
    return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}


@pytest.mark.parametrize(("lang", "words"), [("en", ["normally by", "Counted 35 school days"]),
                                              ("cy", ["fel arfer erbyn", "35 diwrnod ysgol"])])
def test_the_server_answers_the_form(client, lang, words):
    response = client.get(deadlines_path(lang), query_string={"clock": "school-decision", **today_fields(-3)})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    result = unescape(response.get_data(as_text=True)).split('id="deadline-result"')[1].split("</section>")[0]
    for word in words:
        assert word in result
    due = due_date(load_site().clocks["school-decision"], datetime.date.today() - datetime.timedelta(3),
                   load_site().calendar)
    assert long_date(due.date, lang) in result
    html = response.get_data(as_text=True)
    assert html.index('id="result-heading"') < html.index('id="deadline-form"'), "the answer comes first"


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
    ("term-dates.yaml", "breaks: [[2018-10-29, 2018-11-02]]", "breaks: [[2018-12-29, 2019-01-02]]",
     "a break is outside its term"),
    ("term-dates.yaml", "start: 2019-09-02", "start: 2019-07-02", "overlap"),
    ("term-dates.yaml", "end: 2018-12-21", "end: 21 December", "must be a date"),
    ("deadlines.yaml", "unit: weeks", "unit: fortnights", "unit is one of"),
    ("deadlines.yaml", "letter: ask-school-why-no-decision", "letter: no-such-letter", "no letter"),
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
