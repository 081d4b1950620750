"""Reading files so that a mistake is reported with its file and line, not as a traceback.

YAML is parsed with libyaml (PyYAML's CSafeLoader), 16 times faster than the pure-Python
loader, falling back to that loader only where libyaml is missing; yamlsafe refuses, at its
line, what would crash or swamp the process (an impossible date, aliases, deep nesting)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from alnguide.content import render_cache
from alnguide.content.errors import Problems, now_reading
from alnguide.content.yamlsafe import ContentLoader, RefusedError, refuse_aliases_and_depth

Loader = ContentLoader
NUL = "\x00"


def read_text(path: Path, problems: Problems) -> str | None:
    """A file's text; None (with the reason recorded, as a cause: nothing in the file is
    checked) when it cannot be read."""
    now_reading(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add(path, None, "file not found", cause=True)
    except IsADirectoryError:
        problems.add(path, None, "expected a file, found a folder", cause=True)
    except PermissionError:
        problems.add(path, None, "cannot be read: check the file's permissions", cause=True)
    except UnicodeDecodeError as error:
        problems.add(path, None, f"not UTF-8 text (byte {error.start})", cause=True)
    except OSError as error:
        problems.add(path, None, f"cannot be read: {error.strerror}", cause=True)
    else:
        if NUL not in text:
            return text
        # Markdown drops it without a word, YAML stops at it: either way the editor's text is not
        # what is published. It comes from a bad copy and paste or a broken editor.
        line = text.count("\n", 0, text.index(NUL)) + 1
        problems.add(path, line, "a NUL character (an invisible control byte, 0x00) is in this line: "
                     "delete it; retyping the line removes it", cause=True)
    return None


def read_yaml(path: Path, problems: Problems, first_line: int = 1, text: str | None = None) -> Any:
    """Parse YAML from path (or from text that starts at first_line of path); None on error
    or when the file holds nothing."""
    return parse(path, problems, first_line, text)[0]


def parse(path: Path, problems: Problems, first_line: int = 1, text: str | None = None
          ) -> tuple[Any, Lines]:
    """The data, and the line every key is written on (one parse for both)."""
    source = read_text(path, problems) if text is None else text
    if source is None:
        return None, Lines({}, first_line)
    store = render_cache.cache()
    key = store.yaml_key(source)  # hashed once, for the lookup and for keeping a new parse
    kept = store.parsed(key)
    if kept is not None:
        data, lines = kept
        return data, Lines({tuple(keys): line for *keys, line in lines}, first_line)
    loader = Loader(source)
    try:
        refuse_aliases_and_depth(source)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        found = _key_lines(node)
        store.keep_parsed(key, data, [[*keys, line] for keys, line in found.items()])
        return data, Lines(found, first_line)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark else None
        reason = getattr(error, "problem", None) or str(error)
        problems.add(path, line, reason if isinstance(error, RefusedError) else f"invalid YAML: {reason}",
                     cause=True)
        return None, Lines({}, first_line)
    finally:
        loader.dispose()


class Lines:
    """Where each key of a YAML file is written: lines.of("outcomes", "refused", "title")."""

    def __init__(self, found: dict[tuple[str, ...], int], first_line: int = 1):
        self.found, self.first_line = found, first_line

    def of(self, *keys: object) -> int | None:
        """The line of the deepest of these nested keys that is written, 1-based."""
        path = tuple(str(k) for k in keys)
        while path:
            if path in self.found:
                return self.found[path] + self.first_line
            path = path[:-1]
        return None


def _key_lines(node: Any, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], int]:
    found: dict[tuple[str, ...], int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = (*prefix, str(key.value))
            found[path] = key.start_mark.line
            found.update(_key_lines(value, path))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = (*prefix, str(index))
            found[path] = item.start_mark.line
            if isinstance(item, yaml.ScalarNode):
                found[(*prefix, str(item.value))] = item.start_mark.line
            found.update(_key_lines(item, path))
    return found


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


def read_data(path: Path, problems: Problems, expected: type, holds: str) -> tuple[Any, str]:
    data, text, _ = read_data_lines(path, problems, expected, holds)
    return data, text


def read_data_lines(path: Path, problems: Problems, expected: type, holds: str
                    ) -> tuple[Any, str, Lines]:
    """A YAML file that must hold a mapping or a list (`holds` says of what, for the message).
    An empty file or one of the wrong shape is a problem, never silently nothing: that is how
    a guide or the glossary would vanish. Returns (data or None, the file's text)."""
    before = len(problems.items)
    text = read_text(path, problems)
    data, lines = parse(path, problems, text=text) if text is not None else (None, Lines({}))
    if isinstance(data, expected) and data:
        return data, text or "", lines
    if len(problems.items) == before:
        kind = "a mapping" if expected is dict else "a list"
        if text is not None and not text.strip() or data in ({}, [], None):
            problems.add(path, None, f"the file is empty: it must hold {holds}", cause=True)
        else:
            problems.add(path, 1, f"expected {kind} of {holds}", cause=True)
    return None, text or "", lines
