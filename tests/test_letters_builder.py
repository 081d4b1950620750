"""The letter builder: on every outcome with a letter, a form the server renders hidden (one
labelled box per placeholder, none with a name, so nothing can be submitted) that
static/js/letters.js shows and uses to fill in the letter as it is typed, then copy, print or
open it in an email app. In real Chromium, on the Flask server and in the export under a
sub-path: what is typed is in no request, cookie or storage; without JavaScript the page is the
printable letter with its [placeholders]."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from babel.dates import get_month_names
from playwright.sync_api import Browser, Page, Request

from alnguide.content.letters import Letter
from alnguide.content.model import Site
from alnguide.guides.pathways import Step, all_steps
from alnguide.languages import LANGUAGES
from browser_support import RequestLog, axe_violations, sideways_scroll
from test_content_model import edit, problems_for

pytestmark = pytest.mark.usefixtures("only_local_requests")
ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "static" / "js" / "letters.js"
PRIVACY = {"en": "What you type stays on this device. It is not sent to us or saved anywhere",
           "cy": "Mae'r hyn rydych chi'n ei deipio'n aros ar y ddyfais hon."}
COPIED = {"en": "The letter is copied.", "cy": "Mae'r llythyr wedi'i gopïo."}
BUTTONS = {"en": ("Copy the letter", "Print", "Open in your email app"),
           "cy": ("Copïo'r llythyr", "Argraffu", "Agor yn eich ap e-bost")}
# (language, letter): one English letter to the council's ALN service (a known address), one
# Welsh letter with no recipient, and one Welsh letter in a young person's own voice with one.
BROWSER_LETTERS = [("en", "challenge-transport-refusal"), ("cy", "concern-to-class-teacher"),
                   ("cy", "find-me-an-advocate-myself")]


def outcome_steps(site: Site) -> list[Step]:
    """One path to each outcome, of every guide."""
    chosen: dict[tuple[str, str], Step] = {}
    for pathway in site.pathways:
        for step in all_steps(pathway):
            if step.outcome:
                chosen.setdefault((pathway.id, step.outcome.id), step)
    return list(chosen.values())


def step_with_letter(site: Site, letter_id: str) -> Step:
    return next(s for s in outcome_steps(site) if s.outcome.letter == letter_id)


class Elements(HTMLParser):
    """Every start tag (name, attributes) and the text inside the letter's section."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.labels: dict[str, str] = {}
        self._label: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "label":
            self._label = dict(attrs).get("for") or ""
            self.labels[self._label] = ""

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None

    def handle_data(self, data):
        if self._label is not None:
            self.labels[self._label] += data


def letter_section(html: str) -> str:
    start = html.index('<section aria-labelledby="letter"')
    return html[start:html.index("</section>", start)]


# 1. The loader: a placeholder with no label is refused, in either language.

@pytest.mark.parametrize(("lang", "old", "new"), [
    ("en", "Please decide.", "Please decide by [a date]."),
    ("cy", "Penderfynwch os gwelwch yn dda.", "Penderfynwch erbyn [dyddiad penodol]."),
])
def test_a_placeholder_without_a_label_is_refused(fixture_content, lang, old, new):
    path = fixture_content / lang / "letters" / "ask-school.md"
    edit(path, old, new)
    placeholder = re.search(r"\[([^\]]+)\]", new).group(1)
    line = path.read_text(encoding="utf-8").splitlines().index(new) + 1
    found = problems_for(fixture_content)
    assert any(f"{lang}/letters/ask-school.md:{line}: placeholder [{placeholder}] has no label" in p
               for p in found), found


# 2. The server's HTML, in both languages.

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_outcome_with_a_letter_has_a_hidden_builder_with_a_box_per_placeholder(client, site, lang):
    checked = 0
    for step in outcome_steps(site):
        html = client.get(step.pathway.url(lang, step.answers)).get_data(as_text=True)
        head = html.split("</head>", 1)[0]
        if not step.outcome.letter:
            assert "letters." not in head, step.outcome.id  # no script or stylesheet without a letter
            continue
        letter: Letter = site.letters[lang][step.outcome.letter]
        assert re.search(r'<script src="[^"]*/js/letters\.[0-9a-f]{10}\.js" defer></script>', head)
        assert re.search(r'<link rel="stylesheet" href="[^"]*/css/letters\.[0-9a-f]{10}\.css">', head)
        section = letter_section(html)
        parser = Elements()
        parser.feed(section)
        builder = [a for t, a in parser.tags if "letter-builder" in (a.get("class") or "")]
        actions = [a for t, a in parser.tags if "letter-actions" in (a.get("class") or "")]
        assert len(builder) == len(actions) == 1 and "hidden" in builder[0] and "hidden" in actions[0]
        form = [a for t, a in parser.tags if t == "form"]
        assert len(form) == 1 and not {"action", "method", "name"} & set(form[0]), form
        boxes = [a for t, a in parser.tags if t in ("input", "textarea")]
        assert [b["data-placeholder"] for b in boxes] == [f.placeholder for f in letter.fields]
        for box, field in zip(boxes, letter.fields, strict=True):
            assert "name" not in box and box["autocomplete"] == "off", box
            assert " ".join(parser.labels[box["id"]].split()) == " ".join(field.label.split())
        assert not any("name" in a for t, a in parser.tags), "nothing in the builder may have a name"
        text = unescape(re.sub(r"<[^>]+>", "", section))
        assert PRIVACY[lang] in text
        assert all(word in text for word in BUTTONS[lang])
        shown = unescape(re.sub(r"<[^>]+>", "", section.split('id="letter-text">', 1)[1]))
        assert letter.body in shown  # the letter as it was, with its [placeholders]
        checked += 1
    assert checked >= 40, checked


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_without_a_letter_load_no_builder(client, site, lang):
    paths = ["/", *(p.url for p in site.pages[lang].values()), site.pathways[0].url(lang)]
    for path in paths:
        html = client.get(path).get_data(as_text=True)
        assert "letters." not in html.split("</head>", 1)[0] and "letter-builder" not in html, path


def test_in_the_export_the_builder_loads_on_exactly_the_outcomes_with_a_letter(export_dir: Path, site: Site):
    expected = {p.url(lang, s.answers) for p in site.pathways for s in all_steps(p)
                if s.outcome and s.outcome.letter for lang in LANGUAGES}
    found = set()
    for file in export_dir.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        if re.search(r'<script src="[^"]*js/letters\.[0-9a-f]{10}\.js" defer>', html):
            assert 'class="letter-builder" hidden' in html and "letters." in html.split("</head>")[0]
            found.add("/" + file.relative_to(export_dir).as_posix().removesuffix("index.html"))
        else:
            assert "css/letters." not in html, file
    assert found == expected and len(found) > 100


def test_the_script_has_no_way_to_send_or_keep_what_is_typed():
    script = re.sub(r"/\*.*?\*/|//[^\n]*", "", SCRIPT.read_text(encoding="utf-8"), flags=re.S)  # code only
    for word in ("cookie", "localStorage", "sessionStorage", "indexedDB", "fetch", "XMLHttpRequest",
                 "sendBeacon", "WebSocket", "innerHTML", ".submit("):
        assert word not in script, word


# 3. Real Chromium, on the Flask server and in the export under a sub-path.

@pytest.fixture(params=["export", "server"])
def base_url(request) -> str:
    return request.getfixturevalue("export_url" if request.param == "export" else "server_url")


@pytest.fixture()
def private_page(browser: Browser, request_log: RequestLog) -> Iterator[tuple[Page, list[Request]]]:
    """A fresh context (no cookies or storage from other tests) that may use the clipboard, and
    every request it makes from the first page load on."""
    context = browser.new_context(service_workers="block", viewport={"width": 390, "height": 844},
                                  permissions=["clipboard-read", "clipboard-write"])
    context.set_default_timeout(15_000)
    requests: list[Request] = []
    context.on("request", lambda request: requests.append(request))
    context.on("request", request_log.record)
    page = context.new_page()
    errors: list[str] = []  # a script error or a CSP refusal would show here
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, requests
    context.close()
    assert not errors, errors


def open_outcome(page: Page, base: str, step: Step, lang: str) -> None:
    url = base + step.pathway.url(lang, step.answers).lstrip("/")
    if "/education/aln/" in base:
        url += "index.html"
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.locator(".letter-builder").wait_for(state="visible")


def typed_values(letter: Letter) -> dict[str, str]:
    """Distinctive words for every box: Welsh letters, and a marker no page could contain."""
    return {f.placeholder: f"Siân Ŵyn QZX{i}{letter.lang}" for i, f in enumerate(letter.fields, 1)}


def carries(request: Request, marker: str) -> bool:
    """Does this request's address, headers or body hold the marker?"""
    found = request.url + " ".join(request.headers.values())
    try:
        found += request.post_data or ""
    except UnicodeDecodeError:  # binary: look at its bytes
        found += (request.post_data_buffer or b"").decode("latin-1")
    return marker in found or marker.lower() in found.lower()


@pytest.mark.parametrize(("lang", "letter_id"), BROWSER_LETTERS)
def test_what_is_typed_fills_the_letter_and_never_leaves_the_page(private_page, base_url: str, site: Site,
                                                                 lang: str, letter_id: str) -> None:
    page, requests = private_page
    step = step_with_letter(site, letter_id)
    letter = site.letters[lang][letter_id]
    open_outcome(page, base_url, step, lang)
    assert page.locator(".letter-intro").is_hidden()
    assert page.locator(".letter-actions").is_visible()
    preview = page.locator("#letter-text")
    dated = [f"[{f.placeholder}]" for f in letter.fields if f.today]
    gaps = [g for g in re.findall(r"\[[^\]]+\]", letter.subject + letter.body) if g not in dated]
    assert page.locator("#letter-text mark.letter-gap").count() == len(gaps)  # empty boxes: marked gaps
    values = typed_values(letter)
    for i, field in enumerate(letter.fields, 1):
        box = page.locator(f"#letter-field-{i}")
        assert page.locator(f"label[for=letter-field-{i}]").inner_text().strip() == field.label.strip()
        box.fill(values[field.placeholder])
    text = preview.inner_text()
    assert all(value in text for value in values.values())
    assert page.locator("#letter-text mark.letter-gap").count() == 0

    parts = urlsplit(page.get_attribute("#letter-email", "href"))
    assert parts.scheme == "mailto"
    assert parts.path == (letter.to.email if letter.to and letter.to.email else "")
    query = parse_qs(parts.query)
    subject_values = [v for f, v in values.items() if f"[{f}]" in letter.subject]
    assert all(v in query["subject"][0] for v in subject_values)
    body = query["body"][0]
    assert all(v in body for f, v in values.items() if f"[{f}]" in letter.body)
    assert "\r\n" in body and "\n" not in body.replace("\r\n", "")

    page.evaluate("window.__stillHere = true")  # Enter in a box submits nothing, goes nowhere
    before, count = page.url, len(requests)
    short = next(i for i, f in enumerate(letter.fields, 1) if not f.long)
    page.locator(f"#letter-field-{short}").press("Enter")
    page.evaluate("document.getElementById('letter-form').requestSubmit()")  # as a lone box's Enter would
    page.wait_for_timeout(300)
    assert page.evaluate("window.__stillHere") is True and page.url == before
    assert len(requests) == count, [r.url for r in requests[count:]]

    page.click("[data-action=copy]")
    status = page.locator(".letter-status")
    status.filter(has_text=COPIED[lang]).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == preview.text_content()

    page.evaluate("window.print = () => { window.__printedLetter ="
                  " document.documentElement.classList.contains('print-letter'); }")
    page.click("[data-action=print]")
    assert page.evaluate("window.__printedLetter") is True
    page.emulate_media(media="print")
    try:
        assert preview.is_visible() and "Siân Ŵyn" in preview.inner_text()
        for hidden in (".site-header", "#meaning", ".letter-builder", ".letter-actions", ".your-answers",
                       ".site-footer", "#letter"):
            assert page.locator(hidden).first.is_hidden(), hidden
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert page.locator("#meaning").is_visible()  # printing the page itself prints it all
        assert page.locator(".letter-builder").is_hidden()
    finally:
        page.emulate_media(media="screen")

    page.locator("#letter-field-1").fill("")  # emptied again: the gap comes back
    first = letter.fields[0].placeholder
    assert page.locator("#letter-text mark.letter-gap", has_text=f"[{first}]").count() >= 1

    assert requests, "the request log recorded nothing: the check below would be empty"
    for value in values.values():
        marker = value.split()[-1]
        leaked = [r.url for r in requests if carries(r, marker)]
        assert not leaked, f"{marker!r} was sent in {len(leaked)} request(s): {leaked[:2]}"
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.evaluate("indexedDB.databases().then(d => d.length)") == 0
    assert page.context.cookies() == []


def test_without_the_clipboard_the_letter_is_selected_to_copy(private_page, export_url: str, site: Site):
    page, _ = private_page
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    open_outcome(page, export_url, step_with_letter(site, "concern-to-class-teacher"), "cy")
    page.locator("#letter-field-1").fill("Siân")
    page.click("[data-action=copy]")
    page.locator(".letter-status").filter(has_text="Mae'r llythyr wedi'i ddewis.").wait_for()
    assert page.evaluate("String(window.getSelection())") == page.locator("#letter-text").text_content()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_the_letter_is_as_it_was(nojs_page: Page, export_url: str, site: Site,
                                                   lang: str) -> None:
    step = step_with_letter(site, "challenge-transport-refusal")
    nojs_page.goto(export_url + step.pathway.url(lang, step.answers).lstrip("/") + "index.html")
    letter = nojs_page.locator("#letter-text")
    assert letter.is_visible() and re.search(r"\[[^\]]+\]", letter.inner_text())
    assert nojs_page.locator(".letter-intro").is_visible()
    for hidden in (".letter-builder", ".letter-form", ".letter-actions", "#letter-email"):
        assert nojs_page.locator(hidden).is_hidden(), hidden
    assert nojs_page.locator("#letter-text mark").count() == 0


@pytest.mark.parametrize(("lang", "letter_id"), BROWSER_LETTERS[:2])
def test_axe_finds_nothing_on_the_builder_at_320px(private_page, export_url: str, site: Site,
                                                   lang: str, letter_id: str) -> None:
    page, _ = private_page
    page.set_viewport_size({"width": 320, "height": 640})
    step = step_with_letter(site, letter_id)
    open_outcome(page, export_url, step, lang)
    page.locator("#letter-field-1").fill("Siân")  # a filled box and marked gaps, both checked
    page.locator("#letter-field-2").focus()
    page.click("[data-action=copy]")
    page.locator(".letter-status").filter(has_text=COPIED[lang]).wait_for()
    assert axe_violations(page) == []
    scroll, inner = sideways_scroll(page)
    assert scroll <= inner, f"scrolls sideways at 320px: {scroll}px wide"


# 4. What the family means: the letter's date is today's, and one full stop however a sentence ends.

NOTICED = {"en": "what you have noticed, with examples",
           "cy": "beth rydych chi wedi sylwi arno, gydag enghreifftiau"}
# What a parent might type where the letter goes on with a full stop: a sentence without its
# full stop, a question, and a quotation that ends a sentence inside its quotation marks.
TYPED = {"en": ("Siân finds reading hard at school", "Is it dyslexia?", 'She said "I can\'t read it."'),
         "cy": ("Mae Siân yn cael trafferth darllen yn yr ysgol", "Ai dyslecsia yw e?",
                'Dywedodd hi "Alla i ddim ei ddarllen."')}


def today_in(lang: str) -> str:
    """Today as a letter is dated, in the page's language: "7 December 2026", "7 Rhagfyr 2026"."""
    day = date.today()
    return f"{day.day} {get_month_names('wide', locale=lang)[day.month]} {day.year}"


def box_for(page: Page, placeholder: str):
    return page.locator(f'#letter-form [data-placeholder="{placeholder}"]')


def email_body(page: Page) -> str:
    return parse_qs(urlsplit(page.get_attribute("#letter-email", "href")).query)["body"][0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_letter_is_dated_today_and_a_typed_full_stop_is_not_doubled(private_page, base_url: str,
                                                                      site: Site, lang: str) -> None:
    page, _ = private_page
    letter = site.letters[lang]["concern-to-class-teacher"]
    dated = next(f for f in letter.fields if f.today)
    open_outcome(page, base_url, step_with_letter(site, letter.id), lang)
    preview = page.locator("#letter-text")

    assert box_for(page, dated.placeholder).input_value() == today_in(lang)  # filled, and can be changed
    assert preview.inner_text().rstrip().endswith("\n" + today_in(lang))
    assert page.locator("#letter-text mark.letter-gap", has_text=f"[{dated.placeholder}]").count() == 0

    noticed = box_for(page, NOTICED[lang])
    sentence, question, quoted = TYPED[lang]
    for typed, shown in ((sentence + ".", sentence + "."), (sentence, sentence + "."),
                         (question, question), (quoted, quoted)):
        noticed.fill(typed)
        text, body = preview.inner_text(), email_body(page)
        assert shown + "\n" in text and shown + "\r\n" in body, (typed, text)
        assert shown + "." not in text and shown + "." not in body  # never "school.." or "dyslexia?."
    noticed.fill(sentence + ".")
    page.click("[data-action=copy]")
    page.locator(".letter-status").filter(has_text=COPIED[lang]).wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert sentence + ".\n" in copied and sentence + ".." not in copied and today_in(lang) in copied
    page.emulate_media(media="print")
    try:
        printed = preview.inner_text()
        assert sentence + ".\n" in printed and sentence + ".." not in printed
    finally:
        page.emulate_media(media="screen")

    box_for(page, dated.placeholder).fill("")  # emptied: the date line is a gap to fill again
    assert page.locator("#letter-text mark.letter-gap", has_text=f"[{dated.placeholder}]").count() == 1
