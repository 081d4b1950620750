"""Welsh initial mutations, undone: the forms a mutated word may come from.

Welsh changes the first sound of a word after certain words ("fy nghynllun", "ei gynllun",
"ei chynllun" all come from "cynllun"). Search and spell-checking both need the radical.
"""

from __future__ import annotations

# Mutated opening -> the radical openings it can come from, longest openings first.
_SOFT = {"g": ("c",), "b": ("p",), "d": ("t",), "f": ("b", "m"), "dd": ("d",), "l": ("ll",), "r": ("rh",)}
_NASAL = {"ngh": ("c",), "mh": ("p",), "nh": ("t",), "ng": ("g",), "m": ("b",), "n": ("d",)}
_ASPIRATE = {"ch": ("c",), "ph": ("p",), "th": ("t",)}
VOWELS = "aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ"
TABLES = (_SOFT, _NASAL, _ASPIRATE)


def radicals(word: str) -> set[str]:
    """The word itself and every radical it could be a mutation of (lower-case input)."""
    found = {word}
    for table in TABLES:
        # Only the longest opening of each kind: "nghynllun" is nasal "ngh", not "ng" or "n".
        opening = max((m for m in table if word.startswith(m) and len(word) > len(m)), key=len, default=None)
        if opening:
            found.update(radical + word[len(opening):] for radical in table[opening])
    if word[:1] in VOWELS:
        found.add("g" + word)  # soft mutation drops an initial g: "ardd" <- "gardd"
    if word[:1] == "h" and len(word) > 1 and word[1] in VOWELS:
        found.add(word[1:])  # h-prothesis: "ei henw" <- "enw"
    return found


# Plural and agent endings, folded so that "cynlluniau" meets "cynllun" and "ysgolion" meets
# "ysgol". Light and on purpose: no Welsh stemmer exists (Snowball and Whoosh have none), and
# vowel changes ("gair" -> "geiriau", "plentyn" -> "plant") are left alone. Every ending that
# fits adds a form (the word itself is always kept), so "copiau" gives "copi" by "-au" where
# "-iau" would give "cop", and "-nn-" before an ending is single in the stem ("tudalennau").
# "-ydd" is nearly always singular here (bydd, newydd, cydlynydd): only "-odydd" folds.
ENDINGS: dict[str, str] = {"oedd": "", "iau": "", "au": "", "ion": "", "on": "", "wyr": "wr", "odydd": "od"}
MIN_STEM = 3  # "cduau" -> "cdu"; never "dau" -> "d"
KEEP = frozenset({"person", "gorau", "hwyr"})  # real words that only look like plurals


def singulars(word: str) -> set[str]:
    """The forms a plural or agent ending may come from ("cynlluniau" -> {"cynllun", "cynlluni"})."""
    found: set[str] = set()
    if word in KEEP:
        return found
    for ending, replacement in ENDINGS.items():
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= MIN_STEM:
            found.add(stem + replacement)
            if stem.endswith("nn"):
                found.add(stem[:-1] + replacement)
    return found
