"""Home-to-school transport: who pays, and how a family asks the council to look again.

Rules: Monmouthshire ALN Policy, "ALN Transport" (major mobility problems, to the local or nearest
suitable school, whatever the distance; specialist provision not attached to the local school;
no ALN transport where the school is a parental preference, which holds for a special school or
specialist place the family chose, too). A refusal is never a dead end: each "no" says how to ask
the council to review its decision, with a letter.
"""

from __future__ import annotations

import pytest

from alnguide.languages import LANGUAGES
from scenario_support import Scenario, check_scenario

SCENARIOS = [
    Scenario("a family chose a special school themselves; the council did not name or agree it",
             pathway="transport", answers=["chosen-specialist"], outcome="no-aln-specialist",
             must={"en": ["the council did not name or agree it",
                          "This is true for a special school or a specialist place too",
                          "Ask the council to look again",
                          "Request to review a school transport decision"],
                   "cy": ["nad yw'r cyngor wedi'i enwi nac wedi cytuno iddo",
                          "Mae hyn yn wir am ysgol arbennig neu le arbenigol hefyd",
                          "Gofynnwch i'r cyngor edrych eto",
                          "Cais i adolygu penderfyniad ar gludiant ysgol"]},
             must_not={"en": ["should pay", "the council pays for transport"],
                       "cy": ["Dylai'r cyngor dalu", "mae'r cyngor yn talu am gludiant"]}),
    Scenario("a council panel offered an SRB place at a school that is not the family's local school",
             pathway="transport", answers=["specialist", "no"], outcome="funded-specialist",
             must={"en": ["the council named or agreed your child's place",
                          "a council panel offered your child the SRB place"],
                   "cy": ["mai'r cyngor a enwodd le eich plentyn",
                          "os yw panel y cyngor wedi cynnig y lle yn y CAA i'ch plentyn"]},
             must_not={"en": ["Places at the council's resource bases are agreed by a council panel"],
                       "cy": ["Panel y cyngor sy'n cytuno ar leoedd yng nghanolfannau adnoddau'r cyngor"]}),
    Scenario("a family that chose a school further away is told how to ask the council to look again",
             pathway="transport", answers=["preference"], outcome="no-aln-transport",
             must={"en": ["No",
                          "ask it to review its decision",
                          "sets out how to ask for a review, and any time limit. Ask the ALN Service for it",
                          "Request to review a school transport decision"],
                   "cy": ["Na fydd",
                          "gofynnwch iddo adolygu ei benderfyniad",
                          "yn esbonio sut i ofyn am adolygiad, ac unrhyw derfyn amser",
                          "Cais i adolygu penderfyniad ar gludiant ysgol"]},
             must_not={"en": ["you will need to plan your own way to get your child to school"],
                       "cy": ["bydd angen i chi drefnu eich ffordd eich hun"]}),
    Scenario("a family living closer than the distance, without major mobility problems, can still challenge",
             pathway="transport", answers=["nearest", "no", "child", "closer"], outcome="no-distance",
             must={"en": ["ask the council to look again",
                          "you think the walking route is not safe",
                          "ask it to review its decision",
                          "Request to review a school transport decision"],
                   "cy": ["gofynnwch i'r cyngor edrych eto",
                          "nad yw'r llwybr cerdded yn ddiogel",
                          "gofynnwch iddo adolygu ei benderfyniad",
                          "Cais i adolygu penderfyniad ar gludiant ysgol"]},
             must_not={"en": ["If you have other worries about the journey to school"],
                       "cy": ["Os oes gennych bryderon eraill am y daith i'r ysgol"]}),
    Scenario("a sixth former at the nearest suitable school, 4 miles away, no major mobility problems: the "
             "distance rules are for compulsory school age, so not 'Yes, probably'",
             pathway="transport", answers=["nearest", "no", "post-16"], outcome="post-16",
             must={"en": ["Ask the council",
                          "The 2-mile and 3-mile rules in Wales are only for children of compulsory "
                          "school age",
                          "these rules do not give free transport to a young person in Year 12 or above",
                          "The law lets the council help older learners with transport, but it does not "
                          "have to",
                          "child/young person"],
                   "cy": ["Gofynnwch i'r cyngor",
                          "Dim ond i blant o oedran ysgol gorfodol y mae'r rheolau 2 filltir a 3 milltir",
                          "dydy'r rheolau hyn ddim yn rhoi cludiant am ddim i berson ifanc ym Mlwyddyn 12",
                          "Mae'r gyfraith yn caniatáu i'r cyngor helpu dysgwyr hŷn gyda chludiant, ond does "
                          "dim rhaid iddo",
                          "plentyn/person ifanc"]},
             must_not={"en": ["Yes, probably", "These rules are for all pupils"],
                       "cy": ["Bydd, mae'n debyg", "Mae'r rheolau hyn ar gyfer pob disgybl"]}),
    Scenario("a Year 8 pupil 3 miles or more from the nearest suitable secondary school: the distance rule, "
             "for compulsory school age",
             pathway="transport", answers=["nearest", "no", "child", "secondary-far"],
             outcome="distance-rules",
             must={"en": ["Yes, probably", "These rules are for children of compulsory school age"],
                   "cy": ["Bydd, mae'n debyg", "Mae'r rheolau hyn ar gyfer plant o oedran ysgol gorfodol"]},
             must_not={"en": ["These rules are for all pupils"],
                       "cy": ["Mae'r rheolau hyn ar gyfer pob disgybl"]}),
    Scenario("a sixth former with major mobility problems: the council's mobility rule covers a young person",
             pathway="transport", answers=["nearest", "yes"], outcome="funded-mobility",
             must={"en": ['The council\'s policy writes this rule for a "child/young person"',
                          "in a sixth form"],
                   "cy": ['Mae polisi\'r cyngor yn ysgrifennu\'r rheol hon ar gyfer "plentyn/person ifanc"',
                          "mewn chweched dosbarth"]}),
    Scenario("an adviser reads the transport page: no unsourced local distances, walking-route rules or "
             "'no appeal' for spare seats; over-16s are told the distance rules do not apply",
             page="transport",
             must={"en": ["every child of compulsory school age", "What about young people over compulsory "
                          "school age?", "The 2-mile and 3-mile rules do not apply",
                          "Ask the council whether it does this"],
                   "cy": ["i bob plentyn o oedran ysgol gorfodol", "Beth am bobl ifanc dros oedran ysgol "
                          "gorfodol?", "Dydy'r rheolau 2 filltir a 3 milltir ddim yn berthnasol",
                          "Gofynnwch i'r cyngor a yw'n gwneud hyn"]},
             must_not={"en": ["from the 2025 to 2026 school year", "there is no appeal if you do not get one",
                              "sets the basic rules for every child in Wales", "concessionary transport"],
                       "cy": ["o flwyddyn ysgol 2025 i 2026", "nad oes hawl i apelio os na chewch chi un",
                              "yn gosod y rheolau sylfaenol i bob plentyn yng Nghymru",
                              "cludiant consesiynol"]}),
    Scenario("an adviser's transport summary: the distance rules are for compulsory school age only",
             page="adviser-quick-reference",
             must={"en": ["for children of compulsory school age only",
                          "Over compulsory school age, no ALN reason"],
                   "cy": ["i blant o oedran ysgol gorfodol yn unig",
                          "Dros oedran ysgol gorfodol, dim rheswm ADY"]}),
    Scenario("a child with major mobility problems at the nearest suitable school, living close by",
             pathway="transport", answers=["nearest", "yes"], outcome="funded-mobility",
             must={"en": ["How far you live from the school does not matter for this rule",
                          "It applies even if you live very close"],
                   "cy": ["Bydd",
                          "Does dim ots pa mor bell rydych chi'n byw o'r ysgol o dan y rheol hon"]},
             must_not={"en": ["Probably not"], "cy": ["Na fydd"]}),
    Scenario("a council-agreed SRB place inside the local school, with major mobility problems",
             pathway="transport", answers=["specialist", "yes", "yes"], outcome="funded-mobility",
             must={"en": ["major mobility problems", "does not matter for this rule"],
                   "cy": ["symudedd difrifol", "o dan y rheol hon"]}),
    Scenario("a parent not sure whether the council named or agreed the specialist place asks it in writing",
             pathway="transport", answers=["not-sure"], outcome="ask-school",
             must={"en": ["A school or specialist place the family chose, which is not the nearest"
                          " suitable school",
                          "whether the council named or agreed this place"],
                   "cy": ["Ysgol neu le arbenigol a ddewisodd y teulu, nad hi yw'r ysgol addas agosaf",
                          "ai'r cyngor a enwodd y lle hwn neu a gytunodd iddo"]},
             must_not={"en": ["Special school or resource base not part of your local school: transport"
                              " is paid"],
                       "cy": ["Ysgol arbennig neu ganolfan adnoddau nad yw'n rhan o'ch ysgol leol: telir"
                              " am gludiant"]}),
    Scenario("a family whose chosen special school is not named in the council's IDP hears of the Tribunal",
             pathway="transport", answers=["chosen-specialist"], outcome="no-aln-specialist",
             must={"en": ["appeal to the Education Tribunal for Wales about the school the IDP names",
                          "or longer if disagreement resolution starts in time"],
                   "cy": ["apelio i Dribiwnlys Addysg Cymru am yr ysgol sydd wedi'i henwi yn y",
                          "neu'n hirach os bydd trefniadau datrys anghytundeb yn dechrau mewn pryd"]}),
    Scenario("an adviser reading the transport page: the specialist rule needs a council-agreed place",
             page="transport",
             must={"en": ["that the council named or agreed, and that is not part of your local school",
                          "Your family chose a special school or specialist place, and the council did"
                          " not name or agree it",
                          "What if the council says no?"],
                   "cy": ["Lle mewn ysgol arbennig neu CAA y mae'r cyngor wedi'i enwi neu wedi cytuno iddo",
                          "Eich teulu a ddewisodd yr ysgol arbennig neu'r lle arbenigol",
                          "Beth os yw'r cyngor yn dweud na?"]},
             must_not={"en": ["Your child goes to a specialist resource base or special school that is not"
                              " part of their local school"],
                       "cy": ["Mae eich plentyn yn mynd i ganolfan adnoddau arbenigol neu ysgol arbennig nad"
                              " yw'n rhan o'i ysgol leol"]}),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_scenario(client, site, scenario, lang):
    check_scenario(client, site, scenario, lang)
