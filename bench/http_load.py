"""A bounded, concurrent loopback load for POST /match: keep-alive clients on threads.

Each client thread holds one HTTP/1.1 connection (http.client opens it again when the
server closes it after a response) and takes the next body of the fixed mix until the
request budget or the time budget runs out, so a run always stops by itself.
Threads are enough for the client side: they wait on sockets, which releases the GIL.
"""
import http.client
import itertools
import json
import threading
import time
from dataclasses import dataclass, field

TIMEOUT_SECONDS = 30.0
# The clients share the server's cores: decoding every response (0.6 ms on average at 1M,
# some pages being long) took about a tenth of a core from the server. Every tenth one is
# decoded to count its results; every status is checked.
PARSE_EVERY = 10


@dataclass
class LoadResult:
    """What a load run of `clients` measured: per-request latencies (s), outcomes and wall
    time; `results` counts the results of the `parsed` responses."""

    clients: int = 0
    latencies: list = field(default_factory=list)
    statuses: dict = field(default_factory=dict)
    errors: int = 0
    results: int = 0
    parsed: int = 0
    seconds: float = 0.0


class _Budget:
    """Hand out request bodies until `requests` are issued or the deadline passes."""

    def __init__(self, bodies, requests, seconds):
        self._bodies = itertools.cycle(bodies)
        self._left, self._deadline = requests, time.monotonic() + seconds
        self._lock = threading.Lock()

    def next(self):
        with self._lock:
            if self._left <= 0 or time.monotonic() >= self._deadline:
                return None
            self._left -= 1
            return next(self._bodies)


def _client(port, budget, result, lock):
    """Send requests over one keep-alive connection; reconnect only after an error."""
    connection = None
    headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
    answered = 0
    while (body := budget.next()) is not None:
        started = time.perf_counter()
        try:
            connection = connection or http.client.HTTPConnection(
                "127.0.0.1", port, timeout=TIMEOUT_SECONDS)
            connection.request("POST", "/match", body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            if connection is not None:
                connection.close()
            connection = None
            with lock:
                result.errors += 1
            continue
        elapsed = time.perf_counter() - started
        parse = status == 200 and answered % PARSE_EVERY == 0
        answered += status == 200
        found = len(json.loads(payload)["results"]) if parse else 0
        with lock:
            result.latencies.append(elapsed)
            result.statuses[status] = result.statuses.get(status, 0) + 1
            result.results += found
            result.parsed += parse
    if connection is not None:
        connection.close()


def run_load(port, bodies, *, clients=8, requests=3000, seconds=60.0):
    """POST the bodies (dicts) round-robin from `clients` threads; return a LoadResult."""
    encoded = [json.dumps(body).encode() for body in bodies]
    budget, lock = _Budget(encoded, requests, seconds), threading.Lock()
    result = LoadResult(clients)
    threads = [threading.Thread(target=_client, args=(port, budget, result, lock), daemon=True)
               for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + TIMEOUT_SECONDS)
    result.seconds = time.perf_counter() - started
    return result
