"""The SPARQL endpoint, through SPARQLWrapper and urllib over a real socket."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, N3, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.errors import GraphError, KgError
from kg.graph.namespace import KG, KGR
from kg.sparql.endpoint import GRAPH_MEDIA, RESULT_MEDIA, Endpoint, negotiate

DATASETS = "SELECT ?label WHERE { ?d a kg:Dataset ; skos:prefLabel ?label } ORDER BY ?label"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def graph_file(fixture_turtle: Path) -> Path:
    return fixture_turtle


@pytest.fixture(scope="module")
def endpoint(graph_file: Path) -> Iterator[Endpoint]:
    with Endpoint(graph=graph_file, port=0, workers=1, timeout=1.0, max_request=4096, quiet=True) as served:
        yield served.start()


def client(endpoint: Endpoint, query: str, fmt: str = JSON, method: str | None = None) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(endpoint.url)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    if method:
        wrapper.setMethod(method)
    return wrapper


def http(endpoint: Endpoint, path: str = "/sparql", *, data: bytes | None = None,
         headers: dict[str, str] | None = None, method: str | None = None) -> tuple[int, str, bytes]:
    """Send one request; return status, Content-Type and body, for errors too."""
    base = endpoint.url.removesuffix("/sparql")
    request = urllib.request.Request(base + path, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


@pytest.mark.parametrize("method", [None, POST])
def test_sparqlwrapper_select_json(endpoint: Endpoint, method: str | None) -> None:
    doc = client(endpoint, DATASETS, JSON, method).query().convert()
    assert doc["head"]["vars"] == ["label"]
    assert [b["label"]["value"] for b in doc["results"]["bindings"]] == ["GSM8K", "MATH"]


def test_sparqlwrapper_select_xml(endpoint: Endpoint) -> None:
    doc = client(endpoint, DATASETS, XML).query().convert()
    assert [node.firstChild.data for node in doc.getElementsByTagName("literal")] == ["GSM8K", "MATH"]


@pytest.mark.parametrize(("fmt", "rows"), [
    (CSV, [["label"], ["GSM8K"], ["MATH"]]),
    (TSV, [["?label"], ['"GSM8K"'], ['"MATH"']]),
])
def test_sparqlwrapper_select_csv_tsv(endpoint: Endpoint, fmt: str, rows: list[list[str]]) -> None:
    text = client(endpoint, DATASETS, fmt).query().convert()
    text = text.decode() if isinstance(text, bytes) else text
    found = csv.reader(io.StringIO(text)) if fmt == CSV else [line.split("\t") for line in text.splitlines()]
    assert list(found) == rows


def test_sparqlwrapper_ask(endpoint: Endpoint) -> None:
    assert client(endpoint, "ASK { ?p kg:proposes <https://w3id.org/paperkg/resource/method/lora-plus> }").query().convert()["boolean"] is True


@pytest.mark.parametrize("fmt", [TURTLE, N3, XML])
def test_sparqlwrapper_construct(endpoint: Endpoint, fmt: str) -> None:
    query = "CONSTRUCT { ?p kg:proposes ?e } WHERE { ?p kg:proposes ?e }"
    answer = client(endpoint, query, fmt).query().convert()
    got = answer if isinstance(answer, Graph) else Graph().parse(data=answer, format="turtle")
    expected = Graph()
    expected.add((KGR["paper/2403.01234"], KG.proposes, KGR["method/lora-plus"]))
    assert isomorphic(got, expected)


def test_sparqlwrapper_bad_query(endpoint: Endpoint) -> None:
    with pytest.raises(QueryBadFormed, match="cannot parse the SPARQL query"):
        client(endpoint, "SELECT WHERE {").query()


def test_sparqlwrapper_update_is_refused(endpoint: Endpoint) -> None:
    wrapper = client(endpoint, "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }", method=POST)
    with pytest.raises(Exception, match="403|read-only"):
        wrapper.query()
    assert client(endpoint, "ASK { <urn:x:a> ?p ?o }").query().convert()["boolean"] is False


@pytest.mark.parametrize("content_type", ["application/sparql-update", "application/x-www-form-urlencoded"])
def test_update_by_protocol_is_forbidden(endpoint: Endpoint, content_type: str) -> None:
    body = "DELETE WHERE { ?s ?p ?o }"
    if content_type.endswith("urlencoded"):
        body = urllib.parse.urlencode({"update": body})
    status, _, message = http(endpoint, data=body.encode(), headers={"Content-Type": content_type})
    assert status == 403 and b"read-only" in message
    assert client(endpoint, "ASK { ?s ?p ?o }").query().convert()["boolean"] is True


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("*/*", "application/sparql-results+json"),
])
def test_post_direct_query_negotiates(endpoint: Endpoint, accept: str, media: str) -> None:
    status, kind, body = http(endpoint, data=DATASETS.encode(),
                              headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert status == 200 and kind.startswith(media)
    assert b"GSM8K" in body and b"MATH" in body


@pytest.mark.parametrize(("accept", "media", "parse"), [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
])
def test_construct_negotiates(endpoint: Endpoint, accept: str, media: str, parse: str) -> None:
    query = urllib.parse.quote("DESCRIBE <https://w3id.org/paperkg/resource/dataset/math>")
    status, kind, body = http(endpoint, f"/sparql?query={query}", headers={"Accept": accept})
    assert status == 200 and kind.startswith(media)
    assert (KGR["dataset/math"], None, None) in Graph().parse(data=body, format=parse)


def test_timeout_stops_the_query_and_the_endpoint_goes_on(endpoint: Endpoint) -> None:
    status, _, message = http(endpoint, data=SLOW.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 503 and b"longer than 1 s" in message
    assert client(endpoint, DATASETS).query().convert()["results"]["bindings"]


def test_request_size_limits(endpoint: Endpoint) -> None:
    big = ("# " + "x" * 5000 + "\nASK {}").encode()
    status, _, message = http(endpoint, data=big, headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and b"larger than 4096 bytes" in message
    status, _, _ = http(endpoint, "/sparql?query=" + urllib.parse.quote(big.decode()))
    assert status == 414


@pytest.mark.parametrize(("path", "method", "status"), [("/nope", None, 404), ("/sparql", None, 400),
                                                        ("/sparql", "PUT", 405), ("/sparql", "DELETE", 405)])
def test_other_requests_are_errors(endpoint: Endpoint, path: str, method: str | None, status: int) -> None:
    assert http(endpoint, path, method=method, data=b"" if method else None)[0] == status


def test_unknown_body_type_is_refused(endpoint: Endpoint) -> None:
    assert http(endpoint, data=b"{}", headers={"Content-Type": "application/json"})[0] == 415


def test_dataset_parameters_are_refused(endpoint: Endpoint) -> None:
    query = urllib.parse.urlencode({"query": "ASK {}", "default-graph-uri": "urn:x:g"})
    assert http(endpoint, f"/sparql?{query}")[0] == 400


def test_editor_page_is_self_contained(endpoint: Endpoint) -> None:
    status, kind, body = http(endpoint, "/")
    assert status == 200 and kind.startswith("text/html")
    assert b"<textarea" in body and b'fetch("sparql"' in body
    assert b"src=" not in body and b"href=" not in body and b"//cdn" not in body


def test_endpoint_binds_loopback_by_default(graph_file: Path) -> None:
    with Endpoint(graph=graph_file, port=0, workers=1, quiet=True) as served:
        assert served.url.startswith("http://127.0.0.1:")


def test_endpoint_missing_graph_is_a_graph_error(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="no such graph file"):
        Endpoint(graph=tmp_path / "nope.ttl", port=0)
    with pytest.raises(GraphError, match="no Oxigraph store here"):
        Endpoint(store=tmp_path, port=0)
    with pytest.raises(KgError, match="give a graph file or a store"):
        Endpoint(port=0)


@pytest.mark.parametrize(("accept", "offers", "expected"), [
    (None, RESULT_MEDIA, "json"),
    ("text/csv;q=0.5, application/sparql-results+xml", RESULT_MEDIA, "xml"),
    ("text/*;q=0.9, text/xml;q=0.1, text/tab-separated-values;q=0.1", RESULT_MEDIA, "csv"),
    ("application/json, text/javascript", RESULT_MEDIA, "json"),
    ("application/rdf+xml;q=0.5, text/turtle;q=0.7", GRAPH_MEDIA, "turtle"),
    ("application/rdf+xml", GRAPH_MEDIA, "rdfxml"),
    ("text/csv;q=0", RESULT_MEDIA, "json"),
    ("bogus;q=x", GRAPH_MEDIA, "turtle"),
])
def test_negotiate(accept: str | None, offers: dict[str, tuple[str, ...]], expected: str) -> None:
    assert negotiate(accept, offers) == expected


def test_json_answer_is_sparql_results_json(endpoint: Endpoint) -> None:
    status, _, body = http(endpoint, "/sparql?query=" + urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }"))
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["n"] == {
        "type": "literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}


def test_cli_serve_port_in_use_is_a_clean_error(graph_file: Path) -> None:
    import socket

    from click.testing import CliRunner

    from kg.cli import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--graph", str(graph_file), "--port", str(port), "--workers", "1"])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: cannot listen on 127.0.0.1:{port}") and "Traceback" not in result.output


@pytest.mark.parametrize(("host", "expected"), [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                                ("0.0.0.0", False), ("example.org", False)])
def test_is_loopback(host: str, expected: bool) -> None:
    from kg.cli.serve import _is_loopback

    assert _is_loopback(host) is expected
