"""Shared fixtures: the real site, a small fixture site, and the export served over real HTTP."""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "site"))

from alnguide import create_app  # noqa: E402
from alnguide.content.loader import load_site  # noqa: E402
from alnguide.export.freezing import freeze  # noqa: E402

FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
pytest_plugins = ["browser_fixtures", "offline_support"]
SUB_PATH = "/education/aln/"


@pytest.fixture(scope="session")
def site():
    return load_site()


@pytest.fixture(scope="session")
def app(site):
    return create_app(site)


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def fixture_content(tmp_path: Path) -> Path:
    """A private copy of the small fixture site, for tests that break it on purpose."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder under SUB_PATH only, with 404.html for anything missing, like a council
    web server hosting the export below its own pages."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="session")
def export_dir(app, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    freeze(app, out, base_url=f"http://127.0.0.1{SUB_PATH}")
    return out


@pytest.fixture(scope="session")
def export_url(export_dir: Path) -> Iterator[str]:
    """The export served by a real HTTP server on loopback, under a sub-path."""
    handler = functools.partial(SubPathHandler, directory=str(export_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    server.shutdown()


@pytest.fixture(scope="module")
def server_url(app) -> Iterator[str]:
    """The Flask site itself on loopback, with its security headers (CSP script-src 'self'): the
    browser tests that compare the server with the export."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
