"""Content errors that name the file, the line and the reason, so an editor can fix them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

_last_read: ContextVar[Path | None] = ContextVar("last_read", default=None)

# A council's content folder is written from content/ (councils/assemble.py): each file written
# there maps its lines to the file and line the editor wrote, and every problem is reported there.
ORIGINS: dict[Path, list[tuple[Path, int]]] = {}


def origin(path: Path, line: int | None) -> tuple[Path, int | None]:
    """Where the editor wrote this line: itself, unless it is in a council's written folder."""
    lines = ORIGINS.get(path)
    if not lines:
        return path, line
    if line is None or not 0 < line <= len(lines):
        return lines[0][0], None if line is None else lines[-1][1]
    return lines[line - 1]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content. A cause (a file or folder that could not be read at
    all, a page without its pair) is listed before everything else: what follows from it is
    either not reported at all or easier to read once it is fixed."""

    path: Path
    line: int | None
    reason: str
    cause: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.reason}"


class ContentError(Exception):
    """Raised when the content cannot be built; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (not p.cause, str(p.path), p.line or 0))
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems while loading, then raises them all at once. Warnings are things a
    draft may lack but a release must not (the council's email): `check` prints them, a release
    freeze refuses them. Notes are things worth knowing that a release may still lack (the
    council's phone number, until the council gives one): printed, never refused."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.warnings: list[Problem] = []
        self.notes: list[Problem] = []

    def add(self, path: Path, line: int | None, reason: str, cause: bool = False) -> None:
        self.items.append(Problem(*origin(path, line), reason, cause))

    def warn(self, path: Path, line: int | None, reason: str) -> None:
        self.warnings.append(Problem(*origin(path, line), reason))

    def note(self, path: Path, line: int | None, reason: str) -> None:
        self.notes.append(Problem(*origin(path, line), reason))

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)


def lines_of(text: str, needle: str, start_line: int = 1) -> list[int]:
    """The 1-based line of every occurrence of needle in text, counted from start_line."""
    lines, index = [], text.find(needle)
    while index >= 0:
        lines.append(start_line + text.count("\n", 0, index))
        index = text.find(needle, index + 1)
    return lines


def now_reading(path: Path | None) -> None:
    """Note the file being read, so that an error no check foresaw still names it."""
    _last_read.set(path)


def refuse_unforeseen(error: Exception, fallback: Path, problems: Problems) -> NoReturn:
    """The last resort at the load's boundary: an exception is a refusal naming the file being
    read, with the problems found so far, never a traceback that stops a server or `check`."""
    where = _last_read.get() or fallback
    problems.add(where, None, f"loading stopped at this file on an error no check foresaw "
                 f"({type(error).__name__}: {error}); look for a typo here, and if the file looks "
                 "right, report this message", cause=True)
    raise ContentError(problems.items) from error


# What a reported cause makes unknown. When a list of ids cannot be read (site.yaml's contacts,
# the guides' folder, sections.yaml), the uses of those ids cannot be checked: checking them
# against nothing would add one problem per use (130 for an empty site.yaml), all saying what
# the one cause already says. These take every id as known until the cause is fixed.

class AnyId(Set[str]):
    """A set of ids that could not be read: every id is taken to be in it."""

    def __contains__(self, item: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    @classmethod
    def _from_iterable(cls, items: Any) -> frozenset[str]:  # what `{...} - AnyId()` makes
        return frozenset(items)


class AnyKey(Mapping[str, Any]):
    """A mapping that could not be read: every key is taken to be in it, with no value."""

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0
