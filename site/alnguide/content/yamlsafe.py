"""A YAML loader for content that refuses, with the line, what would otherwise crash or swamp the
process that loads it: a server's master on a HUP, `build.py check` on an editor's machine.

- An impossible date (`reviewed: 2026-02-30`) or number made PyYAML raise ValueError, which took
  the running site down on a reload (issue 26, point 1). Every value that cannot be made is now
  a problem at its own line.
- Aliases (`*name`, `<<: *name`) repeat another part of the file. Nested, 350 bytes of them
  ("billion laughs") made 461 MB of work (point 12). Content never needs them: each is refused
  at its line, before the file is composed, so refusing costs no more than reading the text.
- Nesting deeper than any content needs is refused before libyaml composes it: libyaml's
  composer recurses in C, and about 100,000 levels of `[` crash the process outright.

All of it is one pass over libyaml's events, about half the time of the parse it guards, and
only for a text the render cache has not kept a parse of.
"""

from __future__ import annotations

from typing import Any

import yaml

Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml, 16 times faster, where it exists
MAX_DEPTH = 40  # the guides' words nest six deep; anything past this is a mistake, not content
TIMESTAMP = "tag:yaml.org,2002:timestamp"
SHOWN = 40  # characters of a bad value quoted in its problem


class RefusedError(yaml.MarkedYAMLError):
    """Valid YAML that content may not hold; `problem` is the editor's reason, at `problem_mark`."""

    def __init__(self, reason: str, mark: Any):
        super().__init__(problem=reason, problem_mark=mark)


class ContentLoader(Base):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader, with a value that cannot be made refused at its line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, OverflowError, RecursionError) as error:
            raise RefusedError(_reason(node, error), node.start_mark) from error


    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> Any:
        """A key written twice in one mapping is refused at its second line: PyYAML keeps the
        last without a word, so an editor's first value (or a whole slot) would vanish."""
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in seen:
                        raise RefusedError(f"'{key_node.value}' is written twice here (first on line "
                                           f"{seen[key_node.value]}): keep one", key_node.start_mark)
                    seen[key_node.value] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)


def _reason(node: yaml.Node, error: Exception) -> str:
    why = str(error).split(";")[0]  # Python's own advice after it is for programmers
    value = node.value if isinstance(node, yaml.ScalarNode) else ""
    shown = value if len(value) <= SHOWN else value[:SHOWN] + "…"
    if node.tag == TIMESTAMP:
        return f"'{shown}' is not a date ({why}): write a real date as YYYY-MM-DD"
    return f"'{shown}' cannot be read: {why}" if shown else f"this value cannot be read: {why}"


def refuse_aliases_and_depth(source: str) -> None:
    """Raise RefusedError at the first alias or at nesting deeper than MAX_DEPTH; YAMLError
    (with its line) for text that is not YAML."""
    parser = Base(source)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            kind = type(event)
            if kind is yaml.AliasEvent:
                raise RefusedError(f"'*{event.anchor}' repeats another part of the file (a YAML alias): "
                                   "content may not use aliases or '<<:' merges; write the value out "
                                   "in full", event.start_mark)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    raise RefusedError(f"nested more than {MAX_DEPTH} levels deep: content never needs "
                                       "this many", event.start_mark)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
    finally:
        parser.dispose()
