"""The content standards: plain English, correct Welsh with the official terms, our own words,
every page sourced, and no names of individual staff."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import textstat

from alnguide.content.loader import load_site
from alnguide.languages import LANGUAGES
from shared_material import seeds

ROOT = Path(__file__).resolve().parents[1]
SITE = load_site()
PAGES = {lang: sorted(SITE.pages[lang].values(), key=lambda p: p.key) for lang in LANGUAGES}
COPY_RUN = 10
MIN_FLESCH = 60


def pathway_text(pathway, lang: str) -> str:
    """All the words a reader of one pathway sees in one language."""
    from alnguide.content.rendering import plain_text

    parts = [pathway.title[lang], pathway.summary[lang], plain_text(pathway.intro_html[lang])]
    for question in pathway.questions.values():
        parts += [question.text[lang], plain_text(question.hint_html[lang])]
        parts += [a.label[lang] + ". " + a.hint[lang] for a in question.answers]
    for outcome in pathway.outcomes.values():
        parts.append(outcome.title[lang] + ".")
        parts += [plain_text(h[lang]) for h in (outcome.body_html, outcome.next_html,
                                                 outcome.contact_html, outcome.time_limits_html)]
    return "\n".join(parts)


def glossary_text(page, lang: str) -> str:
    """The glossary page shows every term's definition after its own text: they are read too."""
    if page.template != "glossary":
        return ""
    return "".join(f" {t.term[lang]}. {t.definition[lang]}" for t in SITE.glossary)


def texts(lang: str) -> list[tuple[str, str]]:
    """(name, text) for every page, pathway and letter in one language."""
    found = [(f"{lang}/{p.key}.md", f"{p.title}. {p.summary}. {p.text}{glossary_text(p, lang)}")
             for p in PAGES[lang]]
    found += [(f"{lang}/pathways/{p.id}.yaml", pathway_text(p, lang)) for p in SITE.pathways]
    found += [(f"{lang}/letters/{x.id}.md", f"{x.title}. {x.subject}\n{x.body}")
              for x in sorted(SITE.letters[lang].values(), key=lambda x: x.id)]
    return found


def ids(items):
    return [name for name, _ in items]


# Readability -----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), texts("en"), ids=ids(texts("en")))
def test_english_reads_plainly(name, text):
    score = textstat.flesch_reading_ease(text)
    assert score >= MIN_FLESCH, f"{name}: Flesch reading ease {score:.1f} is below {MIN_FLESCH}"


# Terminology -----------------------------------------------------------------------------

RULED_OUT = {
    "cy": [(r"\bCydADY\b", "CADY"), (r"\bDdY\b", "DDdY"), (r"\bDdy\b", "DDdY")],
    # England's words (SENCO, EHCP) may appear in English only to bridge to the Welsh system.
    "en": [(r"\bSENCo\b", "ALNCo"), (r"\bCydADY\b", "ALNCo")],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_official_terms_only(lang):
    problems = []
    for name, text in texts(lang):
        for pattern, instead in RULED_OUT[lang]:
            if re.search(pattern, text):
                problems.append(f"{name}: use {instead}")
    assert not problems, problems


# Our own words ---------------------------------------------------------------------------


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


@cache
def seed_runs() -> frozenset[tuple[str, ...]]:
    runs = set()
    for seed in seeds():
        words = words_of(re.sub(r"\[(?:bookmark|footnoteRef)[^\]]*\]", " ", seed.read_text(encoding="utf-8")))
        runs.update(tuple(words[i:i + COPY_RUN]) for i in range(len(words) - COPY_RUN + 1))
    return frozenset(runs)


def copied_runs(text: str) -> list[str]:
    words = words_of(text)
    return [" ".join(words[i:i + COPY_RUN]) for i in range(len(words) - COPY_RUN + 1)
            if tuple(words[i:i + COPY_RUN]) in seed_runs()]


def test_seeds_are_present():
    assert len(seeds()) == 2 and len(seed_runs()) > 5000


def test_copy_check_finds_a_copied_sentence():
    assert copied_runs("The council has twelve weeks to finish its work on a plan for your child.") == []
    sentence = "Schools have 35 days to complete an IDP assessment. The process schools have to follow"
    assert copied_runs(sentence)


@pytest.mark.parametrize(("name", "text"), texts("en") + texts("cy"), ids=ids(texts("en") + texts("cy")))
def test_no_runs_copied_from_the_policies(name, text):
    copied = copied_runs(text)
    assert not copied, f"{name} copies {COPY_RUN}+ words from a policy: {copied[:3]}"


# Sources and names -----------------------------------------------------------------------

SOURCE_WORDS = re.compile(
    r"Policy|Polisi|Code|Cod|Act\b|Deddf|Measure|Mesur|Regulations|Rheoliadau|[Gg]uidance|[Cc]anllaw|"
    r"Tribunal|Tribiwnlys|Equality|Cydraddoldeb|WCAG|Public Sector|Sector Cyhoeddus|Llywodraeth|Government")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_and_outcome_cites_a_source(lang):
    missing = [p.key for p in PAGES[lang] if not any(SOURCE_WORDS.search(s) for s in p.sources)]
    for pathway in SITE.pathways:
        missing += [f"{pathway.id}/{o.id}" for o in pathway.outcomes.values()
                    if not any(SOURCE_WORDS.search(s) for s in o.sources[lang])]
    assert not missing, f"no policy, Code or Act reference: {missing}"


def test_no_names_of_individual_staff_or_governors():
    school_seed = next(s for s in seeds() if s.name.startswith("001")).read_text(encoding="utf-8")
    names = set(re.findall(r"\b(?:Mrs|Mr|Ms|Miss|Dr)\.? ([A-Z][a-z]+(?: [A-Z][a-z]+)?)", school_seed))
    assert names, "the school policy's named people should be found"
    surnames = {n.split()[-1] for n in names} | {"St Peter"}
    for lang in LANGUAGES:
        for name, text in texts(lang):
            for surname in surnames:
                assert not re.search(rf"\b{surname}\b", text), f"{name} names {surname}"
