"""The tools no other ALN service offers, each in its own module: the deadline calculator
(deadlines), the letter builder (letters), and the guide offline (offline).

Each tool module has `register(app)` (its views) and `export_urls(loaded)` (what the freezer
writes for it); this package calls them all, so app.py and the freezer need no change when a
tool is added."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Flask

from alnguide.state import Loaded

TOOLS: tuple = ()  # the tool modules, in the order they register


def register(app: Flask) -> None:
    for tool in TOOLS:
        tool.register(app)


def export_urls(loaded: Loaded) -> Iterator[str]:
    for tool in TOOLS:
        yield from tool.export_urls(loaded)
