"""Graph analysis for people who study the field.

Load a graph once with :func:`load` (``kg.load``) and ask networkx the
questions it answers well: which entities are central, which groups of
papers form, which methods go with which tasks, which papers are alike, what
connects two areas. :func:`write_report` (``kg analyze``) runs them all and
writes a Markdown report with charts.

Modules: :mod:`~kg.analysis.load` (the loaded graph),
:mod:`~kg.analysis.projections` (bipartite, co-occurrence and link graphs),
:mod:`~kg.analysis.similarity` (paper similarity through shared entities),
:mod:`~kg.analysis.centrality`, :mod:`~kg.analysis.communities`,
:mod:`~kg.analysis.tables`, :mod:`~kg.analysis.report` and
:mod:`~kg.analysis.charts`.
"""

from __future__ import annotations

from kg.analysis.centrality import Bridge, Ranked, bridges, rank_entities
from kg.analysis.communities import Community, find_communities, membership
from kg.analysis.load import KnowledgeGraph, load
from kg.analysis.projections import (
    bipartite_graph,
    cooccurrence_graph,
    link_graph,
    paper_links,
    postings,
)
from kg.analysis.measures import Analysis, analyze
from kg.analysis.report import render_report, write_report
from kg.analysis.similarity import (
    SimilarityIndex,
    SimilarPair,
    most_similar,
    similar_pairs,
    similarity_graph,
)
from kg.analysis.tables import (
    isolated_papers,
    pair_counts,
    role_counts,
    top_pairs,
    type_counts,
)

__all__ = [
    "Analysis",
    "Bridge",
    "Community",
    "KnowledgeGraph",
    "Ranked",
    "SimilarPair",
    "SimilarityIndex",
    "analyze",
    "bipartite_graph",
    "bridges",
    "cooccurrence_graph",
    "find_communities",
    "isolated_papers",
    "link_graph",
    "load",
    "membership",
    "most_similar",
    "pair_counts",
    "paper_links",
    "postings",
    "rank_entities",
    "render_report",
    "role_counts",
    "similar_pairs",
    "similarity_graph",
    "top_pairs",
    "type_counts",
    "write_report",
]
