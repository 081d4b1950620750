"""School places and specialist resource bases (SRBs): how to get a place, and what to do on a "no".

Rules: Monmouthshire ALN Policy, "Admission to School or Nursery" and "Specialist Provision"; the
Tribunal hears appeals about the school named in an IDP the council maintains (Act s.70), usually
within 8 weeks of the decision letter, longer if disagreement resolution starts in time; an
admission refusal can be appealed to an independent appeal panel (School Admission Appeals Code).
"""

from __future__ import annotations

import pytest

from alnguide.languages import LANGUAGES
from scenario_support import Scenario, check_scenario

SCENARIOS = [
    Scenario("a parent who disagrees with the school named in the council's IDP knows the appeal time limit",
             pathway="school-place", answers=["ordinary", "yes"], outcome="idp-named",
             must={"en": ["usually be made within 8 weeks of the date of the council's decision letter",
                          "It can be longer if disagreement resolution starts in time",
                          "This does not take away your right to appeal"],
                   "cy": ["o fewn 8 wythnos i ddyddiad llythyr penderfyniad y cyngor",
                          "Gall fod yn hirach os bydd trefniadau datrys anghytundeb yn dechrau mewn pryd",
                          "Nid yw hyn yn cymryd eich hawl i apelio oddi arnoch"]},
             must_not={"en": ["Get advice first"], "cy": ["Gofynnwch am gyngor yn gyntaf"]}),
    Scenario("a parent asking for an SRB place learns what to do on a no, and when transport is paid",
             pathway="school-place", answers=["srb"], outcome="srb",
             must={"en": ["If the panel does not offer a place",
                          "Once the panel has agreed a place, ask about transport"],
                   "cy": ["Os nad yw'r panel yn cynnig lle",
                          "Pan fydd y panel wedi cytuno ar le, holwch am gludiant"]},
             must_not={"en": ["The council pays for transport to an SRB that is not part of your local"
                              " school."],
                       "cy": ["Mae'r cyngor yn talu am gludiant i CAA nad yw'n rhan o'ch ysgol leol."]}),
    Scenario("a parent applying in the usual way is told a refusal can be appealed to an independent panel",
             pathway="school-place", answers=["ordinary", "no"], outcome="ordinary",
             must={"en": ["you can appeal to an independent appeal panel",
                          "the council will not pay ALN transport"],
                   "cy": ["gallwch apelio i banel apêl annibynnol",
                          "ni fydd y cyngor yn talu am gludiant ADY"]}),
    Scenario("a parent refused a place outside the year group can ask for reasons and ask again",
             pathway="school-place", answers=["year-group"], outcome="year-group",
             must={"en": ["If the answer is no, ask for the reasons in writing"],
                   "cy": ["Os mai na yw'r ateb, gofynnwch am y rhesymau yn ysgrifenedig"]}),
    Scenario("a parent worried a school will refuse a disabled child reads the school places page",
             page="school-places",
             must={"en": ["a school must not discriminate against a disabled child when it decides who"
                          " gets a place",
                          "An independent appeal panel hears the appeal"],
                   "cy": ["ni ddylai ysgol wahaniaethu yn erbyn plentyn anabl wrth benderfynu pwy sy'n"
                          " cael lle",
                          "Panel apêl annibynnol sy'n gwrando ar yr apêl"]},
             must_not={"en": ["Every school has its own admissions policy"],
                       "cy": ["Mae gan bob ysgol ei pholisi derbyn ei hun"]}),
    Scenario("a parent reading about SRBs: transport only to a panel-agreed place not at the local school",
             page="specialist-resource-bases",
             must={"en": ["What if the panel does not offer a place?",
                          "Yes, if the council's panel agreed the place and the SRB is not part of your"
                          " local school"],
                   "cy": ["Beth os nad yw'r panel yn cynnig lle?",
                          "Ydy, os cytunodd panel y cyngor i'r lle ac nad yw'r ganolfan yn rhan o'ch"
                          " ysgol leol"]},
             must_not={"en": ["keeps the IDP"], "cy": ["yn cadw'r CDU"]}),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_scenario(client, site, scenario, lang):
    check_scenario(client, site, scenario, lang)
