"""The host names the site answers to, read from the content being served. A reload (gunicorn's
HUP) that moves the site to a new `base_url` must let readers in at the new host at once, not
after a restart, so the list is made once per load of the content (which a reload swaps whole)
and looked up on every request, never kept by the application itself."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from urllib.parse import urlsplit

from flask import Flask

from alnguide import state

LOOPBACK = ("localhost", "127.0.0.1", "[::1]")


def trusted_hosts(base_url: str) -> list[str]:
    """Its own name (from base_url), loopback for a proxy in front and for checks, and any in
    $ALNGUIDE_TRUSTED_HOSTS (comma-separated). Anything else is a 400, so a forged Host header
    never reaches a redirect or a cache."""
    extra = [h.strip() for h in os.environ.get("ALNGUIDE_TRUSTED_HOSTS", "").split(",") if h.strip()]
    return [urlsplit(base_url).hostname or "", *LOOPBACK, *extra]


class ServedHosts(Sequence[str]):
    """app.config["TRUSTED_HOSTS"] for Flask and the page cache (Werkzeug only iterates it):
    the trusted hosts of whatever content the application serves at that moment."""

    def __init__(self, app: Flask):
        self.app = app

    def _hosts(self) -> list[str]:
        served = state.loaded(self.app)
        hosts = served.once("trusted-hosts", lambda: trusted_hosts(served.site.settings.base_url))
        return hosts  # type: ignore[return-value]

    def __iter__(self) -> Iterator[str]:
        return iter(self._hosts())

    def __len__(self) -> int:
        return len(self._hosts())

    def __getitem__(self, index):  # type: ignore[override]
        return self._hosts()[index]

    def __repr__(self) -> str:
        return f"ServedHosts({self._hosts()!r})"
