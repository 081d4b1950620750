"""Links as each page should write them: relative in the export (so it works under any
sub-path or from disk), rooted at the application's mount point when served."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from flask import current_app, request
from markupsafe import Markup

from alnguide import state

INTERNAL_HREF = re.compile(r'href="(/[^"]*)"')


def link(path: str) -> str:
    """An absolute site path such as '/en/idps/#reviews' or '/en/deadlines/?clock=x', written for
    the current page."""
    return linker()(path)


def linker() -> Callable[[str], str]:
    """link() for the current request, with what it reads of the app and the request looked up
    once: a page writes ~25 links, and each lookup through Flask's proxies costs as much as the
    arithmetic itself."""
    if not current_app.config.get("FREEZING"):
        root = request.script_root
        return lambda path: root + path
    here = request.path if request.path.endswith("/") else posixpath.dirname(request.path)
    return lambda path: _relative_link(path, here)


def _relative_link(path: str, here: str) -> str:
    url, hash_, fragment = path.partition("#")
    url, mark, query = url.partition("?")
    if url.endswith("/"):
        url += "index.html"
    return relative(url, here) + mark + query + hash_ + fragment


def relative(target: str, folder: str) -> str:
    """posixpath.relpath for the clean rooted paths the site writes, in a fifth of its time (a
    page has ~20 links and the export ~400 pages); anything unusual goes to relpath itself."""
    if "//" in target or "/." in target or "//" in folder or "/." in folder:
        return posixpath.relpath(target, folder)
    to, here = target.strip("/").split("/"), [p for p in folder.strip("/").split("/") if p]
    shared = 0
    for a, b in zip(to, here, strict=False):
        if a != b:
            break
        shared += 1
    return "/".join([".."] * (len(here) - shared) + to[shared:]) or "."


def localise_links(html: str, write: Callable[[str], str]) -> Markup:
    """Rewrite the site-rooted links in rendered Markdown with `write`, the current page's linker()."""
    return Markup(INTERNAL_HREF.sub(lambda m: f'href="{write(m.group(1))}"', html))


def base_url() -> str:
    """Where the site lives, without the final slash: the freeze's --base-url, or site.yaml's.
    Never the request's Host header, which anyone can forge (a cache would keep what it made)."""
    return (current_app.config.get("BASE_URL") or state.current().site.settings.base_url).rstrip("/")


def absolute(path: str) -> str:
    """A full address, for hreflang and canonical links (search engines need them absolute)."""
    return base_url() + path
