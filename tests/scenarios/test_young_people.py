"""Children and young people acting for themselves: their own rights, in their own voice.

A child (Year 11 or below) can appeal to the Education Tribunal for Wales in their own right; a
young person (past compulsory school age, under 25) makes their own decisions. Against a school
the route is asking the council to reconsider, never the Tribunal; nobody has to wait, or
complain first. The own-voice guides and letters speak to "you" and say "my IDP", never
"your child".
"""

from __future__ import annotations

import pytest

from alnguide.guides.pathways import all_steps
from alnguide.languages import LANGUAGES
from scenario_support import Scenario, check_scenario, normal, reach

PARENT_VOICE = {"en": ["your child", "my child"], "cy": ["eich plentyn", "fy mhlentyn"]}
TIME_LIMIT = {"en": ["time limit", "usually 8 weeks from the date of the decision letter",
                     "The decision letter must tell you about your right to appeal",
                     "If it does not give a date, ask the Tribunal"],
              "cy": ["fel arfer yw 8 wythnos o ddyddiad y llythyr penderfyniad",
                     "Rhaid i'r llythyr penderfyniad ddweud wrthych am eich hawl i apelio",
                     "Os nad yw'n rhoi dyddiad, gofynnwch i'r Tribiwnlys"]}
OWN_RIGHT = {"en": "a child can appeal to the Education Tribunal for Wales in their own right",
             "cy": "gall plentyn apelio i Dribiwnlys Addysg Cymru yn ei hawl ei hun"}

SCENARIOS = [
    Scenario("a 14-year-old who wants to appeal reads the children's page: they appeal in their own right",
             page="children-rights",
             must={"en": [OWN_RIGHT["en"], "your appeal is your own",
                          "a case friend can do this, including making an appeal"],
                   "cy": [OWN_RIGHT["cy"], "eich apêl chi yw eich apêl chi", "gan gynnwys gwneud apêl"]},
             must_not=PARENT_VOICE),
    Scenario("a 17-year-old appealing against the council is not told the letter holds a deadline it may "
             "not give",
             pathway="i-disagree", answers=["council", "decision", "young-person"], outcome="appeal-yp",
             must={"en": ["Write down the date of the letter, and what it says about appealing"],
                   "cy": ["Ysgrifennwch ddyddiad y llythyr, a beth mae'n ei ddweud am apelio"]},
             must_not={"en": ["Find the date by which you must appeal"],
                       "cy": ["Chwiliwch am y dyddiad olaf i apelio"]}),
    Scenario("a 14-year-old (Year 9) disagrees with the council's decision: they can appeal, in time",
             pathway="i-disagree", answers=["council", "decision", "child"], outcome="appeal-child",
             must={"en": [OWN_RIGHT["en"], "you do not need an adult to do it for you", "case friend",
                          *TIME_LIMIT["en"]],
                   "cy": [OWN_RIGHT["cy"], "does dim angen oedolyn i wneud hyn ar eich rhan", "cyfaill achos",
                          *TIME_LIMIT["cy"]]},
             must_not=PARENT_VOICE),
    Scenario("a sixth former disagrees with the school's ALN decision: ask the council to reconsider, "
             "straight away, not the Tribunal",
             pathway="i-disagree", answers=["school", "aln-decision"], outcome="school-decision",
             must={"en": ["appeal to the Tribunal against a school",
                          "ask the council to look at the school's decision again",
                          "You can ask straight away", "You do not have to make a complaint first"],
                   "cy": ["apelio i'r Tribiwnlys yn erbyn ysgol",
                          "gallwch ofyn i'r cyngor edrych ar benderfyniad yr ysgol eto",
                          "Gallwch ofyn ar unwaith", "Does dim rhaid i chi wneud cwyn yn gyntaf"]},
             must_not={"en": ["appeal to the Tribunal against the school's decision", "complain first, then",
                              *PARENT_VOICE["en"]],
                       "cy": ["apelio i'r Tribiwnlys yn erbyn penderfyniad yr ysgol", *PARENT_VOICE["cy"]]}),
    Scenario("a Year 12 student whose school is going to stop their IDP: the time limit to ask the council "
             "comes first, not 'ask soon'",
             pathway="i-disagree", answers=["school", "stop-idp"], outcome="school-stop-idp",
             must={"en": ["Ask the council now. There is a time limit", "There is a time limit",
                          "The school's letter about stopping your individual development plan",
                          "should tell you how long you have",
                          "If the letter does not say how long you have, ask the council's ALN Service",
                          "You cannot appeal to the Tribunal against a school"],
                   "cy": ["Gofynnwch i'r cyngor nawr. Mae terfyn amser", "Mae terfyn amser",
                          "Dylai llythyr yr ysgol am roi'r gorau i'ch cynllun datblygu unigol",
                          "ddweud faint o amser sydd gennych chi",
                          "gofynnwch i Wasanaeth ADY y cyngor ar unwaith",
                          "Allwch chi ddim apelio i'r Tribiwnlys yn erbyn ysgol"]},
             must_not={"en": ["Ask the council soon", *PARENT_VOICE["en"]],
                       "cy": ["Gofynnwch i'r cyngor yn fuan", *PARENT_VOICE["cy"]]}),
    Scenario("a sixth former reading their rights: stopping an IDP has a time limit to ask the council",
             page="young-people-rights",
             must={"en": ["If the school is stopping your", "there is a time limit for asking the council"],
                   "cy": ["Os yw'r ysgol yn rhoi'r gorau i'ch",
                          "mae terfyn amser ar gyfer gofyn i'r cyngor"]}),
    Scenario("a Year 10 pupil reading their rights: stopping an IDP has a time limit to ask the council",
             page="children-rights",
             must={"en": ["a decision to stop maintaining your", "For this one there is a time limit"],
                   "cy": ["penderfyniad i roi'r gorau i gynnal eich", "Ar gyfer hwn, mae terfyn amser"]}),
    Scenario("a Year 12 student whose school said 'no ALN': the council reconsiders, and the letter is "
             "in their own voice",
             pathway="my-support", answers=["young-person", "school", "said-no"], outcome="said-no",
             must={"en": ["You cannot appeal to the Tribunal against a school", "reconsider",
                          "my school decided",
                          "I am asking the council to reconsider my school's decision myself",
                          "please reconsider my IDP",
                          "It does not have to, unless your needs have changed"],
                   "cy": ["Allwch chi ddim apelio i'r Tribiwnlys yn erbyn ysgol", "ailystyried",
                          "penderfynodd fy ysgol",
                          "Rwy'n gofyn i'r cyngor ailystyried penderfyniad fy ysgol fy hun",
                          "ailystyriwch fy CDU",
                          "Does dim rhaid iddi wneud hynny, oni bai bod eich anghenion wedi newid"]},
             must_not=PARENT_VOICE),
    Scenario("a Year 8 pupil who has told nobody yet: tell someone and ask in writing now, never wait",
             pathway="my-support", answers=["child", "school", "not-told"], outcome="tell-school",
             must={"en": ["You do not have to wait", "You can ask it to decide at any time",
                          "35 school days", "normally",
                          "I would like the school to decide if I have additional learning needs"],
                   "cy": ["Does dim rhaid i chi aros", "Gallwch ofyn iddi benderfynu unrhyw bryd",
                          "35 diwrnod ysgol", "fel arfer",
                          "Hoffwn i'r ysgol benderfynu a oes gen i anghenion dysgu ychwanegol"]},
             must_not={"en": ["once the school starts", "after a period of support", "now you can ask",
                              *PARENT_VOICE["en"]],
                       "cy": [*PARENT_VOICE["cy"]]}),
    Scenario("a sixth former asks for a decision: it needs their agreement, and the letter gives it",
             pathway="my-support", answers=["young-person", "school", "told"], outcome="yp-ask-decision",
             must={"en": ["the school needs your agreement before it decides",
                          "I agree to the school making this decision"],
                   "cy": ["mae angen i chi gytuno cyn i'r ysgol benderfynu",
                          "Rwy'n cytuno i'r ysgol wneud y penderfyniad hwn"]},
             must_not=PARENT_VOICE),
    Scenario("a pupil who asked and heard nothing after 35 school days: act now; with no answer there is "
             "nothing to reconsider yet, so write, complain to the governing body, tell the council; a "
             "refusal to decide can be reconsidered (s.26(1)(a))",
             pathway="my-support", answers=["child", "school", "no-answer"], outcome="no-answer",
             must={"en": ["you do not have to keep waiting", "it does not stop any time limits",
                          "there is nothing for the council to reconsider",
                          "Complain to the governing body", "Deciding is the school governing body's duty",
                          "The law gives the council duties of its own, so ask what it can do",
                          "If the school says it will not decide at all, that is a refusal",
                          "You can ask the council to reconsider a refusal, and the council must then"],
                   "cy": ["does dim rhaid i chi ddal i aros",
                          "dydy hi ddim yn atal unrhyw derfyn amser",
                          "does dim byd i'r cyngor ei ailystyried",
                          "Cwyno i'r corff llywodraethu",
                          "Dyletswydd corff llywodraethu'r ysgol yw penderfynu",
                          "gofynnwch beth y gall ei wneud",
                          "Os bydd yr ysgol yn dweud na fydd yn penderfynu o gwbl, gwrthod yw hynny",
                          "Gallwch ofyn i'r cyngor ailystyried gwrthodiad"]},
             # Silence is not a decision; a refusal to decide is one the council reconsiders (s.26(1)(a)).
             must_not={"en": ["That is only for a decision the school has made", *PARENT_VOICE["en"]],
                       "cy": ["Dim ond ar gyfer penderfyniad y mae'r ysgol wedi'i wneud",
                              *PARENT_VOICE["cy"]]}),
    Scenario("a Year 9 pupil reading their rights when nobody answers: governing body and council, not "
             "'ask the council to decide instead'",
             page="children-rights",
             must={"en": ["complain to the school's governing body that it has not decided in time",
                          "ask what the council can do",
                          "If the school says it will not decide at all, that is a refusal",
                          "You can ask the council to reconsider a refusal",
                          "If the school has simply not answered, there is nothing to reconsider yet"],
                   "cy": ["cwyno i gorff llywodraethu'r ysgol nad yw wedi penderfynu mewn pryd",
                          "gofyn beth y gall y cyngor ei wneud",
                          "gwrthod yw hynny",
                          "Gallwch ofyn i'r cyngor ailystyried gwrthodiad",
                          "does dim i'w ailystyried eto"]},
             # A refusal to decide is reconsidered by the council (s.26(1)(a)); silence is not a decision.
             must_not={"en": ["you can ask the council to decide instead",
                              "is only for a decision the school has made"],
                       "cy": ["gallwch ofyn i'r cyngor benderfynu yn lle hynny",
                              "Dim ond ar gyfer penderfyniad y mae'r ysgol wedi'i wneud"]}),
    Scenario("a young person reading how to get help: disagreement resolution is the council's own "
             "service, SNAP Cymru gives advice",
             page="young-people-getting-help",
             must={"en": ["the council's independent disagreement resolution service",
                          "parent partnership service"],
                   "cy": ["gwasanaeth annibynnol y cyngor ar gyfer datrys anghytundebau",
                          "gwasanaeth partneriaeth rhieni"]},
             must_not={"en": ["In this region, SNAP Cymru provides this help", "runs the region's service"],
                       "cy": ["SNAP Cymru sy'n darparu'r help hwn", "cynnal gwasanaeth y rhanbarth"]}),
    Scenario("a 20-year-old who lacks capacity: their parent acts for them when there is no deputy or "
             "attorney, and needs no court order",
             page="young-people-rights",
             must={"en": ["a deputy named by the Court of Protection", "an attorney",
                          "if there is no deputy or attorney, the young person's parent",
                          "The parent does not need to go to the Court of Protection first"],
                   "cy": ["dirprwy a benodwyd gan y Llys Gwarchod", "atwrnai",
                          "os nad oes dirprwy nac atwrnai, rhiant y person ifanc",
                          "Does dim rhaid i'r rhiant fynd i'r Llys Gwarchod yn gyntaf"]},
             must_not={"en": ["the law lets certain representatives act for them"],
                       "cy": ["mae'r gyfraith yn caniatáu i rai cynrychiolwyr"]}),
    Scenario("a young person who lacks capacity and the council stopped their IDP: the appeal outcome says "
             "their parent can appeal for them",
             pathway="i-disagree", answers=["council", "decision", "young-person"], outcome="appeal-yp",
             must={"en": ["If there is neither, it is the young person's parent",
                          "the parent does not need to go to the Court of Protection first"],
                   "cy": ["Os nad oes un o'r ddau, rhiant y person ifanc yw'r cynrychiolydd",
                          "does dim rhaid i'r rhiant fynd i'r Llys Gwarchod yn gyntaf"]},
             must_not={"en": ["certain representatives can act for them"],
                       "cy": ["gall rhai cynrychiolwyr weithredu"]}),
    Scenario("a young person reading their rights: no appeal against a school, the Check wording for time",
             page="young-people-rights",
             must={"en": ["you cannot appeal against a school", "You can ask straight away",
                          *TIME_LIMIT["en"],
                          "You never have to complain before you ask the council to reconsider"],
                   "cy": ["allwch chi ddim apelio yn erbyn ysgol", "Gallwch ofyn ar unwaith",
                          *TIME_LIMIT["cy"],
                          "Does dim rhaid i chi byth gwyno cyn gofyn i'r cyngor ailystyried"]},
             must_not={"en": ["Time limits for appeals are short, so act quickly", "The exact date is on",
                              "you have 28 days to ask it to review"],
                       "cy": ["Mae'r terfynau amser ar gyfer apelio yn fyr",
                              "Mae'r union ddyddiad ar y llythyr",
                              "mae gennych chi 28 diwrnod i ofyn iddo adolygu"]}),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_scenario(client, site, scenario, lang):
    check_scenario(client, site, scenario, lang)


@pytest.mark.parametrize("guide", ["my-support", "i-disagree"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_own_voice_guides_never_speak_of_your_child(client, site, guide, lang):
    """Every question and outcome of the young people's own guides, letters included."""
    pathway = site.guide(guide)
    assert pathway.audience == "young-people"
    for step in all_steps(pathway):
        answers = [a.id for a in step.answers]
        walk = Scenario(f"{guide}/{'/'.join(answers)}", must={}, pathway=guide, answers=answers)
        _, text = reach(client, site, walk, lang)
        said = [phrase for phrase in PARENT_VOICE[lang] if normal(phrase) in normal(text)]
        assert not said, f"{walk} ({lang}) says {said}"


def test_own_voice_letters_are_first_person(site):
    for lang, mine, parents in (("en", "my ", PARENT_VOICE["en"]), ("cy", "fy ", PARENT_VOICE["cy"])):
        own = [x for x in site.letters[lang].values() if x.id.endswith("-myself")]
        assert len(own) >= 8 and all(x.voice == "young-people" for x in own)
        for letter in own:
            body = normal(letter.body)
            assert mine in body and not any(p in body for p in parents), (lang, letter.id)
