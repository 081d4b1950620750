"""Does a shared label fit every letter that uses its placeholder?

A label in content/letter-fields.yaml is shown for its placeholder in every letter that uses
it, so it may only say what the placeholder's own words say: a box labelled "Today's date" for
[date] also filled "starting on [date]" in another letter. The check is on words: each word of
a shared label must be a word of its placeholder, apart from the few words that only say whose
it is ("your", "the"; "eich", "y"). "Your child's …" fits only letters a parent sends. Welsh
words are compared by their radical, so "Eich cyfeiriad" fits [e-bost neu gyfeiriad].
A label that needs to say more belongs in the placeholder, or in the letter's own `fields`.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+")  # letters only: "child's" is "child" and "s", "e-bost" is "e" and "bost"
WHOSE = {"en": frozenset({"your", "the", "a", "an", "of", "s"}),
         "cy": frozenset({"eich", "y", "yr", "r", "ch"})}
CHILD = {"en": frozenset({"child"}), "cy": frozenset({"plentyn"})}  # "your child's": a parent's letter only
# Welsh initial mutations, mutated start -> radical starts (soft, nasal, aspirate).
MUTATIONS = (("ngh", ("c",)), ("mh", ("p",)), ("nh", ("t",)), ("ng", ("g",)), ("ch", ("c",)),
             ("ph", ("p",)), ("th", ("t",)), ("dd", ("d",)), ("g", ("c",)), ("b", ("p",)),
             ("d", ("t",)), ("f", ("b", "m")), ("l", ("ll",)), ("r", ("rh",)), ("m", ("b",)),
             ("n", ("d",)))
VOWELS = "aeiouwyâêîôûŵŷ"


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def radicals(word: str) -> set[str]:
    """The word and every form it could be a mutation of (a word is only ever compared, so a
    form that is no real word does no harm)."""
    found = {word}
    for start, radical_starts in MUTATIONS:
        if word.startswith(start):
            found |= {r + word[len(start):] for r in radical_starts}
    if word[:1] in VOWELS:
        found.add("g" + word)  # soft mutation drops a g: "ôl" from "gôl"
    if word[:1] == "h" and word[1:2] in VOWELS:
        found.add(word[1:])  # h-prothesis: "ei henw"
    return found


def unfitting_words(placeholder: str, label: str, lang: str, voice: str) -> list[str]:
    """The words of a shared label that its placeholder does not say, in a letter of this voice."""
    said = set().union(*(radicals(w) for w in words(placeholder)))
    allowed = WHOSE[lang] | (CHILD[lang] if voice == "parents" else frozenset())
    return [w for w in words(label) if w not in allowed and not radicals(w) & said]
