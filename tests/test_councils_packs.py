"""Council packs on a small site: slots filled once at load in both languages, problems reported
at the editor's own file and line, unfilled slots listed for `check` and refused by a release,
and `new-council`'s pack refused until every slot is written."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alnguide.content.errors import ContentError, Problems
from alnguide.content.loader import load_site
from alnguide.councils.packs import UnknownCouncilError

ROOT = Path(__file__).resolve().parents[1]

SLOTS = """\
council:
  what: The council's full name.
team:
  what: The council's ALN team, in a few lines.
"""
VALUES = """\
council:
  en: Bro Derwen Council
  cy: Cyngor Bro Derwen
team:
  en: |
    - The Inclusion Team
    - Its own "helpline" — no, typographic only
  cy: |
    - Y Tîm Cynhwysiant
"""


def _pack(content: Path, values: str = VALUES, council_id: str = "bro-derwen") -> Path:
    (content / "slots.yaml").write_text(SLOTS, encoding="utf-8")
    pack = content / "councils" / council_id
    pack.mkdir(parents=True)
    (pack / "slots.yaml").write_text(values, encoding="utf-8")
    return pack


def _about(content: Path, lang: str, body: str) -> None:
    path = content / lang / "about.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("The ALN Service. Go back [home](index.md).", body)
                    .replace("Gwasanaeth ADY. Ewch yn ôl i'r [hafan](index.md).", body), encoding="utf-8")


def _good_values() -> str:
    return VALUES.replace('    - Its own "helpline" — no, typographic only\n', "    - Its “helpline”\n")


def test_a_pack_fills_each_slot_in_the_page_language_and_a_block_keeps_its_indent(fixture_content):
    _pack(fixture_content, _good_values())
    for lang in ("en", "cy"):
        _about(fixture_content, lang, "{{council}} wrote this.\n\n- First\n\n    {{team}}\n")
    site = load_site(fixture_content)
    en = site.pages["en"]["about"].html
    cy = site.pages["cy"]["about"].html
    assert "Bro Derwen Council wrote this." in en and "Cyngor Bro Derwen" not in en
    assert "Cyngor Bro Derwen wrote this." in cy and "Bro Derwen Council" not in cy
    # The block slot's lines take the placeholder's indent: a list inside the list item.
    assert re.search(r"<li>\s*(<p>)?First(</p>)?\s*<ul>\s*<li>The Inclusion Team</li>", en), en
    assert "Its “helpline”" in en and "Y Tîm Cynhwysiant" in cy


def test_a_straight_quote_in_a_slot_is_refused_at_the_packs_line(fixture_content):
    pack = _pack(fixture_content)
    _about(fixture_content, "en", "{{council}} wrote this.")
    with pytest.raises(ContentError) as refused:
        load_site(fixture_content)
    problem = next(p for p in refused.value.problems if "quotation marks" in p.reason)
    assert problem.path == pack / "slots.yaml" and problem.line == 4  # `team:` is on line 4


def test_an_unknown_slot_and_a_shared_file_without_a_language_are_refused_where_written(fixture_content):
    _pack(fixture_content, _good_values())
    _about(fixture_content, "en", "Ask {{helpline}}.")
    logic = fixture_content / "pathways" / "demo.yaml"
    logic.write_text("# Local rule: {{council}}\n" + logic.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        load_site(fixture_content)
    found = {(p.path, p.line): p.reason for p in refused.value.problems}
    about = fixture_content / "en" / "about.md"
    assert "not a slot" in found[(about, 12)]
    assert "say which" in found[(logic, 1)]
    # Never the folder the pack was applied in: the editor's own files only.
    assert all(".cache" not in str(p.path) for p in refused.value.problems)


def test_a_problem_after_a_block_slot_is_reported_at_the_editors_own_line(fixture_content):
    _pack(fixture_content, _good_values())
    # Two block lines fill one placeholder line: a broken link below it keeps its own line number.
    _about(fixture_content, "en", "{{team}}\n\nGo to [nowhere](missing.md).")
    with pytest.raises(ContentError) as refused:
        load_site(fixture_content)
    link = next(p for p in refused.value.problems if "missing.md" in p.reason)
    assert link.path == fixture_content / "en" / "about.md" and link.line == 14


def test_an_unfilled_slot_is_listed_with_its_uses_and_a_release_refuses_it(fixture_content, tmp_path):
    pack = _pack(fixture_content, "council:\n  en: Bro Derwen Council\n  cy:\n")
    for lang in ("en", "cy"):
        _about(fixture_content, lang, "{{council}} wrote this.")
    problems = Problems()
    site = load_site(fixture_content, problems)
    assert "slot-council wrote this." in site.pages["cy"]["about"].html  # a draft shows the gap
    unfilled = [w for w in problems.warnings if "slot 'council' (cy)" in w.reason]
    assert len(unfilled) == 1 and unfilled[0].path == pack / "slots.yaml" and unfilled[0].line == 1
    assert "content/cy/about.md:12" in unfilled[0].reason
    result = _build(fixture_content, "freeze", "--out", str(tmp_path / "out"),
                    "--base-url", "https://www.example.gov.wales/aln/")
    assert result.returncode == 1 and "freeze refused" in result.stderr
    assert "slot 'council' (cy) is not filled in" in result.stderr


def test_a_council_with_no_pack_is_refused_by_name(fixture_content):
    _pack(fixture_content, _good_values())
    with pytest.raises(UnknownCouncilError, match="there are: bro-derwen"):
        load_site(fixture_content, council="cardiff")
    result = _build(fixture_content, "check", "--council", "cardiff")
    assert result.returncode == 1 and "no council pack 'cardiff'" in result.stderr


def test_new_council_writes_a_pack_that_is_refused_naming_every_slot(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    made = _build(content, "new-council", "ceredigion")
    assert made.returncode == 0, made.stderr
    again = _build(content, "new-council", "ceredigion")
    assert again.returncode == 1 and "exists already" in again.stderr  # never overwritten
    slots_text = (content / "councils" / "ceredigion" / "slots.yaml").read_text(encoding="utf-8")
    declared = re.findall(r"(?m)^([a-z0-9-]+):", (content / "slots.yaml").read_text(encoding="utf-8"))
    assert declared and all(f"\n{name}:\n" in slots_text for name in declared)
    assert "# Monmouthshire's (en): Monmouthshire County Council" in slots_text  # the example
    checked = _build(content, "check", "--council", "ceredigion")
    assert checked.returncode == 1
    named = set(re.findall(r"slot '([a-z0-9-]+)'", checked.stderr))
    used = {name for name in declared if re.search(r"\{\{\s*" + name + r"(:(cy|en))?\s*\}\}",
                                                   _national_text(content))}
    assert used <= named, used - named  # every slot the pages use is named as still to write
    assert "'organisation' needs text" in checked.stderr and "'base_url'" in checked.stderr


def _national_text(content: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in content.rglob("*")
                     if p.is_file() and p.suffix in (".md", ".yaml") and "councils" not in p.parts)


def _build(content: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content), *args],
                          capture_output=True, text=True, timeout=300)
