"""The web server configuration docs/hosting.md gives a council, made here so that the docs,
the tests and the benchmark run the very same lines (a test checks the docs against these)."""

from __future__ import annotations

from alnguide.web.security import HEADERS

# Web servers add this; the application does not (it is often run behind plain HTTP on loopback).
HSTS = "max-age=31536000"
SEARCH_PATHS = r"^/(?:en/search|cy/chwilio)/$"
EXPORT_PREFIX = "/education/aln/"
EXPORT_ROOT = "/var/www/aln-guide"
APP_UPSTREAM = "127.0.0.1:8000"


def _all_headers() -> dict[str, str]:
    return {**HEADERS, "Strict-Transport-Security": HSTS}


def nginx_headers() -> str:
    """snippets/aln-guide-headers.conf: the application's headers, and HSTS."""
    return "\n".join(f'add_header {name} "{value}" always;' for name, value in _all_headers().items())


def apache_headers() -> str:
    return "\n".join(f'Header always set {name} "{value}"' for name, value in _all_headers().items())


def nginx_export(prefix: str = EXPORT_PREFIX, root: str = EXPORT_ROOT,
                 headers: str = "snippets/aln-guide-headers.conf") -> str:
    """The export under a sub-path: HTML revalidated, hashed files kept for a year."""
    return f"""location {prefix} {{
    alias {root}/;
    include {headers};
    add_header Cache-Control "no-cache" always;
    error_page 404 {prefix}404.html;
}}
location {prefix}static/ {{
    alias {root}/static/;
    include {headers};
    add_header Cache-Control "public, max-age=31536000, immutable" always;
}}"""


def nginx_app_http(upstream: str = APP_UPSTREAM) -> str:
    """In nginx's http block: gunicorn as the upstream, and a rate for search (about twenty
    pages' work each)."""
    return f"""limit_req_zone $binary_remote_addr zone=aln_guide_search:10m rate=5r/s;
upstream aln_guide_app {{
    server {upstream};
    keepalive 16;
}}"""


def nginx_app_server() -> str:
    """In the guide's server block: nginx waits for slow clients and only passes complete
    requests to gunicorn, whose threads a half-sent request would otherwise hold; what nginx
    refuses itself gets the guide's bilingual page, with the guide's headers."""
    return f"""add_header Strict-Transport-Security "{HSTS}" always;
client_header_timeout 10s;
client_body_timeout 10s;
send_timeout 10s;
client_max_body_size 8k;
large_client_header_buffers 4 8k;
proxy_http_version 1.1;
proxy_set_header Connection "";
proxy_set_header Host $host;
proxy_set_header X-Forwarded-Proto $scheme;
proxy_set_header X-Forwarded-Host $http_host;
proxy_buffering on;
proxy_request_buffering on;
proxy_read_timeout 30s;
error_page 400 413 414 494 /aln-guide-bad-request;
location = /aln-guide-bad-request {{
    internal;
    proxy_pass http://aln_guide_app/400.html;
}}
location ~ {SEARCH_PATHS} {{
    limit_req zone=aln_guide_search burst=20 nodelay;
    limit_req_status 429;
    proxy_pass http://aln_guide_app;
}}
location / {{
    proxy_pass http://aln_guide_app;
}}"""
