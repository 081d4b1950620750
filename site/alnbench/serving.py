"""The real servers on loopback, for the production tests and the benchmark: gunicorn run as
docs/hosting.md runs it, nginx in front of it with the documented configuration, and nginx
serving the export. Each writes its own log, and a server that cannot start says why."""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alnguide.paths import ROOT
from alnguide.web import hosting

PREFIX = "/education/aln/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""


class ServerFailedError(RuntimeError):
    """The server exited or never answered; the message carries its own log."""


def loopback_tls() -> ssl.SSLContext:
    """A client context for our own nginx on loopback, whose certificate is made for the test."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    return context


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    context = loopback_tls() if url.startswith("https:") else None
    while True:
        try:
            urllib.request.urlopen(url, timeout=2, context=context).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else ""
                exited = process.poll() is not None
                state = f"exited with {process.returncode}" if exited else "did not answer"
                raise ServerFailedError(f"{' '.join(map(str, process.args))} {state}:\n{tail}") from None
            time.sleep(0.2)


CACHE: dict[str, str] = {}  # ALNGUIDE_CACHE for every process the bench starts (bench.run sets it)


@contextmanager
def running(command: list[str], url: str, log: Path, env: dict[str, str] | None = None) -> Iterator[Server]:
    """Run a server until the block ends; yields it once it answers at url."""
    with log.open("ab") as out:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})},
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(url, process, log)
        yield Server(url, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def gunicorn(work: Path, content: Path | None = None, workers: int = 2, threads: int = 4) -> Iterator[Server]:
    """The production command from docs/hosting.md, on a free loopback port."""
    port = free_port()
    env = {"PYTHONPATH": str(ROOT / "site"), **CACHE}
    if content:
        env["ALNGUIDE_CONTENT"] = str(content)
    command = [sys.executable, "-m", "gunicorn", "-c", "python:alnguide.web.production",
               "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
               "--pid", str(work / "gunicorn.pid")]
    with running(command, f"http://127.0.0.1:{port}/", work / "gunicorn.log", env) as server:
        yield server


NGINX_MAIN = """worker_processes 2;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 2048; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    gzip on;
    gzip_comp_level 1;
    gzip_types text/css application/javascript application/json image/svg+xml;
{http}
    server {{
        listen 127.0.0.1:{port}{tls};
{server}
    }}
}}
"""


def _indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line if line else line for line in text.splitlines())


def self_signed(tmp: Path) -> str:
    """A certificate for 127.0.0.1 made on the spot (openssl), for nginx to serve HTTPS on
    loopback as a council's would: the listen options and the lines that name the files."""
    key, cert = tmp / "tls.key", tmp / "tls.crt"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return f" ssl;\n        ssl_certificate {cert};\n        ssl_certificate_key {key}"


@contextmanager
def _nginx(tmp: Path, http: str, server: str, path: str, tls: bool = False) -> Iterator[Server]:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    tmp.mkdir(parents=True, exist_ok=True)
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / folder).mkdir(exist_ok=True)
        (tmp / folder).chmod(0o777)  # nginx's workers run as an unprivileged user
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_MAIN.format(tmp=tmp, port=port, tls=self_signed(tmp) if tls else "",
                                      http=_indent(http, 4), server=_indent(server, 8)), encoding="utf-8")
    scheme = "https" if tls else "http"
    with running([binary, "-p", str(tmp), "-c", str(conf)], f"{scheme}://127.0.0.1:{port}{path}",
                 tmp / "error.log") as running_server:
        yield running_server


@contextmanager
def nginx_proxy(app_url: str, tmp: Path, tls: bool = False) -> Iterator[Server]:
    """nginx in front of the application, configured as docs/hosting.md says (over HTTPS with
    `tls`, with a certificate made for loopback); its access log is tmp/access.log."""
    upstream = app_url.removeprefix("http://").rstrip("/")
    http = hosting.nginx_log_format() + "\n" + hosting.nginx_app_http(upstream)
    server_block = hosting.nginx_app_server(str(tmp.resolve() / "access.log"))
    with _nginx(tmp, http, server_block, "/", tls) as server:
        yield server


@contextmanager
def nginx_export(export: Path, tmp: Path) -> Iterator[Server]:
    """Debian's nginx serving the export under PREFIX, configured as docs/hosting.md says; its
    access log is tmp/access.log."""
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "headers.conf").write_text(hosting.nginx_headers() + "\n", encoding="utf-8")
    server = hosting.nginx_export(PREFIX, str(export), str(tmp / "headers.conf"),
                                  access_log=str(tmp.resolve() / "access.log"))
    with _nginx(tmp, hosting.nginx_log_format(), server, PREFIX) as running_server:
        yield running_server
