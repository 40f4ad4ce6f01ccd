"""Extraction on several processes: papers are independent, so chunks of them go to worker processes.

spaCy's own ``n_process`` would send ``Doc`` objects between processes, and
the pipeline's custom annotations (candidates, abbreviations) do not survive
that trip. Workers here run the whole per-paper extraction and send back
:class:`~kg.records.Extraction` records, which are small frozen dataclasses.
Chunks come back in input order, so the output does not depend on the
number of processes.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Collection, Iterable, Iterator
from itertools import islice

from kg.exits import default_sigterm
from kg.extract.papers import extract_papers
from kg.extract.pipeline import shared_nlp
from kg.records import Extraction, Paper

__all__ = ["CHUNK", "extract_parallel"]

CHUNK = 32
"""Papers per task sent to a worker."""

_settings: dict[str, object] = {}


def _init(threshold: float, statistical: bool, disabled: tuple[str, ...]) -> None:
    default_sigterm()  # the pool ends its workers with SIGTERM
    _settings.update(threshold=threshold, statistical=statistical, disabled=disabled)


def _work(chunk: list[Paper]) -> list[Extraction]:
    nlp = shared_nlp(bool(_settings["statistical"]), _settings["disabled"])  # type: ignore[arg-type]
    return list(extract_papers(chunk, nlp, threshold=float(_settings["threshold"])))  # type: ignore[arg-type]


def _chunks(papers: Iterable[Paper]) -> Iterator[list[Paper]]:
    it = iter(papers)
    while chunk := list(islice(it, CHUNK)):
        yield chunk


def extract_parallel(papers: Iterable[Paper], processes: int, *, threshold: float, statistical: bool = True,
                     disabled: Collection[str] = ()) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per paper, in input order, extracted by ``processes`` worker processes.

    ``disabled`` names rules the workers' pipelines switch off.
    """
    off = tuple(sorted(disabled))
    forking = "fork" in multiprocessing.get_all_start_methods()
    if forking:
        shared_nlp(statistical, off)  # built once here; forked workers inherit it
    context = multiprocessing.get_context("fork" if forking else "spawn")
    with context.Pool(processes, initializer=_init, initargs=(threshold, statistical, off)) as pool:
        for extractions in pool.imap(_work, _chunks(papers)):
            yield from extractions
