"""Sizes, never times: each page fits one network round trip, and nothing blocks rendering."""

from __future__ import annotations

import re

from alnbench.weights import BUDGET, page_weights


def test_every_page_fits_one_round_trip(export_dir):
    weights = page_weights(export_dir)
    assert len(weights) > 250
    assert all(w.css_gzip > 0 for w in weights if w.page != "404.html"), "stylesheet not found"
    over = [(w.page, w.total) for w in weights if w.total > BUDGET]
    assert not over, f"over {BUDGET} bytes (HTML + CSS, gzipped): {over[:5]}"


def test_no_render_blocking_javascript(export_dir):
    for path in export_dir.rglob("*.html"):
        for tag in re.findall(r"<script[^>]*>", path.read_text(encoding="utf-8")):
            assert " defer" in tag or 'type="module"' in tag, (path, tag)


def test_exported_assets_have_hashed_names(export_dir):
    for path in (export_dir / "static").rglob("*"):
        if path.is_file():
            assert re.search(r"\.[0-9a-f]{10}\.\w+$", path.name), path
