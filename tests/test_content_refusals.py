"""Broken content is refused with its file, line and reason, never a crash (issue 26): what an
editor sees from `build.py check`, and what an operator sees in gunicorn's log on a HUP, with
the site still answering through nginx."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from alnbench.serving import ServerFailedError, gunicorn, nginx_proxy
from alnguide.content.errors import ContentError
from alnguide.content.loader import load_site

ROOT = Path(__file__).resolve().parents[1]
MEMORY = 384 * 2**20  # address space a check may use: the fixture site needs ~40 MB resident
SECONDS = 30  # a check that runs longer has failed (the fixture site takes under a second)
PATIENCE = 10  # seconds a reader's request may take before it counts as not answered
MAX_READS = 2000  # a reader's requests at most, so a hung reload cannot run the test on


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def check(content: Path) -> subprocess.CompletedProcess:
    """`build.py check`, as an editor runs it, bounded in memory and time."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content), "check"],
                          capture_output=True, text=True, check=False, timeout=SECONDS,
                          preexec_fn=_bounded)


def refused(content: Path) -> list[str]:
    """The problems `check` lists, one a line, after checking it refused without a traceback."""
    result = check(content)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    *problems, total = result.stderr.splitlines()
    assert total == f"{len(problems)} problem(s) found.", result.stderr
    return [p.removeprefix(f"{content}/") for p in problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture has changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, words: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if words in line)


# 13. One cause, one problem, listed first -------------------------------------------------


def _empty_settings(content: Path) -> str:
    # the fixture's letter names the publisher's contact, as the real letters do
    for lang in ("en", "cy"):
        edit(content / lang / "letters" / "ask-school.md", "voice:", "to: aln-service\nvoice:")
    (content / "site.yaml").write_text("", encoding="utf-8")
    return "site.yaml: the file is empty: it must hold settings"


def _unreadable_guides(content: Path) -> str:
    for lang in ("en", "cy"):  # pages offer the guide, as the real pages do
        edit(content / lang / "about.md", "reviewed:", "guides: [demo]\nreviewed:")
    for path in (content / "pathways").iterdir():
        path.unlink()
    (content / "pathways").rmdir()
    (content / "pathways").write_text("not a folder\n", encoding="utf-8")
    return "pathways: the question guides cannot be read"


def _missing_welsh_pair(content: Path) -> str:
    (content / "cy" / "about.md").unlink()  # cy/index.md and the guide's Welsh words link to it
    return "en/about.md: this page has no pair: add cy/about.md"


def _empty_sections(content: Path) -> str:
    (content / "sections.yaml").write_text("# emptied by mistake\n", encoding="utf-8")
    return "sections.yaml: the file is empty: it must hold section ids"


def _letter_without_its_pair(content: Path) -> str:
    (content / "cy" / "letters" / "ask-school.md").unlink()  # the guide's outcome offers it
    return "en/letters/ask-school.md: this letter has no pair"


def _empty_glossary(content: Path) -> str:
    (content / "england-words.yaml").write_text("- term: aln\n  en: [SEN]\n  cy: [AAA]\n", encoding="utf-8")
    (content / "glossary.yaml").write_text("", encoding="utf-8")
    return "glossary.yaml: the file is empty"


@pytest.mark.parametrize("breaks", [_empty_settings, _unreadable_guides, _missing_welsh_pair,
                                    _empty_sections, _letter_without_its_pair, _empty_glossary],
                         ids=lambda f: f.__name__.strip("_"))
def test_one_cause_is_one_problem(fixture_content, breaks):
    cause = breaks(fixture_content)
    problems = refused(fixture_content)
    assert len(problems) == 1 and problems[0].startswith(cause), problems


def test_a_cause_is_listed_before_the_other_problems(fixture_content):
    (fixture_content / "cy" / "about.md").unlink()
    edit(fixture_content / "en" / "index.md", "reviewed: 2026-11-22", "reviewed: soon")
    problems = refused(fixture_content)
    assert problems[0] == "en/about.md: this page has no pair: add cy/about.md", problems
    assert problems[1].startswith("en/index.md:"), problems


# 1. Any error while loading is a refusal naming the file ------------------------------------


def test_an_error_no_check_foresaw_is_refused_naming_the_file(fixture_content):
    """A term written as a word, not a mapping of dates, made the check stop on an AttributeError
    with no file named (and the server's master exit on a HUP)."""
    (fixture_content / "term-dates.yaml").write_text(
        "years:\n  - year: 2018-19\n    source: a council's page\n    terms: [autumn, spring, summer]\n",
        encoding="utf-8")
    problems = refused(fixture_content)
    assert len(problems) == 1 and problems[0].startswith("term-dates.yaml"), problems
    with pytest.raises(ContentError):  # what a reload and create_app see: a refusal, not a crash
        load_site(fixture_content)


@pytest.mark.parametrize(("field", "written"), [("section", "[about-guide]"), ("audience", "[[parents]]")])
def test_a_list_where_a_word_belongs_is_refused_at_its_line(fixture_content, field, written):
    page = fixture_content / "en" / "about.md"
    line = line_of(page, f"{field}:")
    text = page.read_text(encoding="utf-8").splitlines()
    text[line - 1] = f"{field}: {written}"
    page.write_text("\n".join(text) + "\n", encoding="utf-8")
    problems = refused(fixture_content)
    assert len(problems) == 1 and problems[0].startswith(f"en/about.md:{line}: "), problems
    assert field in problems[0], problems


# 1. A date typo, and 15. a NUL byte: refused at their line ---------------------------------

BAD_TERM_DATES = """# a whole small term-dates file, as a council would write one, with one impossible day
national:
  - year: 2018-19
    sure: check
    source: a council's page
    training-days: 5
    terms:
      - {start: 2018-09-03, end: 2018-12-21}
      - {start: 2019-01-07, end: 2019-02-31}
bank-holidays:
  sure: check
  source: GOV.UK
  days: [2018-12-25]
"""


def test_an_impossible_date_in_a_page_is_refused_at_its_line(fixture_content):
    page = fixture_content / "en" / "about.md"
    edit(page, "reviewed: 2026-11-20", "reviewed: 2026-02-30")
    assert refused(fixture_content) == [
        f"en/about.md:{line_of(page, 'reviewed:')}: '2026-02-30' is not a date (day is out of range "
        "for month): write a real date as YYYY-MM-DD"]


def test_an_impossible_date_in_term_dates_is_refused_at_its_line(fixture_content):
    (fixture_content / "term-dates.yaml").write_text(BAD_TERM_DATES, encoding="utf-8")
    problems = refused(fixture_content)
    assert len(problems) == 1 and problems[0].startswith("term-dates.yaml:9: '2019-02-31' is not a date")


@pytest.mark.parametrize("name", ["en/about.md", "cy/index.md", "glossary.yaml", "en/pathways/demo.yaml"])
def test_a_nul_byte_is_refused_at_its_line(fixture_content, name):
    path = fixture_content / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[-1] = lines[-1][:3] + "\x00" + lines[-1][3:]
    path.write_text("".join(lines), encoding="utf-8")
    assert refused(fixture_content) == [
        f"{name}:{len(lines)}: a NUL character (an invisible control byte, 0x00) is in this line: "
        "delete it; retyping the line removes it"]


# 12. YAML aliases: refused at once, in bounded memory ---------------------------------------


def billion_laughs(levels: int) -> str:
    """Each level repeats the one before nine times: 9**levels words from a few hundred bytes."""
    lines = ["- &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"- &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_glossary_is_refused_in_bounded_time_and_memory(fixture_content):
    """Seven levels (364 bytes) took main 25 s and 1.4 GB before it failed; nine would not end.
    `check` runs here with 384 MB of address space and 30 s, as a HUP would in the master."""
    glossary = billion_laughs(9)
    assert len(glossary.encode()) < 500
    (fixture_content / "glossary.yaml").write_text(glossary, encoding="utf-8")
    assert refused(fixture_content) == [
        "glossary.yaml:2: '*a0' repeats another part of the file (a YAML alias): content may not use "
        "aliases or '<<:' merges; write the value out in full"]


def test_an_alias_in_a_pages_front_matter_is_refused_at_its_line(fixture_content):
    page = fixture_content / "en" / "about.md"
    edit(page, "audience: [parents, advisers]", "audience: &who [parents, advisers]\nextra: *who")
    problems = refused(fixture_content)
    assert problems == [f"en/about.md:{line_of(page, 'extra:')}: '*who' repeats another part of the file "
                        "(a YAML alias): content may not use aliases or '<<:' merges; write the value out "
                        "in full"]


def test_nesting_no_content_needs_is_refused_not_a_crash(fixture_content):
    """libyaml composes nesting recursively in C: 100,000 levels of '[' killed the process."""
    (fixture_content / "glossary.yaml").write_text("- " + "[" * 100_000 + "]" * 100_000 + "\n",
                                                   encoding="utf-8")
    problems = refused(fixture_content)
    assert len(problems) == 1 and problems[0].startswith("glossary.yaml:1: nested more than"), problems


# 1. On a HUP under the documented gunicorn, nginx in front: refused, the site keeps answering --


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    tmp_path.chmod(0o755)  # nginx's workers run as an unprivileged user
    return tmp_path


def get(url: str) -> tuple[int | str, str]:
    try:
        with urllib.request.urlopen(url, timeout=PATIENCE) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except OSError as error:  # the server gone: what a reader would meet
        return repr(error), ""


def wait_for(condition: Callable[[], object], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {condition.__doc__}"
        time.sleep(0.2)


class Reader(threading.Thread):
    """Reads one page through nginx again and again, as readers would, noting each answer."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.seen, self.stop = url, [], threading.Event()

    def run(self) -> None:
        while not self.stop.is_set() and len(self.seen) < MAX_READS:
            self.seen.append(get(self.url))
            time.sleep(0.05)


def test_on_a_hup_broken_content_is_refused_and_the_site_keeps_answering(work, fixture_content, capsys):
    page, glossary = fixture_content / "en" / "about.md", fixture_content / "glossary.yaml"
    good_page, good_glossary = page.read_text(encoding="utf-8"), glossary.read_text(encoding="utf-8")
    line = line_of(page, "reviewed:")
    breaks = [  # (what an editor does, what the log must then say)
        (lambda: edit(page, "reviewed: 2026-11-20", "reviewed: 2026-02-30"),
         f"en/about.md:{line}: '2026-02-30' is not a date (day is out of range for month)"),
        (lambda: (page.write_text(good_page, encoding="utf-8"),
                  (fixture_content / "term-dates.yaml").write_text(BAD_TERM_DATES, encoding="utf-8")),
         "term-dates.yaml:9: '2019-02-31' is not a date"),
        (lambda: ((fixture_content / "term-dates.yaml").unlink(),
                  glossary.write_text(billion_laughs(9), encoding="utf-8")),
         "glossary.yaml:2: '*a0' repeats another part of the file"),
    ]
    with gunicorn(work, fixture_content) as app, nginx_proxy(app.url, work / "nginx") as proxy:
        reader = Reader(proxy.url + "en/about-this-guide/")
        reader.start()
        try:
            for number, (breaking, said) in enumerate(breaks, start=1):
                breaking()
                os.kill(app.process.pid, signal.SIGHUP)

                def refused_again(number: int = number) -> bool:
                    """the master logged the refusal (or exited, as it did on main)"""
                    return (app.log_text().count("content reload refused") == number
                            or app.process.poll() is not None)
                wait_for(refused_again)
                assert app.process.poll() is None, app.log_text()[-3000:]
                assert said in app.log_text()
            # Fixed, with a new title, and reloaded: the new content is served.
            glossary.write_text(good_glossary, encoding="utf-8")
            page.write_text(good_page.replace("title: About this guide", "title: About this guide (checked)"),
                            encoding="utf-8")
            os.kill(app.process.pid, signal.SIGHUP)

            def updated() -> bool:
                """the fixed page is served"""
                return "About this guide (checked)" in get(proxy.url + "en/about-this-guide/")[1]
            wait_for(updated)
        finally:
            reader.stop.set()
            reader.join(timeout=PATIENCE + 5)
    statuses = {status for status, _ in reader.seen}
    assert reader.seen and statuses == {200}, statuses
    assert "Traceback" not in app.log_text()
    with capsys.disabled():
        print(f"\n{len(breaks)} broken reloads refused; {len(reader.seen)} requests through nginx, all 200")


def test_a_date_typo_at_start_is_refused_with_its_file_and_line(work, fixture_content):
    page = fixture_content / "en" / "about.md"
    edit(page, "reviewed: 2026-11-20", "reviewed: 2026-02-30")
    with pytest.raises(ServerFailedError) as failed, gunicorn(work, fixture_content):
        pass
    assert f"en/about.md:{line_of(page, 'reviewed:')}: '2026-02-30' is not a date" in str(failed.value)


def test_a_key_written_twice_is_refused_at_its_second_line(fixture_content):
    """PyYAML keeps the last of two equal keys without a word: the first value would vanish."""
    path = fixture_content / "sections.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0] if not text.startswith("#") else next(
        line for line in text.splitlines() if line and not line.startswith("#") and not line.startswith(" "))
    path.write_text(text + "\n" + first + "\n  en: Again\n  cy: Eto\n", encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        load_site(fixture_content)
    problem = next(p for p in refused.value.problems if "written twice" in p.reason)
    assert problem.path == path and problem.line == len(text.splitlines()) + 2
