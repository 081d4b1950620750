"""A small crawler for the served export: follows every link and asset from a start page."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        elif tag == "link" and values.get("href"):
            (self.links if values.get("rel") == "alternate" else self.assets).append(values["href"])
        elif tag in ("script", "img", "source") and values.get("src"):
            self.assets.append(values["src"])


def fetch(url: str) -> tuple[int, str, str]:
    """(status, content type, body) for a URL, 4xx and 5xx included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read().decode("utf-8", "replace")
            return response.status, response.headers.get_content_type(), body
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read().decode("utf-8", "replace")


@dataclass
class Crawl:
    pages: dict[str, str] = field(default_factory=dict)  # url -> html
    broken: list[tuple[str, str, int]] = field(default_factory=list)  # (from, to, status)
    external: set[str] = field(default_factory=set)


def crawl(start: str, limit: int = 5000) -> Crawl:
    """Breadth-first over every page under `start`'s folder; checks each asset once."""
    base = start.rsplit("/", 1)[0] + "/"
    result = Crawl()
    queue, seen = [(start, start)], {start}
    while queue and len(result.pages) < limit:
        source, url = queue.pop(0)
        status, kind, body = fetch(url)
        if status != 200:
            result.broken.append((source, url, status))
            continue
        if kind != "text/html":
            continue
        result.pages[url] = body
        parser = _Links()
        parser.feed(body)
        for href in parser.links + parser.assets:
            target = urldefrag(urljoin(url, href))[0]
            if not target.startswith(base):
                if target.startswith(("http://", "https://")):
                    result.external.add(target)
                continue
            if target not in seen:
                seen.add(target)
                queue.append((url, target))
    return result
