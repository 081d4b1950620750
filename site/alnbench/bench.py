"""`build.py bench [--scale N]`: the figures a reader or a host would see, each beside its goal.

Every figure is measured from outside, as a user meets it: the freeze and create_app() as whole
new processes (median of several), gunicorn (as docs/hosting.md runs it, warmed up) against
nginx serving the export in interleaved rounds with the ratio per round, bytes as the documented
servers send them, and search end to end (over HTTP from the server; in headless Chromium from
the export: fetch, parse and first result). With --scale N the content is first copied N times
into a scratch folder (alnbench.scale), so growth is measured, not guessed.

These are benchmarks, never tests: tests check sizes and behaviour, not times."""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from alnbench.firstvisit import BUDGET as BUDGET_FIRST
from alnbench.firstvisit import first_visit, logging_server
from alnbench.scale import scaled_content
from alnbench.serving import CACHE, PREFIX, Server, gunicorn, nginx_export
from alnbench.weights import BUDGET, page_weights
from alnguide.paths import ROOT

VECTORS = ROOT / "tests" / "search_vectors.json"
PAGES = ["en/", "cy/", "en/idps/", "cy/cynlluniau-datblygu-unigol/",
         "en/pathways/transport/our-choice/", "cy/llwybrau/cludiant/ein-dewis/"]
SEARCH_PAGE = {"en": "en/search/", "cy": "cy/chwilio/"}
FIRST_QUERIES = {"cy": ["nghynllun datblygu unigol", "cludiant i'r ysgol", "apêl i'r tribiwnlys", "CADY"],
                 "en": ["individual development plan", "free transport to school", "tribunal appeal", "EHCP"]}
CREATE_APP = """
import resource, sys, time
started = time.perf_counter()
from alnguide import create_app
create_app()
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


@dataclass
class Row:
    """One line of the summary: what, the figure, the goal, and whether it is met."""

    what: str
    figure: str
    goal: str
    met: bool | None  # None: no goal at this scale, or not measured


@dataclass
class Report:
    scale: int
    rows: list[Row] = field(default_factory=list)

    def add(self, what: str, figure: str, goal: str, met: bool | None) -> None:
        self.rows.append(Row(what, figure, goal, met))
        print(f"  -> {what}: {figure} (goal {goal}){'' if met is None else ' MET' if met else ' NOT MET'}",
              flush=True)

    def print(self) -> None:
        width = max(len(r.what) for r in self.rows)
        print(f"\nsummary at {self.scale}x content")
        for r in self.rows:
            verdict = "-" if r.met is None else "met" if r.met else "NOT MET"
            print(f"  {r.what:{width}}  {r.figure:34}  goal {r.goal:30} {verdict}")


def _env(content: Path) -> dict[str, str]:
    return {**os.environ, **CACHE, "ALNGUIDE_CONTENT": str(content), "PYTHONPATH": str(ROOT / "site")}


def freeze_process(content: Path, out: Path) -> float:
    """`build.py freeze` as a new process, start to exit, as an editor or a CI job runs it."""
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content), "freeze",
                    "--out", str(out), "--base-url", "http://127.0.0.1" + PREFIX, "--draft", "--force"],
                   check=True, capture_output=True, env={**os.environ, **CACHE})
    return time.perf_counter() - started


def create_app_process(content: Path) -> tuple[float, float]:
    """create_app() in a new process, as each gunicorn worker without --preload would: seconds, MB."""
    result = subprocess.run([sys.executable, "-c", CREATE_APP], env=_env(content), check=True,
                            capture_output=True, text=True)
    seconds, megabytes = map(float, result.stdout.split())
    return seconds, megabytes


def wrk(url: str, paths: list[str], seconds: int, connections: int) -> dict[str, float | str]:
    """wrk with a browser's Accept-Encoding, cycling through the same pages on each server."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write("paths = {" + ",".join(json.dumps(p) for p in paths) + "}\n"
                     "i = 0\nrequest = function()\n  i = i % #paths + 1\n"
                     "  return wrk.format(nil, paths[i])\nend\n")
    try:
        out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
                              "-H", "Accept-Encoding: gzip", "-s", script.name, url],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: (.*)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1),
            "p99": re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1),
            "errors": " ".join(filter(None, [errors and errors.group(1),
                                             sockets and sockets.group(1)])) or "0"}


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def warm(server: Server, paths: list[str]) -> None:
    """Every page once on each connection a worker may take, so no round pays for a first render."""
    for _ in range(8):
        for path in paths:
            fetch(server.url.rstrip("/") + "/" + path, {"Accept-Encoding": "gzip"})


def serving(report: Report, app_server: Server, static_server: Server, rounds: int, seconds: int,
            connections: int) -> None:
    if not shutil.which("wrk"):
        print("serving: wrk is not installed (apt-get install wrk)")
        report.add("gunicorn vs nginx, same pages", "not measured (no wrk)", "<= 5x slower", None)
        return
    warm(app_server, PAGES)
    warm(static_server, [p + "index.html" for p in PAGES])
    ratios = []
    print(f"serving the same {len(PAGES)} pages, {connections} connections, {seconds} s a round, "
          f"gzip accepted (wrk):")
    for n in range(1, rounds + 1):
        static = wrk(static_server.url, [PREFIX + p + "index.html" for p in PAGES], seconds, connections)
        dynamic = wrk(app_server.url, ["/" + p for p in PAGES], seconds, connections)
        ratios.append(static["rps"] / dynamic["rps"])
        for name, row in (("nginx, export", static), ("gunicorn, app", dynamic)):
            print(f"  round {n} {name:14} {row['rps']:9.0f} req/s  p50 {row['p50']:>8}  "
                  f"p99 {row['p99']:>8}  errors {row['errors']}")
        print(f"  round {n} nginx / gunicorn: {ratios[-1]:.1f}x")
    ratio = statistics.median(ratios)
    report.add("gunicorn (2x4) vs nginx, same pages", f"{ratio:.1f}x slower (median of {rounds})",
               "<= 5x slower", ratio <= 5)


def on_the_wire(report: Report, app_server: Server, static_server: Server) -> None:
    """What the Flask site sends for a page, beside what nginx sends for the same page."""
    print("bytes on the wire for one page (the IDP page, English):")
    app_url = app_server.url.rstrip("/") + "/en/idps/"
    static_url = static_server.url + "en/idps/index.html"
    _, _, plain = fetch(app_url)
    rows = []
    for accept in ("br, gzip", "gzip"):
        status, headers, body = fetch(app_url, {"Accept-Encoding": accept})
        rows.append((accept, headers.get("Content-Encoding", "none"), len(body)))
        print(f"  gunicorn, Accept-Encoding {accept!r}: {headers.get('Content-Encoding', 'none')}, "
              f"{len(body)} bytes (uncompressed {len(plain)})")
    _, headers, body = fetch(static_url, {"Accept-Encoding": "gzip"})
    print(f"  nginx export, gzip level 1: {len(body)} bytes")
    status, headers, _ = fetch(app_url, {"Accept-Encoding": "gzip"})
    etag = headers.get("ETag")
    again, _, body304 = fetch(app_url, {"Accept-Encoding": "gzip", "If-None-Match": etag or ""})
    print(f"  ETag {etag}; asked again with If-None-Match: {again}, {len(body304)} bytes")
    met = rows[0][1] == "br" and rows[1][1] == "gzip" and bool(etag) and again == 304
    report.add("HTML sent by the Flask site", f"{rows[0][1]}/{rows[1][1]}, ETag, {again} when unchanged",
               "gzip/br, ETag + 304", met)


def server_search(report: Report, app_server: Server, repeats: int) -> None:
    """The search page over HTTP, one query after another. The figure against the goal is each
    query asked for the first time (the server keeps recent results: a repeat is a lookup), after
    every worker has answered other searches (its templates read, its threads started). Each
    query is asked `repeats` times as new, with a different punctuation mark after it (which the
    analysis drops: the same words, the same results, but not the kept ones), so that the p95 is
    of 5 x 50 searches and not the third slowest of 50, which one busy moment on the machine moved."""
    from urllib.parse import quote

    queries = json.loads(VECTORS.read_text(encoding="utf-8"))["queries"]
    paths = {"en": "en/search/", "cy": "cy/chwilio/"}
    base = app_server.url.rstrip("/") + "/"

    def timed(query: dict, text: str) -> float:
        started = time.perf_counter()
        status, _, _ = fetch(base + paths[query["lang"]] + "?q=" + quote(text), {"Accept-Encoding": "gzip"})
        assert status == 200, (text, status)
        return (time.perf_counter() - started) * 1000

    for n in range(40):  # warm: queries that are not measured, so none of theirs is kept
        query = queries[n % len(queries)]
        timed(query, f"{query['q']} {n}")
    marks = ("", " .", " ,", " ;", " :", " !", " ?")[:max(repeats, 1)]
    first = sorted(timed(query, query["q"] + mark) for mark in marks for query in queries)
    again = sorted(timed(query, query["q"]) for _ in range(repeats - 1) for query in queries)

    def p95(timings: list[float]) -> float:
        return timings[int(len(timings) * 0.95)]

    print(f"server search over HTTP, each query the first time: {len(first)} queries, p50 "
          f"{statistics.median(first):.1f} ms, p95 {p95(first):.1f} ms, max {first[-1]:.1f} ms")
    if again:
        print(f"server search over HTTP, asked again: {len(again)} queries, p50 "
              f"{statistics.median(again):.1f} ms, p95 {p95(again):.1f} ms, max {again[-1]:.1f} ms")
    report.add("server search over HTTP, p95 (first time each query)", f"{p95(first):.1f} ms",
               "< 10 ms at 10x", p95(first) < 10 if report.scale >= 10 else None)


TIMED_QUERY = """async (query) => {
  /* From the reader's submit to the results drawn (the page marks "search-end" as it draws
     them), and what came over the network meanwhile, from the browser's own Resource Timing. */
  performance.clearMarks("search-end");
  performance.clearResourceTimings();
  const out = document.getElementById("search-results");
  const input = document.getElementById("search-page-q");
  const done = new Promise(resolve => {
    const watch = new MutationObserver(() => {
      const end = performance.getEntriesByName("search-end")[0];
      if (end) { watch.disconnect(); resolve(end.startTime); }
    });
    watch.observe(out, {childList: true, subtree: true});
  });
  const started = performance.now();
  input.value = query;
  input.form.requestSubmit();
  const ended = await done;
  const fetched = performance.getEntriesByType("resource");
  return {ms: ended - started, requests: fetched.length,
          body: fetched.reduce((n, r) => n + r.encodedBodySize, 0),
          wire: fetched.reduce((n, r) => n + r.transferSize, 0)};
}"""


def browser_search(report: Report, static_server: Server) -> None:
    """In headless Chromium on the nginx-served export: a fresh reader's first query (what came
    over the network, and the time to the first result), another query that fetches its own
    pieces, and a query whose pieces are already loaded."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("export search in Chromium: playwright is not installed (pip install -e '.[test]')")
        return
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--disable-quic"])
        try:
            for lang, queries in FIRST_QUERIES.items():
                first, other, loaded = [], [], []
                for query in queries:
                    # the offline worker's one-time download of the guide's core would be counted
                    # as the query's: it is measured by the offline tests, not here
                    context = browser.new_context(service_workers="block")
                    page = context.new_page()
                    page.goto(static_server.url + SEARCH_PAGE[lang] + "index.html")
                    page.wait_for_load_state("networkidle")
                    first.append(page.evaluate(TIMED_QUERY, query))
                    for next_query in queries:
                        if next_query != query:
                            other.append(page.evaluate(TIMED_QUERY, next_query))
                    for _ in range(3):
                        loaded.append(page.evaluate(TIMED_QUERY, query)["ms"])
                    context.close()
                body = max(r["body"] for r in first)
                wire = max(r["wire"] for r in first)
                print(f"export search in Chromium ({lang}), first query of a new reader: "
                      f"median {statistics.median(r['ms'] for r in first):.0f} ms to the first result, "
                      f"at most {max(r['requests'] for r in first)} requests, "
                      f"{body / 1024:.1f} KB of (gzipped) bodies, {wire / 1024:.1f} KB with HTTP/1.1 headers")
                print(f"  another query (fetches its own pieces): median "
                      f"{statistics.median(r['ms'] for r in other):.1f} ms; "
                      f"a query whose pieces are loaded: median {statistics.median(loaded):.1f} ms, "
                      f"max {max(loaded):.1f} ms")
                report.add(f"export search, first-query download ({lang})",
                           f"{body / 1024:.1f} KB bodies, {wire / 1024:.1f} KB wire", "<= 30 KB at 10x",
                           wire <= 30 * 1024 if report.scale >= 10 else None)
                in_place = statistics.median(loaded)
                report.add(f"export search, each query once loaded ({lang})",
                           f"{in_place:.1f} ms median, in place", "< 16 ms, no page load", in_place < 16)
        finally:
            browser.close()


LIGHTHOUSE_PAGES = {
    "landing": "index.html",
    "content (en)": "en/idps/index.html", "content (cy)": "cy/cynlluniau-datblygu-unigol/index.html",
    "question (en)": "en/pathways/transport/index.html", "question (cy)": "cy/llwybrau/cludiant/index.html",
    "outcome (en)": "en/pathways/transport/our-choice/index.html",
    "outcome (cy)": "cy/llwybrau/cludiant/ein-dewis/index.html",
    "search (en)": "en/search/index.html?q=EHCP", "search (cy)": "cy/chwilio/index.html?q=nghynllun",
}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync "
                "--disable-default-apps --disable-extensions")


def lighthouse_binary() -> str | None:
    for candidate in (os.environ.get("LIGHTHOUSE"), shutil.which("lighthouse"),
                      str(ROOT / "node_modules" / ".bin" / "lighthouse")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def lighthouse(base: str, binary: str, work: Path) -> None:
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    print("lighthouse (mobile):      performance accessibility best-practices seo")
    for name, page in LIGHTHOUSE_PAGES.items():
        report = work / "lighthouse.json"  # a file: stdout is cut at 64 KB
        result = subprocess.run([binary, base + page, "--output=json", f"--output-path={report}", "--quiet",
                                 f"--chrome-flags={CHROME_FLAGS}"],
                                capture_output=True, text=True, env=env, timeout=180, check=False)
        if result.returncode != 0:
            print(f"  {name:22} failed: {result.stderr.strip()[-200:]}")
            continue
        categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
        scores = [round(categories[c]["score"] * 100) for c in
                  ("performance", "accessibility", "best-practices", "seo")]
        print(f"  {name:22} " + "  ".join(f"{s:>11}" for s in scores))


def weights(export: Path) -> None:
    found = page_weights(export)
    print(f"page weight (HTML + CSS, gzip level 1), budget {BUDGET} bytes; heaviest of {len(found)}:")
    for weight in found[:5]:
        print(f"  {weight.total:6} = {weight.html_gzip:5} + {weight.css_gzip:4}  {weight.page}")
    print(f"  over budget: {sum(w.total > BUDGET for w in found)}")


FIRST_VISITS = ["en/index.html", "cy/index.html", "en/idps/index.html",
                "cy/cynlluniau-datblygu-unigol/index.html"]


def first_visits(report: Report, export: Path, scale: int) -> None:
    """A new reader's first visit in Chromium (alnbench.firstvisit): the page with what it
    loads, and the offline worker's first fetch, each file gzipped at level 6, beside the page's
    own weight (the HTML and its CSS, above) and the budget."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("first visit: playwright is not installed (pip install -e '.[test]')")
        return
    print(f"first visit at {scale}x (page + offline worker, gzip level 6, as the server sent them), "
          f"budget {BUDGET_FIRST // 1024} KB:")
    with sync_playwright() as p, logging_server(export) as (url, served):
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--disable-quic"])
        try:
            visits = [first_visit(browser, url, served, page) for page in FIRST_VISITS]
        finally:
            browser.close()
    for visit in visits:
        print("  " + visit.summary())
    worst = max(visits, key=lambda v: v.bytes)
    report.add(f"first visit at {scale}x, page + worker (heaviest of 4)",
               f"{worst.bytes / 1024:.1f} KB in {len(worst.files)} files ({worst.page})",
               f"<= {BUDGET_FIRST // 1024} KB, flat", worst.bytes <= BUDGET_FIRST)


def calibration() -> float:
    """Seconds for a fixed loop of pure Python, median of five: on a shared machine the same
    build varies by more than its own improvements, so each report says how fast the CPU was."""
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        sum(range(10**7))
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def start_rows(report: Report, content: Path, work: Path, scale: int, rounds: int) -> Path:
    """The freeze and a new process's create_app() on this content (`scale` times the real
    content), each beside its goal at that scale; returns the export's folder."""
    work.mkdir()
    export = work / "export"
    # A cache of this run's own (content/render_cache.py): the first freeze meets none, as
    # after a change to the renderer; the later ones meet what an editor's next freeze does
    # (each edited file is read again, the rest from the cache). The median is of those.
    CACHE["ALNGUIDE_CACHE"] = str(work / "cache")
    cold = freeze_process(content, export)
    print(f"freeze at {scale}x, whole process, with no cache: {cold:.2f} s", flush=True)
    seconds_each = []
    for n in range(rounds):
        seconds_each.append(freeze_process(content, export))
        print(f"freeze at {scale}x, whole process, run {n + 1}: {seconds_each[-1]:.2f} s", flush=True)
    pages = sum(1 for _ in export.rglob("*.html"))
    freeze_s = statistics.median(seconds_each)
    goal = "<= 1.5 s at 1x" if scale == 1 else "<= 5 s at 10x"
    report.add(f"build.py freeze at {scale}x, whole process ({pages} pages)",
               f"{freeze_s:.2f} s (median of {rounds}; {cold:.2f} s uncached)", goal,
               freeze_s <= (1.5 if scale == 1 else 5) if scale in (1, 10) else None)
    starts = [create_app_process(content) for _ in range(rounds)]
    start_s = statistics.median(s for s, _ in starts)
    memory = statistics.median(m for _, m in starts)
    report.add(f"create_app() at {scale}x in a new process", f"{start_s:.2f} s, {memory:.0f} MB peak",
               "<= 0.5 s at 1x", start_s <= 0.5 if scale == 1 else None)
    return export


def run(content: Path, scale: int = 1, rounds: int = 3, seconds: int = 5, connections: int = 50) -> int:
    report = Report(scale)
    before = calibration()
    print(f"CPU calibration (sum(range(10**7)), median of 5): {before:.3f} s", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        work.chmod(0o755)  # nginx's workers run as an unprivileged user
        if scale > 1:  # the goals at 1x are checked too, on the content as it is
            at_1x = start_rows(report, content, work / "at-1x", 1, rounds)
            content = scaled_content(content, work / "scaled", scale)
            print(f"content copied {scale} times into {content}")
        export = start_rows(report, content, work / "at-scale", scale, rounds)
        weights(export)
        if scale > 1:  # flat as the content grows: the same figure at 1x, beside it
            first_visits(report, at_1x, 1)
        first_visits(report, export, scale)
        (work / "nginx").mkdir()
        with nginx_export(export, work / "nginx") as static_server, \
                gunicorn(work, content=content) as app_server:
            serving(report, app_server, static_server, rounds, seconds, connections)
            on_the_wire(report, app_server, static_server)
            server_search(report, app_server, repeats=5)
            browser_search(report, static_server)
            binary = lighthouse_binary()
            if binary:
                lighthouse(static_server.url, binary, work)
            else:
                print("lighthouse: not installed (npm install lighthouse, or set LIGHTHOUSE)")
    report.print()
    print(f"CPU calibration: {before:.3f} s before, {calibration():.3f} s after (lower is a faster CPU)")
    return 0
