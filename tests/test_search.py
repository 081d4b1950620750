"""Search: one analysis in Python and in the browser script, relevance in both, the search page."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from alnguide import state
from alnguide.languages import LANGUAGES, SEARCH_SEGMENT
from alnguide.search.analysis import analyse

ROOT = Path(__file__).resolve().parents[1]
VECTORS = json.loads((ROOT / "tests" / "search_vectors.json").read_text(encoding="utf-8"))
QUERIES = VECTORS["queries"]
MAX_MANIFEST_GZIP = 4 * 1024


def search_path(lang: str) -> str:
    return f"/{lang}/{SEARCH_SEGMENT[lang]}/"


def expected_url(site, lang: str, key: str) -> str:
    if key.startswith("pathways/"):
        return next(p for p in site.pathways if p.id == key.split("/", 1)[1]).url(lang)
    return site.pages[lang][key].url


def test_enough_relevance_queries_per_language():
    for lang in LANGUAGES:
        assert sum(1 for q in QUERIES if q["lang"] == lang) >= 20


@pytest.mark.parametrize("vector", VECTORS["analysis"], ids=lambda v: f"{v['lang']}:{v['text']}")
def test_python_analysis_matches_the_vectors(vector):
    assert [list(f) for f in analyse(vector["text"], vector["lang"])] == vector["forms"]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q['lang']}:{q['q']}")
def test_server_search_relevance(app, site, query):
    hits = state.loaded(app).search.search(query["q"], query["lang"]).hits
    urls = [hit.url for hit in hits[:query["within"]]]
    assert expected_url(site, query["lang"], query["expect"]) in urls, [h.key for h in hits[:5]]


def manifest(export_dir: Path, lang: str) -> Path:
    """The export's search manifest for a language (its name carries a hash)."""
    found = sorted((export_dir / lang / SEARCH_SEGMENT[lang]).glob("index-*.json"))
    assert len(found) == 1, found
    return found[0]


def run_node(export_dir: Path) -> dict:
    node = shutil.which("node")
    assert node, "node is needed to check the browser search script"
    result = subprocess.run(
        [node, str(ROOT / "tests" / "js" / "run_vectors.js"), str(ROOT / "tests" / "search_vectors.json"),
         str(manifest(export_dir, "en")), str(manifest(export_dir, "cy"))],
        capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def node_results(export_dir):
    return run_node(export_dir)


def test_browser_analysis_matches_the_vectors(node_results):
    assert node_results["analysis"] == [v["forms"] for v in VECTORS["analysis"]]


@pytest.mark.parametrize("number", range(len(QUERIES)), ids=[f"{q['lang']}:{q['q']}" for q in QUERIES])
def test_static_search_relevance(node_results, site, number):
    query = QUERIES[number]
    want = posixpath.relpath(expected_url(site, query["lang"], query["expect"]) + "index.html",
                             search_path(query["lang"]))
    assert want in node_results["queries"][number]["urls"][:query["within"]], node_results["queries"][number]


@pytest.mark.parametrize("number", range(len(QUERIES)), ids=[f"{q['lang']}:{q['q']}" for q in QUERIES])
def test_server_and_export_give_the_same_results(app, node_results, number):
    """The same five results in the same order, and the same number found, for every query."""
    query = QUERIES[number]
    results = state.loaded(app).search.search(query["q"], query["lang"])
    here = search_path(query["lang"])
    server = [posixpath.relpath(hit.url + "index.html", here) for hit in results.hits[:5]]
    assert server == node_results["queries"][number]["urls"]
    assert results.total == node_results["queries"][number]["total"]


SUGGESTIONS = VECTORS["suggestions"]


@pytest.mark.parametrize("number", range(len(SUGGESTIONS)),
                         ids=[f"{v['lang']}:{v['q']}" for v in SUGGESTIONS])
def test_did_you_mean_is_the_same_in_the_server_and_the_export(app, node_results, number):
    """The export suggests from its own index the word the server's Whoosh corrector suggests."""
    vector = SUGGESTIONS[number]
    assert state.loaded(app).search.search(vector["q"], vector["lang"]).suggestion == vector["suggestion"]
    assert node_results["suggestions"][number] == vector["suggestion"]


def test_the_exports_spelling_words_are_the_servers(app, export_dir):
    """Every word the server's "did you mean" chooses from, with its count, and no other."""
    index = state.loaded(app).search
    for lang in LANGUAGES:
        with index.indexes[lang].searcher() as searcher:
            reader = searcher.reader()
            server = {word: int(reader.frequency("spelling", word))
                      for word in reader.field_terms("spelling")}
        data = json.loads(manifest(export_dir, lang).read_text(encoding="utf-8"))
        piece = manifest(export_dir, lang).parent / data["dir"] / "s.json"
        pieces = json.loads(piece.read_text(encoding="utf-8"))
        export = {word: int(count) for count, words in pieces.items() for word in words.split(" ")}
        assert export == server


def test_did_you_mean_agrees_on_many_misspellings(app, export_dir, tmp_path):
    """Misspellings made from the pages' own words (a letter dropped, doubled, swapped, changed):
    the browser's distance and choice are Whoosh's, ties and early stops included."""
    index = state.loaded(app).search
    vectors = {"analysis": [], "queries": [], "suggestions": []}
    for lang in LANGUAGES:
        with index.indexes[lang].searcher() as searcher:
            vocabulary = sorted(searcher.reader().field_terms("spelling"))
        for n, word in enumerate(vocabulary[::7][:120]):
            i = n % max(len(word), 1)
            typo = [word[:i] + word[i + 1:], word[:i] + word[i] * 2 + word[i + 1:],
                    word[:i] + word[i + 1:i + 2] + word[i:i + 1] + word[i + 2:],
                    word[:i] + "q" + word[i + 1:]][n % 4]
            vectors["suggestions"].append({"lang": lang, "q": typo or "x"})
    path = tmp_path / "vectors.json"
    path.write_text(json.dumps(vectors), encoding="utf-8")
    result = subprocess.run(
        [shutil.which("node"), str(ROOT / "tests" / "js" / "run_vectors.js"), str(path),
         str(manifest(export_dir, "en")), str(manifest(export_dir, "cy"))],
        capture_output=True, text=True, check=True)
    browser = json.loads(result.stdout)["suggestions"]
    server = [index._suggest(index.searcher(v["lang"]), v["q"], v["lang"]) for v in vectors["suggestions"]]
    assert sum(1 for s in server if s) > 100
    assert browser == server


def test_the_export_index_is_in_pieces_named_by_hash(export_dir):
    for lang in LANGUAGES:
        data = json.loads(manifest(export_dir, lang).read_text(encoding="utf-8"))
        folder = manifest(export_dir, lang).parent / data["dir"]
        assert re.fullmatch(r"[0-9a-f]{10}/", data["dir"]) and manifest(export_dir, lang).name == (
            f"index-{data['dir'][:-1]}.json")
        assert len(list(folder.glob("t*.json"))) == len(data["chunks"]) > 10
        assert len(list(folder.glob("d*.json"))) == data["n"]
        assert len(gzip.compress(manifest(export_dir, lang).read_bytes(), 1)) <= MAX_MANIFEST_GZIP


def test_export_search_page_loads_the_script_only_there(export_dir):
    page = (export_dir / "en" / "search" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="\.\./\.\./static/js/search\.[0-9a-f]{10}\.js" defer></script>', page)
    assert f'data-index="{manifest(export_dir, "en").name}"' in page
    assert 'id="a-z"' in page  # the A-Z, for readers without JavaScript
    other = (export_dir / "en" / "idps" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]+)"', other)
    # only the offline registration and the header box's few lines (words after '#', issue 26)
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".", s) for s in scripts] == ["../../static/js/offline.js",
                                                                    "../../static/js/search-box.js"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_box_on_every_page(client, site, lang):
    for page in site.pages[lang].values():
        html = client.get(page.url).get_data(as_text=True)
        assert f'action="{search_path(lang)}" method="get" role="search"' in html, page.url
        assert 'name="q"' in html


def test_results_show_title_section_and_highlighted_snippet(client):
    html = client.get("/en/search/?q=deaf").get_data(as_text=True)
    first = re.search(r'<li class="search-result">(.*?)</li>', html, re.S).group(1)
    assert 'href="/en/sensory-impairment/"' in first
    assert '<strong class="match' in first and "deaf" in first.lower()
    assert '<p class="result-section">' in first


def test_welsh_results_and_plural(client):
    html = unescape(client.get("/cy/chwilio/?q=nghynllun").get_data(as_text=True))
    assert re.search(r'results-heading">\d+ (canlyniad|ganlyniad|chanlyniad)', html)
    assert 'href="/cy/cynlluniau-datblygu-unigol/"' in html


def test_did_you_mean(client):
    html = client.get("/en/search/?q=transprot").get_data(as_text=True)
    assert 'Did you mean <a href="/en/search/?q=transport">transport</a>' in html


@pytest.mark.parametrize(("path", "query", "line", "there"), [
    ("/en/search/", "nghynllun", "Search the Welsh pages for ‘nghynllun’", "/cy/chwilio/?q=nghynllun"),
    ("/cy/chwilio/", "tribunal", "Chwilio'r tudalennau Saesneg am ‘tribunal’", "/en/search/?q=tribunal"),
])
def test_a_word_of_the_other_language_offers_that_languages_search(client, path, query, line, there):
    html = client.get(path, query_string={"q": query}).get_data(as_text=True)
    found = re.search(r'<p class="other-language">(.*?)</p>', html)
    assert found, "no link to the other language's search"
    assert line in re.sub(r"<[^>]+>", "", unescape(found.group(1)))
    assert f'href="{there}" hreflang="{there[1:3]}"' in found.group(1)
    assert f'<span lang="{there[1:3]}">{query}</span>' in found.group(1)


@pytest.mark.parametrize(("path", "query"), [("/en/search/", "qqqzzzxx"), ("/en/search/", "IDP"),
                                             ("/cy/chwilio/", "nghynllun")])
def test_no_other_language_link_when_it_would_not_help(client, path, query):
    assert "other-language" not in client.get(path, query_string={"q": query}).get_data(as_text=True)


def test_an_intent_word_lists_its_question_guide_first(client, site):
    """'tribunal' and 'appeal' once never listed the "I disagree" guide (issue 28)."""
    for path, query in [("/en/search/", "tribunal"), ("/en/search/", "appeal"),
                        ("/cy/chwilio/", "tribiwnlys"), ("/cy/chwilio/", "apêl")]:
        html = unescape(client.get(path, query_string={"q": query}).get_data(as_text=True))
        titles = re.findall(r'<li class="search-result">\s*<h3><a href="[^"]+">([^<]+)</a>', html)
        assert site.guide("disagree").title[path[1:3]] in titles[:2], (query, titles[:3])


def test_no_results_offers_question_guides_and_the_a_to_z(client):
    html = unescape(client.get("/cy/chwilio/?q=qqqzzzxx").get_data(as_text=True))
    assert "Dim canlyniadau" in html and "Does dim tudalennau" in html
    assert 'href="/cy/llwybrau/"' in html and 'href="/cy/chwilio/#a-z"' in html


@pytest.mark.parametrize("query", ["IDP", "school", "qqqzzzxx"])
def test_results_pages_do_not_carry_the_a_to_z(client, site, query):
    """The A to Z is for the page without a query (and the export's fallback), not 30 links
    under every set of results."""
    html = client.get("/en/search/", query_string={"q": query}).get_data(as_text=True)
    assert 'id="a-z"' not in html
    assert 'id="a-z"' in client.get("/en/search/").get_data(as_text=True)


def test_results_say_how_many_and_lead_to_the_rest(client):
    """More than a page of results: the count is the whole number, and the next page has the rest."""
    first = unescape(client.get("/en/search/?q=school").get_data(as_text=True))
    total = int(re.search(r'results-heading">(\d+) results<', first).group(1))
    assert total > 20
    assert f"Showing 1 to 20 of {total}" in first
    shown = re.findall(r'<li class="search-result">\s*<h3><a href="([^"]+)"', first)
    assert len(shown) == 20
    following = re.search(r'<a href="([^"]+)" rel="next">Next page</a>', first).group(1)
    second = unescape(client.get("/en/search/" + following).get_data(as_text=True))
    rest = re.findall(r'<li class="search-result">\s*<h3><a href="([^"]+)"', second)
    assert len(rest) == total - 20 and not set(rest) & set(shown)
    assert f"Showing 21 to {total} of {total}" in second and 'rel="prev"' in second


@pytest.mark.parametrize(("path", "query", "line", "term"), [
    ("/en/search/", "EHCP", "‘EHCP’ is used in England. In Wales, it is called", "term-idp"),
    ("/en/search/", "what does a SENCO do", "‘SENCO’ is used in England", "term-alnco"),
    ("/cy/chwilio/", "datganiad", "Gair a ddefnyddir yn Lloegr yw ‘datganiad’", "term-idp"),
])
def test_words_from_england_are_explained_in_one_line(client, site, path, query, line, term):
    html = unescape(client.get(path, query_string={"q": query}).get_data(as_text=True))
    found = re.search(r'<p class="england-word">(.*?)</p>', html)
    assert found and line in found.group(1)
    lang = path[1:3]
    assert f'href="{site.pages[lang]["glossary"].url}#{term}"' in found.group(1)


def test_no_england_line_for_welsh_words(client):
    assert "england-word" not in client.get("/en/search/?q=IDP").get_data(as_text=True)


def test_snippets_keep_list_items_apart(site):
    """A list's items end with " · " in the text search shows, never run into the next item."""
    from alnguide.content.rendering import plain_text

    assert plain_text("<ul><li>Your child's teacher</li><li><strong>The ALNCo</strong></li></ul>") == (
        "Your child's teacher · The ALNCo ·")
    idps = site.pages["en"]["idps"]
    assert " · " in idps.text


@pytest.mark.parametrize(("query", "message"), [
    ("a" * 201, "Enter 200 characters or fewer"),
    ("bad\x07bell", "Remove the special characters"),
])
def test_bad_queries_get_a_polite_error(client, query, message):
    response = client.get("/en/search/", query_string={"q": query})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'class="error-summary"' in html and message in html


def test_welsh_error_is_in_welsh(client):
    html = unescape(client.get("/cy/chwilio/", query_string={"q": "x" * 300}).get_data(as_text=True))
    assert "Mae problem wedi codi" in html and "Rhowch 200 nod neu lai" in html


def test_query_is_escaped_wherever_it_is_shown(client):
    payload = '"><script>alert(1)</script>'
    html = client.get("/en/search/", query_string={"q": payload}).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html or "&#34;&gt;&lt;script" in html


def test_language_link_keeps_the_query(client):
    html = client.get("/en/search/?q=IDP").get_data(as_text=True)
    assert 'class="lang-link" href="/cy/chwilio/?q=IDP"' in html


def test_building_the_index_writes_no_shared_temporary_files(site, monkeypatch):
    """Whoosh's RamStorage would write /tmp/MAIN.tmp, shared by every process building at once."""
    from whoosh.filedb.filestore import FileStorage

    from alnguide.search.server_index import SearchIndex

    def refuse(self, *args, **kwargs):
        raise AssertionError(f"the index build wrote files at {self.folder}")

    monkeypatch.setattr(FileStorage, "create", refuse)
    SearchIndex(site)


def test_passages_are_the_ones_whoosh_would_choose(app):
    """search.server_index.best_passages replays Whoosh's top_fragments without its objects: for
    every document's matches of several queries, it must pick the same two passages."""
    from whoosh import highlight

    from alnguide import state
    from alnguide.search import server_index as si

    index = state.loaded(app).search
    compared = 0
    for lang, query in [("en", "school transport appeal tribunal"), ("cy", "cynllun ysgol cludiant"),
                        ("en", "the child"), ("cy", "plentyn")]:
        forms = [form for word_forms in index.positions(query, lang) for form in word_forms
                 if form in index.places[lang]]
        docs = sorted({doc for form in forms for doc in index.places[lang][form]})
        for doc, chars in index.offsets(lang, docs, forms).items():
            matches = si.matches_of(chars)
            body = index.docs[lang][doc].body
            whoosh = highlight.top_fragments(si.FRAGMENTER.fragment_matches(body, matches), 2,
                                             highlight.BasicFragmentScorer(), highlight.FIRST, minscore=1)
            ours = si.best_passages(body, matches, 2)
            theirs = [(f.startchar, f.endchar, f.matches[0].startchar, len(f.matches)) for f in whoosh]
            mine = [(start, end, matches[i].startchar, j - i + 1) for i, j, start, end in ours]
            assert mine == theirs, (lang, query, doc)
            compared += 1
    assert compared > 100


def test_a_guides_search_words_are_single_words(fixture_content):
    """Each subject word is matched on its own, so a phrase would name the guide for each of its
    words ('school transport' for 'school'): the build refuses one, at its line."""
    from alnguide.content.errors import ContentError
    from alnguide.content.loader import load_site

    words = fixture_content / "en" / "pathways" / "demo.yaml"
    summary = "summary: Find out who decides.\n"
    text = words.read_text(encoding="utf-8").replace(summary, summary + "search_words: [decide]\n")
    words.write_text(text, encoding="utf-8")
    guide = load_site(fixture_content).guide("demo")
    assert guide.search_words == {"en": ("decide",), "cy": ()}
    words.write_text(text.replace("[decide]", "[decide, who decides]"), encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        load_site(fixture_content)
    assert "en/pathways/demo.yaml:4" in str(refused.value) and "single words" in str(refused.value)
