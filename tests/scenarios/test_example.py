"""How a scenario module looks: two of the guide's existing rules, walked in both languages."""

from __future__ import annotations

import pytest

from alnguide.languages import LANGUAGES
from scenario_support import Scenario, check_scenario

SCENARIOS = [
    Scenario("a child looked after by Monmouthshire but living in another Welsh county",
             pathway="idp-responsibility", answers=["monmouthshire"], outcome="lac-monmouthshire",
             must={"en": ["Monmouthshire"], "cy": ["Sir Fynwy"]}),
    Scenario("a parent reading about disagreements learns there is no Tribunal appeal against a school",
             page="disagreements",
             must={"en": ["cannot appeal to the Tribunal about a school's decision"],
                   "cy": ["Tribiwnlys"]}),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_scenario(client, site, scenario, lang):
    check_scenario(client, site, scenario, lang)


def test_a_scenario_can_fail(client, site):
    """The checker itself: a missing phrase and a forbidden phrase are both caught."""
    chose = dict(pathway="transport", answers=["preference"], outcome="no-aln-transport")
    with pytest.raises(AssertionError, match="does not say"):
        check_scenario(client, site, Scenario("x", must={"en": ["a phrase on no page"], "cy": []},
                                              **chose), "en")
    with pytest.raises(AssertionError, match="still says"):
        check_scenario(client, site, Scenario("x", must={"en": [], "cy": []},
                                              must_not={"en": ["school"]}, **chose), "en")
