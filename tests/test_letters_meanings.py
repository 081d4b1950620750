"""Each placeholder in a letter means one thing, in both languages. The build refuses a shared
label that says more than its placeholder (a box "Today's date" that also filled "starting on
[date]"), the date of writing anywhere but the line that dates a letter, any other date alone on
that line, two boxes for one thing, and a full stop inside the brackets. The real letters are
walked for what the build cannot see: pairs alike, and the Act's sections right."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from alnguide.content.loader import load_site
from alnguide.content.model import Site
from alnguide.languages import LANGUAGES
from test_content_model import edit, problems_for
from test_letters_builder import letter_section, step_with_letter

LABELS = """dated:
  cy: dyddiad heddiw
  en: today's date
cy:
  dyddiad heddiw: Dyddiad heddiw
  dyddiad: Dyddiad heddiw
  dyddiad geni: Dyddiad geni eich plentyn
  enw'r plentyn: Enw eich plentyn
  e-bost neu gyfeiriad: Eich e-bost neu'ch cyfeiriad
en:
  today's date: Today's date
  date: Today's date
  date of birth: Your child's date of birth
  child's name: Your child's name
  email or address: Your email or address
"""
# The fixture letters, with their own labels taken out so that the shared ones above apply.
OWN = {"en": ("fields:\n  name: The teacher's name\n  child's name: Your child's name\n",
              "fields:\n  name: The teacher's name\n"),
       "cy": ("fields:\n  enw: Enw'r athro\n  enw'r plentyn: Enw eich plentyn\n",
              "fields:\n  enw: Enw'r athro\n")}
TODAY = {"en": "today's date", "cy": "dyddiad heddiw"}
DONE = {"en": "Please decide.", "cy": "Penderfynwch os gwelwch yn dda."}
FILE = {"en": "ask-school.md", "cy": "ask-school.md"}


@pytest.fixture()
def letters(fixture_content: Path) -> Path:
    """The fixture site with shared labels, its letters using them."""
    (fixture_content / "letter-fields.yaml").write_text(LABELS, encoding="utf-8")
    for lang in LANGUAGES:
        edit(fixture_content / lang / "letters" / FILE[lang], *OWN[lang])
    return fixture_content


def write(content: Path, lang: str, body: str, voice: str = "parents") -> int:
    """Put body after the fixture letter's sentence; the line the body starts on."""
    path = content / lang / "letters" / FILE[lang]
    edit(path, DONE[lang], DONE[lang] + "\n\n" + body)
    if voice != "parents":
        edit(path, "voice: parents", f"voice: {voice}")
    return path.read_text(encoding="utf-8").splitlines().index(body.splitlines()[0]) + 1


def test_the_fixture_with_shared_labels_loads_and_dates_the_letter(letters: Path) -> None:
    for lang, line in (("en", "Yours sincerely,\n[today's date]"), ("cy", "Yn gywir,\n[dyddiad heddiw]")):
        write(letters, lang, line)
    site = load_site(letters)
    for lang in LANGUAGES:
        fields = site.letters[lang]["ask-school"].fields
        assert [f.placeholder for f in fields if f.today] == [TODAY[lang]]
        assert site.letters[lang]["ask-school"].months[11] == {"en": "December", "cy": "Rhagfyr"}[lang]


@pytest.mark.parametrize(("lang", "body", "placeholder", "extra"), [
    ("en", "My child starts on [date].", "date", "today"),
    ("cy", "Mae fy mhlentyn yn dechrau ar [dyddiad].", "dyddiad", "heddiw"),
])
def test_a_shared_label_that_says_more_than_its_placeholder_is_refused(letters, lang, body, placeholder,
                                                                       extra):
    line = write(letters, lang, body)
    found = problems_for(letters)
    assert any(f"{lang}/letters/ask-school.md:{line}: placeholder [{placeholder}] is labelled" in p
               and f"({extra})" in p for p in found), found


@pytest.mark.parametrize(("lang", "body", "placeholder"), [
    ("en", "Date of birth: [date of birth].", "date of birth"),
    ("cy", "Dyddiad geni: [dyddiad geni].", "dyddiad geni"),
])
def test_your_childs_fits_a_parents_letter_and_not_a_young_persons(letters, lang, body, placeholder):
    write(letters, lang, body)
    load_site(letters)  # a parent's letter: "Your child's name" fits
    edit(letters / lang / "letters" / FILE[lang], "voice: parents", "voice: young-people")
    other = "cy" if lang == "en" else "en"
    edit(letters / other / "letters" / FILE[other], "voice: parents", "voice: young-people")
    found = problems_for(letters)
    child = {"en": "(child)", "cy": "(plentyn)"}[lang]
    assert any(f"placeholder [{placeholder}] is labelled" in p and child in p for p in found), found


@pytest.mark.parametrize(("lang", "body"), [("en", "Write back to [email or address]."),
                                            ("cy", "Ysgrifennwch ataf drwy [e-bost neu gyfeiriad].")])
def test_a_label_fits_its_placeholder_mutated_or_not(letters, lang, body):
    write(letters, lang, body)
    load_site(letters)  # "Eich ... cyfeiriad" fits [e-bost neu gyfeiriad]: the same word, mutated


@pytest.mark.parametrize(("lang", "body", "reason"), [
    ("en", "I wrote this on [today's date].", "[today's date] is the date the letter is written"),
    ("cy", "Ysgrifennais hwn ar [dyddiad heddiw].", "[dyddiad heddiw] is the date the letter is written"),
    ("en", "Yours sincerely,\n[date]", "[date] on a line of its own dates the letter: write [today's date]"),
    ("cy", "Yn gywir,\n[dyddiad]", "[dyddiad] on a line of its own dates the letter: write [dyddiad heddiw]"),
    ("en", "What happened: [Say what happened.]", "placeholder [Say what happened.] ends a sentence"),
    ("cy", "Beth ddigwyddodd: [Dywedwch beth ddigwyddodd.]", "ends a sentence inside its brackets"),
    ("en", "[Child's name] is in year 4.", "[Child's name] and [child's name] differ only in capitals"),
    ("cy", "Mae [Enw'r plentyn] ym mlwyddyn 4.",
     "[Enw'r plentyn] and [enw'r plentyn] differ only in capitals"),
])
def test_a_placeholder_that_could_mean_two_things_is_refused(letters, lang, body, reason):
    line = write(letters, lang, body)
    last = line + body.count("\n")
    found = problems_for(letters)
    assert any(f"{lang}/letters/ask-school.md:{last}: " in p and reason in p for p in found), found


# The real letters.

def test_no_letter_has_a_placeholder_ending_in_a_full_stop_or_two_boxes_for_one_thing(site: Site):
    for lang in LANGUAGES:
        for letter in site.letters[lang].values():
            names = [f.placeholder for f in letter.fields]
            assert len({n.casefold() for n in names}) == len(names), letter.id
            assert not [n for n in names if n.rstrip()[-1] in ".!?"], letter.id


def test_every_letter_is_dated_and_asks_for_the_same_things_in_both_languages(site: Site):
    """A family keeps a copy of what they sent and when: a request to reconsider or a complaint
    is evidence, so every letter carries the date it is written, in the sign-off."""
    assert len(site.letters["en"]) == len(site.letters["cy"]) >= 40
    for letter_id, english in site.letters["en"].items():
        welsh = site.letters["cy"][letter_id]
        assert len(welsh.fields) == len(english.fields), letter_id  # one box per thing, in both
        for letter in (english, welsh):
            today = [f.placeholder for f in letter.fields if f.today]
            assert len(today) == 1, letter.id
            sign_off = letter.body.rsplit("\n\n", 2)[-2:]  # the last paragraph, or the one before "Copy to"
            assert any(f"\n[{today[0]}]" in part for part in sign_off), letter.id


def test_no_date_placeholder_is_used_for_two_different_dates(site: Site):
    """The same words may not name a date in the sign-off and a date in a sentence."""
    for lang, word in (("en", r"\bdate\b"), ("cy", r"\b(dyddiad|ddyddiad|nyddiad)\b")):
        meanings: dict[str, set[str]] = {}
        for letter in site.letters[lang].values():
            for line in (letter.subject + "\n" + letter.body).splitlines():
                for placeholder in re.findall(r"\[([^\]]+)\]", line):
                    if re.search(word, placeholder):
                        alone = line.strip() == f"[{placeholder}]"
                        meaning = "dates the letter" if alone else "in a sentence"
                        meanings.setdefault(placeholder, set()).add(meaning)
        assert {p: m for p, m in meanings.items() if len(m) > 1} == {}


@pytest.mark.parametrize(("lang", "section"), [("en", "under section 28 of the Additional Learning Needs"),
                                               ("cy", "o dan adran 28 o Ddeddf Anghenion Dysgu Ychwanegol")])
def test_the_take_over_letter_cites_section_28_and_only_reconsidering_an_idp_cites_27(site: Site, lang,
                                                                                     section):
    assert section in site.letters[lang]["ask-council-to-take-over-idp"].body
    citing_27 = {letter.id for letter in site.letters[lang].values()
                 if re.search(r"\b(section|adran) 27\b", letter.body)}
    assert citing_27 == {"ask-council-to-reconsider-idp"}


@pytest.mark.parametrize(("lang", "months"), [("en", "January,February,March"),
                                              ("cy", "Ionawr,Chwefror,Mawrth")])
def test_the_server_marks_the_date_box_and_gives_the_months_in_the_pages_language(client, site: Site, lang,
                                                                                 months):
    step = step_with_letter(site, "concern-to-class-teacher")
    section = letter_section(client.get(step.pathway.url(lang, step.answers)).get_data(as_text=True))
    today = next(f for f in site.letters[lang]["concern-to-class-teacher"].fields if f.today)
    boxes = re.findall(r"<(?:input|textarea)[^>]*>", section)
    dated = [b for b in boxes if " data-today" in b]
    assert len(dated) == 1 and f'data-placeholder="{today.placeholder}"' in unescape(dated[0])
    assert re.search(rf'data-months="{months},[^"]*"', section)
