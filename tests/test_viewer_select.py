"""Tests of kg.viewer.select: types, neighbourhoods and the node limit of a view."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.errors import ViewError
from kg.viewer.select import find_nodes, select_view


def star_graph() -> nx.MultiDiGraph:
    """Three papers around LoRA; p1 also uses GSM8K, p3 addresses a task; one lone paper."""
    g = nx.MultiDiGraph()
    for p in ("p1", "p2", "p3", "lone"):
        g.add_node(p, kind="Paper", label=f"Paper {p}", title=f"Paper {p}", identifier=p)
    g.add_node("m/lora", kind="Method", label="LoRA", aliases="Low-Rank Adaptation; LoRA adapters")
    g.add_node("d/gsm8k", kind="Dataset", label="GSM8K", aliases="")
    g.add_node("t/qa", kind="Task", label="question answering", aliases="QA")
    for p in ("p1", "p2", "p3"):
        g.add_edge(p, "m/lora", key="uses", role="uses")
    g.add_edge("p1", "d/gsm8k", key="evaluatesOn", role="evaluatesOn")
    g.add_edge("p3", "t/qa", key="addresses", role="addresses")
    return g


@pytest.mark.parametrize("name", ["LoRA", "lora", "low-rank  ADAPTATION", "m/lora"])
def test_find_nodes_by_label_alias_or_iri(name: str) -> None:
    assert find_nodes(star_graph(), name) == ["m/lora"]


def test_find_nodes_unknown_name_suggests_close_labels() -> None:
    with pytest.raises(ViewError, match=r"no node is named 'GSM8' ; fix: .*'GSM8K'".replace(" ;", ";")):
        find_nodes(star_graph(), "GSM8")


def test_select_view_whole_graph_has_no_note() -> None:
    view = select_view(star_graph())
    assert set(view.graph) == set(star_graph()) and view.note == "" and view.left_out == {}


@pytest.mark.parametrize(
    ("depth", "expected"),
    [(0, {"d/gsm8k"}), (1, {"d/gsm8k", "p1"}), (2, {"d/gsm8k", "p1", "m/lora"}),
     (3, {"d/gsm8k", "p1", "m/lora", "p2", "p3"})],
)
def test_select_view_around_goes_depth_links_either_way(depth: int, expected: set[str]) -> None:
    view = select_view(star_graph(), around="gsm8k", depth=depth)
    assert set(view.graph) == expected
    assert view.centers == ("d/gsm8k",)
    assert view.note.startswith("Around 'gsm8k', ")


def test_select_view_types_keep_the_center() -> None:
    view = select_view(star_graph(), types=["Paper"], around="LoRA", depth=1)
    assert set(view.graph) == {"m/lora", "p1", "p2", "p3"}
    assert "Types: Paper." in view.note


def test_select_view_max_nodes_keeps_best_connected_and_says_what_left() -> None:
    g = star_graph()
    view = select_view(g, max_nodes=3)
    kept = sorted(g, key=lambda n: (-g.degree(n), n))[:3]
    assert set(view.graph) == set(kept) == {"m/lora", "p1", "p3"}
    assert view.total == 7 and view.left_out == {"Dataset": 1, "Paper": 2, "Task": 1}
    assert view.note == "Showing the 3 best-connected of 7 nodes; left out: 2 papers, 1 task, 1 dataset."
    assert sorted(view.graph.edges(keys=True)) == [("p1", "m/lora", "uses"), ("p3", "m/lora", "uses")]


def test_select_view_max_nodes_never_drops_the_center() -> None:
    view = select_view(star_graph(), around="lone", depth=3, max_nodes=1)
    assert set(view.graph) == {"lone"}


@pytest.mark.parametrize(
    ("options", "message"),
    [({"depth": -1}, "depth -1 is negative"), ({"max_nodes": 0}, "max-nodes 0 leaves nothing")],
)
def test_select_view_rejects_bad_limits(options: dict[str, int], message: str) -> None:
    with pytest.raises(ViewError, match=message):
        select_view(star_graph(), **options)
