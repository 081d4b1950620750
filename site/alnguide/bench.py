"""Benchmarks that print figures (never tests): search speed and the static index's size."""

from __future__ import annotations

import gzip
import json
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from flask import Flask

from .freezing import freeze
from .languages import LANGUAGES, SEARCH_SEGMENT

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "search_vectors.json"


def search(app: Flask, rounds: int = 50) -> None:
    queries = json.loads(VECTORS.read_text(encoding="utf-8"))["queries"]
    index = app.config["SEARCH"]
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
        freeze(app, Path(out))
        paths = {lang: Path(out) / lang / SEARCH_SEGMENT[lang] / "index.json" for lang in LANGUAGES}
        for lang, path in paths.items():
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
