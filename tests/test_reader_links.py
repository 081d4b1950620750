"""What a parent on a phone taps: addresses and numbers are links, sources open, the publisher
and a way to give feedback are on every page, tables and the glossary work on a small screen."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from alnguide import create_app
from alnguide.content.loader import load_site
from alnguide.guides.pathways import all_steps
from alnguide.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def reader_urls(site):
    urls = [p.url for lang in LANGUAGES for p in site.pages[lang].values()]
    for pathway in site.pathways:
        for step in all_steps(pathway):
            if step.outcome:
                urls += [pathway.url(lang, step.answers) for lang in LANGUAGES]
    return urls


def test_every_email_address_is_a_link_with_no_abbr_inside(client, site):
    problems = []
    for url in reader_urls(site):
        main = main_of(client.get(url).get_data(as_text=True))
        for link in re.findall(r'<a href="mailto:[^"]*">(.*?)</a>', main):
            if "<abbr" in link:
                problems.append(f"{url}: glossary marking inside an address: {link}")
        # an address anywhere but a link's text (or the letter's To: line) is one a reader cannot tap
        bare = re.sub(r'<a href="mailto:[^"]*">.*?</a>|<div class="letter".*?</div>', "", main, flags=re.S)
        text = unescape(re.sub("<[^>]+>", "", bare))
        problems += [f"{url}: {e} is not a link" for e in EMAIL.findall(text)]
    assert not problems, problems[:10]


def test_phone_numbers_in_content_become_tel_links(fixture_content):
    about = fixture_content / "en" / "about.md"
    added = "\nRing 01633 644644 or email ALN@monmouthshire.gov.uk.\n"
    about.write_text(about.read_text(encoding="utf-8") + added, encoding="utf-8")
    client = create_app(load_site(fixture_content)).test_client()
    html = client.get("/en/about-this-guide/").get_data(as_text=True)
    assert '<a href="tel:01633644644">01633 644644</a>' in html
    assert '<a href="mailto:ALN@monmouthshire.gov.uk">ALN@monmouthshire.gov.uk</a>' in html


def test_an_empty_contact_shows_no_empty_slot_and_check_notes_it(fixture_content):
    html = create_app(load_site(fixture_content)).test_client().get("/en/").get_data(as_text=True)
    footer = html[html.index("<footer"):]
    assert 'href="mailto:ALN@monmouthshire.gov.uk"' in footer
    assert "Phone:" not in footer and 'href="tel:' not in footer
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(fixture_content),
                             "check"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "note:" in result.stderr and "contact 'aln-service' has no phone" in result.stderr
    assert "warning:" not in result.stderr  # the council gives no phone yet: a release may go ahead
    site_yaml = fixture_content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace('phone: ""', 'phone: "01633 644644"'),
                         encoding="utf-8")
    html = create_app(load_site(fixture_content)).test_client().get("/cy/").get_data(as_text=True)
    assert 'Ffôn: <a href="tel:01633644644">01633 644644</a>' in html


@pytest.mark.parametrize(("lang", "publisher", "feedback"), [
    ("en", "Monmouthshire County Council", "Tell us what you think of this guide"),
    ("cy", "Cyngor Sir Fynwy", "Dywedwch wrthym beth rydych chi'n ei feddwl o'r canllaw hwn"),
])
def test_every_page_names_its_publisher_and_offers_feedback(client, site, lang, publisher, feedback):
    for page in site.pages[lang].values():
        html = unescape(client.get(page.url).get_data(as_text=True))
        header = html[html.index("<header"):html.index("</header>")]
        assert f'<span class="publisher">{publisher}</span>' in header, page.url
        feedback_link = rf'<a href="mailto:ALN@monmouthshire\.gov\.uk\?subject=[^"]+">{re.escape(feedback)}<'
        assert re.search(feedback_link, html), page.url


def test_the_acts_sections_and_the_policies_can_be_opened(client, site):
    html = client.get("/en/disagreements/").get_data(as_text=True)
    meta = html[html.index('class="page-meta"'):]
    assert '<a href="https://www.legislation.gov.uk/anaw/2018/2/section/70">s.70</a>' in meta
    assert f'<a href="{site.pages["en"]["about"].url}#sources">Monmouthshire ALN Policy</a>' in meta
    welsh = client.get(site.pages["cy"]["disagreements"].url).get_data(as_text=True)
    assert re.search(r'<a href="https://www.legislation.gov.uk/anaw/2018/2/section/\d+/welsh">', welsh)


def test_every_source_of_a_known_kind_is_linked(client, site):
    """An Act, a regulation or a policy named in a source is a link, on every page and outcome."""
    names = [k.name[lang] for k in site.sources for lang in LANGUAGES]
    problems = []
    for url in reader_urls(site):
        meta = client.get(url).get_data(as_text=True).split('class="page-meta"', 1)[1]
        for item in re.findall(r"<li>(.*?)</li>", meta):
            if any(unescape(item).startswith(n) for n in names):
                problems.append(f"{url}: {item}")
    assert not problems, problems[:5]


def test_table_cells_carry_their_column_heading(client, site):
    html = client.get(site.pages["en"]["adviser-quick-reference"].url).get_data(as_text=True)
    headings = re.findall(r'<th scope="col">(.*?)</th>', html)
    cells = re.findall(r'<td data-label="([^"]*)">', html)
    assert headings and cells and set(cells) <= {unescape(re.sub("<[^>]+>", "", h)) for h in headings}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_has_a_to_z_jump_links_and_term_anchors(client, site, lang):
    html = client.get(site.pages[lang]["glossary"].url).get_data(as_text=True)
    jumps = re.findall(r'<li><a href="#(letter-[^"]+)">', html)
    assert len(jumps) >= 10
    for target in jumps:
        assert f'id="{target}"' in html
    for term in site.glossary:
        assert f'id="term-{term.id}"' in html
    if lang == "cy":  # Welsh order: "Dd" is a letter of its own, straight after "D"
        assert jumps.index("letter-dd") == jumps.index("letter-d") + 1


def test_landing_buttons_mutate_correctly(client):
    html = client.get("/").get_data(as_text=True)
    assert ">Parhau yn Gymraeg</a>" in html and ">Continue in English</a>" in html
    assert "Parhau yn Cymraeg" not in html
