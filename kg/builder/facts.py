"""The whole pipeline in one call: papers → extraction → resolution → RDF graph."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rdflib import Graph

from kg.extract.run import DEFAULT_THRESHOLD
from kg.records import Extraction, Facts, Paper

__all__ = ["build", "build_facts"]


def build_facts(
    papers: Sequence[Paper],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    statistical: bool = True,
    processes: int = 1,
    on_paper: Callable[[Extraction], None] | None = None,
) -> Facts:
    """Extract and resolve the entities of ``papers``.

    Parameters
    ----------
    papers
        The papers, in the order they should appear in the graph.
    threshold
        Leave out mentions whose confidence is below this (0–1).
    statistical
        False extracts with the lexicon and rules only, without the trained recogniser.
    processes
        Worker processes for extraction; the result does not depend on it.
    on_paper
        Called after each paper is extracted (for progress reports).
    """
    from kg.extract import extract
    from kg.resolve.entities import resolve

    def tapped() -> Iterable[Extraction]:
        for extraction in extract(papers, threshold=threshold, statistical=statistical, processes=processes):
            if on_paper is not None:
                on_paper(extraction)
            yield extraction

    return resolve(tapped())


def build(papers: Iterable[Paper], *, threshold: float = DEFAULT_THRESHOLD, statistical: bool = True,
          processes: int = 1) -> Graph:
    """Build the knowledge graph of ``papers`` (options as for :func:`build_facts`).

    Examples
    --------
    >>> from kg.records import Paper
    >>> g = build([Paper("p1", "LoRA for GSM8K", "We fine-tune LLaMA-2-7B with LoRA on GSM8K.")])
    >>> sorted(str(o) for o in g.objects(None, g.namespace_manager.expand_curie("skos:prefLabel")))[:3]
    ['GSM8K', 'LLaMA-2', 'LLaMA-2-7B']
    """
    from kg.graph import facts_to_graph

    return facts_to_graph(build_facts(list(papers), threshold=threshold, statistical=statistical, processes=processes))
