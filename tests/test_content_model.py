"""The build refuses bad content, naming the file, the line and the reason."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from alnguide.content.errors import ContentError
from alnguide.content.loader import load_site

ROOT = Path(__file__).resolve().parents[1]


def problems_for(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_site(content)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture has changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_site_loads(fixture_content):
    site = load_site(fixture_content)
    assert set(site.pages["en"]) == set(site.pages["cy"]) == {"index", "about"}
    assert site.page("cy", "ynglyn-ar-canllaw").title == "Ynglŷn â'r canllaw"


def test_page_without_its_pair(fixture_content):
    (fixture_content / "cy" / "about.md").unlink()
    found = problems_for(fixture_content)
    assert any(p.endswith("en/about.md: this page has no pair: add cy/about.md") for p in found)


def test_missing_field_is_named(fixture_content):
    edit(fixture_content / "en" / "about.md", "summary: Who wrote the guide.\n", "")
    assert any("en/about.md:1: front matter is missing 'summary'" in p
               for p in problems_for(fixture_content))


@pytest.mark.parametrize(("old", "new", "line", "reason"), [
    ("reviewed: 2026-11-20", "reviewed: last week", 8, "'reviewed' must be a date"),
    ("audience: [parents, advisers]", "audience: [everyone]", 6, "'audience' must be a list"),
    ("section: about-guide", "section: nowhere", 5, "unknown section 'nowhere'"),
    ("slug: about-this-guide", "slug: About This", 4, "'slug' must be lower-case"),
    ("slug: about-this-guide", "slug: search", 4, "'search' is reserved"),
    ("title: About this guide", "title: About **this** guide", 2, "Markdown or HTML is not allowed"),
    ("reviewed: 2026-11-20", "reviewed: 2026-11-20\ncolour: blue", 9, "unknown front-matter field"),
])
def test_invalid_field_is_named_with_its_line(fixture_content, old, new, line, reason):
    edit(fixture_content / "en" / "about.md", old, new)
    found = problems_for(fixture_content)
    assert any(f"en/about.md:{line}: " in p and reason in p for p in found), found


def test_invalid_yaml_names_the_line(fixture_content):
    edit(fixture_content / "cy" / "about.md", "section: about-guide", "section: [about-guide")
    found = problems_for(fixture_content)
    assert any("cy/about.md:" in p and "invalid YAML" in p for p in found), found


def test_duplicate_slug(fixture_content):
    edit(fixture_content / "en" / "about.md", "slug: about-this-guide", "slug: taken")
    (fixture_content / "en" / "other.md").write_text(
        (fixture_content / "en" / "about.md").read_text(encoding="utf-8"), encoding="utf-8")
    (fixture_content / "cy" / "other.md").write_text(
        (fixture_content / "cy" / "about.md").read_text(encoding="utf-8").replace(
            "ynglyn-ar-canllaw", "arall"), encoding="utf-8")
    found = problems_for(fixture_content)
    assert any("slug 'taken' is already used by" in p for p in found), found


def test_broken_link_names_file_and_line(fixture_content):
    edit(fixture_content / "en" / "about.md", "[home](index.md)", "[home](missing.md)")
    found = problems_for(fixture_content)
    assert any(p.endswith("en/about.md:12: link to a page that does not exist: missing.md")
               for p in found), found


def test_raw_html_is_refused(fixture_content):
    edit(fixture_content / "en" / "about.md", "The ALN Service.", "The <script>x</script> Service.")
    found = problems_for(fixture_content)
    assert any("en/about.md:12: raw HTML is not allowed" in p for p in found), found


def test_links_resolve_to_the_same_language(fixture_content):
    site = load_site(fixture_content)
    assert 'href="/cy/ynglyn-ar-canllaw/"' in site.pages["cy"]["index"].html
    assert 'href="/en/about-this-guide/"' in site.pages["en"]["index"].html


def test_glossary_marks_abbreviations(fixture_content):
    site = load_site(fixture_content)
    assert '<abbr title="anghenion dysgu ychwanegol">ADY</abbr>' in site.pages["cy"]["index"].html
    assert '<abbr title="additional learning needs">ALN</abbr>' in site.pages["en"]["index"].html


def run_check(content: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content), "check"],
                          capture_output=True, text=True, check=False)


def test_check_command_exits_nonzero_with_every_problem(fixture_content):
    edit(fixture_content / "en" / "about.md", "[home](index.md)", "[home](gone.md)")
    (fixture_content / "cy" / "index.md").unlink()
    result = run_check(fixture_content)
    assert result.returncode == 1
    assert "link to a page that does not exist: gone.md" in result.stderr
    assert "this page has no pair: add cy/index.md" in result.stderr


def test_check_command_checks_the_content_the_server_serves(fixture_content):
    """gunicorn serves $ALNGUIDE_CONTENT (a council's own copy): `build.py check`, run before a
    reload, must check that folder, not the content/ shipped with the code."""
    edit(fixture_content / "en" / "about.md", "[home](index.md)", "[home](gone.md)")
    env = {**os.environ, "ALNGUIDE_CONTENT": str(fixture_content)}
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "check"], capture_output=True,
                            text=True, check=False, env=env)
    assert result.returncode == 1
    assert "link to a page that does not exist: gone.md" in result.stderr


def test_check_command_passes_on_the_real_content():
    result = run_check(ROOT / "content")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK (monmouthshire):")


# Content is never lost silently: each of these passed `build.py check` before, with a guide,
# the glossary or HTML quietly gone. Each is refused with its file, line where there is one,
# and reason; none is a traceback.

def check_problems(content: Path) -> str:
    result = run_check(content)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr


def test_an_empty_guide_logic_file_is_refused(fixture_content):
    (fixture_content / "pathways" / "demo.yaml").write_text("", encoding="utf-8")
    assert "pathways/demo.yaml: the file is empty: it must hold the guide's start" in check_problems(
        fixture_content)


def test_an_unreadable_guides_folder_is_refused(fixture_content):
    import shutil

    shutil.rmtree(fixture_content / "pathways")
    (fixture_content / "pathways").write_text("not a folder", encoding="utf-8")
    assert "pathways: the question guides cannot be read" in check_problems(fixture_content)


def test_an_empty_glossary_is_refused(fixture_content):
    (fixture_content / "glossary.yaml").write_text("# all gone\n", encoding="utf-8")
    assert "glossary.yaml: the file is empty: it must hold the glossary's terms" in check_problems(
        fixture_content)


def test_raw_html_in_a_guides_words_is_refused_at_its_line(fixture_content):
    words = fixture_content / "en" / "pathways" / "demo.yaml"
    edit(words, "body: The council decides.", "body: The council <b>decides</b>.")
    line = words.read_text(encoding="utf-8").splitlines().index("    body: The council <b>decides</b>.") + 1
    stderr = check_problems(fixture_content)
    assert f"en/pathways/demo.yaml:{line}: outcome 'council' body: raw HTML is not allowed" in stderr


def test_an_empty_settings_file_gets_a_message(fixture_content):
    (fixture_content / "site.yaml").write_text("", encoding="utf-8")
    assert "site.yaml: the file is empty: it must hold settings" in check_problems(fixture_content)


@pytest.mark.parametrize("name", ["en/about.md", "glossary.yaml", "cy/pathways/demo.yaml"])
def test_an_unreadable_file_gets_a_message(fixture_content, name):
    (fixture_content / name).write_bytes(b"title: \xff\xfe broken bytes\n")
    assert f"{name}: not UTF-8 text" in check_problems(fixture_content)


def test_one_broken_page_is_one_problem_not_knock_on_link_errors(fixture_content):
    edit(fixture_content / "en" / "about.md", "title: About this guide\n", "")
    stderr = check_problems(fixture_content)
    assert "en/about.md:1: front matter is missing 'title'" in stderr
    assert "link to a page that does not exist" not in stderr  # index.md links to about.md
    assert "1 problem(s) found." in stderr


def test_repeated_bad_links_are_reported_at_their_own_lines(fixture_content):
    about = fixture_content / "en" / "about.md"
    added = "\nAgain: [gone](gone.md).\n\nAnd [gone](gone.md).\n"
    about.write_text(about.read_text(encoding="utf-8") + added, encoding="utf-8")
    lines = about.read_text(encoding="utf-8").splitlines()
    expected = [n for n, text in enumerate(lines, start=1) if "(gone.md)" in text]
    stderr = check_problems(fixture_content)
    for line in expected:
        assert f"en/about.md:{line}: link to a page that does not exist: gone.md" in stderr
