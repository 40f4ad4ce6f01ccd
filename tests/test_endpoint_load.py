"""The endpoint under load and abuse: many clients at once, a runaway query, an answer too long to hold."""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kg.sparql.endpoint import Endpoint

CLIENTS, QUERIES = 8, 200
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?q ?r ?s }"
EVERY_ROW = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # about 10^7 rows on the small graph
LABELS = "SELECT ?label WHERE { ?d a kg:Dataset ; skos:prefLabel ?label } ORDER BY ?label"


@pytest.fixture(scope="module")
def graph_file(fixture_turtle: Path) -> Path:
    return fixture_turtle


@pytest.fixture(scope="module")
def endpoint(graph_file: Path) -> Iterator[Endpoint]:
    with Endpoint(graph=graph_file, port=0, workers=2, timeout=2.0, max_rows=50, quiet=True) as served:
        yield served.start()


def ask(conn: http.client.HTTPConnection, query: str, accept: str = "application/sparql-results+json"
        ) -> tuple[int, dict[str, str], bytes]:
    """POST one query on a kept-alive connection; return status, headers and body."""
    conn.request("POST", "/sparql", body=query.encode(), headers={"Content-Type": "application/sparql-query",
                                                                 "Accept": accept})
    response = conn.getresponse()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


def connect(endpoint: Endpoint) -> http.client.HTTPConnection:
    address = urllib.parse.urlsplit(endpoint.url)
    assert address.hostname == "127.0.0.1"
    return http.client.HTTPConnection(address.hostname, address.port, timeout=60)


def test_eight_clients_two_hundred_queries_each(endpoint: Endpoint) -> None:
    def client(number: int) -> list[str]:
        conn = connect(endpoint)
        problems = []
        for i in range(QUERIES):
            query = LABELS if i % 2 else f"SELECT ?p WHERE {{ ?p dcterms:identifier ?id }} LIMIT {1 + (i + number) % 3}"
            status, _, body = ask(conn, query)
            if status != 200:
                problems.append(f"{status} {body[:80]!r}")
                continue
            rows = json.loads(body)["results"]["bindings"]
            expected = 2 if i % 2 else 1 + (i + number) % 3
            if len(rows) != expected:
                problems.append(f"{len(rows)} rows for {query}")
        conn.close()
        return problems

    with ThreadPoolExecutor(CLIENTS) as pool:
        found = [problem for problems in pool.map(client, range(CLIENTS)) for problem in problems]
    assert found == []


def test_a_runaway_query_is_stopped_while_others_are_answered(endpoint: Endpoint) -> None:
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        status, _, body = ask(connect(endpoint), RUNAWAY)
        outcome.update(status=status, body=body, seconds=time.monotonic() - started)

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)  # the runaway holds one worker by now
    conn, answered = connect(endpoint), 0
    while thread.is_alive():
        started = time.monotonic()
        status, _, _ = ask(conn, LABELS)
        assert status == 200 and time.monotonic() - started < 1.5
        answered += 1
    thread.join()
    assert outcome["status"] == 503 and b"ran longer than 2 s and was stopped" in outcome["body"]  # type: ignore[operator]
    assert 1.9 < outcome["seconds"] < 10  # type: ignore[operator]
    assert answered >= 5
    assert ask(conn, LABELS)[0] == 200  # the killed worker was replaced


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv", "application/sparql-results+xml",
                                    "text/tab-separated-values"])
def test_an_answer_longer_than_max_rows_is_cut_with_a_warning(endpoint: Endpoint, accept: str) -> None:
    started = time.monotonic()
    status, headers, body = ask(connect(endpoint), EVERY_ROW, accept)
    assert status == 200 and time.monotonic() - started < 2.0  # cut while streaming, not after the 10^7 rows
    assert headers["x-paperkg-truncated"] == "50"
    assert headers["warning"] == '199 paperkg "answer cut at 50 rows; add a LIMIT or raise --max-rows"'
    if accept.endswith("json"):
        assert len(json.loads(body)["results"]["bindings"]) == 50
    elif accept in ("text/csv", "text/tab-separated-values"):
        assert len(body.decode().strip().splitlines()) == 51


def test_a_graph_answer_is_cut_too(endpoint: Endpoint) -> None:
    status, headers, body = ask(connect(endpoint), "CONSTRUCT { ?a ?b ?c } WHERE { ?a ?b ?c }", "application/n-triples")
    assert status == 200 and headers["x-paperkg-truncated"] == "50"
    assert len(body.decode().strip().splitlines()) == 50


def test_a_short_answer_has_no_warning(endpoint: Endpoint) -> None:
    status, headers, body = ask(connect(endpoint), LABELS)
    assert status == 200 and "warning" not in headers and "x-paperkg-truncated" not in headers
    assert [row["label"]["value"] for row in json.loads(body)["results"]["bindings"]] == ["GSM8K", "MATH"]
