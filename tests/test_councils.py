"""One national layer, a pack per council: Monmouthshire's guide and a fixture council's (Bro
Derwen, fictional, tests/fixtures/councils/bro-derwen) are the same national words with different
slots, and differ exactly where their local rules do — in both languages, served and exported."""

from __future__ import annotations

import datetime
import functools
import http.server
import os
import re
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from difflib import SequenceMatcher
from html import unescape
from pathlib import Path

import pytest
import yaml

from alnguide import create_app
from alnguide.content.loader import load_site
from alnguide.export.councils import freeze_councils
from alnguide.guides.pathways import all_steps
from alnguide.languages import LANGUAGES
from alnguide.tools.deadlines.rules import due_date
from alnguide.web.councils import create
from browser_support import axe_violations
from conftest import SUB_PATH, SubPathHandler
from scenario_support import Scenario, check_scenario

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
FIXTURE = ROOT / "tests" / "fixtures" / "councils" / "bro-derwen"
PACKS = {"monmouthshire": CONTENT / "councils" / "monmouthshire", "bro-derwen": FIXTURE}


@pytest.fixture(scope="module")
def sites():
    return {council: load_site(CONTENT, council=str(pack)) for council, pack in PACKS.items()}


@pytest.fixture(scope="module")
def clients(sites):
    return {council: create_app(site, CONTENT, str(PACKS[council])).test_client()
            for council, site in sites.items()}


def test_the_national_layer_names_no_council():
    """`grep -rli "monmouth\\|sir fynwy\\|trefynwy" content --exclude-dir=councils` finds nothing."""
    named = [path.relative_to(ROOT).as_posix() for path in CONTENT.rglob("*")
             if path.is_file() and "councils" not in path.relative_to(CONTENT).parts
             and re.search(r"monmouth|sir fynwy|trefynwy", path.read_text(encoding="utf-8"), re.I)]
    assert not named


def test_the_fixture_councils_guide_never_shows_monmouthshire(clients, sites):
    for lang in LANGUAGES:
        for page in sites["bro-derwen"].pages[lang].values():
            html = clients["bro-derwen"].get(page.url).get_data(as_text=True)
            assert not re.search(r"monmouth|sir fynwy|trefynwy|aneurin", html, re.I), page.url


def _slot_values(pack: Path) -> list[str]:
    """The words a pack's slots write, as a reader sees them (Markdown marks and links dropped),
    in pieces as a page splits them: at an abbreviation the glossary marks up, or a link."""
    data = yaml.safe_load((pack / "slots.yaml").read_text(encoding="utf-8"))
    found = set()
    for words in data.values():
        for text in (words or {}).values():
            for line in str(text or "").split("\n"):
                line = re.sub(r"\[([^\]]*)\]\([^)]*\)", "  ", line)
                line = unescape(re.sub(r"[*#|]|^\s*(- |\d+\. )", "", line)).strip()
                found.add(line)
                pieces = re.split(r"\s{2,}|:\s|\b[A-Z][A-Za-z]*[A-Z][a-z]*\b", line)
                found.update(part.strip() for part in pieces if len(part.strip()) >= 10)
    return sorted(found, key=len, reverse=True)


def _lines(html: str) -> list[str]:
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    text = unescape(re.sub(r"<[^>]+>", "\n", main))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _explained(line: str, values: list[str]) -> bool:
    return any(value in line or line in value for value in values if value)


def _middle(line: str, other: str) -> str:
    """What is left of line without the start and end it shares with other (national words)."""
    start = len(os.path.commonprefix([line, other]))
    end = len(os.path.commonprefix([line[start:][::-1], other[start:][::-1]]))
    return line[start:len(line) - end].strip(" .,:;")


def _strays(left: list[str], right: list[str], values: dict[str, list[str]]) -> list[str]:
    """Lines where the councils differ that neither council's own words account for. Two lines in
    the same place share their national start and end; only what lies between must be a slot's."""
    if len(left) == len(right):
        pairs = [(_middle(a, b), _middle(b, a)) for a, b in zip(left, right, strict=True)]
    else:
        pairs = [(a, "") for a in left] + [("", b) for b in right]
    return [a for a, _ in pairs if a and not _explained(a, values["monmouthshire"])] + \
           [b for _, b in pairs if b and not _explained(b, values["bro-derwen"])]


def _differences(first: list[str], second: list[str]) -> Iterator[tuple[list[str], list[str]]]:
    for tag, a1, a2, b1, b2 in SequenceMatcher(None, first, second, autojunk=False).get_opcodes():
        if tag != "equal":
            yield first[a1:a2], second[b1:b2]


def test_national_pages_are_the_same_words_with_different_slots(clients, sites):
    """Every line where two councils' national pages differ is one of their slots' words."""
    values = {council: _slot_values(pack) for council, pack in PACKS.items()}
    own = {council: {p.relative_to(pack).with_suffix("").as_posix().split("/", 1)[1]
                     for p in pack.glob("*/*.md")} for council, pack in PACKS.items()}
    compared = 0
    for lang in LANGUAGES:
        for council, site in sites.items():  # lists name a council's own pages: their titles too
            values[council] += [text for key in own[council] for text in
                                (site.pages[lang][key].title, site.pages[lang][key].summary)]
        for key, page in sites["monmouthshire"].pages[lang].items():
            if key in own["monmouthshire"] | own["bro-derwen"] or key == "glossary":
                continue  # a council's own page; the glossary lists each council's own terms
            other = sites["bro-derwen"].pages[lang][key]
            mine = _lines(clients["monmouthshire"].get(page.url).get_data(as_text=True))
            theirs = _lines(clients["bro-derwen"].get(other.url).get_data(as_text=True))
            for left, right in _differences(mine, theirs):
                strays = _strays(left, right, values)
                assert not strays, f"{page.url}: national words differ between councils: {strays[:3]}"
            compared += 1
    assert compared >= 50


POST_16 = dict(pathway="transport", answers=["nearest", "no", "post-16"], outcome="post-16")
BRO_DERWEN_POST_16 = {"en": "aged 16 to 19 to the nearest suitable college or sixth form",
                      "cy": "rhwng 16 a 19 oed i'r coleg neu'r chweched dosbarth addas agosaf"}
MONMOUTHSHIRE_POST_16 = {"en": "writes its rule for major mobility problems for a",
                         "cy": "ysgrifennu ei reol ar gyfer problemau symudedd difrifol"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_young_person_over_16_is_told_their_own_councils_transport_rule(clients, sites, lang):
    """Same situation, same answers: the outcome differs exactly where the councils' rules do."""
    check_scenario(clients["bro-derwen"], sites["bro-derwen"], Scenario(
        "Bro Derwen: a young person in Year 12, no major mobility problems, asks about transport",
        must={code: [BRO_DERWEN_POST_16[code]] for code in LANGUAGES},
        must_not={code: [MONMOUTHSHIRE_POST_16[code], "Sir Fynwy", "Monmouthshire"] for code in LANGUAGES},
        **POST_16), lang)
    check_scenario(clients["monmouthshire"], sites["monmouthshire"], Scenario(
        "Monmouthshire: the same young person",
        must={code: [MONMOUTHSHIRE_POST_16[code]] for code in LANGUAGES},
        must_not={code: [BRO_DERWEN_POST_16[code], "Bro Derwen"] for code in LANGUAGES},
        **POST_16), lang)


def test_every_transport_outcome_differs_only_in_its_councils_words(clients, sites):
    """Every way through the transport guide, in both councils: the same questions and answers,
    outcomes that differ only in lines their own packs wrote."""
    values = {council: _slot_values(pack) for council, pack in PACKS.items()}
    steps = {council: {tuple(a.id for a in step.answers): step for step in all_steps(site.guide("transport"))
                       if step.outcome} for council, site in sites.items()}
    assert steps["monmouthshire"].keys() == steps["bro-derwen"].keys()
    differing = set()
    for lang in LANGUAGES:
        for answers, step in steps["monmouthshire"].items():
            pages = {council: _lines(clients[council].get(steps[council][answers].url(lang))
                                     .get_data(as_text=True)) for council in PACKS}
            for left, right in _differences(pages["monmouthshire"], pages["bro-derwen"]):
                differing.add(step.outcome.id)
                assert not _strays(left, right, values), (answers, lang, left, right)
    assert "post-16" in differing  # where the rules differ, the outcome must


def test_a_councils_own_closure_day_moves_the_35_school_days(sites):
    """Bro Derwen's schools close on 4 January 2027 (its term-date exception); Monmouthshire's do not."""
    told = datetime.date(2026, 11, 10)
    due = {council: due_date(site.clocks["school-decision"], told, site.calendar).date
           for council, site in sites.items()}
    assert due["monmouthshire"] == datetime.date(2027, 1, 12)
    assert due["bro-derwen"] == datetime.date(2027, 1, 13)


def test_a_councils_own_page_contacts_and_glossary_are_its_alone(clients, sites):
    bro, mon = sites["bro-derwen"], sites["monmouthshire"]
    assert "inclusion-team" in bro.pages["en"] and "inclusion-team" not in mon.pages["en"]
    html = clients["bro-derwen"].get(bro.pages["cy"]["inclusion-team"].url).get_data(as_text=True)
    assert "Tîm Cynhwysiant Bro Derwen" in html
    assert bro.settings.contact.email == "inclusion@bro-derwen.example"
    assert "029 2018 0999" in clients["bro-derwen"].get("/en/").get_data(as_text=True)
    assert {"slc", "specialist-places-panel"} <= {t.id for t in bro.glossary}
    assert not {"slc", "mosts"} & ({t.id for t in bro.glossary} & {t.id for t in mon.glossary})
    found = clients["bro-derwen"].get("/en/search/?q=inclusion+team").get_data(as_text=True)
    assert bro.pages["en"]["inclusion-team"].url in found
    assert mon.pages["en"]["about"].url  # the same national page in both
    assert "inclusion-team" not in clients["monmouthshire"].get("/en/search/?q=inclusion+team").get_data(
        as_text=True)


@pytest.fixture(scope="module")
def two_councils(tmp_path_factory) -> Path:
    """A content folder with both packs: one deployment, several councils."""
    content = tmp_path_factory.mktemp("two") / "content"
    shutil.copytree(CONTENT, content)
    shutil.copytree(FIXTURE, content / "councils" / "bro-derwen")
    return content


@pytest.fixture(scope="module")
def two_councils_export(two_councils, tmp_path_factory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("export-two")
    freeze_councils(create(two_councils, "all"), out, f"http://127.0.0.1{SUB_PATH}", force=True)
    handler = functools.partial(SubPathHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    server.shutdown()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_several_councils_export_under_a_sub_path_with_a_bilingual_chooser(two_councils_export):
    status, chooser = _get(two_councils_export)
    assert status == 200
    assert chooser.index("Dewiswch eich cyngor") < chooser.index("Choose your council")  # Welsh first
    links = re.findall(r'<a href="([^"]+)" hreflang="(cy|en)">([^<]+)</a>', chooser)
    assert {(href, name) for href, _, name in links} >= {
        ("bro-derwen/cy/", "Cyngor Bro Derwen"), ("monmouthshire/en/", "Monmouthshire County Council")}
    for href, lang, _ in links:
        status, page = _get(two_councils_export + href)
        assert status == 200 and f'<html lang="{lang}"' in page, href
    # Each council's guide is whole and its own, under its own path: links, search, 404.
    status, page = _get(two_councils_export + "bro-derwen/en/")
    assert "Bro Derwen Council" in page and "Monmouthshire" not in page
    status, missing = _get(two_councils_export + "no-such-council/")
    assert status == 404 and 'href="/education/aln/bro-derwen/cy/"' in missing
    robots = _get(two_councils_export + "robots.txt")[1]
    assert "bro-derwen/sitemap.xml" in robots and "monmouthshire/sitemap.xml" in robots


def test_several_councils_are_served_under_their_own_paths(two_councils):
    client = create(two_councils, "all").test_client()
    chooser = client.get("/").get_data(as_text=True)
    assert "Cyngor Bro Derwen" in chooser and "Cyngor Sir Fynwy" in chooser
    page = client.get("/monmouthshire/en/")
    assert page.status_code == 200 and 'href="/monmouthshire/en/' in page.get_data(as_text=True)
    found = client.get("/bro-derwen/en/search/?q=inclusion+team").get_data(as_text=True)
    assert "/bro-derwen/en/inclusion-team/" in found


def test_one_pack_keeps_todays_addresses(client):
    """With Monmouthshire's pack alone there is no council in any address."""
    assert client.get("/en/").status_code == 200 and client.get("/cy/").status_code == 200
    assert client.get("/monmouthshire/en/").status_code == 404


@pytest.mark.parametrize("width", [320])
def test_the_chooser_passes_axe_on_a_small_phone(two_councils_export, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 640})
    try:
        page = context.new_page()
        page.goto(two_councils_export)
        assert page.locator("h1").inner_text().startswith("Dewiswch eich cyngor")
        assert axe_violations(page) == []
        page.get_by_role("link", name="Cyngor Bro Derwen").click()
        page.wait_for_load_state()
        assert page.url.endswith("/bro-derwen/cy/")
    finally:
        context.close()
