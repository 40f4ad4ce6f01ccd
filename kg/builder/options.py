"""The options of extraction, shared by every engine (:mod:`kg.builder.engines`, :mod:`kg.builder.dask_engine`)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EngineOptions"]


@dataclass(frozen=True)
class EngineOptions:
    """How to extract: the settings, and where (``processes`` locally; a scheduler address for Dask).

    ``batch_size`` is the number of papers in one Dask task.
    """

    threshold: float
    statistical: bool = True
    processes: int = 1
    scheduler: str | None = None
    batch_size: int = 256
