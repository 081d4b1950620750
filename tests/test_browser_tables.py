"""Stacked tables on a 320 px phone, as a screen reader meets them in Debian's Chromium: still a
table of rows, column headers and cells (the export's markup carries no ARIA roles for them,
which HTML forbids), each cell named by its own words only (the column heading the stylesheet
draws before it is seen, not read a second time after the header), and its cells one under another.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Page

from alnguide.languages import LANGUAGES

pytestmark = pytest.mark.usefixtures("only_local_requests")
ROLES = ("table", "columnheader", "cell")

# What the page shows: each table's header and cell texts, and the body rows whose cells sit
# side by side instead of one under another.
LAYOUT_JS = """() => {
  const words = el => el.textContent.split(/\\s+/).filter(Boolean).join(' ');
  const tables = [...document.querySelectorAll('main table')];
  const besideEachOther = tables.flatMap(t => [...t.querySelectorAll('tbody tr')].filter(row => {
    const boxes = [...row.querySelectorAll('td')].map(td => td.getBoundingClientRect());
    return boxes.some((box, i) => i > 0 && box.top < boxes[i - 1].bottom - 1);
  }).map(row => words(row)));
  return {tables: tables.length, headers: tables.flatMap(t => [...t.querySelectorAll('th')].map(words)),
          cells: tables.flatMap(t => [...t.querySelectorAll('td')].map(words)), besideEachOther};
}"""


def pages_with_tables(export_dir: Path) -> list[str]:
    """Site paths of every exported page with a table: content pages and guide outcomes alike."""
    found = [p for p in export_dir.rglob("index.html") if "<table" in p.read_text(encoding="utf-8")]
    return sorted(f"/{p.parent.relative_to(export_dir).as_posix()}/" for p in found)


def accessibility_tree(page: Page) -> Counter[tuple[str, str]]:
    """(role, name) of each table, column header and cell in Chromium's accessibility tree."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    return Counter((n["role"]["value"], " ".join(str(n.get("name", {}).get("value", "")).split()))
                   for n in nodes if not n.get("ignored") and n.get("role", {}).get("value") in ROLES)


def test_stacked_tables_stay_tables_for_screen_readers(page: Page, export_url: str, export_dir: Path) -> None:
    paths = pages_with_tables(export_dir)
    assert {p.split("/")[1] for p in paths} == set(LANGUAGES), f"no tables in a language: {paths}"
    page.set_viewport_size({"width": 320, "height": 640})
    problems: list[str] = []
    for path in paths:
        response = page.goto(export_url + path.lstrip("/"))
        assert response is not None and response.status == 200, path
        shown = page.evaluate(LAYOUT_JS)
        problems += [f"{path}: cells side by side at 320px: {row[:60]}" for row in shown["besideEachOther"]]
        wanted = Counter([("table", "")] * shown["tables"] + [("columnheader", h) for h in shown["headers"]]
                         + [("cell", c) for c in shown["cells"]])
        found = accessibility_tree(page)
        found = Counter({key: n for key, n in found.items() if key[0] != "table"}) + Counter(
            {("table", ""): sum(n for key, n in found.items() if key[0] == "table")})
        if found != wanted:
            missing, extra = list((wanted - found).elements()), list((found - wanted).elements())
            problems.append(f"{path}: a screen reader misses {missing[:3]} and hears {extra[:3]} instead")
    print(f"checked {len(paths)} pages with tables at 320px")
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)
