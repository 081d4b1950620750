"""Reading YAML so that a mistake is reported with its file and line, not as a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from alnguide.content.errors import Problems


def read_yaml(path: Path, problems: Problems, first_line: int = 1, text: str | None = None) -> Any:
    """Parse YAML from path (or from text that starts at first_line of path); None on error."""
    try:
        source = path.read_text(encoding="utf-8") if text is None else text
        return yaml.safe_load(source)
    except FileNotFoundError:
        problems.add(path, None, "file not found")
    except UnicodeDecodeError:
        problems.add(path, None, "not UTF-8 text")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark else None
        reason = getattr(error, "problem", None) or str(error)
        problems.add(path, line, f"invalid YAML: {reason}")
    return None


def key_line(text: str, key: str, first_line: int = 1) -> int | None:
    """The line on which a top-level `key:` is written, for pointing at a bad field."""
    for number, line in enumerate(text.splitlines(), start=first_line):
        if line.startswith(f"{key}:"):
            return number
    return None


def bilingual(value: Any) -> bool:
    """True for a mapping with a non-empty string for both languages."""
    return isinstance(value, dict) and all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in ("cy", "en")
    )
