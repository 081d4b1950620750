"""How long browsers and caches may keep what the site sends. Pages are pure functions of the
content, so they are revalidated every time (`no-cache`: a cheap 304 when nothing changed);
hashed static files keep their own year-long lifetime; search results are never stored, since a
query can be personal."""

from __future__ import annotations

from flask import Flask, Response

REVALIDATE = "no-cache"
NEVER_STORE = "no-store"


def never_store(response: Response) -> Response:
    response.headers["Cache-Control"] = NEVER_STORE
    return response


def cache_headers(response: Response) -> Response:
    response.headers.setdefault("Cache-Control", REVALIDATE)
    return response


def register(app: Flask) -> None:
    app.after_request(cache_headers)
