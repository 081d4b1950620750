"""Links as each page should write them: relative in the export (so it works under any
sub-path or from disk), rooted at the application's mount point when served."""

from __future__ import annotations

import posixpath
import re

from flask import current_app, request
from markupsafe import Markup

INTERNAL_HREF = re.compile(r'href="(/[^"]*)"')


def link(path: str) -> str:
    """An absolute site path such as '/en/idps/#reviews', written for the current page."""
    if not current_app.config.get("FREEZING"):
        return request.script_root + path
    url, hash_, fragment = path.partition("#")
    if url.endswith("/"):
        url += "index.html"
    here = request.path if request.path.endswith("/") else posixpath.dirname(request.path)
    return posixpath.relpath(url, here) + hash_ + fragment


def localise_links(html: str) -> Markup:
    """Rewrite the site-rooted links in rendered Markdown for the current page."""
    return Markup(INTERNAL_HREF.sub(lambda m: f'href="{link(m.group(1))}"', html))


def absolute(path: str) -> str:
    """A full address, for hreflang and canonical links (search engines need them absolute):
    under the export's --base-url when freezing, else where this request was made."""
    if current_app.config.get("FREEZING"):
        return current_app.config["BASE_URL"].rstrip("/") + path
    return request.host_url.rstrip("/") + request.script_root + path
