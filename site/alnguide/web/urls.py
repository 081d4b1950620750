"""Links as each page should write them: relative in the export (so it works under any
sub-path or from disk), rooted at the application's mount point when served."""

from __future__ import annotations

import posixpath
import re

from flask import Flask, Response, current_app, request
from markupsafe import Markup

from alnguide import state

# A page's links before the export makes them relative: any attribute (href, src, action, the
# scripts' data-*-url) whose value is a site-rooted address, as link() and Markdown write them.
# Any attribute, not a list of names: the plain pattern is a seventh of the time on a page.
ROOTED = re.compile(r'="/(?!/)([^"]*)"')


def root() -> str:
    """What every site path is prefixed with on this page: the application's mount point when
    served; nothing while freezing, where relative_links() makes the finished page's links
    relative. Rooted until the end, a piece of a page is the same on every page that shows it."""
    return "" if current_app.config.get("FREEZING") else request.script_root


def link(path: str) -> str:
    """An absolute site path such as '/en/idps/#reviews' or '/en/deadlines/?clock=x', written for
    the current page."""
    return root() + path


def localise_links(html: str, prefix: str) -> Markup:
    """The site-rooted links in rendered Markdown, under the mount point `prefix` (root())."""
    return Markup(html.replace('href="/', f'href="{prefix}/') if prefix else html)


def relative_links(html: str, page: str) -> str:
    """Every site-rooted address in a finished page, relative to the page's folder, so that the
    export works under any sub-path or opened from disk; a folder's address gets its index.html.
    One pass a page, climbing to the export's root ('../' per folder) rather than working out
    the shortest way: ~40 links a page and ~3,800 pages at 10x content."""
    folder = page if page.endswith("/") else posixpath.dirname(page)
    up = "../" * folder.count("/", 1)

    def write(match: re.Match) -> str:
        url, hash_, fragment = match.group(1).partition("#")
        url, mark, query = url.partition("?")
        if url.endswith("/") or not url:
            url += "index.html"
        return f'="{up}{url}{mark}{query}{hash_}{fragment}"'

    return ROOTED.sub(write, html)


def make_export_links_relative(response: Response) -> Response:
    if (current_app.config.get("FREEZING") and response.mimetype == "text/html"
            and not response.direct_passthrough):
        response.set_data(relative_links(response.get_data(as_text=True), request.path))
    return response


def register(app: Flask) -> None:
    """Registered last, so that it runs first: the ETag is of the page as written."""
    app.after_request(make_export_links_relative)


def base_url() -> str:
    """Where the site lives, without the final slash: the freeze's --base-url, or site.yaml's.
    Never the request's Host header, which anyone can forge (a cache would keep what it made)."""
    return (current_app.config.get("BASE_URL") or state.current().site.settings.base_url).rstrip("/")


def absolute(path: str) -> str:
    """A full address, for hreflang and canonical links (search engines need them absolute)."""
    return base_url() + path
