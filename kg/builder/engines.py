"""Where extraction runs: in this machine's processes (``local``) or on a Dask cluster (``dask``).

Every engine yields one :class:`~kg.records.Extraction` per paper in input
order, so the build's output does not depend on the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from kg.builder.options import EngineOptions
from kg.errors import KgError
from kg.records import Extraction, Paper

__all__ = ["ENGINES", "run_engine"]


def _local(papers: Sequence[Paper], options: EngineOptions) -> Iterator[Extraction]:
    from kg.extract import extract

    return extract(papers, threshold=options.threshold, statistical=options.statistical, processes=options.processes)


def _dask(papers: Sequence[Paper], options: EngineOptions) -> Iterator[Extraction]:
    from kg.builder.dask_engine import extract_dask

    return extract_dask(papers, options)


ENGINES: dict[str, Callable[[Sequence[Paper], EngineOptions], Iterator[Extraction]]] = {
    "local": _local,
    "dask": _dask,
}
"""Engine name → function yielding the extractions of the papers, in order."""


def run_engine(name: str, papers: Sequence[Paper], options: EngineOptions) -> Iterator[Extraction]:
    """Extract ``papers`` with the engine ``name``.

    Raises
    ------
    KgError
        For an unknown engine name.

    Examples
    --------
    >>> run_engine("spark", [], EngineOptions(0.45))
    Traceback (most recent call last):
    ...
    kg.errors.KgError: unknown engine 'spark'; fix: use one of dask, local
    """
    if name not in ENGINES:
        raise KgError(f"unknown engine {name!r}; fix: use one of {', '.join(sorted(ENGINES))}")
    return ENGINES[name](papers, options)
