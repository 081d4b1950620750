"""Topics the policies cover that the guide used to leave out: support in Welsh, exam access
arrangements, moving on between settings, meetings and papers; and how to challenge an exclusion."""

from __future__ import annotations

import pytest

from alnguide.languages import LANGUAGES
from scenario_support import Scenario, check_scenario

SCENARIOS = [
    Scenario("a parent at a Welsh-medium school finds the IDP does not say the help should be in Welsh",
             page="support-in-welsh",
             must={"en": ["appeal to the Education Tribunal for Wales about whether the IDP says ALP "
                          "should be in Welsh",
                          "take all reasonable steps",
                          "ask the council to reconsider it"],
                   "cy": ["apelio i Dribiwnlys Addysg Cymru ynghylch a yw'r CDU yn dweud y dylai'r DDdY "
                          "fod yn Gymraeg",
                          "gymryd pob cam rhesymol",
                          "ofyn i'r cyngor ei ailystyried"]},
             must_not={"en": ["appeal to the Tribunal against the school"],
                       "cy": ["apelio i'r Tribiwnlys yn erbyn yr ysgol"]}),
    Scenario("a parent at a Welsh-medium school reads the routes as choices, not a ladder to climb",
             page="support-in-welsh",
             must={"en": ["These are choices, not steps to take in order",
                          "You do not need to talk to the school, have a review or make a complaint first",
                          "If the school maintains the IDP"],
                   "cy": ["Dewisiadau yw'r rhain, nid camau i'w dilyn yn eu trefn",
                          "Does dim rhaid i chi siarad â'r ysgol, cael adolygiad na gwneud cwyn yn gyntaf",
                          "Os mai'r ysgol sy'n cynnal y CDU"]},
             must_not={"en": ["If the school keeps the IDP"], "cy": []}),
    Scenario("permanently excluded: the parent wants to challenge it, not only claim discrimination",
             page="attendance-exclusions",
             must={"en": ["How can I challenge an exclusion?", "independent appeal panel",
                          "The time limits are short", "make representations"],
                   "cy": ["Sut galla i herio gwaharddiad?", "banel apêl annibynnol",
                          "Mae'r terfynau amser yn fyr", "gyflwyno sylwadau"]},
             # the old page's only route: a discrimination claim, offered as "you may be able to"
             must_not={"en": ["linked to your child's disability, you may be able to make a disability "
                              "discrimination claim"],
                       "cy": ["yn gysylltiedig ag anabledd eich plentyn, efallai y gallwch wneud hawliad"]}),
    Scenario("a Year 12 student permanently excluded from the sixth form: only the student can appeal, and "
             "'aged 11 or over' is counted on the day before the school year began",
             page="attendance-exclusions",
             must={"en": ["The age is counted on the day before the school year began",
                          "for example in a sixth form:", "only the pupil can appeal",
                          "A parent can help them, but cannot appeal for them",
                          "the pupil and the parent can each appeal"],
                   "cy": ["Mae'r oed yn cael ei gyfrif ar y diwrnod cyn i'r flwyddyn ysgol ddechrau",
                          "er enghraifft mewn chweched dosbarth:", "dim ond y disgybl all apelio",
                          "Gall rhiant ei helpu, ond ni all apelio ar ei ran",
                          "gall y disgybl apelio, a gall y rhiant apelio hefyd"]},
             must_not={"en": ["A pupil aged 11 or over can appeal too"],
                       "cy": ["Gall disgybl 11 oed neu hŷn apelio hefyd"]}),
    Scenario("a parent of a Year 4 child with an IDP wonders when to start planning secondary school",
             page="moving-on",
             must={"en": ["When should planning start?", "a year or more before",
                          "You do not need to wait for the school"],
                   "cy": ["Pryd ddylai'r cynllunio ddechrau?", "flwyddyn neu fwy cyn",
                          "Does dim rhaid i chi aros i'r ysgol"]}),
    Scenario("a parent is sent a review invitation two days ahead with papers full of jargon",
             page="meetings-and-papers",
             must={"en": ["in a form you can read and understand", "enough notice",
                          "ask to change it"],
                   "cy": ["ar ffurf y gallwch ei darllen a'i deall", "digon o rybudd",
                          "gofynnwch am ei newid"]}),
    Scenario("a Year 10 learner with an IDP needs extra time in GCSEs",
             page="exam-access-arrangements",
             must={"en": ["agreed before the exam", "exams officer", "Ask early"],
                   "cy": ["cytuno cyn yr arholiad", "swyddog arholiadau", "Gofynnwch yn gynnar"]}),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_scenario(client, site, scenario, lang):
    check_scenario(client, site, scenario, lang)
