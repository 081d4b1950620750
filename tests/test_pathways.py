"""Question guides: every path in both languages, real scenarios, and a refused bad graph."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from alnguide.content.errors import ContentError
from alnguide.content.loader import load_site
from alnguide.guides.pathways import all_steps
from alnguide.languages import LANGUAGES
from crawl import fetch

ROOT = Path(__file__).resolve().parents[1]


def pathway(site, pathway_id):
    return next(p for p in site.pathways if p.id == pathway_id)


def url_for_answers(site, pathway_id: str, lang: str, answer_ids: list[str]) -> str:
    """The address a reader reaches by choosing these answers (ids, not words) in order."""
    found = pathway(site, pathway_id)
    node, answers = found.start, []
    for answer_id in answer_ids:
        answer = next(a for a in found.questions[node].answers if a.id == answer_id)
        answers.append(answer)
        node = answer.target
    return found.url(lang, tuple(answers))


def steps(site):
    return [(p, s) for p in site.pathways for s in all_steps(p)]


def test_the_guides_with_sensible_page_counts(site):
    assert {p.id for p in site.pathways} == {
        "raise-concern", "idp-responsibility", "school-place", "transport", "disagree",
        "my-support", "i-disagree"}
    assert {p.id for p in site.guides_for("young-people")} == {"my-support", "i-disagree"}
    for found in site.pathways:
        count = sum(1 for _ in all_steps(found))
        assert 3 <= count <= 120, (found.id, count)


def test_a_guide_with_too_many_ways_through_is_refused(fixture_content):
    """Each way through is a page in the export: a new question level must not multiply them."""
    from alnguide.guides.loading import MAX_PATHS

    logic = fixture_content / "pathways" / "demo.yaml"
    questions = "".join(f"  q{i}:\n    answers: {{a: q{i + 1}, b: q{i + 1}}}\n" for i in range(8))
    logic.write_text(f"start: q0\nquestions:\n{questions}  q8:\n    answers: {{a: school, b: council}}\n"
                     "outcomes: [school, council]\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_site(fixture_content)
    assert any(f"512 ways through this guide: at most {MAX_PATHS}" in str(p) for p in caught.value.problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_step_is_served_in_both_languages(client, site, lang):
    for found, step in steps(site):
        url = found.url(lang, step.answers)
        response = client.get(url)
        assert response.status_code == 200, url
        html = unescape(response.get_data(as_text=True))
        twin = found.url("en" if lang == "cy" else "cy", step.answers)
        assert f'class="lang-link" href="{twin}"' in html, url  # the language link keeps the answers
        if step.outcome:
            outcome = step.outcome
            assert outcome.title[lang] in html
            for source in outcome.sources[lang]:
                assert source in re.sub(r"</?a\b[^>]*>", "", html), (url, source)
            assert html.count('class="summary-row"') == len(step.taken)
            assert f'href="{found.url(lang)}">' in html  # start again
            for index, _ in enumerate(step.taken):
                assert f'href="{found.change_url(lang, step.answers, index)}">' in html  # change links
        else:
            question = step.question
            assert step.question.text[lang] in html
            for answer in question.answers:
                assert f'href="{found.url(lang, (*step.answers, answer))}"' in html, (url, answer.id)
            number = "Cwestiwn" if lang == "cy" else "Question"
            assert f"{number} {len(step.taken) + 1}" in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_step_is_in_the_export(export_url, site, lang):
    for found, step in steps(site):
        url = export_url + found.url(lang, step.answers).lstrip("/") + "index.html"
        status, _, html = fetch(url)
        assert status == 200, url
        if step.outcome:
            assert unescape(step.outcome.title[lang]) in unescape(html)


SCENARIOS = [
    # A child looked after by Monmouthshire, living in another Welsh county: Monmouthshire keeps the IDP.
    ("idp-responsibility", ["monmouthshire"], "lac-monmouthshire",
     {"en": "Monmouthshire", "cy": "Sir Fynwy"}),
    # A pupil at a school chosen by parental preference (no mobility problems): no ALN transport.
    ("transport", ["preference"], "no-aln-transport", {"en": "No", "cy": "Na"}),
    # A parent disagreeing with a school's ALN decision: ask the council to reconsider, not the Tribunal.
    ("disagree", ["school", "aln-decision"], "school-aln-decision",
     {"en": "reconsider", "cy": "ailystyried"}),
    # A pupil at a maintained school whose IDP the council has not taken over: the school decides.
    ("idp-responsibility", ["no", "maintained-school", "no"], "school", {"en": "35 school days", "cy": "35"}),
    ("idp-responsibility", ["no", "not-at-school", "home-education"], "home-education",
     {"en": "12 weeks", "cy": "12 wythnos"}),
    ("transport", ["nearest", "yes"], "funded-mobility", {"en": "Yes", "cy": "Bydd"}),
    ("transport", ["specialist", "no"], "funded-specialist", {"en": "Yes", "cy": "Bydd"}),
    ("school-place", ["srb"], "srb", {"en": "panel", "cy": "panel"}),
    ("school-place", ["ordinary", "yes"], "idp-named", {"en": "must", "cy": "rhaid"}),
    ("raise-concern", ["maintained-school", "learning", "no"], "talk-teacher",
     {"en": "class teacher", "cy": "athro dosbarth"}),
    ("raise-concern", ["maintained-school", "language"], "home-language",
     {"en": "language", "cy": "iaith"}),
    ("raise-concern", ["early-years"], "council-early-years", {"en": "council", "cy": "cyngor"}),
    ("disagree", ["council", "aln-decision"], "council-appeal", {"en": "Tribunal", "cy": "Tribiwnlys"}),
]


@pytest.mark.parametrize(("pathway_id", "answers", "outcome_id", "words"), SCENARIOS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_scenarios(client, site, lang, pathway_id, answers, outcome_id, words):
    url = url_for_answers(site, pathway_id, lang, answers)
    html = unescape(client.get(url).get_data(as_text=True))
    outcome = pathway(site, pathway_id).outcomes[outcome_id]
    assert f"<h1>{unescape(outcome.title[lang])}</h1>" in html, url
    main = html[html.index("<main"):html.index("</main>")]
    assert words[lang].lower() in main.lower(), (url, words[lang])


def test_tribunal_is_not_the_first_step_against_a_school(client, site):
    url = url_for_answers(site, "disagree", "en", ["school", "aln-decision"])
    html = client.get(url).get_data(as_text=True)
    main = unescape(html[html.index("<main"):])
    assert main.index("reconsider") < main.index("Tribunal")


def test_outcomes_with_a_letter_show_it_in_the_pages_language(client, site):
    letters = [(p, s) for p, s in steps(site) if s.outcome and s.outcome.letter]
    assert len(letters) >= 8
    for found, step in letters:
        for lang, greeting in (("en", "Yours "), ("cy", "Yn gywir")):
            html = unescape(client.get(found.url(lang, step.answers)).get_data(as_text=True))
            letter = re.search(r'<div class="letter" id="letter-text">(.*?)</div>', html, re.S).group(1)
            assert greeting in letter and re.search(r"\[[^\]]+\]", letter), (found.id, step.outcome.id, lang)


@pytest.mark.parametrize("path", [
    "/en/pathways/transport/not-an-answer/",
    "/en/pathways/transport/our-choice/extra/",
    "/cy/llwybrau/cludiant/not-an-answer/",
    "/en/pathways/transport/%00/",
    "/en/pathways/no-such-guide/",
])
def test_an_unknown_path_is_a_404_with_a_way_back(client, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    if "transport" in path or "cludiant" in path:
        start = "/cy/llwybrau/cludiant/" if path.startswith("/cy/") else "/en/pathways/transport/"
        assert f'<a class="button" href="{start}">' in html


def test_pathways_index_lists_all_and_home_leads_there(client, site):
    for lang, index in (("en", "/en/pathways/"), ("cy", "/cy/llwybrau/")):
        html = unescape(client.get(index).get_data(as_text=True))
        for found in site.pathways:
            assert f'href="{found.url(lang)}">{found.title[lang]}' in html
        assert f'href="{index}"' in client.get(f"/{lang}/").get_data(as_text=True)


# The build refuses a bad graph, naming the file and the node. -------------------------------


def break_logic(content: Path, old: str, new: str) -> list[str]:
    logic = content / "pathways" / "demo.yaml"
    logic.write_text(logic.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_site(content)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(("old", "new", "line", "reason"), [
    ("other: council}", "other: nowhere}", 6, "question 'setting', answer 'other': unknown target 'nowhere'"),
    ("    answers: {maintained: school, other: council}", "    answers: {}", 5,
     "question 'setting' is a dead end"),
    ("other: council}", "other: age}", 6, "loop: age -> setting -> age"),
    ("outcomes: [school, council]", "outcomes: [school, council, orphan]", 7, "'orphan' cannot be reached"),
])
def test_bad_graphs_are_refused_at_the_nodes_line(fixture_content, old, new, line, reason):
    found = break_logic(fixture_content, old, new)
    assert any(f"pathways/demo.yaml:{line}: {reason}" in p for p in found), found


def test_missing_words_are_refused(fixture_content):
    words = fixture_content / "cy" / "pathways" / "demo.yaml"
    text = words.read_text(encoding="utf-8")
    words.write_text(text.replace("      other: {label: Rhywle arall, slug: rhywle-arall}\n", ""),
                     encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_site(fixture_content)
    missing = r"cy/pathways/demo\.yaml:\d+: question 'setting', answer 'other' label: missing words"
    assert any(re.search(missing, str(p)) for p in caught.value.problems), caught.value.problems


def test_graph_command_prints_dot():
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "graph", "transport"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.startswith('digraph "transport" {')
    assert '"school" -> "no-aln-transport"' in result.stdout
