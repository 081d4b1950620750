"""Page weight: a page's compressed HTML plus its render-blocking CSS, against one network
round trip (14 KB), measured on the export. Used by the test and by the benchmark."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from alnguide.export.freezing import gzipped_size

BUDGET = 14 * 1024
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


@dataclass(frozen=True)
class Weight:
    page: str
    html_gzip: int
    css_gzip: int

    @property
    def total(self) -> int:
        return self.html_gzip + self.css_gzip




def page_weights(export: Path) -> list[Weight]:
    """Every HTML page of the export, heaviest first."""
    weights, css_sizes = [], {}
    for path in export.rglob("*.html"):
        html = path.read_bytes()
        page = path.relative_to(export).as_posix()
        css = 0
        for href in STYLESHEET.findall(html.decode("utf-8")):
            target = export / urljoin(page, href).lstrip("/")
            if target not in css_sizes:  # one stylesheet for ~300 pages: compress it once
                css_sizes[target] = gzipped_size(target.read_bytes()) if target.is_file() else 0
            css += css_sizes[target]
        weights.append(Weight(page, gzipped_size(html), css))
    return sorted(weights, key=lambda w: -w.total)
