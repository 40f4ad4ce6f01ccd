"""Every measure the report shows, computed once for one graph: :func:`analyze` gives an :class:`Analysis`."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.analysis.centrality import Bridge, Ranked, bridges, rank_entities
from kg.analysis.communities import SEED, Community, find_communities, membership
from kg.analysis.projections import bipartite_graph, link_graph
from kg.analysis.similarity import SimilarPair, hub_limit, similar_pairs
from kg.analysis.tables import isolated_papers, role_counts, top_pairs, type_counts

__all__ = ["TOP", "Analysis", "analyze"]

TOP = 10
"""Rows per ranking and table in the report."""

@dataclass(frozen=True)
class Analysis:
    """Every result the report shows, for the graph ``view``."""

    view: nx.MultiDiGraph
    types: dict[str, int]
    roles: dict[str, int]
    ranking: dict[str, list[Ranked]]
    communities: list[Community]
    method_task: list[tuple[str, str, int]]
    model_dataset: list[tuple[str, str, int]]
    similar: list[SimilarPair]
    bridges: list[Bridge]
    sampled: int | None
    isolated: list[str]
    hubs: tuple[int, int] = (0, 0)

    def label(self, node: str) -> str:
        """Return the label of ``node``, safe inside a Markdown table cell."""
        return " ".join(str(self.view.nodes[node]["label"]).split()).replace("|", "\\|")


def analyze(view: nx.MultiDiGraph, *, top: int = TOP, seed: int = SEED) -> Analysis:
    """Run every analysis of the report on ``view`` (from :func:`kg.to_networkx`).

    Notes
    -----
    Each step is near-linear in the size of the graph except betweenness,
    which is ``O(V·E)`` below ``EXACT_BETWEENNESS_LIMIT`` nodes and sampled
    above, and similarity, bounded by the sum of squared non-hub postings.
    """
    links = link_graph(view)
    limit = hub_limit(sum(1 for _, kind in view.nodes(data="kind") if kind == "Paper"))
    hubs = sum(1 for node, kind in view.nodes(data="kind") if kind != "Paper" and view.in_degree(node) > limit)
    communities = find_communities(bipartite_graph(view), seed=seed)
    found, sampled = bridges(links, membership(links, communities), top=top)
    return Analysis(
        view=view,
        types=type_counts(view),
        roles=role_counts(view),
        ranking=rank_entities(links),
        communities=communities,
        method_task=top_pairs(view, "Method", "Task", top=top),
        model_dataset=top_pairs(view, "Model", "Dataset", top=top),
        similar=similar_pairs(view, top=top),
        bridges=found,
        sampled=sampled,
        isolated=isolated_papers(view),
        hubs=(hubs, limit),
    )
