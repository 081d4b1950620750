"""Council packs: which ones there are, and which a command or a server was asked for.

A pack is a folder, content/councils/<id>/, holding one council's local facts (see
docs/new-council.md). A pack may also be named by its path (a test's fixture council, or a
council's pack kept outside the national content)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

COUNCILS = "councils"
ALL = "all"
PACK_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Pack:
    id: str
    path: Path


class UnknownCouncilError(ValueError):
    """A council asked for that has no pack: the message names the ones there are."""


def packs(content: Path) -> dict[str, Pack]:
    """Every pack under content/councils/, by id, in id order."""
    folder = content / COUNCILS
    if not folder.is_dir():
        return {}
    return {p.name: Pack(p.name, p) for p in sorted(folder.iterdir())
            if p.is_dir() and PACK_ID.match(p.name)}


def chosen() -> str | None:
    """The council a server was started for: $ALNGUIDE_COUNCIL (an id, `all` or a pack's path)."""
    return os.environ.get("ALNGUIDE_COUNCIL") or None


def choose(content: Path, council: str | None) -> list[Pack]:
    """The packs to build: the one named (an id or a folder), or every pack when none is named
    or `all` is. An empty list means content with no packs at all (the national layer alone)."""
    found = packs(content)
    if council in (None, "", ALL):
        return list(found.values())
    if council in found:
        return [found[council]]
    path = Path(council)
    if path.is_dir() and ("/" in council or path.is_absolute()):
        if not PACK_ID.match(path.resolve().name):
            raise UnknownCouncilError(f"a pack's folder is named by its id (lower-case letters, digits "
                                      f"and hyphens): {path.resolve().name}")
        return [Pack(path.resolve().name, path.resolve())]
    names = ", ".join(found) or "none yet: `python3 build.py new-council <id>` writes one"
    raise UnknownCouncilError(f"no council pack '{council}' in {content / COUNCILS} (there are: {names})")
