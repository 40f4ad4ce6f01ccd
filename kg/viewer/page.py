"""Write the knowledge graph as one self-contained HTML page to explore it with.

pyvis renders the page, but through the template in :mod:`kg.viewer.template`
rather than its own, because pyvis's ``template.html``

* loads Bootstrap and tom-select from a CDN even with ``cdn_resources="in_line"``;
* assigns node titles to ``innerHTML`` in its tooltip and builds its select
  and filter menus from node data as markup, so a paper title could inject it;
* writes the options into a ``<script>`` unescaped.

Our page inlines pyvis's bundled vis-network script and CSS, embeds the
graph as JSON-escaped ``application/json`` blocks, sets no vis ``title`` or
``label`` (so vis shows no popup; the page draws labels on the canvas) and
shows details through ``textContent`` only (:mod:`kg.viewer.panel_script`). A
Content-Security-Policy allows exactly the page's inline scripts (by SHA-256)
and no network request at all.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import networkx as nx
from jinja2 import DictLoader, Environment
from pyvis.network import Network

from kg.atomic import write_bytes
from kg.errors import ViewError
from kg.graph.evidence import Evidence
from kg.graph.reported import RelationClaim, ReportedResult
from kg.viewer.assets import (
    KIND_STYLES,
    ROLES_SHOWN,
    swatch_css,
    vis_network_assets,
    vis_options,
)
from kg.viewer.data import edge_records, node_details, node_records, node_size
from kg.viewer.layout import layout
from kg.viewer.template import PAGE_CSS, PAGE_TEMPLATE
from kg.viewer.panel_script import PANEL_JS
from kg.viewer.results import add_findings
from kg.viewer.results_script import RESULTS_JS
from kg.viewer.safety import content_security_policy, external_loads, script_json
from kg.viewer.graph_script import GRAPH_JS
from kg.viewer.select import DEFAULT_MAX_NODES, Selection, drawn_links, select_view

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "DEFAULT_MAX_NODES",
    "KINDS",
    "LAYOUT_SEED",
    "PAGE_TITLE",
    "SCRIPTS",
    "external_loads",
    "html_page",
    "script_json",
    "write_html",
    "write_view",
]

KINDS: tuple[str, ...] = tuple(KIND_STYLES)
"""The node kinds the viewer draws, papers first."""

LAYOUT_SEED = 7
"""vis-network's ``layout.randomSeed``: the same graph gets the same layout on every load."""

PAGE_TITLE = "paperkg knowledge graph"

SCRIPTS: tuple[str, ...] = (GRAPH_JS, PANEL_JS, RESULTS_JS)
"""The page's own scripts, run in this order after vis-network's."""

_TEMPLATE_NAME = "paperkg_viewer.html"


def html_page(
    nxgraph: nx.MultiDiGraph,
    *,
    evidence: Iterable[Evidence] = (),
    arxiv: Mapping[str, str] | None = None,
    degrees: Mapping[str, int] | None = None,
    note: str = "",
    results: Iterable[ReportedResult] = (),
    claims: Iterable[RelationClaim] = (),
) -> str:
    """Return a self-contained interactive HTML page showing ``nxgraph``.

    Parameters
    ----------
    nxgraph : networkx.MultiDiGraph
        As made by ``kg.graph.to_networkx``: node ids are IRIs, each node has
        ``kind`` (one of :data:`KINDS`) and ``label``; papers also
        ``identifier``, ``title``, ``abstract`` and optionally ``url``,
        ``date`` and ``authors``; entities ``aliases`` ("; "-joined) and
        optionally ``concept``. Each edge has a ``role``.
    evidence : iterable of Evidence
        The mentions (``kg.graph.evidence.evidence``): marked in abstracts and
        shown as the sentence behind each link.
    arxiv : mapping, optional
        Paper IRI → arXiv id, for papers whose identifier is not one.
    degrees : mapping, optional
        Node → degree in the whole graph, when ``nxgraph`` is part of it
        (sizes and label priority follow it); default: degree in ``nxgraph``.
    note : str
        A sentence for the page saying what this view leaves out.
    results : iterable of ReportedResult
        The reported numbers (``kg.graph.reported.reported_results``): each
        shown dataset's panel has its leaderboard, each shown entity's its results.
    claims : iterable of RelationClaim
        The entity–entity relations (``kg.graph.reported.relation_claims``),
        listed with their evidence in the panels of the entities at either end.
        They are not drawn as edges.

    Returns
    -------
    str
        The page. The same arguments always give the same string, whatever
        the order the graph's nodes and edges were added in.

    Raises
    ------
    GraphError
        When a node's ``kind`` is not one of :data:`KINDS`.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p1", kind="Paper", label="Attention", title="Attention", identifier="1706.03762",
    ...            abstract="We propose the Transformer.", url="https://arxiv.org/abs/1706.03762")
    >>> g.add_node("m1", kind="Model", label="Transformer", aliases="")
    >>> _ = g.add_edge("p1", "m1", key="proposes", role="proposes")
    >>> page = html_page(g)
    >>> page.startswith("<!DOCTYPE html>"), "1 paper, 1 entity, 1 link" in page, external_loads(page)
    (True, True, [])

    Notes
    -----
    Linear in the graph's size and the evidence, plus sorting.
    """
    evidence = list(evidence)
    degrees = dict(degrees) if degrees is not None else {str(n): d for n, d in nxgraph.degree()}
    sizes = {str(n): node_size(degrees.get(str(n), 0)) for n in nxgraph}
    nodes = node_records(nxgraph, degrees, layout(nxgraph, seed=LAYOUT_SEED, sizes=sizes))
    edges = edge_records(nxgraph, evidence)
    counts = Counter(n["group"] for n in nodes)
    role_counts = Counter(e["role"] for e in edges)

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    # pyvis's add_node/add_edge check membership in lists (quadratic); the
    # records are already complete and unique, so they are handed over as they are.
    net.nodes, net.node_ids, net.edges = nodes, [n["id"] for n in nodes], edges
    net.node_map = {n["id"]: n for n in nodes}
    net.options = vis_options(LAYOUT_SEED, len(nodes))

    vis_js, vis_css = vis_network_assets()
    scripts = (vis_js, *SCRIPTS)
    env = Environment(loader=DictLoader({_TEMPLATE_NAME: PAGE_TEMPLATE}), autoescape=True)
    env.filters["script_json"] = script_json
    env.filters["json_loads"] = json.loads
    env.globals.update(
        page_title=PAGE_TITLE,
        csp=content_security_policy(scripts),
        vis_css=vis_css,
        page_css=PAGE_CSS + swatch_css(),
        scripts=scripts,
        stats=_stats(counts, len(edges)),
        note=note,
        details=add_findings(node_details(nxgraph, evidence, arxiv, degrees), results, claims),
        legend=[{"kind": kind, "count": counts[kind]} for kind in KINDS],
        roles=[{"role": role, "count": role_counts[role]} for role in ROLES_SHOWN],
    )
    net.templateEnv = env
    net.path = _TEMPLATE_NAME
    return net.generate_html()


def write_html(
    nxgraph: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    evidence: Iterable[Evidence] = (),
    arxiv: Mapping[str, str] | None = None,
    degrees: Mapping[str, int] | None = None,
    note: str = "",
    results: Iterable[ReportedResult] = (),
    claims: Iterable[RelationClaim] = (),
) -> None:
    """Write :func:`html_page` of ``nxgraph`` (same options) to ``path`` as UTF-8, byte for byte.

    The file needs nothing else: open it from disk in any browser, offline.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = pathlib.Path(folder) / "graph.html"
    ...     write_html(nx.MultiDiGraph(), out)
    ...     out.read_bytes() == html_page(nx.MultiDiGraph()).encode("utf-8")
    True
    """
    page = html_page(nxgraph, evidence=evidence, arxiv=arxiv, degrees=degrees, note=note, results=results,
                     claims=claims)
    try:
        write_bytes(path, page.encode("utf-8"))
    except OSError as err:
        raise ViewError(f"{path}: cannot write the view ({err.strerror}); fix: choose a writable file") from err


def write_view(
    graph: Graph,
    path: str | os.PathLike[str],
    *,
    types: Sequence[str] | None = None,
    around: str | None = None,
    depth: int = 1,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Selection:
    """Write the view of an RDF paperkg ``graph`` to ``path``: all of it, or the part asked for.

    ``types``, ``around``, ``depth`` and ``max_nodes`` are those of
    :func:`kg.viewer.select.select_view`; the page's note says what was left
    out. Marked mentions and link evidence come from the graph's
    ``kg:Mention`` nodes; leaderboards, results and relations from its
    ``kg:Result`` and ``kg:Claim`` nodes. Returns the selection drawn.

    Raises
    ------
    ViewError
        An unknown ``around`` name, a bad ``depth``/``max_nodes``, or an unwritable ``path``.
    """
    from kg.graph import to_networkx
    from kg.graph.evidence import arxiv_ids
    from kg.graph.evidence import evidence as read_evidence
    from kg.graph.reported import relation_claims, reported_results

    full = drawn_links(to_networkx(graph))
    chosen = select_view(full, types=types, around=around, depth=depth, max_nodes=max_nodes)
    shown = chosen.graph
    mentions = [e for e in read_evidence(graph) if e.paper in shown and e.entity in shown]
    degrees = {str(n): d for n, d in full.degree()}
    write_html(shown, path, evidence=mentions, arxiv=arxiv_ids(graph), degrees=degrees, note=chosen.note,
               results=reported_results(graph), claims=relation_claims(graph))
    return chosen


def _stats(counts: Mapping[str, int], n_links: int) -> str:
    """Return the stats line, e.g. ``"3 papers, 12 entities, 20 links"``.

    >>> _stats({"Paper": 1, "Method": 2}, 1)
    '1 paper, 2 entities, 1 link'
    """
    n_papers = counts.get("Paper", 0)
    n_entities = sum(counts.values()) - n_papers
    return (
        f"{n_papers:,} paper{'s' * (n_papers != 1)}, "
        f"{n_entities:,} entit{'y' if n_entities == 1 else 'ies'}, "
        f"{n_links:,} link{'s' * (n_links != 1)}"
    )
