"""What the running site serves: one load of the content and everything made from it.

The holder is swapped whole when the content is reloaded, and only when the new content loads
without a problem: a broken edit never takes the site down, it is refused with its reasons and
the last good content keeps being served (see web/production.py for gunicorn's reload)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, current_app

from alnguide.content.errors import ContentError
from alnguide.content.loader import load_site
from alnguide.content.model import Site

if TYPE_CHECKING:
    from alnguide.search.server_index import SearchIndex

EXTENSION = "alnguide"


@dataclass
class Loaded:
    """The site model and what is derived from it on demand (the server's search index, the
    export's static indexes), each made once."""

    site: Site
    content: Path | None = None
    council: str | None = None  # the pack applied (an id or a pack's folder), read again on reload
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _made: dict[str, object] = field(default_factory=dict, repr=False)

    @cached_property
    def search(self) -> SearchIndex:
        """Built where search is served, not by the freezer, which never queries it."""
        from alnguide.search.server_index import SearchIndex

        with self._lock:
            return SearchIndex(self.site)

    def has(self, key: str) -> bool:
        """Whether `once` has made this value already."""
        return key in self._made

    def once(self, key: str, make: Callable[[], object]) -> object:
        """A value made from this content the first time it is asked for (thread-safe)."""
        if key not in self._made:
            with self._lock:
                if key not in self._made:
                    self._made[key] = make()
        return self._made[key]


def install(app: Flask, loaded: Loaded) -> None:
    app.extensions[EXTENSION] = loaded


def loaded(app: Flask) -> Loaded:
    return app.extensions[EXTENSION]


def current() -> Loaded:
    """What this request is served from."""
    return loaded(current_app)


def reload(app: Flask, log: logging.Logger) -> bool:
    """Load the content again; swap it in only if it has no problem. Returns whether it did.
    On a problem, each one is logged as an error and the running content stays."""
    old = loaded(app)
    try:
        site = load_site(old.content, council=old.council) if old.content else load_site(council=old.council)
    except ContentError as error:
        log.error("content reload refused, still serving the last good content: %d problem(s)",
                  len(error.problems))
        for problem in error.problems:
            log.error("  %s", problem)
        return False
    install(app, Loaded(site, old.content, old.council))
    log.info("content reloaded from %s", old.content)
    return True
