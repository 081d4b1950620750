"""Roles and words a family acts on: what the glossary calls things, who does what in a school,
how often the sensory register is updated, and how to get the council's papers."""

from __future__ import annotations

import pytest

from alnguide.languages import LANGUAGES
from scenario_support import Scenario, check_scenario

SCENARIOS = [
    Scenario("a parent looking up 'special school' is told it is a separate school, not an SRB",
             page="glossary",
             must={"en": ["A special school is a separate school",
                          "It is not the same as an SRB, which is part of a mainstream school",
                          "It is not a special school"],
                   "cy": ["Ysgol ar wahân yw ysgol arbennig",
                          "Nid yw'r un peth â chanolfan adnoddau arbenigol, sy'n rhan o ysgol brif ffrwd",
                          "Nid yw'n ysgol arbennig"]},
             # The old entry listed "special school" among the SRB's other names.
             must_not={"en": ["specialist provision, special school", "resource base, special school"],
                       "cy": ["canolfan adnoddau dysgu, ysgol arbennig", "ysgol arbennig, SRB"]}),
    Scenario("an adviser reads what a case friend is: appointed by the Tribunal for a child, not a "
             "representative",
             page="glossary",
             must={"en": ["A person the Education Tribunal for Wales appoints to act for a child who "
                          "lacks capacity",
                          "It is not the same as a case friend"],
                   "cy": ["Person y mae Tribiwnlys Addysg Cymru yn ei benodi i weithredu ar ran plentyn",
                          "Nid yw'r un peth â chyfaill achos"]},
             must_not={"en": ["litigation friend, representative", "Also called: representative"],
                       "cy": ["Enwau eraill: cynrychiolydd"]}),
    Scenario("the parent of a 19-year-old who lacks capacity looks up 'representative': with no deputy "
             "or attorney, the parent is the representative, without the Court of Protection",
             page="glossary",
             must={"en": ["or an attorney under a lasting power of attorney",
                          "If a young person has none of these, their parent is their representative",
                          "the parent does not need to go to the Court of Protection"],
                   "cy": ["neu'n atwrnai dan atwrneiaeth arhosol",
                          "Os nad oes gan berson ifanc yr un o'r rhain, ei riant yw ei gynrychiolydd",
                          "does dim rhaid i'r rhiant fynd i'r Llys Gwarchod"]},
             # The old entry gave only "a person with legal power, for example a deputy".
             must_not={"en": ["A person with legal power to make ALN decisions"],
                       "cy": ["Person sydd â'r awdurdod cyfreithiol i wneud penderfyniadau ADY"]}),
    Scenario("a parent reads what an ISPI is: the Act's own name, an independent SPECIAL post-16 "
             "institution (ALN Act s.56; the council's policy)",
             page="glossary",
             must={"en": ["independent special post-16 institution", "This is the name the ALN Act uses "
                          "(section 56)"],
                   "cy": ["sefydliad ôl-16 arbennig annibynnol", "Dyma'r enw y mae Deddf ADY yn ei "
                          "ddefnyddio (adran 56)"]},
             must_not={"en": ["independent specialist post-16 institution"],
                       "cy": ["sefydliad ôl-16 arbenigol annibynnol"]}),
    Scenario("the glossary says SNAP Cymru is the parent partnership service, not the "
             "disagreement resolution provider",
             page="glossary",
             must={"en": ["It is the region's parent partnership service"],
                   "cy": ["Dyma wasanaeth partneriaeth rhieni'r rhanbarth"]},
             must_not={"en": ["provides disagreement resolution in this region"],
                       "cy": ["sy'n darparu gwasanaeth datrys anghytundeb yn y rhanbarth hwn"]}),
    Scenario("a deaf child's parent asks how often the sensory register is updated: the policy's "
             "'bi-annually' is not turned into one meaning",
             page="sensory-impairment",
             must={"en": ["updates it regularly", "bi-annually", "twice a year or every two years"],
                   "cy": ["diweddaru'n rheolaidd", "bi-annually",
                          "ddwywaith y flwyddyn neu bob dwy flynedd"]},
             must_not={"en": ["It updates it twice a year"],
                       "cy": ["Mae'n ei diweddaru ddwywaith y flwyddyn"]}),
    Scenario("a parent reads who does what in a school: one school's practice is not a rule, and the "
             "ALNCo's link to the head is a clear line of communication",
             page="school-roles",
             must={"en": ["a clear line of communication", "In one school's policy",
                          "the school's ALN governor", "You can ask the school to decide whether your "
                          "child has ALN at any time"],
                   "cy": ["llinell gyfathrebu glir", "Ym mholisi un ysgol", "llywodraethwr ADY yr ysgol",
                          "Gallwch ofyn i'r ysgol benderfynu a oes gan eich plentyn ADY ar unrhyw adeg"]},
             must_not={"en": ["reports straight to", "ALN link governor", "how a typical school works"],
                       "cy": ["atebol yn uniongyrchol", "llywodraethwr cyswllt ADY",
                              "ysgol nodweddiadol"]}),
    Scenario("a foster carer reads that the half-termly meeting is one school's practice, and that "
             "they need not wait to raise a worry",
             page="looked-after-children",
             must={"en": ["In one school's policy", "you can say so at any time"],
                   "cy": ["Ym mholisi un ysgol", "gallwch ddweud hynny ar unrhyw adeg"]},
             must_not={"en": ["This teacher meets the school's ALNCo every half term",
                              "Every school has a designated teacher"],
                       "cy": ["Mae'r athro hwn yn cyfarfod â CADY yr ysgol bob hanner tymor",
                              "Mae gan bob ysgol athro dynodedig"]}),
    Scenario("an adviser wants the council policy's appendices: ask by email, in Welsh or English",
             page="about",
             must={"en": ["appendices and key documents", "in Welsh or in English",
                          "ALN@monmouthshire.gov.uk", "What kinds of sources do pages cite?"],
                   "cy": ["Atodiadau a dogfennau allweddol y polisi", "yn Gymraeg neu yn Saesneg",
                          "ALN@monmouthshire.gov.uk", "Pa fathau o ffynonellau"]},
             must_not={"en": ["how a typical school works"], "cy": ["ysgol nodweddiadol"]}),
    Scenario("an adviser reads the council's duty to keep its ALN arrangements under review",
             page="council-roles",
             must={"en": ["Chapter 7 of the ALN Code", "under review", "maintained schools in its area"],
                   "cy": ["pennod 7 o'r Cod ADY", "ysgolion a gynhelir yn ei ardal"]}),
    Scenario("the Welsh home page names the advisers' page without 'Cyfeirnod' or 'cynghorwyr'",
             page="index",
             must={"en": ["Quick reference for advisers", "at any time"],
                   "cy": ["Crynodeb cyflym i'r rhai sy'n cynghori teuluoedd", "ar unrhyw adeg"]},
             must_not={"en": [], "cy": ["Cyfeirlyfr cyflym i gynghorwyr", "Cynghorwyr a staff"]}),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_scenario(client, site, scenario, lang):
    check_scenario(client, site, scenario, lang)
