"""A new reader's first visit, in bytes: the page with everything it loads, plus what the
offline worker fetches on its own in the first seconds, counted where it matters (at the server
that sent it), each file compressed by gzip at level 6. Used by the test (tests/test_first_visit.py)
and by the benchmark (`build.py bench`), on an export served under a sub-path.

The server logs each request it answered; a 304 (the browser revalidating a copy it already
has) costs no body. Measured at the server, so a file the worker fetches again from the
browser's own HTTP cache is not counted, as it costs the reader nothing."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

BUDGET = 50 * 1024  # issue 28: the page and the worker's first fetch, compressed
LEVEL = 6
SUB_PATH = "/education/aln/"
SECONDS = 10.0  # the window the issue measured


@dataclass
class Served:
    """What the server answered: (path under the sub-path, status) in order."""

    export: Path
    answered: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = field(default_factory=time.monotonic)

    def log(self, path: str, status: int) -> None:
        with self.lock:
            self.answered.append((path, status))
            self.last = time.monotonic()


class LoggingHandler(http.server.SimpleHTTPRequestHandler):
    """The export under SUB_PATH only, as a council's web server hosts it, logging each answer."""

    served: Served

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(SUB_PATH):
            return str(self.served.export / "__outside__")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def send_response(self, code: int, message: str | None = None) -> None:
        path = self.path.split("?", 1)[0]
        self.served.log(path[len(SUB_PATH):] if path.startswith(SUB_PATH) else path, code)
        super().send_response(code, message)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def logging_server(export: Path) -> Iterator[tuple[str, Served]]:
    """The export on loopback under SUB_PATH: (its address, the log)."""
    served = Served(export)
    handler = type("Handler", (LoggingHandler,), {"served": served})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(handler, directory=str(export)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}", served
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Visit:
    """One first visit: every file the server sent a body for, with its gzipped size."""

    page: str
    files: tuple[tuple[str, int], ...]  # (path, gzip level-6 bytes) per 200, in order
    revalidated: int  # 304s: requests that cost no body

    @property
    def bytes(self) -> int:
        return sum(size for _, size in self.files)

    @property
    def requests(self) -> int:
        return len(self.files) + self.revalidated

    @property
    def page_bytes(self) -> int:
        """The page's own share: everything up to the worker's script, which the page asks for
        once it has loaded and the network is quiet; the rest is the worker's first fetch."""
        names = [path for path, _ in self.files]
        end = names.index("sw.js") + 1 if "sw.js" in names else len(names)
        return sum(size for _, size in self.files[:end])

    def summary(self) -> str:
        return (f"{self.page}: {self.bytes / 1024:.1f} KB in {len(self.files)} files "
                f"(+{self.revalidated} revalidated): the page {self.page_bytes / 1024:.1f} KB, "
                f"the worker {(self.bytes - self.page_bytes) / 1024:.1f} KB; budget {BUDGET / 1024:.0f} KB")


def _gzipped(export: Path, path: str, sizes: dict[str, int]) -> int:
    if path not in sizes:
        file = export / path
        if path == "" or path.endswith("/"):
            file = file / "index.html"
        sizes[path] = len(gzip.compress(file.read_bytes(), LEVEL)) if file.is_file() else 0
    return sizes[path]


def first_visit(browser, url: str, served: Served, page: str, seconds: float = SECONDS,
                quiet: float = 3.0) -> Visit:
    """A new phone opens `page` (relative to the export's root) with service workers allowed;
    counts what the server sends in the first `seconds`, or until the network has been quiet
    for `quiet` seconds after the page has loaded, whichever comes first."""
    context = browser.new_context(service_workers="allow", viewport={"width": 390, "height": 844})
    try:
        start = len(served.answered)
        began = time.monotonic()
        tab = context.new_page()
        tab.goto(url + page, wait_until="load")
        while True:
            now = time.monotonic()
            if now - began >= seconds or now - max(served.last, began) >= quiet:
                break
            tab.wait_for_timeout(100)
        answered = served.answered[start:]
    finally:
        context.close()
    sizes: dict[str, int] = {}
    files = tuple((path, _gzipped(served.export, path, sizes)) for path, status in answered if status == 200)
    return Visit(page, files, sum(1 for _, status in answered if status == 304))
