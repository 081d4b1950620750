"""The calculator's own words in Welsh, as hunspell-cy and the English word list read them: the
page, and a result of each kind (due, not before, the family's deadline, with closure days), as
the project's language check reads every other page (tests/test_language.py)."""

from __future__ import annotations

import pytest

import language_check
from alnguide.languages import deadlines_path

MAX_UNKNOWN = 0.02
RESULTS = {
    "the page": {},
    "a due date": {"clock": "school-decision", "day": "3", "month": "12", "year": "2026"},
    "not before": {"clock": "school-decision", "day": "21", "month": "6", "year": "2027"},
    "the family's deadline": {"clock": "tribunal-appeal", "day": "23", "month": "11", "year": "2026"},
    "closure days": {"clock": "school-decision", "day": "3", "month": "12", "year": "2026",
                     "closed": "4 1 2027"},
    "an error": {"clock": "school-decision", "day": "3", "month": "12", "year": "26", "closed": "x"},
}


@pytest.fixture(scope="module")
def texts(app) -> dict[str, language_check.Text]:
    reason = language_check.available()
    if reason:
        pytest.skip(reason)
    client = app.test_client()
    return {name: language_check.page_text(client.get(deadlines_path("cy"), query_string=query)
                                           .get_data(as_text=True), "cy") for name, query in RESULTS.items()}


@pytest.mark.parametrize("name", RESULTS)
def test_the_calculators_welsh_is_spelt_correctly_and_has_no_unmarked_english(texts, name):
    text = " ".join(texts[name].by_lang.get("cy", []))
    assert ("Mae problem wedi codi" in text) == (name == "an error")
    assert (" dydd " in text.split("Pa derfyn amser?")[0]) == (name not in ("the page", "an error"))
    check = language_check.Checker()
    check.prepare([text], "cy")
    total, unknown = check.misspelt(text, "cy")
    assert len(unknown) / max(total, 1) <= MAX_UNKNOWN, sorted(set(unknown))
    assert not check.other_language(text, "cy")
