"""Contacts a parent can ring or write to: each national number is cited, shows as a tel: link
where the service is named, and the council's missing phone does not stop a release."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from alnguide.content.errors import ContentError, Problems
from alnguide.content.loader import load_site

ROOT = Path(__file__).resolve().parents[1]
SITE_YAML = ROOT / "content" / "site.yaml"
TEL = re.compile(r'<a href="tel:(\+?\d+)">([^<]+)</a>')
OMBUDSMAN = {"en": "Public Services Ombudsman for Wales", "cy": "Ombwdsmon Gwasanaethau Cyhoeddus Cymru"}


def shipped_contacts() -> dict:
    return yaml.safe_load(SITE_YAML.read_text(encoding="utf-8"))["contacts"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture has changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def without_email(site_yaml: Path) -> None:
    """The council's contact with a phone but no email."""
    edit(site_yaml, '    phone: ""\n', "")
    edit(site_yaml, "email: ALN@monmouthshire.gov.uk", 'email: ""\n    phone: "01633 644644"')


def rendered_pieces(site) -> list[tuple[str, str]]:
    """(where, html) of every page and every outcome part, in both languages."""
    pieces = [(f"{lang}/{key}", page.html)
              for lang, pages in site.pages.items() for key, page in pages.items()]
    for pathway in site.pathways:
        for outcome in pathway.outcomes.values():
            for part in ("body_html", "next_html", "contact_html", "time_limits_html"):
                for lang, html in getattr(outcome, part).items():
                    pieces.append((f"{lang}/pathways/{pathway.id}/{outcome.id}", html))
    return pieces


def test_every_number_a_reader_can_ring_is_a_cited_contact(site):
    """A tel: link on any page or outcome rings a number site.yaml lists, and every number there
    that is not the council's own names the organisation's own page and the day it was read."""
    contacts = shipped_contacts()
    cited = {}
    for contact_id, entry in contacts.items():
        if entry.get("phone") and contact_id != "aln-service":
            assert entry["source"]["url"].startswith("https://") and entry["source"]["read"], contact_id
            cited[re.sub(r"\D", "", entry["phone"])] = entry["phone"]
    assert cited, "no national service's phone number in site.yaml"
    rung = set()
    for where, html in rendered_pieces(site):
        for digits, shown in TEL.findall(html):
            assert digits in cited, f"{where}: {shown} is not a cited contact's number in site.yaml"
            assert shown == cited[digits], f"{where}: {shown} is written differently from site.yaml"
            rung.add(digits)
    assert rung == set(cited), "a cited number is named on no page: say where the service is named"


@pytest.mark.parametrize("lang, path", [("en", "/en/transport/"), ("cy", "/cy/cludiant-ysgol/")])
def test_the_ombudsman_is_a_tap_away_where_it_is_named(client, lang, path):
    html = client.get(path).get_data(as_text=True)
    paragraph = next(p for p in re.findall(r"<p>(.*?)</p>", html, re.S) if OMBUDSMAN[lang] in p)
    assert '<a href="tel:03007900203">0300 790 0203</a>' in paragraph


def test_the_council_link_says_it_is_the_councils_aln_page(client):
    """Not the council's home page under an ALN label: its ALN page, and in Welsh, that the page
    is in English (no Welsh version of it was found)."""
    for path, label in (("/en/", "Additional learning needs – Monmouthshire County Council"),
                        ("/cy/", "Anghenion dysgu ychwanegol – Cyngor Sir Fynwy (tudalen Saesneg)")):
        html = client.get(path).get_data(as_text=True)
        link = re.search(rf'<a href="([^"]+)">{re.escape(label)}</a>', html)
        assert link, f"{path}: no link labelled {label!r}"
        assert "/additional-learning-needs/" in link.group(1)
        assert not re.fullmatch(r"https://www\.monmouthshire\.gov\.uk/(cy/)?", link.group(1))


def test_a_national_number_without_its_source_is_refused(fixture_content):
    """(0808 157 0xxx is a range Ofcom keeps for examples: no one answers it.)"""
    site_yaml = fixture_content / "site.yaml"
    edit(site_yaml, "\n# Where readers send feedback", "  example-helpline:\n"
         "    name: {en: Example Helpline, cy: Llinell Enghreifftiol}\n"
         "    phone: \"0808 157 0123\"\n\n# Where readers send feedback")
    with pytest.raises(ContentError) as caught:
        load_site(fixture_content)
    found = [str(p) for p in caught.value.problems]
    assert any("site.yaml" in p and "contact 'example-helpline'" in p and "'source'" in p
               for p in found), found
    # With its source (and marked for checking again) it loads, and check notes it
    edit(site_yaml, '    phone: "0808 157 0123"\n', '    phone: "0808 157 0123"\n    source: '
         '{url: "https://www.example.org/contact/", read: 2026-12-07, check: true}\n')
    problems = Problems()
    site = load_site(fixture_content, problems)
    assert site.settings.contacts["example-helpline"].tel == "08081570123"
    assert any("example-helpline" in str(n) and "'check'" in str(n) for n in problems.notes)
    assert not any("example-helpline" in str(w) for w in problems.warnings)


def test_the_councils_missing_phone_is_a_note_and_its_missing_email_a_warning(fixture_content):
    problems = Problems()
    load_site(fixture_content, problems)
    assert [str(n) for n in problems.notes if "aln-service" in str(n) and "no phone" in str(n)]
    assert not problems.warnings
    without_email(fixture_content / "site.yaml")
    problems = Problems()
    load_site(fixture_content, problems)
    assert [str(w) for w in problems.warnings if "aln-service" in str(w) and "no email" in str(w)]


def freeze_cli(*args: str, content: Path | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "build.py")]
    if content:
        command += ["--content", str(content)]
    return subprocess.run([*command, "freeze", *args], capture_output=True, text=True)


def test_the_readmes_own_freeze_command_writes_the_shipped_content(tmp_path):
    """README: `python3 build.py freeze --out build --base-url https://www.example.gov.wales/education/aln/`.
    The council has not given a phone number: the release goes ahead and says so."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"python3 build\.py (freeze --out build --base-url \S+)", readme)
    assert command, "the README no longer gives its freeze command"
    args = command.group(1).split()[1:]
    args[args.index("build")] = str(tmp_path / "build")
    result = freeze_cli(*args)
    assert result.returncode == 0, result.stderr
    assert "freeze refused" not in result.stderr
    assert "note:" in result.stderr and "'aln-service' has no phone" in result.stderr
    html = (tmp_path / "build" / "en" / "transport" / "index.html").read_text(encoding="utf-8")
    assert '<a href="tel:03007900203">0300 790 0203</a>' in html


def test_a_release_still_refuses_without_the_councils_email(tmp_path, fixture_content):
    without_email(fixture_content / "site.yaml")
    out = tmp_path / "release"
    result = freeze_cli("--out", str(out), "--base-url", "https://www.example.gov.wales/aln/",
                        content=fixture_content)
    assert result.returncode == 1
    assert "freeze refused" in result.stderr and "no email" in result.stderr
    assert not out.exists()
    draft = freeze_cli("--out", str(out), "--base-url", "https://www.example.gov.wales/aln/", "--draft",
                       content=fixture_content)
    assert draft.returncode == 0, draft.stderr


def check_cli(content: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content), "check"],
                          capture_output=True, text=True)


def test_a_number_written_in_a_page_but_not_cited_holds_back_a_release(tmp_path, fixture_content):
    about = fixture_content / "en" / "about.md"
    sentence = "Ring the example helpline on 0808 157 0123."
    about.write_text(about.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    line = about.read_text(encoding="utf-8").splitlines().index(sentence) + 1
    checked = check_cli(fixture_content)
    assert checked.returncode == 0, checked.stderr
    assert f"warning: {about}:{line}: 0808 157 0123 is not a phone number in site.yaml" in checked.stderr
    refused = freeze_cli("--out", str(tmp_path / "release"), "--base-url", "https://www.example.gov.wales/aln/",
                         content=fixture_content)
    assert refused.returncode == 1 and "freeze refused" in refused.stderr
    # Cited in site.yaml, it is a contact's number: no warning
    edit(fixture_content / "site.yaml", "\n# Where readers send feedback", "  example-helpline:\n"
         "    name: {en: Example Helpline, cy: Llinell Enghreifftiol}\n    phone: \"0808 157 0123\"\n"
         "    source: {url: \"https://www.example.org/contact/\", read: 2026-12-07}\n"
         "\n# Where readers send feedback")
    checked = check_cli(fixture_content)
    assert checked.returncode == 0 and "warning:" not in checked.stderr, checked.stderr


def test_another_organisation_with_no_way_to_reach_it_is_refused(fixture_content):
    edit(fixture_content / "site.yaml", "\n# Where readers send feedback", "  example-helpline:\n"
         "    name: {en: Example Helpline, cy: Llinell Enghreifftiol}\n\n# Where readers send feedback")
    with pytest.raises(ContentError) as caught:
        load_site(fixture_content)
    found = [str(p) for p in caught.value.problems]
    assert any("contact 'example-helpline': needs an email or a phone" in p for p in found), found
