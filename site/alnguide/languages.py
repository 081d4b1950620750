"""The two languages, and the URL words that differ between them."""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("cy", "en")  # Welsh first, as on all bilingual material

# Fixed URL segments, per language (the contract in docs/design.md).
PATHWAYS_SEGMENT = {"en": "pathways", "cy": "llwybrau"}
SEARCH_SEGMENT = {"en": "search", "cy": "chwilio"}
DEADLINES_SEGMENT = {"en": "deadlines", "cy": "terfynau-amser"}
OFFLINE_SEGMENT = {"en": "offline", "cy": "all-lein"}
RESERVED_SLUGS = (frozenset(PATHWAYS_SEGMENT.values()) | frozenset(SEARCH_SEGMENT.values())
                  | frozenset(DEADLINES_SEGMENT.values()) | frozenset(OFFLINE_SEGMENT.values())
                  | {"static"})


def pathways_path(lang: str) -> str:
    """The list of question guides: /en/pathways/, /cy/llwybrau/."""
    return f"/{lang}/{PATHWAYS_SEGMENT[lang]}/"


def search_path(lang: str) -> str:
    """The search page: /en/search/, /cy/chwilio/."""
    return f"/{lang}/{SEARCH_SEGMENT[lang]}/"


def deadlines_path(lang: str) -> str:
    """The deadline calculator: /en/deadlines/, /cy/terfynau-amser/."""
    return f"/{lang}/{DEADLINES_SEGMENT[lang]}/"


def offline_path(lang: str) -> str:
    """The page the service worker shows for a page not saved: /en/offline/, /cy/all-lein/."""
    return f"/{lang}/{OFFLINE_SEGMENT[lang]}/"


def other(lang: str) -> str:
    """The other language: every page links to its counterpart."""
    return "en" if lang == "cy" else "cy"
