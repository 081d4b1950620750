"""The tools no other ALN service offers, each in its own module: the deadline calculator
(deadlines), the letter builder (letters), and the guide offline (offline).

Each tool module has `register(app)` (its views) and `export_urls(loaded)` (what the freezer
writes for it); this package calls them all, so app.py and the freezer need no change when a
tool is added."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from flask import Flask

if TYPE_CHECKING:
    from alnguide.state import Loaded

def tools() -> tuple:
    """The tool modules, in the order they register (imported here: they need the site model)."""
    from alnguide.tools import deadlines

    return (deadlines,)


def register(app: Flask) -> None:
    for tool in tools():
        tool.register(app)


def export_urls(loaded: Loaded) -> Iterator[str]:
    for tool in tools():
        yield from tool.export_urls(loaded)
