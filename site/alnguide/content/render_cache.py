"""Rendered Markdown and parsed YAML kept between processes: Markdown is ~85% of loading the
content (790 pieces) and YAML most of the rest, and a gunicorn start, a reload or a freeze
usually meets content that has not changed.

An entry is keyed by the Markdown source, the glossary's abbreviations and the renderer's own
code and library versions. It also records every internal link the render asked about, with
the answer it got; it is used only while the site's links still give the same answers, so a
renamed or deleted page is never missed (the bad link is reported as before).

The cache is one JSON file under .cache/ at the project's root (never committed). If it cannot
be read it is ignored; if it cannot be written the site still loads, only slower.

A YAML file's entry is keyed by its text alone and holds its data and the line of every key, as
JSON text (each use makes new objects, so no two files share one). Only what JSON gives back
exactly is kept (dates are written as {"$date": "2026-11-20"}): a file with a timestamp, or a
key that is not a string, is parsed every time."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from alnguide.paths import ROOT

FOLDER = Path(os.environ.get("ALNGUIDE_CACHE") or ROOT / ".cache")
MAX_ENTRIES = 12_000  # ~12 MB (10x content is ~9,500); past this, only what the last load used is kept
# Whatever can change a render's output without changing its source.
CODE = [Path(__file__).with_name(name) for name in ("rendering.py", "yamlfile.py", "yamlsafe.py")]


def _salt() -> str:
    parts = [*(code.read_bytes() for code in CODE),
             *(version(package).encode() for package in ("markdown", "nh3", "pyyaml"))]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]


@lru_cache(maxsize=8)
def _digest_of(abbreviations: tuple[tuple[str, str], ...]) -> str:
    """One language's glossary abbreviations, hashed once, not for each of its ~400 renders."""
    return hashlib.sha256(json.dumps(abbreviations).encode()).hexdigest()


class RenderCache:
    def __init__(self, folder: Path = FOLDER) -> None:
        self.salt = _salt()
        self.path = folder / f"rendered-{self.salt}.json"
        self.entries: dict[str, dict] | None = None  # read on first use
        self.used: set[str] = set()
        self.changed = False

    def _load(self) -> dict[str, dict]:
        if self.entries is None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self.entries = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                self.entries = {}
        return self.entries

    def key(self, source: str, abbreviations: tuple[tuple[str, str], ...]) -> str:
        parts = (self.salt, _digest_of(abbreviations), source)
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def get(self, key: str, resolve: Callable[[str], str | None]) -> dict | None:
        """The stored render, if every link it asked about still resolves the same way."""
        entry = self._load().get(key)
        if entry is None or any(resolve(href) != answer for href, answer in entry["links"]):
            return None
        self.used.add(key)
        return entry

    def put(self, key: str, rendered: dict, links: dict[str, str | None]) -> None:
        self._load()[key] = {**rendered, "links": sorted(links.items(), key=lambda x: x[0])}
        self.used.add(key)
        self.changed = True

    def yaml_key(self, text: str) -> str:
        return hashlib.sha256(f"{self.salt}\0yaml\0{text}".encode()).hexdigest()

    def parsed(self, key: str) -> tuple[object, list] | None:
        """A YAML text's data and key lines ([[*keys, line], ...]), if kept under yaml_key(text)."""
        entry = self._load().get(key)
        if entry is None:
            return None
        self.used.add(key)
        return json.loads(entry["yaml"], object_hook=_from_json)

    def keep_parsed(self, key: str, data: object, lines: list) -> None:
        try:
            encoded = json.dumps([data, lines], ensure_ascii=False, separators=(",", ":"), default=_to_json)
        except (TypeError, ValueError):  # a timestamp, say
            return
        if json.loads(encoded, object_hook=_from_json) != [data, lines]:  # a key that is not a string
            return
        self._load()[key] = {"yaml": encoded}
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Write what changed (atomically: a reader never sees half a file), then let go of the
        entries: a running site renders nothing more until it loads its content again."""
        entries, changed, used = self.entries, self.changed, self.used
        self.entries, self.changed, self.used = None, False, set()
        if not changed or entries is None:
            return
        if len(entries) > MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in used}
        if not write_json(self.path, entries):
            return
        try:
            for old in self.path.parent.glob("rendered-*.json"):
                if old != self.path:  # another version of the renderer's
                    old.unlink(missing_ok=True)
        except OSError:
            return


def write_json(path: Path, data: object) -> bool:
    """Write JSON into the cache folder atomically (a reader never sees half a file); False where
    the folder cannot be written, which only makes the next start slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         suffix=".tmp") as out:
            json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
        os.chmod(out.name, 0o644)
        os.replace(out.name, path)
    except OSError:
        return False
    return True


DATE = "$date"  # a page's `reviewed: 2026-11-20`, kept as {"$date": "2026-11-20"}


def _to_json(value: object) -> object:
    if type(value) is datetime.date:
        return {DATE: value.isoformat()}
    raise TypeError(type(value).__name__)


def _from_json(mapping: dict) -> object:
    if len(mapping) == 1 and isinstance(mapping.get(DATE), str):
        return datetime.date.fromisoformat(mapping[DATE])
    return mapping


_cache: RenderCache | None = None


def cache() -> RenderCache:
    global _cache
    if _cache is None:
        _cache = RenderCache()
    return _cache
