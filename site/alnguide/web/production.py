"""gunicorn's configuration for the application in production (docs/hosting.md):

    gunicorn -c python:alnguide.web.production --bind unix:/run/aln-guide/app.sock

The content is loaded once, in gunicorn's master process, before any worker starts
(`preload_app`), and the search index is built there too: the workers fork from it and share
it. `kill -HUP <master>` reloads the content: the master loads it again and swaps it in only
if it has no problem, then starts new workers from itself. So a broken edit never takes the
site down: it is refused, each problem is written to gunicorn's error log, and the workers keep
serving the last good content. A worker that restarts for any other reason (a crash,
max_requests) also forks from the master, with the last good content, never reading the disk.

Run `python3 build.py check` before the HUP; the log says "content reloaded" or why not.
Put nginx in front (docs/hosting.md): it buffers slow clients, which would otherwise hold
gunicorn's threads. It also says which scheme and host the reader asked for (X-Forwarded-Proto,
X-Forwarded-Host), and the application trusts exactly that one proxy, so that a redirect
(`/en/idps` to `/en/idps/`) keeps the reader's `https` and port.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from alnguide import state
from alnguide.web.councils import create, guides_of

wsgi_app = "alnguide.web.production:application()"
preload_app = True
worker_class = "gthread"
workers = 2
threads = 4
bind = ["127.0.0.1:8000"]
timeout = 30
graceful_timeout = 20
keepalive = 5
# nginx in front refuses first (docs/hosting.md: the request line and each header within 4 KB,
# all of them within 16 KB), with the guide's bilingual page: gunicorn's own limits are above
# nginx's, so that its bare pages (no security headers, English only) never reach a reader.
limit_request_line = 8190
limit_request_fields = 32768
limit_request_field_size = 8190


def application() -> Flask:
    """The application as served behind the documented nginx: the scheme and host come from its
    X-Forwarded-Proto and X-Forwarded-Host (one proxy, no more), and are still checked against
    the trusted hosts. Only here: the development server has no proxy in front."""
    app = create()  # one council's guide, or several under the chooser ($ALNGUIDE_COUNCIL)
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=0, x_proto=1, x_host=1)  # type: ignore[method-assign]
    return app


def _warm(app, log) -> None:
    """Build what the workers would otherwise each build on their first search. It runs in the
    master, so nothing it raises may stop the master: the site is served either way, and each
    worker builds the index on its first search instead, after the error is logged."""
    try:
        state.loaded(app).search  # noqa: B018 (a cached property: built once, here)
    except Exception:  # noqa: BLE001 (the master must outlive any error here)
        log.exception("the search index could not be built in advance; each worker will try on its "
                      "first search")


def when_ready(server) -> None:
    for guide in guides_of(server.app.wsgi()).values():
        _warm(guide, server.log)
        server.log.info("content loaded from %s (council: %s)", state.loaded(guide).content,
                        state.loaded(guide).council or "the only pack")


def on_reload(server) -> None:
    """Called on HUP, in the master, before the new workers are forked from it."""
    for guide in guides_of(server.app.wsgi()).values():  # each council's guide, on its own
        if state.reload(guide, server.log):
            _warm(guide, server.log)
