"""A loaded paperkg graph: the RDF triples, their networkx view, and its projections.

:func:`load` is the analysts' entry point (``kg.load``): it reads a graph
file once and hands back a :class:`KnowledgeGraph` holding both the rdflib
graph (for SPARQL) and the networkx view (for graph algorithms), with lookup
by label and the three projections of :mod:`kg.analysis.projections`.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.analysis.projections import bipartite_graph, cooccurrence_graph, paper_links
from kg.analysis.similarity import SimilarPair, most_similar, similarity_graph
from kg.errors import AnalysisError
from kg.graph import load_graph, to_networkx
from kg.records import ENTITY_TYPES

__all__ = ["KnowledgeGraph", "load"]

KINDS = ("Paper", *ENTITY_TYPES)


class KnowledgeGraph:
    """A paperkg graph held twice: as RDF (``.rdf``) and as networkx (``.nx``).

    ``.nx`` is :func:`kg.to_networkx` of ``.rdf``: a ``MultiDiGraph`` keyed by
    IRI whose nodes carry plain ``str`` attributes ``type`` (``"Paper"``,
    ``"Method"``, ``"Model"``, ``"Task"`` or ``"Dataset"``; the same value as
    ``kind``) and ``label``, and whose edges carry ``role``.

    Parameters
    ----------
    rdf : rdflib.Graph
        A paperkg graph.
    path : Path, optional
        The file it was read from, when it was.

    Examples
    --------
    >>> from kg.graph.build import facts_to_graph
    >>> from kg.records import Entity, Facts, Link, Mention, Paper
    >>> m = Mention("LoRA", "title", 5, 9, "Method", "uses", "lexicon", 1.0)
    >>> facts = Facts((Paper(id="p1", title="With LoRA"),), (Entity("method/lora", "Method", "LoRA"),),
    ...               (Link("p1", "method/lora", "uses", (m,)),))
    >>> kgraph = KnowledgeGraph(facts_to_graph(facts))
    >>> node = kgraph.find("lora")
    >>> kgraph.nx.nodes[node]["type"], kgraph.label(node), len(kgraph.papers())
    ('Method', 'LoRA', 1)
    """

    def __init__(self, rdf: Graph, path: Path | None = None) -> None:
        self.rdf = rdf
        self.path = path
        self.nx: nx.MultiDiGraph = to_networkx(rdf)
        for _, data in self.nx.nodes(data=True):
            data["type"] = data["kind"]

    def __repr__(self) -> str:
        where = f" from {self.path}" if self.path else ""
        return f"<KnowledgeGraph{where}: {len(self.papers())} papers, {len(self.entities())} entities>"

    def papers(self) -> list[str]:
        """Return the IRIs of the papers, sorted."""
        return [n for n, kind in self.nx.nodes(data="kind") if kind == "Paper"]

    def entities(self, kind: str | None = None) -> list[str]:
        """Return the IRIs of the entities, sorted; only those of ``kind`` when given.

        Raises
        ------
        AnalysisError
            When ``kind`` is not one of Method, Model, Task, Dataset.
        """
        if kind is not None and kind not in ENTITY_TYPES:
            raise AnalysisError(f"unknown entity type {kind!r}; use one of {', '.join(ENTITY_TYPES)}")
        return [n for n, k in self.nx.nodes(data="kind") if k != "Paper" and (kind is None or k == kind)]

    def label(self, node: str) -> str:
        """Return the label of ``node`` (an entity's preferred label, a paper's title)."""
        return str(self.nx.nodes[node]["label"])

    def links(self) -> dict[str, frozenset[str]]:
        """Return each paper's linked entities (see :func:`kg.analysis.paper_links`)."""
        return paper_links(self.nx)

    def find(self, name: str, kind: str | None = None) -> str:
        """Return the node named ``name``: an IRI, a paper identifier, a label or an alias.

        Exact matches win over case-insensitive ones, labels over aliases.

        Parameters
        ----------
        name : str
            What to look for.
        kind : str, optional
            Only consider nodes of this type ("Paper", "Method", …).

        Raises
        ------
        AnalysisError
            When nothing matches, or several nodes match equally well; the
            message lists them, or says how to list the names.

        Notes
        -----
        Linear in the number of nodes.
        """
        if kind is not None and kind not in KINDS:
            raise AnalysisError(f"unknown type {kind!r}; use one of {', '.join(KINDS)}")
        if name in self.nx and (kind is None or self.nx.nodes[name]["kind"] == kind):
            return name
        wanted = name.strip().casefold()
        tiers: list[list[str]] = [[], [], [], []]
        for node, data in self.nx.nodes(data=True):
            if kind is not None and data["kind"] != kind:
                continue
            names = [data["label"], data.get("identifier", "")]
            aliases = [a for a in data.get("aliases", "").split("; ") if a]
            if name in names:
                tiers[0].append(node)
            elif wanted in (n.casefold() for n in names):
                tiers[1].append(node)
            elif name in aliases:
                tiers[2].append(node)
            elif wanted in (a.casefold() for a in aliases):
                tiers[3].append(node)
        for found in tiers:
            if len(found) == 1:
                return found[0]
            if found:
                options = "; ".join(f"{self.nx.nodes[n]['kind']} {n}" for n in found[:10])
                raise AnalysisError(f"{name!r} names {len(found)} nodes ({options}); pass a type or an IRI")
        what = f"{kind} " if kind else ""
        raise AnalysisError(
            f"no {what}node is named {name!r}; "
            "fix: use a label, alias, paper identifier or IRI (list them with `kg query`)"
        )

    def bipartite(self) -> nx.Graph:
        """Return the paper–entity graph (see :func:`kg.analysis.bipartite_graph`)."""
        return bipartite_graph(self.nx)

    def cooccurrence(self, kinds: tuple[str, ...] = ENTITY_TYPES) -> nx.Graph:
        """Return the entity co-occurrence graph (see :func:`kg.analysis.cooccurrence_graph`)."""
        return cooccurrence_graph(self.nx, kinds=kinds)

    def similarity(self, *, top_k: int | None = None, max_papers: int | None = None) -> nx.Graph:
        """Return the paper similarity graph (see :func:`kg.analysis.similarity_graph`)."""
        return similarity_graph(self.nx, top_k=top_k, max_papers=max_papers)

    def similar_to(self, paper: str, top: int = 5) -> list[SimilarPair]:
        """Return the ``top`` papers most like ``paper`` (found with :meth:`find`), best first."""
        return most_similar(self.nx, self.find(paper, kind="Paper"), top=top)


def load(path: str | Path) -> KnowledgeGraph:
    """Read the graph file at ``path`` (Turtle, or any RDF rdflib reads) for analysis.

    Parameters
    ----------
    path : str or Path
        A graph written by ``kg build``, e.g. ``outputs/graph.ttl``.

    Returns
    -------
    KnowledgeGraph
        ``.rdf`` (rdflib.Graph), ``.nx`` (networkx.MultiDiGraph) and the projections.

    Raises
    ------
    GraphError
        When the file is missing or cannot be parsed.

    Examples
    --------
    >>> import kg
    >>> kgraph = kg.load("outputs/graph.ttl")          # doctest: +SKIP
    >>> kgraph.nx.nodes[kgraph.find("GSM8K")]["type"]  # doctest: +SKIP
    'Dataset'
    """
    source = Path(path)
    return KnowledgeGraph(load_graph(source), path=source)
