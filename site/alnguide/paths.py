"""Where the project's folders are: one place, so moving a module never breaks a path."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
STATIC = ROOT / "static"
TRANSLATIONS = ROOT / "translations"
