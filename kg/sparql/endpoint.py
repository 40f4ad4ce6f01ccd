"""A read-only SPARQL 1.1 Protocol endpoint over a paperkg graph, on the standard library.

``/sparql`` takes a query by GET (``?query=…``) or POST (an HTML form, or the
query itself as ``application/sparql-query``) and answers in the format the
``Accept`` header prefers: SPARQL results JSON (the default), XML, CSV or TSV
for SELECT and ASK; Turtle (the default), N-Triples, JSON-LD or RDF/XML for
CONSTRUCT and DESCRIBE. ``/`` is a small query editor. Updates are refused
(403), so is SERVICE unless allowed (400: it would make the server connect to
other addresses), a query is stopped after a time limit (503), a request
larger than a limit is refused (413, or 414 for a long URL), and an answer is
cut at a row limit, with a ``Warning`` header saying so.

Queries run in worker processes over an on-disk Oxigraph store
(:mod:`kg.sparql.workers`); a graph file is first loaded into a temporary store.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import parse_qs, urlsplit

from kg.errors import KgError, QueryError
from kg.sparql.workers import QueryPool, QueryTimeout

__all__ = ["GRAPH_MEDIA", "RESULT_MEDIA", "Endpoint", "negotiate"]

RESULT_MEDIA: dict[str, tuple[str, ...]] = {
    "json": ("application/sparql-results+json", "application/json"),
    "xml": ("application/sparql-results+xml", "application/xml", "text/xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
}
"""SELECT/ASK formats → the media types that ask for them (the first is the one sent)."""

GRAPH_MEDIA: dict[str, tuple[str, ...]] = {
    "turtle": ("text/turtle", "application/x-turtle", "application/turtle"),
    "ntriples": ("application/n-triples", "text/plain"),
    "jsonld": ("application/ld+json",),
    "rdfxml": ("application/rdf+xml",),
}
"""CONSTRUCT/DESCRIBE formats → the media types that ask for them."""


def _ranges(accept: str) -> list[tuple[str, float]]:
    """Parse an Accept header into (media range, q) pairs."""
    ranges = []
    for part in accept.split(","):
        fields = [field.strip() for field in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for field in fields[1:]:
            name, _, value = field.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    return ranges


def negotiate(accept: str | None, offers: dict[str, tuple[str, ...]]) -> str:
    """Return the format in ``offers`` that ``accept`` prefers (the first offer when none fits).

    The most specific matching range gives a media type its quality
    (``text/csv`` over ``text/*`` over ``*/*``); ties go to the earlier offer.

    Examples
    --------
    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_MEDIA)
    'xml'
    >>> negotiate("text/csv", RESULT_MEDIA), negotiate(None, GRAPH_MEDIA), negotiate("image/png", RESULT_MEDIA)
    ('csv', 'turtle', 'json')
    """
    ranges = _ranges(accept or "*/*")
    best, best_q = next(iter(offers)), 0.0
    for fmt, types in offers.items():
        for media in types:
            kind = media.split("/")[0] + "/*"
            matches = [(rank, q) for rng, q in ranges
                       for rank, pattern in ((3, media), (2, kind), (1, "*/*")) if rng == pattern]
            q = max(matches)[1] if matches else 0.0
            if q > best_q:
                best, best_q = fmt, q
    return best


class _Handler(BaseHTTPRequestHandler):
    """One HTTP request to the endpoint."""

    server: _Server
    server_version = "paperkg-sparql"
    protocol_version = "HTTP/1.1"

    def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8",
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _fail(self, status: HTTPStatus, message: str) -> None:
        if status in (HTTPStatus.LENGTH_REQUIRED, HTTPStatus.REQUEST_ENTITY_TOO_LARGE, HTTPStatus.REQUEST_URI_TOO_LONG):
            # the rest of the request is unread: do not reuse the connection
            self.close_connection = True
        self._send(status, f"error: {message}\n".encode(),
                   extra={"Connection": "close"} if self.close_connection else None)

    def _answer(self, fields: dict[str, list[str]]) -> None:
        """Run the query in ``fields`` (decoded form or URL parameters) and send the answer."""
        if "update" in fields:
            return self._fail(HTTPStatus.FORBIDDEN, "this endpoint is read-only; updates are refused")
        if "default-graph-uri" in fields or "named-graph-uri" in fields:
            return self._fail(HTTPStatus.BAD_REQUEST, "the graph has one default graph; "
                              "fix: leave out default-graph-uri and named-graph-uri")
        queries = fields.get("query", [])
        if len(queries) != 1:
            return self._fail(HTTPStatus.BAD_REQUEST, "give exactly one query parameter, e.g. /sparql?query=ASK{}")
        accept = self.headers.get("Accept")
        results_fmt, graph_fmt = negotiate(accept, RESULT_MEDIA), negotiate(accept, GRAPH_MEDIA)
        try:
            answer = self.server.pool.run(queries[0], results_fmt, graph_fmt)
        except QueryTimeout as err:
            return self._fail(HTTPStatus.SERVICE_UNAVAILABLE, str(err))
        except QueryError as err:
            return self._fail(HTTPStatus.BAD_REQUEST, str(err))
        except KgError as err:
            return self._fail(HTTPStatus.INTERNAL_SERVER_ERROR, str(err))
        media = (RESULT_MEDIA if answer.kind == "results" else GRAPH_MEDIA)[answer.format][0]
        extra = {"Vary": "Accept"}
        if answer.truncated:
            limit = self.server.pool.max_rows
            extra["Warning"] = f'199 paperkg "answer cut at {limit} rows; add a LIMIT or raise --max-rows"'
            extra["X-Paperkg-Truncated"] = str(limit)
        self._send(HTTPStatus.OK, answer.body, f"{media}; charset=utf-8", extra=extra)

    def do_GET(self) -> None:
        """Serve the editor at ``/`` and queries at ``/sparql?query=…``."""
        if len(self.path) > self.server.max_request:
            return self._fail(HTTPStatus.REQUEST_URI_TOO_LONG, f"the URL is longer than {self.server.max_request} "
                              "bytes; fix: send the query by POST")
        url = urlsplit(self.path)
        if url.path == "/":
            return self._send(HTTPStatus.OK, self.server.page, "text/html; charset=utf-8")
        if url.path != "/sparql":
            return self._fail(HTTPStatus.NOT_FOUND, f"no page {url.path}; the endpoint is /sparql")
        self._answer(parse_qs(url.query, keep_blank_values=True))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        """Take a query as an HTML form or as ``application/sparql-query``."""
        if urlsplit(self.path).path != "/sparql":
            return self._fail(HTTPStatus.NOT_FOUND, "queries go to /sparql")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._fail(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
        if length > self.server.max_request:
            return self._fail(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                              f"the request is larger than {self.server.max_request} bytes")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            return self._answer(parse_qs(body, keep_blank_values=True))
        if kind == "application/sparql-query":
            fields = parse_qs(urlsplit(self.path).query)
            fields["query"] = [body]
            return self._answer(fields)
        if kind == "application/sparql-update":
            return self._fail(HTTPStatus.FORBIDDEN, "this endpoint is read-only; updates are refused")
        self._fail(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"cannot read a {kind or 'untyped'} body; fix: send "
                   "application/sparql-query or application/x-www-form-urlencoded")

    def do_OPTIONS(self) -> None:
        """Answer a CORS preflight."""
        self._send(HTTPStatus.NO_CONTENT, b"", extra={"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                                      "Access-Control-Allow-Headers": "Content-Type, Accept"})

    def _refuse(self) -> None:
        self._fail(HTTPStatus.METHOD_NOT_ALLOWED, f"{self.command} is not allowed; the endpoint is read-only")

    do_PUT = do_DELETE = do_PATCH = _refuse

    def log_message(self, format: str, *args: object) -> None:
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    pool: QueryPool
    page: bytes
    max_request: int
    quiet: bool


class Endpoint:
    """The endpoint over ``store`` (an on-disk store) or ``graph`` (an RDF file, loaded into a temporary store).

    Examples
    --------
    ``with Endpoint(graph=Path("outputs/graph.ttl"), port=0) as endpoint:
    endpoint.serve_forever()``; :attr:`url` is the address of ``/sparql``.

    Raises
    ------
    GraphError
        When the graph or store cannot be read.
    OSError
        When the address cannot be bound.
    """

    def __init__(self, *, graph: Path | None = None, store: Path | None = None, host: str = "127.0.0.1",
                 port: int = 7878, timeout: float = 30.0, workers: int = 2, max_request: int = 1 << 20,
                 quiet: bool = False, max_rows: int = 100_000, allow_service: bool = False) -> None:
        from kg.graph.namespace import PREFIXES
        from kg.sparql.editor import page
        from kg.sparql.store import create_store, open_store

        self._temp: Path | None = None
        if store is None:
            if graph is None:
                raise KgError("give a graph file or a store folder")
            self._temp = Path(tempfile.mkdtemp(prefix="kg-serve-"))
            store = self._temp / "store"
        try:
            if graph is not None and self._temp is not None:
                create_store(graph, store)
            open_store(store)  # fails early, with a clear message, when there is no store
            self.pool = QueryPool(store, workers=workers, timeout=timeout, max_rows=max_rows,
                                  allow_service=allow_service)
            try:
                self.server = _Server((host, port), _Handler)
            except OSError:
                self.pool.close()
                raise
        except BaseException:
            self._remove_temp()
            raise
        self.server.pool = self.pool
        self.server.page = page(list(PREFIXES))
        self.server.max_request = max_request
        self.server.quiet = quiet
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The address of the SPARQL endpoint, ``http://host:port/sparql``."""
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def serve_forever(self) -> None:
        """Answer requests until interrupted or :meth:`close` is called from another thread."""
        self.server.serve_forever()

    def start(self) -> Endpoint:
        """Answer requests in a background thread; return self."""
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def _remove_temp(self) -> None:
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
            self._temp = None

    def close(self) -> None:
        """Stop answering, stop the workers and remove the temporary store."""
        if self._thread is not None:
            self.server.shutdown()
            self._thread.join()
            self._thread = None
        self.server.server_close()
        self.pool.close()
        self._remove_temp()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
