"""The freeze as a council's deploy job meets it: `build.py freeze` as a real process, killed
part-way or run twice at once. The folder it writes must always hold one whole export, the old
one or the new one, never a mix; and whatever a killed freeze leaves, the next freeze clears up
without --force."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = ".aln-guide-export"
BASES = ("https://old.example.gov.wales/aln/", "https://new.example.gov.wales/aln/")


def start(out: Path, base_url: str) -> subprocess.Popen:
    """`build.py freeze` of the real content, as its own process."""
    command = [sys.executable, str(ROOT / "build.py"), "--content", str(ROOT / "content"), "freeze",
               "--out", str(out), "--base-url", base_url, "--draft"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def freeze(out: Path, base_url: str) -> float:
    """A whole freeze; returns how long it took."""
    began = time.monotonic()
    process = start(out, base_url)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return time.monotonic() - began


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file of an export but its marker (which lists them), by path."""
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in out.rglob("*") if p.is_file() and p.name != MARKER}


def which(out: Path, exports: dict[str, dict[str, bytes]]) -> str:
    """The export the folder holds whole, or a description of the mix."""
    found = snapshot(out)
    for name, files in exports.items():
        if found == files:
            return name
    mixed = {name: sum(1 for rel, data in files.items() if found.get(rel) == data)
             for name, files in exports.items()}
    return f"a mix of {len(found)} files: {mixed} the same as each export"


def beside(out: Path) -> list[str]:
    """What a freeze leaves beside its folder but the folder itself and the lock."""
    return sorted(p.name for p in out.parent.iterdir()
                  if p != out and not p.name.endswith(".aln-guide-lock"))


SPARE = ".build.aln-guide-spare"  # the export before last, which the next freeze writes over


def left_beside(out: Path, seconds: float = 15) -> list[str]:
    """What stays beside the folder once any deletion a freeze started (and does not wait for)
    has had time to finish."""
    deadline = time.monotonic() + seconds
    while set(beside(out)) - {SPARE} and time.monotonic() < deadline:
        time.sleep(0.05)
    return beside(out)


def written_since(folder: Path, since_ns: int) -> int:
    """How many files under a folder were written since a moment (wherever a freeze writes them)."""
    count = 0
    for path, _, names in os.walk(folder):
        for name in names:
            with contextlib.suppress(FileNotFoundError):  # moved or removed as we looked
                count += os.stat(os.path.join(path, name)).st_mtime_ns >= since_ns
    return count


def test_a_killed_freeze_leaves_the_old_export_or_the_new_one_whole(tmp_path: Path) -> None:
    """Killed (SIGKILL, the freeze alone) after it has written 1, 60, 200, 350 and 500 files,
    wherever it writes them."""
    out = tmp_path / "www" / "build"
    out.parent.mkdir()
    reference = tmp_path / "new"
    freeze(out, BASES[0])
    freeze(reference, BASES[1])
    exports = {BASES[0]: snapshot(out), BASES[1]: snapshot(reference)}
    assert len(exports[BASES[0]]) > 300 and exports[BASES[0]].keys() == exports[BASES[1]].keys()
    killed, left = 0, []
    for files in (1, 60, 200, 350, 500):
        holds = which(out, exports)
        assert holds in exports, holds
        began = time.time_ns()
        process = start(out, BASES[1] if holds == BASES[0] else BASES[0])  # the one it does not hold
        while process.poll() is None and written_since(out.parent, began) < files:
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        killed += process.returncode == -signal.SIGKILL
        time.sleep(0.2)  # anything a killed freeze left running would go on writing meanwhile
        holds = which(out, exports)
        assert holds in exports, f"killed after {files} files, the folder holds {holds}"
        left += beside(out)
    assert killed >= 3  # most freezes were killed part-way, not after they finished
    # What the killed ones left (a hidden folder named for the export, beside it: not in what
    # the web server publishes) needs no --force: the next freeze writes over it
    assert set(left) == {SPARE}, left
    before = which(out, exports)
    freeze(out, BASES[1])
    assert which(out, exports) == BASES[1]
    assert left_beside(out) == [SPARE]
    assert snapshot(out.parent / SPARE) == exports[before]  # the export before, whole


def test_two_freezes_at_once_never_mix_and_the_second_says_why(tmp_path: Path) -> None:
    out = tmp_path / "www" / "build"
    reference = tmp_path / "reference"
    freeze(out, BASES[0])
    freeze(reference, BASES[1])
    exports = {BASES[0]: snapshot(out), BASES[1]: snapshot(reference)}
    for first, second in ((BASES[1], BASES[0]), (BASES[0], BASES[1])):
        processes = [start(out, first), start(out, second)]
        results = [(p, *p.communicate(timeout=120)) for p in processes]
        holds = which(out, exports)
        assert holds in exports, holds
        for process, _, err in results:
            assert process.returncode == 0 or (process.returncode == 1 and "another freeze" in err), err
        assert any(process.returncode == 0 for process, _, _ in results)
    assert left_beside(out) == [SPARE]
