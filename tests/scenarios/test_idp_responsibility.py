"""Who is responsible for an IDP: "not sure whether the council took over" never concludes that the
school is responsible; IDPs are maintained (cynnal), and time limits count from when the school or
council was told (Act s.11 to s.14, s.28 (taking over an IDP) and s.70)."""

from __future__ import annotations

import pytest

from alnguide.languages import LANGUAGES
from scenario_support import Scenario, check_scenario

AT_SCHOOL = ["no", "maintained-school"]

SCENARIOS = [
    Scenario("a parent not sure whether the council took over the IDP is sent to find out who maintains it",
             pathway="idp-responsibility", answers=[*AT_SCHOOL, "not-sure"], outcome="ask-who-maintains",
             must={"en": ["who maintains", "Look at the IDP itself", "Ask the council's ALN Service"],
                   "cy": ["pwy sy'n cynnal", "Edrychwch ar y CDU ei hun",
                          "Gofynnwch i Wasanaeth ADY y cyngor"]},
             must_not={"en": ["The school is responsible"], "cy": ["Yr ysgol sy'n gyfrifol"]}),
    Scenario("the takeover question says where to look: the IDP itself says who maintains it",
             pathway="idp-responsibility", answers=AT_SCHOOL,
             must={"en": ["The IDP itself says who maintains it"],
                   "cy": ["Mae'r CDU ei hun yn dweud pwy sy'n ei gynnal"]},
             must_not={"en": ["who keeps it", "the school keeps it"],
                       "cy": ["yn ei gadw", "sy'n ei gadw"]}),
    Scenario("a pupil at a maintained school: 35 school days, counted from when the school was told",
             pathway="idp-responsibility", answers=[*AT_SCHOOL, "no"], outcome="school",
             must={"en": ["35 school days", "normally count from the day the school was told",
                          "at any time, in writing"],
                   "cy": ["35 diwrnod ysgol", "cyfrif o'r diwrnod y cafodd yr ysgol wybod",
                          "ar unrhyw adeg, yn ysgrifenedig"]},
             must_not={"en": ["keeps the IDP"], "cy": ["yn cadw'r CDU"]}),
    Scenario("a child not yet at school: the council's 12 weeks count from when it was told",
             pathway="idp-responsibility", answers=["no", "early-years"], outcome="early-years",
             must={"en": ["12 weeks", "normally count from the day the council was told",
                          "write to the ALN Service and ask why"],
                   "cy": ["12 wythnos", "cyfrif o'r diwrnod y cafodd y cyngor wybod",
                          "ysgrifennwch at y Gwasanaeth ADY a gofyn pam"]}),
    Scenario("a family asking the council to take over can appeal if the council says no",
             pathway="idp-responsibility", answers=[*AT_SCHOOL, "want-council"],
             outcome="ask-council-takeover",
             must={"en": ["appeal to the Education Tribunal for Wales", "usually 8 weeks",
                          "maintained by the school"],
                   "cy": ["apelio i Dribiwnlys Addysg Cymru", "Fel arfer y terfyn amser yw 8 wythnos",
                          "sy'n cael ei gynnal gan yr ysgol"]},
             must_not={"en": ["kept by the school"], "cy": ["sy'n cael ei gadw gan yr ysgol"]}),
    Scenario("an adviser checks the take-over outcome's source: asking the council to take over is s.28, "
             "not s.27 (reconsidering an IDP)",
             pathway="idp-responsibility", answers=[*AT_SCHOOL, "want-council"],
             outcome="ask-council-takeover",
             must={"en": ["s.28 and s.70"], "cy": ["adrannau 28 a 70"]},
             must_not={"en": ["s.27 and s.70"], "cy": ["adrannau 27 a 70"]}),
    Scenario("an adviser reading the IDP page's sources: taking over an IDP is s.28",
             page="idps",
             must={"en": ["s.28 (asking the council to take over an IDP)"],
                   "cy": ["adran 28 (gofyn i'r cyngor gymryd CDU drosodd)"]},
             must_not={"en": ["s.27 (asking the council to take over an IDP)"],
                       "cy": ["adran 27 (gofyn i'r cyngor gymryd CDU drosodd)"]}),
    Scenario("a young person whose school is not giving the help in their IDP: taking it over is s.28",
             pathway="i-disagree", answers=["school", "handling"], outcome="school-handling",
             must={"en": ["ask the council to take over your IDP", "s.28"],
                   "cy": ["gymryd eich CDU drosodd", "adran 28"]},
             must_not={"en": ["s.27"], "cy": ["adran 27"]}),
    Scenario("a child looked after by Monmouthshire: the family need not wait for the school to refer",
             pathway="idp-responsibility", answers=["monmouthshire"], outcome="lac-monmouthshire",
             must={"en": ["do not have to wait", "at any time, in writing"],
                   "cy": ["Does dim rhaid i chi", "ar unrhyw adeg, yn ysgrifenedig"]},
             must_not={"en": ["it gives extra help first"],
                       "cy": ["bydd yn rhoi cymorth ychwanegol yn gyntaf"]}),
    Scenario("a parent reading about IDPs learns that they are maintained, and when the time starts",
             page="idps",
             must={"en": ["maintained by the school", "normally count from the day they were told"],
                   "cy": ["yn cynnal y rhan fwyaf o CDUau", "cyfrif o'r diwrnod y cawson nhw wybod"]},
             must_not={"en": ["kept by the school", "independent specialist post-16"],
                       "cy": ["cadw'r CDU", "ôl-16 arbenigol annibynnol"]}),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_scenario(client, site, scenario, lang):
    check_scenario(client, site, scenario, lang)
