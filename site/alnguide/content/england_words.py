"""Words from England's SEN system (EHCP, SENCO, statement) and what Wales calls the same thing,
from content/england-words.yaml: search says so in one line, linking to the glossary term."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path

from alnguide.content.errors import Problems
from alnguide.content.model import frozen_map
from alnguide.content.yamlfile import read_data_lines
from alnguide.languages import LANGUAGES


def load_england_words(content: Path, term_ids: AbstractSet[str], problems: Problems
                       ) -> Mapping[str, Mapping[str, str]]:
    """lang -> the word as written -> glossary term id (one of term_ids)."""
    path = content / "england-words.yaml"
    found: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    if not path.exists():
        return frozen_map({lang: frozen_map({}) for lang in LANGUAGES})
    data, _, lines = read_data_lines(path, problems, list, "words from England, each with its Welsh term")
    for index, entry in enumerate(data or []):
        line = lines.of(str(index))
        term = entry.get("term") if isinstance(entry, dict) else None
        if not isinstance(term, str) or term not in term_ids:
            problems.add(path, line, f"'term' must be a glossary id (no '{term}' in glossary.yaml)")
            continue
        for lang in LANGUAGES:
            words = entry.get(lang)
            if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
                problems.add(path, line, f"term '{term}' needs a list of words in '{lang}'")
                continue
            for word in words:
                found[lang][word] = term
    return frozen_map({lang: frozen_map(found[lang]) for lang in LANGUAGES})
