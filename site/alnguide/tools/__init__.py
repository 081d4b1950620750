"""The tools no other ALN service offers: the deadline calculator (deadlines) and the guide
offline (offline), each in its own module here. The letter builder needs no views: it is the
outcome's letter (templates/_letter.html) with static/js/letters.js.

Each tool module has `register(app)` (its views) and `export_urls(loaded)` (what the freezer
writes for it), and may have `after_freeze(app, out, written)` (files made from the finished
export, such as the offline tool's worker, named for a hash of the export; `written` measures
each file the freeze wrote); this package calls them all, so
app.py and the freezer need no change when a tool is added."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask

if TYPE_CHECKING:
    from alnguide.export.freezing import Written
    from alnguide.state import Loaded


def tools() -> tuple:
    """The tool modules, in the order they register (imported here: they need the site model)."""
    from alnguide.tools import deadlines, offline

    return (deadlines, offline)


def register(app: Flask) -> None:
    for tool in tools():
        tool.register(app)


def export_urls(loaded: Loaded) -> Iterator[str]:
    for tool in tools():
        yield from tool.export_urls(loaded)


def after_freeze(app: Flask, out: Path, written: Mapping[str, Written]) -> list[str]:
    """Each tool's files made from the finished export; returns their names."""
    made: list[str] = []
    for tool in tools():
        hook = getattr(tool, "after_freeze", None)
        if hook:
            made += hook(app, out, written)
    return made
