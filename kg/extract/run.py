"""Run the pipeline over papers and turn its candidates into :class:`Extraction` records."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from spacy.language import Language

from kg.extract.choose import select
from kg.extract.papers import extract_papers
from kg.extract.parallel import extract_parallel
from kg.extract.pipeline import shared_nlp
from kg.records import Extraction, Paper

__all__ = ["DEFAULT_THRESHOLD", "extract", "select"]

DEFAULT_THRESHOLD = 0.45
"""Mentions less confident than this are left out unless the caller asks for them.

It sits above the confidence of broad lexicon concepts ("deep learning", 0.4)
and below every other extractor's."""


def extract(papers: Iterable[Paper], nlp: Language | None = None, *, threshold: float = DEFAULT_THRESHOLD,
            batch_size: int = 64, statistical: bool = True, processes: int = 1,
            disabled: Collection[str] = ()) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per paper, in input order.

    Parameters
    ----------
    papers
        The papers to read.
    nlp
        The pipeline; by default :func:`kg.extract.pipeline.shared_nlp`.
    threshold
        Mentions with a lower confidence are left out.
    statistical
        With the default pipeline: False leaves the trained recogniser out (rules only).
    processes
        With the default pipeline: how many worker processes extract (1: this process).
    disabled
        With the default pipeline: names of rules to switch off (see :data:`kg.extract.registry.RULES`).

    Raises
    ------
    UnknownRuleError
        When ``disabled`` names a rule the registry does not know.
    """
    if nlp is None and processes > 1:
        yield from extract_parallel(papers, processes, threshold=threshold, statistical=statistical, disabled=disabled)
        return
    nlp = nlp or shared_nlp(statistical, disabled)
    yield from extract_papers(papers, nlp, threshold=threshold, batch_size=batch_size)
