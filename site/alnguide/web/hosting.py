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


ACCESS_LOG = "/var/log/nginx/aln-guide.access.log"


def nginx_export(prefix: str = EXPORT_PREFIX, root: str = EXPORT_ROOT,
                 headers: str = "snippets/aln-guide-headers.conf", access_log: str = ACCESS_LOG) -> str:
    """The export under a sub-path: HTML revalidated, hashed files kept for a year, and no query
    string in the access log (an old search link's words, the calculator's dates)."""
    return f"""location {prefix} {{
    alias {root}/;
    include {headers};
    access_log {access_log} aln_guide;
    add_header Cache-Control "no-cache" always;
    error_page 404 {prefix}404.html;
}}
location {prefix}static/ {{
    alias {root}/static/;
    include {headers};
    add_header Cache-Control "public, max-age=31536000, immutable" always;
}}"""


def nginx_log_format() -> str:
    """In nginx's http block, for either setup: an access log format that records an address
    without its query string (a search's words, the calculator's dates stay out of the log)."""
    return """map $request_uri $aln_guide_path {
    "~^([^?]*)" $1;
}
log_format aln_guide '$remote_addr - $remote_user [$time_local] '
                     '"$request_method $aln_guide_path $server_protocol" $status $body_bytes_sent '
                     '"$http_user_agent"';"""


def nginx_app_http(upstream: str = APP_UPSTREAM) -> str:
    """In nginx's http block: gunicorn as the upstream, and a rate for search (about twenty
    pages' work each)."""
    return f"""limit_req_zone $binary_remote_addr zone=aln_guide_search:10m rate=5r/s;
upstream aln_guide_app {{
    server {upstream};
    keepalive 16;
}}"""


# What nginx refuses itself, and the application's page for it (views.proxy_error_page).
PROXY_ERRORS = {"bad-request": ("400 413 414 494", "400"), "not-allowed": ("405", "405"),
                "too-many-requests": ("429", "429")}
# Raw bytes outside ASCII in an address (a browser always percent-encodes them): gunicorn would
# answer its own bare 400, so nginx refuses first. In each proxied location, not the server, so
# that the error page's own internal request is not refused again.
RAW_BYTES = """if ($request_uri ~ "[\\x80-\\xff]") {
    return 400;
}"""


def nginx_app_server(access_log: str = ACCESS_LOG) -> str:
    """In the guide's server block: nginx waits for slow clients and only passes complete
    requests to gunicorn, whose threads a half-sent request would otherwise hold; its limits are
    below gunicorn's (alnguide.web.production), so whatever is refused, nginx refuses, with the
    guide's bilingual page and headers; it tells the application the reader's scheme and host;
    and its access log keeps no query string (search words, the calculator's dates)."""
    errors = "\n".join(f"error_page {codes} /aln-guide-{name};" for name, (codes, _) in PROXY_ERRORS.items())
    pages = "\n".join(f"""location = /aln-guide-{name} {{
    internal;
    proxy_pass http://aln_guide_app/{page}.html;
}}""" for name, (_, page) in PROXY_ERRORS.items())
    raw_bytes = "    " + RAW_BYTES.replace("\n", "\n    ")
    return f"""add_header Strict-Transport-Security "{HSTS}" always;
access_log {access_log} aln_guide;
client_header_timeout 10s;
client_body_timeout 10s;
send_timeout 10s;
client_max_body_size 8k;
large_client_header_buffers 4 4k;
proxy_http_version 1.1;
proxy_set_header Connection "";
proxy_set_header Host $host;
proxy_set_header X-Forwarded-Proto $scheme;
proxy_set_header X-Forwarded-Host $http_host;
proxy_buffering on;
proxy_request_buffering on;
proxy_read_timeout 30s;
{errors}
{pages}
location ~ {SEARCH_PATHS} {{
{raw_bytes}
    limit_req zone=aln_guide_search burst=20 nodelay;
    limit_req_status 429;
    limit_req_log_level info;
    proxy_pass http://aln_guide_app;
}}
location / {{
{raw_bytes}
    proxy_pass http://aln_guide_app;
}}"""
