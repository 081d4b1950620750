"""Benchmarks that print figures (never tests): search, page weight, the freeze, Lighthouse, and
gunicorn against nginx under load on loopback."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from flask import Flask

from alnbench.serving import PREFIX, gunicorn, nginx_export
from alnbench.weights import BUDGET, page_weights
from alnguide import state
from alnguide.export.freezing import freeze
from alnguide.languages import LANGUAGES, search_path
from alnguide.paths import ROOT
from alnguide.search.static_index import build, to_json

VECTORS = ROOT / "tests" / "search_vectors.json"


def search(app: Flask, rounds: int = 50) -> None:
    queries = json.loads(VECTORS.read_text(encoding="utf-8"))["queries"]
    index = state.loaded(app).search
    timings = []
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            index.search(query["q"], query["lang"])
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(f"server search: {len(timings)} queries, p50 {statistics.median(timings):.2f} ms, "
          f"p95 {timings[int(len(timings) * 0.95)]:.2f} ms, max {timings[-1]:.2f} ms (budget p95 < 20 ms)")
    with tempfile.TemporaryDirectory() as out:
        paths = {lang: Path(out) / f"{lang}.json" for lang in LANGUAGES}
        for lang, path in paths.items():
            path.write_text(to_json(build(state.loaded(app).site, lang, search_path(lang))), encoding="utf-8")
            data = path.read_bytes()
            print(f"static index ({lang}): {len(data) / 1024:.1f} KB, "
                  f"{len(gzip.compress(data, 9)) / 1024:.1f} KB gzipped (budget 60 KB)")
        node = shutil.which("node")
        if node:
            result = subprocess.run([node, str(ROOT / "tests" / "js" / "run_vectors.js"), str(VECTORS),
                                     str(paths["en"]), str(paths["cy"])],
                                    capture_output=True, text=True, check=True)
            per_query = json.loads(result.stdout)["msPerQuery"]
            print(f"static search (node, same script as the browser): {per_query:.3f} ms a query "
                  "(budget 10 ms)")


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


def wrk(url: str, paths: list[str], seconds: int, connections: int) -> dict[str, str]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write("paths = {" + ",".join(json.dumps(p) for p in paths) + "}\n"
                     "i = 0\nrequest = function()\n  i = i % #paths + 1\n"
                     "  return wrk.format(nil, paths[i])\nend\n")
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name,
                          url], capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    found = {"rps": re.search(r"Requests/sec:\s+([\d.]+)", out).group(1),
             "p50": re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1),
             "p99": re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1),
             "errors": "0"}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: (.*)", out)
    if errors or sockets:
        found["errors"] = " ".join(filter(None, [errors and errors.group(1), sockets and sockets.group(1)]))
    return found


def everything(app: Flask, seconds: int = 10, connections: int = 50) -> None:
    """Freeze, page weights, Lighthouse and gunicorn against nginx, printed as figures."""
    with tempfile.TemporaryDirectory() as work:
        Path(work).chmod(0o755)  # nginx's workers run as an unprivileged user
        out = Path(work) / "export"
        started = time.perf_counter()
        files = freeze(app, out, base_url="http://127.0.0.1" + PREFIX)
        pages = sum(1 for _ in out.rglob("*.html"))
        print(f"freeze: {files} files ({pages} HTML pages) in {time.perf_counter() - started:.2f} s")
        weights = page_weights(out)
        print(f"page weight (HTML + CSS, gzipped), budget {BUDGET} bytes; heaviest of {len(weights)}:")
        for weight in weights[:8]:
            print(f"  {weight.total:6} = {weight.html_gzip:5} + {weight.css_gzip:4}  {weight.page}")
        print(f"  over budget: {sum(w.total > BUDGET for w in weights)}")
        nginx_tmp = Path(work) / "nginx"
        nginx_tmp.mkdir()
        with nginx_export(out, nginx_tmp) as static_server:
            static_base = static_server.url
            binary = lighthouse_binary()
            if binary:
                lighthouse(static_base, binary, Path(work))
            else:
                print("lighthouse: not installed (npm install lighthouse, or set LIGHTHOUSE)")
            if not shutil.which("wrk"):
                print("serving: wrk not installed (apt-get install wrk)")
                return
            paths = ["en/", "cy/", "en/idps/", "cy/cynlluniau-datblygu-unigol/",
                     "en/pathways/transport/our-choice/", "cy/llwybrau/cludiant/ein-dewis/"]
            static = wrk(static_base, [PREFIX + p + "index.html" for p in paths], seconds, connections)
        with gunicorn(Path(work)) as app_server:
            dynamic = wrk(app_server.url, ["/" + p for p in paths], seconds, connections)
        print(f"serving the same {len(paths)} pages, {connections} connections, {seconds} s each (wrk):")
        for name, row in (("nginx, export", static), ("gunicorn, app", dynamic)):
            print(f"  {name:14} {float(row['rps']):9.0f} req/s  p50 {row['p50']:>8}  p99 {row['p99']:>8}  "
                  f"errors {row['errors']}")
        ratio = float(static["rps"]) / float(dynamic["rps"])
        print(f"  nginx / gunicorn: {ratio:.1f}x the requests per second")
