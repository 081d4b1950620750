"""Content errors that name the file, the line and the reason, so an editor can fix them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content."""

    path: Path
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.reason}"


class ContentError(Exception):
    """Raised when the content cannot be built; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line or 0))
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems while loading, then raises them all at once. Warnings are things a
    draft may lack but a release must not (an empty contact): `check` prints them, a release
    freeze refuses them."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(self, path: Path, line: int | None, reason: str) -> None:
        self.items.append(Problem(path, line, reason))

    def warn(self, path: Path, line: int | None, reason: str) -> None:
        self.warnings.append(Problem(path, line, reason))

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
