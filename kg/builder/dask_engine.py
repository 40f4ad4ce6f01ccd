"""Extraction on a Dask cluster (``dask.distributed``): batches of papers as tasks, results streamed back in order.

Without a scheduler address a :class:`~distributed.LocalCluster` of
``processes`` single-threaded worker processes is started for the build.
Each worker builds the extraction pipeline once (on its first batch) and
keeps it; batches are submitted a few at a time, and their extractions are
yielded in input order as they come back, so resolution starts on the first
batch while the cluster works on the next and the output is the local
engine's, byte for byte. Workers need paperkg installed (same version).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator, Sequence

from kg.builder.options import EngineOptions
from kg.errors import KgError
from kg.records import Extraction, Paper

__all__ = ["extract_batch", "extract_dask"]

_LOCK = threading.Lock()  # one pipeline per worker process, used by one thread at a time
_IN_FLIGHT = 3  # batches submitted per worker ahead of the one being read


def extract_batch(papers: list[Paper], threshold: float, statistical: bool) -> list[Extraction]:
    """The task run on a worker: extract one batch with the worker's pipeline (built on first use)."""
    from kg.extract import extract

    with _LOCK:
        return list(extract(papers, threshold=threshold, statistical=statistical))


def _client(options: EngineOptions):  # type: ignore[no-untyped-def]  # distributed is an optional extra
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise KgError("the dask engine needs dask.distributed; fix: pip install 'paperkg[cluster]'") from err
    if options.scheduler:
        try:
            return Client(options.scheduler, timeout=10), None
        except (OSError, TimeoutError) as err:
            raise KgError(f"cannot reach the Dask scheduler at {options.scheduler} ({err}); "
                          "fix: start it with `dask scheduler` and check the address") from err
    cluster = LocalCluster(n_workers=options.processes, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=40)
    return Client(cluster), cluster


def extract_dask(papers: Sequence[Paper], options: EngineOptions) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per paper, in input order, extracted by Dask workers."""
    client, cluster = _client(options)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or options.processes)
        size = max(1, options.batch_size)
        batches = (list(papers[i:i + size]) for i in range(0, len(papers), size))
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(extract_batch, batch, options.threshold, options.statistical, pure=False))
            if len(pending) >= workers * _IN_FLIGHT:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
