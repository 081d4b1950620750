"""Pieces of a page that are the same on every page that shows them (the menu, the footer, an
outcome's advice), rendered once per content load: the export renders ~3,800 pages at 10x
content, and each would otherwise render the same footer and the same advice again.

In a template: {% call fragment("footer", lang) %}...{% endcall %}. The key must name everything
the piece depends on; links in it are rooted (see urls.root), so it is the same at any depth."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from alnguide import state
from alnguide.web import urls


def fragment(*key: object, caller: Callable[[], Markup]) -> Markup:
    kept: dict = state.current().once("fragments", dict)  # type: ignore[assignment]
    full = (urls.root(), *key)
    if full not in kept:
        kept[full] = caller()
    return kept[full]
