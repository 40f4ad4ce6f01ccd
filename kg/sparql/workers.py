"""A pool of worker processes that answer SPARQL queries with a hard time limit.

Oxigraph cannot interrupt a running query, so each query runs in a worker
process with its own read-only handle on the on-disk store; a worker that
overruns the limit is killed and replaced, and the client gets a timeout
error while the other workers go on answering.
"""

from __future__ import annotations

import multiprocessing
import queue
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Self

from kg.errors import KgError

__all__ = ["Answer", "QueryPool", "QueryTimeout"]

_STARTUP_SECONDS = 60.0


class QueryTimeout(KgError):
    """A query that ran longer than the pool's time limit."""


@dataclass(frozen=True)
class Answer:
    """A serialized answer: ``kind`` is ``"results"`` (SELECT, ASK) or ``"graph"`` (CONSTRUCT, DESCRIBE).

    ``truncated`` is True when rows beyond the pool's row limit were left out.
    """

    kind: str
    format: str
    body: bytes
    truncated: bool = False


def _work(conn: Connection, store_dir: str, max_rows: int, allow_service: bool) -> None:
    """Worker loop: open the store read-only, then answer (query, results format, graph format) messages."""
    import pyoxigraph as ox

    from kg.errors import QueryError
    from kg.sparql.execute import execute
    from kg.sparql.rows import render_cut
    from kg.sparql.store import open_store

    try:
        store = open_store(store_dir)
    except KgError as err:
        conn.send(("error", str(err)))
        return
    conn.send(("ready", ""))
    while True:
        try:
            query, results_fmt, graph_fmt = conn.recv()
        except EOFError:
            return
        try:
            result = execute(store, query, allow_service=allow_service)
            kind, fmt = ("graph", graph_fmt) if isinstance(result, ox.QueryTriples) else ("results", results_fmt)
            cut = render_cut(result, fmt, max_rows)
            conn.send(("ok", Answer(kind, fmt, cut.body, cut.truncated)))
        except QueryError as err:
            conn.send(("error", str(err)))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection


class QueryPool:
    """``workers`` processes querying the store at ``store_dir``, each query limited to ``timeout`` seconds.

    An answer holds at most ``max_rows`` rows (or triples); SERVICE clauses
    are refused unless ``allow_service``.

    Use as a context manager, or call :meth:`close`; :meth:`run` is safe to
    call from several threads at once (each call takes an idle worker).
    """

    def __init__(self, store_dir: str | Path, *, workers: int = 2, timeout: float = 30.0,
                 max_rows: int = 100_000, allow_service: bool = False) -> None:
        self.store_dir = str(store_dir)
        self.timeout = timeout
        self.max_rows = max_rows
        self.allow_service = allow_service
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        try:
            for _ in range(workers):
                self._idle.put(self._start())
        except KgError:
            self.close()
            raise

    def _start(self) -> _Worker:
        """Start one worker and wait until its store is open."""
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_work, args=(child, self.store_dir, self.max_rows, self.allow_service), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._all.append(worker)
        if not parent.poll(_STARTUP_SECONDS):
            raise KgError(f"{self.store_dir}: a query worker did not start; fix: check the store and free memory")
        status, message = parent.recv()
        if status != "ready":
            raise KgError(message)
        return worker

    def _stop(self, worker: _Worker) -> None:
        """Kill a worker and forget it."""
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        if worker in self._all:
            self._all.remove(worker)

    def run(self, query: str, results_fmt: str, graph_fmt: str) -> Answer:
        """Answer ``query``: SELECT/ASK serialized as ``results_fmt``, CONSTRUCT/DESCRIBE as ``graph_fmt``.

        Raises
        ------
        QueryError
            When the query cannot be parsed or run.
        QueryTimeout
            When no answer comes within the time limit (the worker is replaced).
        """
        from kg.errors import QueryError

        worker = self._idle.get()
        healthy = True
        try:
            worker.conn.send((query, results_fmt, graph_fmt))
            if not worker.conn.poll(self.timeout):
                healthy = False
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped; "
                                   "fix: add a LIMIT or make the query more selective")
            status, payload = worker.conn.recv()
        except (EOFError, OSError) as err:  # the worker died, e.g. out of memory
            healthy = False
            raise QueryError("the query worker stopped while answering; fix: make the query "
                             "more selective") from err
        finally:
            if not healthy:
                self._stop(worker)
                worker = self._start()
            self._idle.put(worker)
        if status != "ok":
            raise QueryError(payload)
        return payload

    def close(self) -> None:
        """Stop every worker."""
        for worker in list(self._all):
            self._stop(worker)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
