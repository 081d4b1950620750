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
from alnguide.guides.pathways import CHANGE_SEGMENT, all_steps, change_steps
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


# "Change": the earlier answer marked, the later answers kept where they still apply, and where the
# family is ("Question 2 of up to 5").

CHANGE_NOTE = {"en": "Your other answers stay where they still apply",
               "cy": "Bydd eich atebion eraill yn aros lle maen nhw'n dal yn berthnasol"}
PROGRESS = {"en": "Question {} of up to {}", "cy": "Cwestiwn {} o hyd at {}"}
# A special school place the council agreed, at the local school, no mobility problems, Year 11 or
# below, and close to home: transport's longest way through, five questions.
LONGEST = ["specialist", "yes", "no", "child", "closer"]


def answer_links(html: str) -> dict[str, str]:
    """Each answer's words (with any 'Your answer' mark) by where its link leads."""
    found = re.findall(r'<a class="answer[^"]*" href="([^"]+)"[^>]*>(.*?)</a>', html, re.S)
    return {href: " ".join(re.sub(r"<[^>]+>", " ", label).split()) for href, label in found}


def chosen(html: str) -> list[str]:
    return re.findall(r'<a class="answer answer-chosen" href="[^"]+" aria-current="true">', html)


def changing(url: str, slug: str, lang: str) -> str:
    """The 'Change' address for the answer `slug` in an outcome's address: the word before it."""
    return url.replace(f"/{slug}/", f"/{CHANGE_SEGMENT[lang]}/{slug}/", 1)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_change_marks_the_earlier_answer_and_keeps_the_later_ones(client, site, lang):
    transport = pathway(site, "transport")
    school, attached = transport.questions["school"], transport.questions["attached"]
    specialist, yes = school.answers[1], attached.answers[1]
    assert (specialist.id, yes.id) == ("specialist", "yes")
    outcome_url = url_for_answers(site, "transport", lang, LONGEST)
    outcome = unescape(client.get(outcome_url).get_data(as_text=True))
    first = changing(outcome_url, specialist.slug[lang], lang)
    assert f'href="{first}">' in outcome, "the first 'Change' link carries every answer"

    html = unescape(client.get(first).get_data(as_text=True))
    assert school.text[lang] in html and CHANGE_NOTE[lang] in html
    assert PROGRESS[lang].format(1, 5) in html
    links = answer_links(html)
    assert len(chosen(html)) == 1
    mark = {"en": "Your answer", "cy": "Eich ateb"}[lang]
    assert links[outcome_url].startswith(f"{mark} {specialist.label[lang]}"), "the same answer: the outcome"
    # The nearest school: mobility, age and distance are still asked, so their answers are kept.
    assert url_for_answers(site, "transport", lang, ["nearest", "no", "child", "closer"]) in links
    # A school the family chose: straight to its outcome; the later answers no longer apply.
    assert url_for_answers(site, "transport", lang, ["preference"]) in links
    assert f'class="back-link" href="{outcome_url}"' in html  # back to where the family was

    # Changing the second answer to "no": an outcome at once, the rest dropped.
    html = unescape(client.get(changing(outcome_url, yes.slug[lang], lang)).get_data(as_text=True))
    assert PROGRESS[lang].format(2, 5) in html and len(chosen(html)) == 1
    assert url_for_answers(site, "transport", lang, ["specialist", "no"]) in answer_links(html)


def test_where_the_family_is_counts_the_longest_way_left(client, site):
    for found in site.pathways:
        fewest, most = found.questions_to_go[found.start]
        html = unescape(client.get(found.url("en")).get_data(as_text=True))
        expected = f"Question 1 of {most}" if fewest == most else f"Question 1 of up to {most}"
        assert expected in html, (found.id, expected)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_change_step_is_served_and_frozen_with_its_language_pair(client, site, export_url, lang):
    count = 0
    for found in site.pathways:
        for step in change_steps(found):
            count += 1
            response = client.get(step.url(lang))
            assert response.status_code == 200, step.url(lang)
            html = unescape(response.get_data(as_text=True))
            assert len(chosen(html)) == 1 and step.question.text[lang] in html, step.url(lang)
            other = "en" if lang == "cy" else "cy"
            assert f'class="lang-link" href="{step.url(other)}"' in html  # the same step, answers kept
            if count % 7 == 0:  # a sample of the export (every step would be ~600 requests)
                status, _, frozen = fetch(export_url + step.url(lang).lstrip("/") + "index.html")
                assert status == 200 and 'aria-current="true"' in frozen, step.url(lang)
    assert count == sum(len(s.taken) for p in site.pathways for s in all_steps(p) if s.outcome)


@pytest.mark.parametrize("path", [
    "/en/pathways/transport/change/",  # nothing to change
    "/en/pathways/transport/change/specialist/",  # not a way to an outcome
    "/en/pathways/transport/our-choice/change/",  # the change word after the last answer
    "/en/pathways/transport/change/our-choice/change/",
    "/cy/llwybrau/cludiant/change/ein-dewis/",  # the English word in a Welsh path
])
def test_a_change_path_that_leads_nowhere_is_a_404(client, path):
    assert client.get(path).status_code == 404, path


def test_an_answer_slug_that_is_the_change_word_is_refused(fixture_content):
    words = fixture_content / "cy" / "pathways" / "demo.yaml"
    words.write_text(words.read_text(encoding="utf-8").replace("slug: rhywle-arall", "slug: newid"),
                     encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_site(fixture_content)
    assert any("slug 'newid' marks a 'Change' step" in str(p) for p in caught.value.problems)
