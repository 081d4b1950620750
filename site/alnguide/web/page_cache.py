"""Serving like a static host. A page is a pure function of the content and its address, so the
first answer to each address is kept, exactly as sent (headers, compressed body, ETag), and
every later request for it is answered from memory without running Flask at all: a 304 when the
browser already has it, else the kept bytes. Compression is Flask-Compress's (Brotli or gzip,
as the browser asks), done once per address and encoding.

Only GET and HEAD requests without a query string and answered 200 are kept, keyed by the
encoding Flask-Compress chooses (br, gzip or none), never the raw Accept-Encoding header, which a
client can vary without end: so the store is bounded by the site itself (search results, with
their query, are never kept); it is also capped in bytes, oldest first out. The store belongs to
one load of the content: a reload starts an empty one."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from flask import Flask, Response, current_app, request
from flask_compress import Compress
from flask_compress.flask_compress import _choose_algorithm
from werkzeug.exceptions import SecurityError
from werkzeug.http import is_resource_modified
from werkzeug.wsgi import get_host

from alnguide import state

MAX_BYTES = 64 * 1024 * 1024
NOT_MODIFIED_DROPS = {"content-length", "content-type", "content-encoding"}
Kept = tuple[str, list[tuple[str, str]], bytes, str]  # status, headers, body, etag


class Store:
    """Kept answers by (script root, path, encoding chosen), least recently used out first."""

    def __init__(self, max_bytes: int = MAX_BYTES):
        self.items: OrderedDict[tuple[str, str, str], Kept] = OrderedDict()
        self.size, self.max_bytes, self.lock = 0, max_bytes, threading.Lock()

    def get(self, key: tuple[str, str, str]) -> Kept | None:
        with self.lock:
            found = self.items.get(key)
            if found:
                self.items.move_to_end(key)
            return found

    def put(self, key: tuple[str, str, str], kept: Kept) -> None:
        with self.lock:
            if key in self.items:
                return
            self.items[key] = kept
            self.size += len(kept[2])
            while self.size > self.max_bytes and self.items:
                _, dropped = self.items.popitem(last=False)
                self.size -= len(dropped[2])


class PageCache:
    """WSGI middleware in front of the Flask application."""

    def __init__(self, app: Flask, inner: Callable, encodings: tuple[str, ...]):
        self.app, self.inner, self.encodings = app, inner, encodings

    def encoding(self, environ: dict) -> str:
        """The encoding the answer will have: Flask-Compress's own choice from the header, so
        that 24,000 ways of writing Accept-Encoding are three entries a page, not 24,000."""
        return _choose_algorithm(self.encodings, environ.get("HTTP_ACCEPT_ENCODING", "")) or ""

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if (environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or environ.get("QUERY_STRING")
                or self.app.config.get("FREEZING")):  # the export's pages have relative links
            return self.inner(environ, start_response)
        try:  # an untrusted Host goes on to Flask, which refuses it
            get_host(environ, self.app.config.get("TRUSTED_HOSTS"))
        except SecurityError:
            return self.inner(environ, start_response)
        store: Store = state.loaded(self.app).once("page-cache", Store)  # type: ignore[assignment]
        key = (environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""), self.encoding(environ))
        kept = store.get(key)
        if kept is None:
            return self._fill(environ, start_response, store, key)
        status, headers, body, etag = kept
        if not is_resource_modified(environ, etag=etag):
            start_response("304 Not Modified", [h for h in headers if h[0].lower() not in NOT_MODIFIED_DROPS])
            return []
        start_response(status, headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def _fill(self, environ: dict, start_response: Callable, store: Store, key: tuple[str, str, str]):
        captured: dict = {}

        def capture(status: str, headers: list, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info)

        body = b"".join(self.inner(environ, capture))
        headers = captured.get("headers") or []
        names = {name.lower(): value for name, value in headers}
        if (captured.get("status", "").startswith("200") and environ["REQUEST_METHOD"] == "GET"
                and "etag" in names and "no-store" not in names.get("cache-control", "")):
            etag = names["etag"].removeprefix("W/").strip('"')
            store.put(key, (captured["status"], list(headers), body, etag))
        return [body]


def add_etag(response: Response) -> Response:
    """An ETag from the uncompressed body, before Flask-Compress adds its encoding to it and
    answers a matching If-None-Match with 304. Not while freezing: the export's files carry no
    headers, and hashing each of ~3,800 pages at 10x content is time the freeze would lose."""
    if current_app.config.get("FREEZING"):
        return response
    if (request.method in ("GET", "HEAD") and response.status_code == 200 and not response.is_streamed
            and not response.get_etag()[0] and "no-store" not in response.headers.get("Cache-Control", "")):
        response.set_etag(hashlib.blake2b(response.get_data(), digest_size=12).hexdigest())
    return response


def register(app: Flask) -> None:
    app.config.setdefault("COMPRESS_MIMETYPES", ["text/html", "text/css", "application/javascript",
                                                 "application/json", "application/xml", "image/svg+xml",
                                                 "text/plain"])
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_BR_LEVEL", 5)
    app.config.setdefault("COMPRESS_LEVEL", 6)
    compress = Compress(app)
    app.after_request(add_etag)  # registered after Compress, so it runs before it
    app.wsgi_app = PageCache(app, app.wsgi_app, compress.enabled_algorithms)  # type: ignore[method-assign]
