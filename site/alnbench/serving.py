"""Running the real servers on loopback for the load test and the benchmark: gunicorn serving
the application, nginx (Debian's) serving the export with the documented headers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from alnguide.paths import ROOT
from alnguide.web.security import nginx_snippet

PREFIX = "/education/aln/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def running(command: list[str], url: str):
    """Run a server until the block ends; yields its URL once it answers there."""
    process = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(url)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def gunicorn(workers: int = 2, threads: int = 4):
    """The production command from docs/hosting.md, on a free loopback port; yields its URL."""
    port = free_port()
    with running([sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads", str(threads),
                  "--bind", f"127.0.0.1:{port}", "--pythonpath", str(ROOT / "site"), "alnguide:create_app()"],
                 f"http://127.0.0.1:{port}/") as url:
        yield url


NGINX_CONF = """worker_processes 2;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    gzip on;
    gzip_types text/css application/javascript application/json image/svg+xml;
    server {{
        listen 127.0.0.1:{port};
        location {prefix} {{
            alias {root}/;
            include {tmp}/headers.conf;
            error_page 404 {prefix}404.html;
        }}
        location {prefix}static/ {{
            alias {root}/static/;
            include {tmp}/headers.conf;
            add_header Cache-Control "public, max-age=31536000, immutable" always;
        }}
    }}
}}
"""


@contextmanager
def nginx(export: Path, tmp: Path):
    """Debian's nginx serving the export under PREFIX, configured as docs/hosting.md says."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    (tmp / "headers.conf").write_text(nginx_snippet() + "\n", encoding="utf-8")
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, prefix=PREFIX, root=export), encoding="utf-8")
    with running([binary, "-p", str(tmp), "-c", str(conf)], f"http://127.0.0.1:{port}{PREFIX}") as url:
        yield url
