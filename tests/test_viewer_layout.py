"""Tests of kg.viewer.layout: deterministic, finite, spread-out starting positions."""

from __future__ import annotations

import math

import networkx as nx

from kg.viewer.layout import IDEAL_DISTANCE, layout


def test_layout_is_deterministic_and_order_free() -> None:
    g = nx.MultiDiGraph(nx.les_miserables_graph())
    reordered = nx.MultiDiGraph()
    reordered.add_nodes_from(reversed(list(g.nodes)))
    reordered.add_edges_from(reversed(list(g.edges)))
    assert layout(g) == layout(reordered) == layout(g, seed=7)
    assert layout(g) != layout(g, seed=8)


def test_layout_keeps_linked_nodes_closer_than_unlinked() -> None:
    g = nx.MultiDiGraph(nx.les_miserables_graph())
    pos = layout(g)
    linked = [math.dist(pos[u], pos[v]) for u, v in g.edges()]
    nodes = sorted(g)
    apart = [math.dist(pos[a], pos[b]) for a in nodes[::3] for b in nodes[1::3] if not g.has_edge(a, b) and not g.has_edge(b, a)]
    assert sum(linked) / len(linked) < sum(apart) / len(apart)
    assert all(math.isfinite(c) for p in pos.values() for c in p)
    assert min(math.dist(pos[a], pos[b]) for a in nodes for b in nodes if a < b) > IDEAL_DISTANCE / 20


def test_layout_of_empty_and_single_node_graphs() -> None:
    assert layout(nx.MultiDiGraph()) == {}
    g = nx.MultiDiGraph()
    g.add_node("x")
    assert list(layout(g)) == ["x"]
