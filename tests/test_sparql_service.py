"""SERVICE is refused by ``kg query`` and ``kg serve``: a listener on loopback sees no connection."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.errors import QueryError
from kg.graph.turtle import write_turtle
from kg.sparql.endpoint import Endpoint
from kg.sparql.query import run_query
from kg.sparql.tokens import projection, refuse_service, tokenize, uses_service


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


def forged(port: int) -> list[str]:
    """SERVICE queries aimed at the listener, written in the ways a filter might miss."""
    url = f"http://127.0.0.1:{port}/sparql"
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * {{ service <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SeRvIcE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ # a comment\n SERVICE<{url}>{{?s ?p ?o}} }}",
        f'SELECT * {{ ?x ?y "}}" . SERVICE <{url}> {{ ?s ?p ?o }} }}',
        f"PREFIX remote: <http://127.0.0.1:{port}/> SELECT * {{ SERVICE remote:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
        f"SELECT * {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"ASK {{ {{ SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    ]


@pytest.mark.parametrize("text", [
    'SELECT ?service WHERE { ?service ?p "SERVICE <http://x/> {}" }',
    "SELECT * { ?s <http://example.org/SERVICE> ?o } # SERVICE <http://x/> { }",
    "PREFIX service: <http://example.org/> SELECT * { ?s service:SERVICE ?o }",
    "SELECT * { ?s ?p '''SERVICE\n<http://x/> {}''' }",
    'SELECT * { ?s ?p "x"@en . ?s ?p _:service }',
])
def test_service_lookalikes_are_not_service(text: str) -> None:
    assert not uses_service(text)


def test_service_in_every_disguise_is_found() -> None:
    assert all(uses_service(text) for text in forged(7))


def test_refuse_service_names_the_fix() -> None:
    with pytest.raises(QueryError, match=r"SERVICE \(federated query\) is refused: .*fix: .*--allow-service"):
        refuse_service(forged(7)[0])


def test_tokenize_keeps_a_long_string_whole() -> None:
    assert [t.kind for t in tokenize('ASK { ?s ?p """a " "" b""" }')] == ["word", "punct", "var", "var", "string",
                                                                          "punct"]


def test_projection_reads_only_the_outer_select() -> None:
    assert projection("SELECT ?a WHERE { { SELECT ?b WHERE { ?b ?c ?d } } }") == {"a"}
    assert projection("ASK { ?s ?p ?o }") is None


def test_kg_query_refuses_service(turtle_path: Path, listener: Listener) -> None:
    runner = CliRunner()
    for text in forged(listener.port):
        result = runner.invoke(cli, ["query", "--graph", str(turtle_path), text])
        assert result.exit_code == 1, text
        assert "SERVICE (federated query) is refused" in result.output
    assert listener.connections == 0


def test_kg_query_allow_service_does_connect(turtle_path: Path, listener: Listener) -> None:
    """The listener is live: the same query, allowed, reaches it."""
    result = CliRunner().invoke(cli, ["query", "--graph", str(turtle_path), "--allow-service", forged(listener.port)[0]])
    assert result.exit_code == 1 and "cannot run the SPARQL query" in result.output
    assert listener.connections >= 1


def test_rdflib_runner_refuses_service(graph: Graph, listener: Listener) -> None:
    for text in forged(listener.port)[:6]:
        with pytest.raises(QueryError, match="SERVICE"):
            run_query(graph, text)
    assert listener.connections == 0


def test_endpoint_refuses_service_with_400(turtle_path: Path, listener: Listener) -> None:
    with Endpoint(graph=turtle_path, port=0, quiet=True, workers=1).start() as endpoint:
        for text in forged(listener.port):
            request = urllib.request.Request(endpoint.url, data=text.encode(),
                                             headers={"Content-Type": "application/sparql-query"})
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(request, timeout=30)
            assert caught.value.code == 400
            body = caught.value.read().decode()
            assert body.count("\n") == 1 and "SERVICE (federated query) is refused" in body
        with urllib.request.urlopen(endpoint.url + "?" + urllib.parse.urlencode({"query": "ASK {}"}),
                                    timeout=30) as answer:
            assert answer.status == 200
    assert listener.connections == 0


@pytest.fixture
def turtle_path(graph: Graph, tmp_path: Path) -> Path:
    return write_turtle(graph, tmp_path / "graph.ttl")
