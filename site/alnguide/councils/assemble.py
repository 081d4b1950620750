"""Applying a pack: the national layer with one council's pack over it, as one content folder.

The result is written once per load into .cache/councils/ and read by the ordinary loader, so
pages, guides, letters, search and the freezer see one content folder and never ask which
council. What the pack does to a national file, by where the file is:

- a data file at the top (content/site.yaml, glossary.yaml, sources.yaml, term-dates.yaml...):
  the pack's file of the same name is added after the national one (list items after list
  items; new top-level keys beside the national keys);
- anything else (a page, a letter, a guide's words or logic): the pack's file of the same path
  replaces the national one, and a file only the pack has is added (its own pages);
- every slot, in national and pack files alike, is filled from the pack's slots.yaml.

Every line of the folder written remembers its file and line in content/, so a problem is
reported where the editor wrote it (see errors.ORIGINS)."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from alnguide.content import errors, render_cache
from alnguide.content.errors import Problems
from alnguide.councils import slots
from alnguide.councils.packs import COUNCILS, Pack

FOLDER = render_cache.FOLDER / "councils"
KEEP = 4  # assembled folders kept per council: the one served and the last few loads'


def _files(root: Path, skip: set[str]) -> dict[Path, Path]:
    """relative path -> file, for every file under root but the top-level names in skip."""
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] in skip or any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            found[relative] = path
    return found


def _read(path: Path, problems: Problems) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # copied as it is: the loader reports it at its own file


def assemble(content: Path, pack: Pack, problems: Problems) -> Path:
    """Write the council's content folder and return it. Unfilled slots are warnings (a draft
    shows "[name]" in their place; a release freeze refuses them), each naming its uses."""
    before = len(problems.items)
    declared = slots.load_declared(content, problems)
    values = slots.load_values(pack.path, declared, problems)
    if len(problems.items) > before:  # the slots could not be read: every use would be reported too
        problems.raise_if_any()
    national = _files(content, {COUNCILS, slots.DECLARED})
    local = _files(pack.path, {slots.DECLARED})
    written: dict[Path, tuple[str | bytes, list[tuple[Path, int]]]] = {}
    used: dict[tuple[str, str], list[slots.Use]] = {}

    def filled(relative: Path, path: Path) -> tuple[str | bytes, list[tuple[Path, int]]]:
        text = _read(path, problems)
        if text is None:
            return path.read_bytes() if path.is_file() else b"", []
        for use in slots.uses(text, relative, path):
            used.setdefault((use.name, use.lang), []).append(use)
        out, lines = slots.fill(text, relative, path, declared, values, problems)
        return out, [(path, line) for line in lines]

    for relative in sorted(set(national) | set(local)):
        appended = relative in national and relative in local and len(relative.parts) == 1 \
            and relative.suffix == ".yaml"
        if appended:
            first, first_lines = filled(relative, national[relative])
            second, second_lines = filled(relative, local[relative])
            if isinstance(first, str) and isinstance(second, str):
                joined = first.rstrip("\n") + "\n" + second
                written[relative] = (joined, first_lines[:joined.count("\n", 0, len(first.rstrip("\n")))
                                                         + 1] + second_lines)
                continue
        written[relative] = filled(relative, local.get(relative) or national[relative])

    for slot, lang in slots.unfilled(declared, values):
        where = used.get((slot.name, lang), [])
        if not where:
            continue
        shown = ", ".join(f"{_shown(use.path, content)}:{use.line}" for use in where[:4])
        more = f" and {len(where) - 4} more" if len(where) > 4 else ""
        problems.warn(values.path, values.line_of(slot.name),
                      f"slot '{slot.name}' ({lang}) is not filled in: {slot.what} Used in {shown}{more}")
    return _write(pack, written)


def _shown(path: Path, content: Path) -> str:
    try:
        return path.relative_to(content.parent).as_posix()
    except ValueError:
        return str(path)


def _write(pack: Pack, written: dict[Path, tuple[str | bytes, list[tuple[Path, int]]]]) -> Path:
    """The folder for exactly these files: reused when a load meets the same content (a HUP,
    the next freeze), else written beside and renamed into place, so no reader sees half."""
    digest = hashlib.sha256(str(pack.path).encode())
    for relative, (data, _) in written.items():
        body = data.encode("utf-8") if isinstance(data, str) else data
        digest.update(relative.as_posix().encode() + b"\0" + hashlib.sha256(body).digest())
    try:
        FOLDER.mkdir(parents=True, exist_ok=True)
        parent = FOLDER
    except OSError:  # a read-only project: a private folder for this process
        parent = Path(tempfile.mkdtemp(prefix="alnguide-councils-"))
    folder = parent / f"{pack.id}-{digest.hexdigest()[:16]}"
    if not folder.is_dir():
        spare = Path(tempfile.mkdtemp(prefix=f".{pack.id}-", dir=parent))
        for relative, (data, _) in written.items():
            target = spare / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, str):
                target.write_text(data, encoding="utf-8")
            else:
                target.write_bytes(data)
        try:
            os.rename(spare, folder)
        except OSError:  # another process wrote the same folder first: the same files
            shutil.rmtree(spare, ignore_errors=True)
    else:
        os.utime(folder)  # the newest in use, for _prune
    for relative, (_, lines) in written.items():
        errors.ORIGINS[folder / relative] = lines
    _prune(parent, pack.id, folder)
    return folder


def _prune(parent: Path, pack_id: str, keep: Path) -> None:
    old = sorted((p for p in parent.glob(f"{pack_id}-*") if p != keep and p.is_dir()),
                 key=lambda p: p.stat().st_mtime, reverse=True)
    for folder in old[KEEP - 1:]:
        shutil.rmtree(folder, ignore_errors=True)
