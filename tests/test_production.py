"""Production serving as documented: gunicorn under a bounded load on loopback, zero errors."""

from __future__ import annotations

import statistics
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from alnbench.serving import gunicorn
from alnguide.web.security import HEADERS

PATHS = ["en/", "cy/", "en/idps/", "cy/cynlluniau-datblygu-unigol/", "en/pathways/transport/our-choice/",
         "cy/chwilio/?q=nghynllun", "en/search/?q=EHCP", "en/no-such-page/"]
CONNECTIONS = 20
REQUESTS_EACH = 25


def test_gunicorn_under_load_answers_every_request(capsys):
    with gunicorn() as base:
        def worker(number: int) -> list[tuple[int, float]]:
            results = []
            for i in range(REQUESTS_EACH):
                path = PATHS[(number + i) % len(PATHS)]
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + path, timeout=30) as response:
                        status = response.status
                        csp = response.headers["Content-Security-Policy"]
                        assert csp == HEADERS["Content-Security-Policy"]
                        response.read()
                except urllib.error.HTTPError as error:
                    status = error.code
                results.append((status, (time.perf_counter() - started) * 1000))
            return results

        with ThreadPoolExecutor(CONNECTIONS) as pool:
            results = [r for batch in pool.map(worker, range(CONNECTIONS)) for r in batch]
    statuses = [status for status, _ in results]
    expected = [404 if PATHS[(n + i) % len(PATHS)] == "en/no-such-page/" else 200
                for n in range(CONNECTIONS) for i in range(REQUESTS_EACH)]
    assert statuses == expected
    latencies = sorted(ms for _, ms in results)
    with capsys.disabled():
        p99 = latencies[int(len(latencies) * 0.99)]
        print(f"\ngunicorn: {len(results)} requests, {CONNECTIONS} connections, "
              f"p50 {statistics.median(latencies):.1f} ms, p99 {p99:.1f} ms")
