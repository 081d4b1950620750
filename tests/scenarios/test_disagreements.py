"""Disagreements, reconsideration, appeals and complaints: no family spends its appeal window in a
complaints procedure, and each route says what it is for, who runs it and how long there is."""

from __future__ import annotations

import pytest

from alnguide.languages import LANGUAGES
from scenario_support import Scenario, check_scenario

EIGHT_WEEKS = {"en": "usually 8 weeks from the date of the decision letter",
               "cy": "fel arfer 8 wythnos o ddyddiad y llythyr penderfyniad"}
# The notice must give the right of appeal, not necessarily a date: never "the exact date is on the letter".
CONFIRM = {"en": "If it does not give a date, ask the Tribunal",
           "cy": "Os nad yw'n rhoi dyddiad, gofynnwch i'r Tribiwnlys"}
OVER_CERTAIN = {"en": ["The exact date is on", "the letter gives the exact date"],
                "cy": ["Mae'r union ddyddiad ar y llythyr", "mae'r llythyr yn rhoi'r union ddyddiad"]}
# ETW Regulations 2021, reg. 53(2)(b): a review is asked for no later than 28 days after the decision
# was sent; the family's deadline is the day the Tribunal must get it.
REVIEW = {"en": "no later than 28 days after the date it sent you its decision",
          "cy": "heb fod yn hwyrach na 28 diwrnod ar ôl y dyddiad yr anfonodd ei benderfyniad atoch chi"}
NO_SCHOOL_APPEAL = {"en": "no appeal to the Tribunal against a school",
                    "cy": "Nid oes modd apelio i'r Tribiwnlys yn erbyn ysgol"}
COUNCIL_SERVICE = {"en": "the council's independent disagreement resolution service",
                   "cy": "wasanaeth datrys anghytundebau annibynnol y cyngor"}
ASK_ALN_SERVICE = {"en": "ask the council's ALN Service", "cy": "gofynnwch i Wasanaeth ADY y cyngor"}
# The old wording that named SNAP Cymru as the council's disagreement resolution provider.
SNAP_AS_PROVIDER = {
    "en": ["SNAP Cymru provides this service",
           "SNAP Cymru runs the disagreement resolution",
           "SNAP Cymru runs this free, independent service",
           "SNAP Cymru gives it in this region"],
    "cy": ["SNAP Cymru sy'n darparu'r gwasanaeth hwn",
           "SNAP Cymru sy'n cynnal y gwasanaeth datrys",
           "SNAP Cymru sy'n cynnal y gwasanaeth annibynnol hwn",
           "SNAP Cymru sy'n ei ddarparu"],
}

SCENARIOS = [
    Scenario("a parent reads the disagreements page: complaints never come before reconsideration",
             page="disagreements",
             must={"en": ["You can do this straight away",
                          "it does not stop any time limit",
                          "You never have to talk first before you ask the council to reconsider"],
                   "cy": ["Gallwch wneud hyn ar unwaith",
                          "nid yw'n atal unrhyw derfyn amser",
                          "Does dim rhaid i chi siarad yn gyntaf cyn gofyn i'r cyngor ailystyried"]},
             must_not={"en": ["Take these steps in order", "Move on only if the step before has not worked"],
                       "cy": ["Dilynwch y camau hyn yn eu trefn", "Symudwch ymlaen dim ond os"]}),
    Scenario("the disagreements page lists every appealable council decision, with the Check time limit",
             page="disagreements",
             must={"en": ["a decision to stop maintaining an IDP the council maintains",
                          "a decision not to take over an IDP",
                          "a child, in their own right",
                          "disability discrimination",
                          EIGHT_WEEKS["en"], "must tell you about your right to appeal", REVIEW["en"]],
                   "cy": ["penderfyniad i roi'r gorau i gynnal CDU y mae'r cyngor yn ei gynnal",
                          "penderfyniad i beidio â chymryd CDU drosodd",
                          "plentyn, yn ei hawl ei hun",
                          "wahaniaethu ar sail anabledd",
                          EIGHT_WEEKS["cy"], "ddweud wrthych am eich hawl i apelio", REVIEW["cy"]]},
             must_not={"en": ["the time limit is a matter of weeks", "within 28 days of the decision",
                              *OVER_CERTAIN["en"]],
                       "cy": ["mater o wythnosau yw'r terfyn amser", "o fewn 28 diwrnod i'r penderfyniad",
                              *OVER_CERTAIN["cy"]]}),
    Scenario("the disagreements page names the council's service, and SNAP Cymru only as advice and support",
             page="disagreements",
             must={"en": [COUNCIL_SERVICE["en"], ASK_ALN_SERVICE["en"],
                          "SNAP Cymru is the region's independent parent partnership service"],
                   "cy": [COUNCIL_SERVICE["cy"], ASK_ALN_SERVICE["cy"],
                          "SNAP Cymru yw gwasanaeth partneriaeth rhieni annibynnol y rhanbarth"]},
             must_not=SNAP_AS_PROVIDER),
    Scenario("a parent disagrees with a school's 'no ALN' decision: ask the council straight away, "
             "no Tribunal appeal against a school, and no complaint first",
             pathway="disagree", answers=["school", "aln-decision"], outcome="school-aln-decision",
             must={"en": ["reconsider the school's decision straight away", NO_SCHOOL_APPEAL["en"],
                          "You do not need to complain first"],
                   "cy": ["ailystyried penderfyniad yr ysgol ar unwaith", NO_SCHOOL_APPEAL["cy"],
                          "Does dim angen i chi gwyno yn gyntaf"]},
             must_not={"en": ["Follow the steps it gives", *SNAP_AS_PROVIDER["en"]],
                       "cy": ["Dilynwch y camau y mae'n eu rhoi", *SNAP_AS_PROVIDER["cy"]]}),
    Scenario("a school stops maintaining an IDP: ask the council to reconsider, within a time limit",
             pathway="disagree", answers=["school", "stop-idp"], outcome="school-stop-idp",
             must={"en": ["ask the council to reconsider that decision", "There is a time limit",
                          NO_SCHOOL_APPEAL["en"]],
                   "cy": ["ofyn i'r cyngor ailystyried y penderfyniad hwnnw", "Mae terfyn amser",
                          NO_SCHOOL_APPEAL["cy"]]}),
    Scenario("a parent disagrees with a school's IDP: the council can reconsider it straight away",
             pathway="disagree", answers=["school", "idp-content", "reconsider"],
             outcome="school-idp-reconsider",
             must={"en": ["with a view to changing it", "You can ask straight away", "section 27"],
                   "cy": ["gyda'r bwriad o'i newid", "Gallwch ofyn ar unwaith", "adran 27"]}),
    Scenario("the council stops maintaining an IDP: appeal, usually 8 weeks from the decision letter (Check)",
             pathway="disagree", answers=["council", "stop-idp"], outcome="council-stop-idp",
             must={"en": ["stop maintaining", EIGHT_WEEKS["en"],
                          "The decision letter must tell you about your right to appeal",
                          CONFIRM["en"], REVIEW["en"]],
                   "cy": ["rhoi'r gorau i gynnal", EIGHT_WEEKS["cy"],
                          "Rhaid i'r llythyr penderfyniad ddweud wrthych am eich hawl i apelio",
                          CONFIRM["cy"], REVIEW["cy"]]},
             must_not={"en": [*OVER_CERTAIN["en"], "28 days to ask it to review"],
                       "cy": [*OVER_CERTAIN["cy"], "28 diwrnod i ofyn iddo adolygu"]}),
    Scenario("a parent asks for an advocate: the council's duty is for appeals and disagreement resolution "
             "(s.69), not every review meeting",
             pathway="disagree", answers=["help", "advocate"], outcome="help-advocate",
             must={"en": ["when they are thinking about an appeal to the Tribunal, making one, or using the "
                          "council's help to sort out a disagreement",
                          "The law does not require an advocate for other meetings, such as an IDP review"],
                   "cy": ["pan fyddan nhw'n ystyried apelio i'r Tribiwnlys, yn apelio, neu'n defnyddio help "
                          "y cyngor i ddatrys anghytundeb",
                          "Nid yw'r gyfraith yn gofyn am eiriolwr ar gyfer cyfarfodydd eraill, fel "
                          "adolygiad"]},
             must_not={"en": ["such as a review meeting or an appeal"],
                       "cy": ["fel cyfarfod adolygu neu apêl"]}),
    Scenario("a parent reads what to do when the school is slow: holidays are not an exception, and a "
             "school that has decided need not decide again unless something is new",
             page="disagreements",
             must={"en": ["School holidays are not school days, so they never count",
                          "it does not have to decide again unless your child's needs have changed",
                          "complain to the school's governing body"],
                   "cy": ["Nid yw gwyliau ysgol yn ddiwrnodau ysgol, felly dydyn nhw byth yn cyfrif",
                          "does dim rhaid iddi benderfynu eto oni bai bod anghenion eich plentyn wedi newid",
                          "gwyno i gorff llywodraethu'r ysgol"]},
             must_not={"en": ["There are some exceptions, such as school holidays"],
                       "cy": ["Mae rhai eithriadau, fel gwyliau ysgol"]}),
    Scenario("the parent of a 19-year-old who lacks capacity disagrees with the council: the parent can "
             "appeal as the young person's representative, without the Court of Protection",
             pathway="disagree", answers=["council", "aln-decision"], outcome="council-appeal",
             must={"en": ["If a young person lacks capacity, their representative appeals",
                          "if there is neither, their parent, with no need for the Court of Protection"],
                   "cy": ["Os nad oes gan berson ifanc alluedd, ei gynrychiolydd sy'n apelio",
                          "os nad oes un o'r ddau, ei riant, heb fod angen y Llys Gwarchod"]}),
    Scenario("an adviser reads who can appeal: a young person's representative includes their parent",
             page="disagreements",
             must={"en": ["a deputy, an attorney or, if there is neither, the young person's parent",
                          "A parent does not need the Court of Protection for this"],
                   "cy": ["dirprwy, atwrnai neu, os nad oes un o'r ddau, rhiant y person ifanc",
                          "Does dim angen y Llys Gwarchod ar riant ar gyfer hyn"]}),
    Scenario("the council will not take over a school's IDP: that decision can be appealed",
             pathway="disagree", answers=["council", "not-take-over"], outcome="council-not-take-over",
             must={"en": ["You can appeal against that decision", EIGHT_WEEKS["en"]],
                   "cy": ["Gallwch apelio yn erbyn y penderfyniad hwnnw", EIGHT_WEEKS["cy"]]}),
    Scenario("a family asks for disagreement resolution: the council's service, through the ALN Service",
             pathway="disagree", answers=["help", "resolution"], outcome="help-resolution",
             must={"en": [COUNCIL_SERVICE["en"], ASK_ALN_SERVICE["en"],
                          "does not affect your right to appeal"],
                   "cy": [COUNCIL_SERVICE["cy"], ASK_ALN_SERVICE["cy"],
                          "yn effeithio ar eich hawl i apelio"]},
             must_not=SNAP_AS_PROVIDER),
    Scenario("a parent complains about how the school handled things: the complaint stops no time limit",
             pathway="disagree", answers=["school", "handling"], outcome="school-complaint",
             must={"en": ["does not stop the time limits", "35 school days"],
                   "cy": ["nid yw'n atal y terfynau amser", "35 diwrnod ysgol"]}),
    Scenario("a parent complains about how the council handled things: the complaint stops no time limit",
             pathway="disagree", answers=["council", "handling"], outcome="council-complaint",
             must={"en": ["does not stop the time limits", "12 weeks"],
                   "cy": ["nid yw'n atal y terfynau amser", "12 wythnos"]}),
    Scenario("a young person disagrees with a college's 'no ALN' decision: appeal, no complaint first",
             pathway="disagree", answers=["college", "aln-decision"], outcome="college-appeal",
             must={"en": ["You do not have to complain first", EIGHT_WEEKS["en"]],
                   "cy": ["Does dim rhaid i chi gwyno yn gyntaf", EIGHT_WEEKS["cy"]]},
             must_not={"en": ["Talk to the college, then"], "cy": ["Siaradwch â'r coleg, ac yna"]}),
    Scenario("an adviser reads the quick reference: the routes run side by side, not in order",
             page="adviser-quick-reference",
             must={"en": ["not a ladder", "A complaint never comes before reconsideration or appeal",
                          EIGHT_WEEKS["en"]],
                   "cy": ["Nid cyfres o gamau un ar ôl y llall",
                          "Nid yw cwyn byth yn dod cyn ailystyriaeth neu apêl", EIGHT_WEEKS["cy"]]},
             must_not={"en": ["routes of challenge, in order", "SNAP Cymru gives it in this region"],
                       "cy": ["yn eu trefn", "Cyfeirnod", "SNAP Cymru sy'n ei ddarparu"]}),
    Scenario("the complaints page: a complaint does not change a decision or stop a time limit",
             page="complaints",
             must={"en": ["A complaint does not stop any time limit", "You never have to complain first"],
                   "cy": ["Nid yw cwyn yn atal unrhyw derfyn amser",
                          "Does byth rhaid i chi gwyno yn gyntaf"]},
             must_not={"en": ["SNAP Cymru also runs"], "cy": ["Mae SNAP Cymru hefyd yn cynnal"]}),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_scenario(client, site, scenario, lang):
    check_scenario(client, site, scenario, lang)
