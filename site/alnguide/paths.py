"""Where the project's folders are: one place, so moving a module never breaks a path."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
STATIC = ROOT / "static"
TRANSLATIONS = ROOT / "translations"


def content_folder() -> Path:
    """The content to serve, check and freeze: $ALNGUIDE_CONTENT if set (a council's own copy),
    else content/. One answer for gunicorn and build.py, so `build.py check` checks what is served."""
    return Path(os.environ.get("ALNGUIDE_CONTENT") or CONTENT)
