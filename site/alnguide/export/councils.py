"""The export of several councils' guides: each in its own folder (<id>/, exactly as it would be
alone, at base_url + <id>/), with the bilingual chooser, a bilingual 404.html and robots.txt at
the root. The whole is written beside the old export and swapped in at once, like one guide's."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask

from alnguide.export import destination
from alnguide.export.freezing import write_guide
from alnguide.paths import STATIC
from alnguide.web.councils import guides_of

ROOT_ASSETS = ("css/main.css", "favicon.svg")  # what the chooser's page links to


def freeze_councils(app: Flask, out: Path, base_url: str, force: bool = False) -> int:
    """Write every council's guide under `out` with the chooser; returns the number of files."""
    out = out.resolve()
    base_url = base_url.rstrip("/") + "/"
    guides = guides_of(app)
    out.parent.mkdir(parents=True, exist_ok=True)
    with destination.locked(out):
        destination.remove_leftovers(out)
        listed = destination.check(out, force)
        new = destination.spare_folder(out)
        began = time.time_ns()
        files: dict[str, str] = {}
        for council_id, guide in guides.items():
            written = write_guide(guide, new / council_id, f"{base_url}{council_id}/")
            files |= {f"{council_id}/{rel}": digest for rel, digest in written.items()}
        files |= _root_files(app, new, base_url, list(guides))
        destination.remove_extra_files(new, set(files) | {destination.MARKER})
        destination.keep_dates(out, new, listed, files, began)
        destination.write_marker(new, files)
        destination.swap_in(new, out, keep_old=not force)
    return len(files)


def _root_files(app: Flask, folder: Path, base_url: str, council_ids: list[str]) -> dict[str, str]:
    client = app.test_client()
    app.config["EXPORT_ROOT"] = urlsplit(base_url).path
    try:
        pages = {"index.html": client.get("/").get_data(), "404.html": client.get("/404.html").get_data()}
    finally:
        app.config.pop("EXPORT_ROOT")
    made = {
        **pages,
        "robots.txt": b"User-agent: *\nAllow: /\n" + b"".join(
            f"Sitemap: {base_url}{council_id}/sitemap.xml\n".encode() for council_id in council_ids),
    }
    for name in ROOT_ASSETS:
        hashed = app.config["ASSETS"][name]
        target = folder / "static" / hashed
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STATIC / name, target)
        made[f"static/{hashed}"] = target.read_bytes()
    files = {}
    for rel, data in made.items():
        if rel.startswith("static/"):
            files[rel] = hashlib.sha256(data).hexdigest()
            continue
        (folder / rel).write_bytes(data)
        files[rel] = hashlib.sha256(data).hexdigest()
    return files
