"""Load on `kg serve`: N clients x M queries over loopback; requests/s, latency p50/p99, errors, server memory.

Run from the top of the checkout: ``python benchmarks/endpoint_load.py [--clients 8] [--queries 200]``.
It serves outputs/graph.ttl (the sample) with the default options and
reports the resident memory of the server and its query workers before and
after the load.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]
QUERIES = [
    "SELECT ?title WHERE { ?p kg:evaluatesOn ?d ; dcterms:title ?title . ?d skos:prefLabel \"GSM8K\" } ORDER BY ?title",
    "SELECT ?d (COUNT(?p) AS ?n) WHERE { ?p kg:evaluatesOn ?d } GROUP BY ?d ORDER BY DESC(?n) LIMIT 10",
    "SELECT ?p ?id WHERE { ?p dcterms:identifier ?id } LIMIT 20",
    "ASK { ?m kg:variantOf ?f }",
]


def _rss_kib(pid: int) -> int:
    """Resident memory of a process and its children, in KiB (from /proc)."""
    total = 0
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for each in [pid, *map(int, children.read_text().split())] if children.exists() else [pid]:
        for line in Path(f"/proc/{each}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _client(port: int, queries: int, number: int) -> tuple[list[float], int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times, errors = [], 0
    for i in range(queries):
        started = time.perf_counter()
        conn.request("POST", "/sparql", body=QUERIES[(i + number) % len(QUERIES)].encode(),
                     headers={"Content-Type": "application/sparql-query"})
        response = conn.getresponse()
        response.read()
        times.append(time.perf_counter() - started)
        errors += response.status != 200
    conn.close()
    return times, errors


def main() -> None:
    """Serve the sample, load it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--graph", str(ROOT / "outputs" / "graph.ttl"),
                               "--port", str(port), "--workers", str(args.workers), "--quiet"], env=env,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        server.stderr.readline()  # "SPARQL endpoint at …": listening
        _client(port, 4, 0)  # warm every worker
        before = _rss_kib(server.pid)
        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            results = list(pool.map(lambda n: _client(port, args.queries, n), range(args.clients)))
        seconds = time.perf_counter() - started
        after = _rss_kib(server.pid)
    finally:
        server.terminate()
        server.wait(30)
    times = sorted(t for ts, _ in results for t in ts)
    errors = sum(e for _, e in results)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"{args.clients} clients x {args.queries} queries, {args.workers} workers: {len(times) / seconds:.0f} "
          f"requests/s, p50 {statistics.median(times) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, {errors} errors; "
          f"server RSS {before / 1024:.0f} MiB before, {after / 1024:.0f} MiB after")


if __name__ == "__main__":
    main()
