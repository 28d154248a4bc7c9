"""Server time and query count of a page, rendered in-process: what the page benchmarks print."""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def time_page(client, url: str, repeat: int) -> dict:
    client.get(url)  # warm caches (the map's layout is computed once per graph)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times) * 1000, 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 1),
        "queries": len(queries),
    }
