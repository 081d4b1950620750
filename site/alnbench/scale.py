"""A scratch copy of the content, N times over, to measure how the build and the search grow:
every page, question guide and letter is copied N-1 more times with its own file name, address
and title, and the copies link to each other as the originals do."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from alnguide.languages import LANGUAGES

LINK = re.compile(r"\]\((?!https?:|mailto:|tel:|#)([^)#]+)\.md")
LETTER = re.compile(r"^(\s+letter:\s+)(\S+)\s*$", re.M)
SLUG = re.compile(r"^slug:\s*(\S*)\s*$", re.M)
TITLE = re.compile(r"^title:\s*(.+)$", re.M)
GUIDES = re.compile(r"^guides:\s*\[([^\]]*)\]", re.M)


def _numbered(title: str, n: int) -> str:
    title = title.rstrip()
    quote = title[-1] if title[:1] in "\"'" and title[-1:] == title[:1] else ""
    return f"title: {title[:-1]} {n}{quote}" if quote else f"title: {title} {n}"


def _suffix_page(text: str, n: int) -> str:
    text = LINK.sub(lambda m: f"]({m.group(1)}-{n}.md", text)
    text = SLUG.sub(lambda m: m.group(0) if m.group(1) in ('""', "") else f"slug: {m.group(1)}-{n}", text, 1)
    text = TITLE.sub(lambda m: _numbered(m.group(1), n), text, 1)
    return GUIDES.sub(lambda m: "guides: [" + ", ".join(f"{g.strip()}-{n}" for g in m.group(1).split(",")
                                                      if g.strip()) + "]", text, 1)


def scaled_content(source: Path, target: Path, times: int) -> Path:
    """Write `times` copies of the content under target/content; returns that folder."""
    content = target / "content"
    shutil.copytree(source, content)
    # A council's own pages grow with the national ones: the copies link to their copies.
    page_folders = [Path()] + [p.relative_to(source) for p in sorted((source / "councils").glob("*"))
                               if p.is_dir()]
    for n in range(2, times + 1):
        for lang in LANGUAGES:
            for folder in page_folders:
                for page in sorted((source / folder / lang).glob("*.md")):
                    if page.stem == "index":
                        continue
                    (content / folder / lang / f"{page.stem}-{n}.md").write_text(
                        _suffix_page(page.read_text(encoding="utf-8"), n), encoding="utf-8")
            for letter in sorted((source / lang / "letters").glob("*.md")):
                text = letter.read_text(encoding="utf-8")
                text = SLUG.sub(lambda m, n=n: f"slug: {m.group(1)}-{n}", text, 1)
                (content / lang / "letters" / f"{letter.stem}-{n}.md").write_text(text, encoding="utf-8")
            for words in sorted((source / lang / "pathways").glob("*.yaml")):
                text = words.read_text(encoding="utf-8")
                text = SLUG.sub(lambda m, n=n: f"slug: {m.group(1)}-{n}", text, 1)
                text = TITLE.sub(lambda m, n=n: _numbered(m.group(1), n), text, 1)
                text = LETTER.sub(lambda m, n=n: f"{m.group(1)}{m.group(2)}-{n}", text)
                text = LINK.sub(lambda m, n=n: f"]({m.group(1)}-{n}.md", text)
                (content / lang / "pathways" / f"{words.stem}-{n}.yaml").write_text(text, encoding="utf-8")
        for logic in sorted((source / "pathways").glob("*.yaml")):
            shutil.copy(logic, content / "pathways" / f"{logic.stem}-{n}.yaml")
    return content
