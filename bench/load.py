"""A bounded load runner: a fixed number of GET requests, a fixed number of threads, a time limit.

Standard library only. It talks to 127.0.0.1 and nothing else.
"""

from __future__ import annotations

import http.client
import math
import threading
import time
from dataclasses import dataclass, field

HOST = "127.0.0.1"


@dataclass
class LoadResult:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    stopped_by_time: bool = False

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile_ms(self, fraction: float) -> float | None:
        """Nearest-rank percentile of the latencies, in milliseconds."""
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        rank = max(1, math.ceil(fraction * len(ordered)))
        return ordered[rank - 1] * 1000


def get(port: int, path: str, headers: dict[str, str], timeout: float = 120) -> int:
    """One GET to 127.0.0.1:port, body read to the end; returns the status."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def run_load(
    *,
    port: int,
    path: str,
    headers: dict[str, str] | None = None,
    requests: int,
    concurrency: int,
    time_limit: float,
    warmup: int = 0,
) -> LoadResult:
    """Send `requests` GETs from `concurrency` threads; stop early after `time_limit` seconds.

    Warm-up requests go first, one at a time, and are not counted.
    """
    headers = {"Host": HOST, "Accept-Language": "ko", **(headers or {})}
    for _ in range(warmup):
        get(port, path, headers)
    result = LoadResult()
    lock = threading.Lock()
    issued = 0
    started = time.perf_counter()
    deadline = started + time_limit

    def worker() -> None:
        nonlocal issued
        while True:
            with lock:
                if issued >= requests:
                    return
                if time.perf_counter() >= deadline:
                    result.stopped_by_time = True
                    return
                issued += 1
            begin = time.perf_counter()
            try:
                status = get(port, path, headers)
            except OSError:
                status = 0
            elapsed = time.perf_counter() - begin
            with lock:
                result.requests += 1
                result.latencies.append(elapsed)
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if status != 200:
                    result.errors += 1

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result
