"""Every page of the export, both languages, is valid HTML by the W3C's Nu Html Checker (vnu), and
its SVG is valid SVG: invalid markup is what browsers and screen readers each repair their own way.

The checker is the vnu-jar npm package (pinned in package.json, installed into node_modules/ by
tests/run.sh) run by Debian's Java. One Java process checks the whole export (~400 files, a few
seconds), with a known-invalid page beside it so the same run proves the checker reports faults.
Not the stylesheets: vnu 26.9.27's --also-check-css numbers every file's lines from 0, so the
lines this test names would be wrong.
Someone running pytest alone without Java or the jar gets a skip that says what to install;
under CI (CI=true) that is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHECKED = ("*.html", "*.svg")
SHOWN = 15  # errors listed when the test fails

# A stacked table as the export wrote it before: ARIA roles on the parts of a table that is a
# table, which HTML forbids. Line 6 holds the first faulty element.
KNOWN_FAULT = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>A known fault</title></head>
<body>
<table role="table"><thead role="rowgroup">
<tr role="row"><th role="columnheader" scope="col">Who</th></tr>
</thead></table>
</body>
</html>
"""


@dataclass(frozen=True)
class Message:
    path: Path
    line: int
    kind: str  # "error", "info", "non-document-error"
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.text}"


def vnu_command() -> list[str]:
    """java -jar vnu.jar, or a skip (a failure under CI) naming what is missing."""
    java = shutil.which("java")
    missing = []
    if not java:
        missing.append("Java (Debian's default-jre-headless)")
    if not VNU_JAR.is_file():
        missing.append(f"{VNU_JAR} (npm install --omit=dev --ignore-scripts)")
    if missing:
        reason = (f"cannot check the export's HTML without {' or '.join(missing)}: "
                  "bash tests/run.sh installs both")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {reason}")
        pytest.skip(reason)
    return [str(java), "-jar", str(VNU_JAR)]


def _message(found: dict) -> Message:
    """One of vnu's JSON messages; an element spanning lines is named by the line it ends on."""
    line = found.get("lastLine") or found.get("firstLine") or 0
    path = Path(unquote(urlsplit(found.get("url", "")).path))
    return Message(path, line, found["type"], found.get("message", ""))


def check(files: list[Path]) -> list[Message]:
    """Every message vnu has about these files, from one Java process."""
    command = [*vnu_command(), "--also-check-svg", "--format", "json", "--stdout", "--exit-zero-always",
               *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0 and result.stdout.strip(), f"vnu did not run:\n{result.stderr[-2000:]}"
    return [_message(m) for m in json.loads(result.stdout)["messages"]]


Checked = tuple[list[Path], list[Message], Path]


@pytest.fixture(scope="module")
def checked(export_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Checked:
    """(the export's files, vnu's messages, the known-invalid page), from one run."""
    fault = tmp_path_factory.mktemp("vnu") / "known-fault.html"
    fault.write_text(KNOWN_FAULT, encoding="utf-8")
    files = sorted(f for pattern in CHECKED for f in export_dir.rglob(pattern))
    return files, check([*files, fault]), fault


def test_the_checker_reports_a_known_fault_with_its_file_and_line(checked) -> None:
    """The run below must not pass vacuously: the roles the stacked tables used to carry are caught."""
    _, messages, fault = checked
    found = [m for m in messages if m.path == fault and m.kind == "error"]
    assert any(m.line == 6 and "“role” attribute must not be used" in m.text for m in found), found


def test_every_exported_page_is_valid_html(checked, export_dir: Path, site) -> None:
    files, messages, fault = checked
    unchecked = [page.url for lang in site.pages for page in site.pages[lang].values()
                 if export_dir / page.url.strip("/") / "index.html" not in files]
    assert not unchecked, f"pages the check left out: {unchecked[:5]}"
    errors = [m for m in messages if m.path != fault and m.kind != "info"]
    warnings = [m for m in messages if m.path != fault and m.kind == "info"]
    print(f"vnu checked {len(files)} files: {len(errors)} errors, {len(warnings)} warnings")
    shown = "\n".join(str(m).replace(f"{export_dir}/", "") for m in errors[:SHOWN])
    assert not errors, (f"{len(errors)} vnu error(s) in {len({m.path for m in errors})} of {len(files)} "
                        f"files; the first {min(SHOWN, len(errors))}:\n{shown}")
