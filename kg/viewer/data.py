"""The data one HTML view embeds: vis-network nodes and edges, and each node's details.

Everything here is plain JSON-ready values made from a ``to_networkx`` graph
and the link evidence of :mod:`kg.graph.evidence`. The page's scripts read
it with ``JSON.parse`` and show it as text only.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from kg.errors import GraphError
from kg.graph.evidence import Evidence
from kg.viewer.assets import KIND_STYLES, ROLE_STYLES

__all__ = ["arxiv_id", "edge_records", "http_url", "mark_segments", "node_details", "node_records", "paper_label", "short_label"]

_LABEL_LIMIT = 40
_PAPER_LIMIT = 28
_NAME_LIMIT = 30
_MAX_SENTENCES = 3
_ARXIV = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")


def arxiv_id(text: str) -> str:
    """Return ``text`` as an arXiv id (an ``arXiv:`` prefix dropped), or ``""`` if it is not one.

    >>> arxiv_id("1706.03762"), arxiv_id("arXiv:2401.00001v2"), arxiv_id("hep-th/9901001"), arxiv_id("lora")
    ('1706.03762', '2401.00001v2', 'hep-th/9901001', '')
    """
    text = str(text).strip()
    text = text[6:] if text.lower().startswith("arxiv:") else text
    return text if _ARXIV.fullmatch(text) else ""


def http_url(value: Any) -> str:
    """Return ``value`` if it is an absolute http(s) URL with a host, else ``""``.

    >>> http_url("https://arxiv.org/abs/1706.03762"), http_url("javascript:alert(1)")
    ('https://arxiv.org/abs/1706.03762', '')
    """
    if not isinstance(value, str):
        return ""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return ""
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else ""


def short_label(text: str, limit: int = _LABEL_LIMIT) -> str:
    """Return ``text`` cut at a word boundary to at most ``limit`` characters plus "…".

    >>> short_label("Attention Is All You Need", 12)
    'Attention Is…'
    >>> short_label("BERT")
    'BERT'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return cut[:limit].rstrip(" ,;:-") + "…"


def paper_label(title: str) -> str:
    """Return a paper's label on the canvas: its "Name:" prefix if it has one, else its title cut short.

    >>> paper_label("LQ-LoRA: Low-rank Plus Quantized Matrix Decomposition"), paper_label("Convergent Graph Solvers")
    ('LQ-LoRA', 'Convergent Graph Solvers')
    >>> paper_label("Accelerating Distributed Stochastic Optimization via Self-Repellent Random Walks")
    'Accelerating Distributed…'
    """
    head, colon, _ = title.partition(":")
    if colon and head.strip() and len(head) <= _NAME_LIMIT and len(head.split()) <= 4:
        return " ".join(head.split())
    return short_label(title, _PAPER_LIMIT)


def node_size(degree: int) -> int:
    """Return a node's size: grows with the square root of its degree, from 10 to 60.

    >>> [node_size(d) for d in (0, 1, 4, 16, 400)]
    [10, 15, 20, 30, 60]
    """
    return min(60, 10 + round(5 * math.sqrt(degree)))


def mark_segments(text: str, spans: Iterable[tuple[int, int, str]]) -> list[list[str]]:
    """Split ``text`` into ``[piece, node_id]`` pairs, ``node_id`` ``""`` between mentions.

    ``spans`` are ``(start, end, node_id)`` in code points. Spans that run
    outside the text or overlap an earlier (or, at one start, a longer) span
    are skipped, so the pieces always join back to ``text``.

    >>> mark_segments("We use LoRA on GSM8K.", [(15, 20, "d"), (7, 11, "m"), (7, 9, "x")])
    [['We use ', ''], ['LoRA', 'm'], [' on ', ''], ['GSM8K', 'd'], ['.', '']]
    """
    pieces: list[list[str]] = []
    at = 0
    for start, end, node in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        if start < at or end <= start or end > len(text):
            continue
        if start > at:
            pieces.append([text[at:start], ""])
        pieces.append([text[start:end], node])
        at = end
    if at < len(text) or not pieces:
        pieces.append([text[at:], ""])
    return pieces


def _kind(node: str, attrs: Mapping[str, Any]) -> str:
    """Return the node's kind, or raise GraphError if the viewer cannot draw it."""
    kind = attrs.get("kind")
    if kind not in KIND_STYLES:
        raise GraphError(
            f"node {node!r} has kind {kind!r}, which the viewer cannot draw; "
            f"give every node a kind among {', '.join(KIND_STYLES)}"
        )
    return str(kind)


def node_records(
    nxgraph: nx.MultiDiGraph,
    degrees: Mapping[str, int],
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> list[dict[str, Any]]:
    """Return the vis-network node records, sorted by id: ``id``, ``group`` (the kind), ``size``, ``x``, ``y``.

    ``degrees`` gives each node's degree in the whole graph (sizes stay the
    same in a focused view); ``positions`` the starting layout. Labels are
    drawn by the page, not by vis.
    """
    records = []
    for node, attrs in sorted(nxgraph.nodes(data=True), key=lambda item: str(item[0])):
        record: dict[str, Any] = {"id": node, "group": _kind(node, attrs), "size": node_size(degrees.get(node, 0))}
        if positions and node in positions:
            record["x"], record["y"] = positions[node]
        records.append(record)
    return records


def node_details(
    nxgraph: nx.MultiDiGraph,
    evidence: Iterable[Evidence] = (),
    arxiv: Mapping[str, str] | None = None,
    degrees: Mapping[str, int] | None = None,
) -> dict[str, dict[str, Any]]:
    """Return node id → what the side panel, the labels and the search show about it.

    Every node: ``kind``, ``name`` (title or preferred label), ``label`` (the
    name cut short), ``aliases`` (list) and ``degree``. Papers also:
    ``identifier``, ``date``, ``authors``, ``url`` (http(s) only), ``arxiv``
    (from ``arxiv`` or an arXiv-shaped identifier) and ``title``/``abstract``
    as :func:`mark_segments` pieces marking the mentions of shown nodes.
    """
    spans: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    for ev in evidence:
        if ev.entity in nxgraph:
            spans[ev.paper, ev.field].append((ev.start, ev.end, ev.entity))
    arxiv = arxiv or {}
    details: dict[str, dict[str, Any]] = {}
    for node, attrs in sorted(nxgraph.nodes(data=True), key=lambda item: str(item[0])):
        kind = _kind(node, attrs)
        degree = (degrees or {}).get(node, nxgraph.degree(node))
        if kind == "Paper":
            name = str(attrs.get("title") or attrs.get("label") or node)
            identifier = str(attrs.get("identifier", ""))
            details[node] = {
                "kind": kind, "name": name, "label": paper_label(name), "aliases": [], "degree": degree,
                "identifier": identifier,
                "date": str(attrs.get("date", "")),
                "authors": str(attrs.get("authors", "")),
                "url": http_url(attrs.get("url")),
                "arxiv": arxiv_id(arxiv.get(node, "")) or arxiv_id(identifier),
                "title": mark_segments(name, spans.get((node, "title"), ())),
                "abstract": mark_segments(str(attrs.get("abstract", "")), spans.get((node, "abstract"), ())),
            }
        else:
            name = str(attrs.get("label") or node)
            aliases = [a.strip() for a in str(attrs.get("aliases", "")).split("; ") if a.strip()]
            details[node] = {"kind": kind, "name": name, "label": short_label(name), "aliases": aliases,
                             "degree": degree, "concept": str(attrs.get("concept", ""))}
    return details


def edge_records(nxgraph: nx.MultiDiGraph, evidence: Iterable[Evidence] = ()) -> list[dict[str, Any]]:
    """Return the vis-network edge records, sorted, with ids ``e0``, ``e1``, …

    Each has ``from``, ``to``, ``role``, the role's ``color`` (and
    ``dashes`` for ``variantOf``) and ``evidence``: up to three distinct
    ``[mention text, sentence]`` pairs behind the link.
    """
    said: dict[tuple[str, str, str], list[list[str]]] = defaultdict(list)
    for ev in evidence:
        pairs = said[ev.paper, ev.entity, ev.role]
        pair = [ev.text, ev.sentence or ev.text]
        if pair not in pairs and len(pairs) < _MAX_SENTENCES:
            pairs.append(pair)
    records = []
    edges = sorted(nxgraph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for number, (source, target, key, attrs) in enumerate(edges):
        role = str(attrs.get("role", key))
        style = ROLE_STYLES.get(role, ROLE_STYLES["mentions"])
        record = {"id": f"e{number}", "from": str(source), "to": str(target), "role": role, "color": style.color,
                  "evidence": said.get((str(source), str(target), role), [])}
        if style.dashes:
            record["dashes"] = True
        records.append(record)
    return records
