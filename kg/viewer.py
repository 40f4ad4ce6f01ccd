"""Write the knowledge graph as one self-contained, interactive HTML page.

pyvis builds the network (nodes, edges, options) and renders it, but through
the template in :mod:`kg.viewer_assets` rather than its own, because pyvis's
``template.html``

* loads Bootstrap from a CDN even with ``cdn_resources="in_line"``;
* assigns node titles to ``innerHTML`` in its link tooltip (used as soon as a
  title contains ``href``), so a paper title could inject markup;
* writes the options into a ``<script>`` unescaped.

Our page inlines pyvis's bundled vis-network script and CSS, embeds the graph
as JSON-escaped ``application/json`` blocks, sets no vis ``title`` (so vis
shows no hover popup) and shows a clicked node's details in a side panel
through ``textContent`` only. A Content-Security-Policy allows exactly the two
inline scripts (by SHA-256) and no network request at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
from jinja2 import DictLoader, Environment
from markupsafe import Markup
from pyvis.network import Network

from kg.errors import GraphError
from kg.viewer_assets import (
    APP_JS,
    KIND_STYLES,
    PAGE_CSS,
    PAGE_TEMPLATE,
    swatch_css,
    vis_network_assets,
    vis_options,
)

__all__ = ["KINDS", "LAYOUT_SEED", "PAGE_TITLE", "external_loads", "html_page", "script_json", "write_html"]

KINDS: tuple[str, ...] = tuple(KIND_STYLES)
"""The node kinds the viewer draws, papers first."""

LAYOUT_SEED = 7
"""vis-network's ``layout.randomSeed``: the same graph gets the same layout on every load."""

PAGE_TITLE = "paperkg knowledge graph"

_TEMPLATE_NAME = "paperkg_viewer.html"
_LABEL_LIMIT = 40
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_DATA_BLOCK = re.compile(r"<script type=\"application/json\"[^>]*>.*?</script>", re.S | re.I)
_LOAD = re.compile(
    r"""(?:\b(?:src|href|srcset|action|formaction|poster|data|background)\s*=\s*["']?\s*
         |@import\s+(?:url\(\s*)?["']?\s*
         |\burl\(\s*["']?\s*)
        (?:[a-z][a-z0-9+.-]*:)?//[^\s"'<>)]*""",
    re.I | re.X,
)


def script_json(value: Any) -> Markup:
    """Return ``value`` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>``, ``&``, U+2028 and U+2029 become ``\\uXXXX`` escapes (and
    every other non-ASCII character too), so no string in the data can close
    the element (``</script>``), open a comment (``<!--``) or be read as
    markup. ``JSON.parse`` gives back the original strings unchanged. Keys are
    sorted so that the output is deterministic.

    Examples
    --------
    >>> print(script_json({"title": "</script><b>&"}))
    {"title":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}
    """
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return Markup(_JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text))


def external_loads(html: str) -> list[str]:
    """Return every URL with a host that the page's markup would load.

    Looks at ``src=``/``href=``-like attributes (also inside scripts),
    ``@import`` and CSS ``url(...)``, with any scheme or none (``//host``).
    The embedded ``application/json`` data blocks are skipped: a URL inside a
    paper's abstract is text, not a load.

    Examples
    --------
    >>> external_loads('<link href="https://cdn.example/x.css"><p>https://ok.example</p>')
    ['href="https://cdn.example/x.css']
    >>> external_loads('<img src="data:,">')
    []
    """
    return [match.group() for match in _LOAD.finditer(_DATA_BLOCK.sub("", html))]


def html_page(nxgraph: nx.MultiDiGraph) -> str:
    """Return a self-contained interactive HTML page showing ``nxgraph``.

    Parameters
    ----------
    nxgraph : networkx.MultiDiGraph
        As made by ``kg.graph.to_networkx``: node ids are IRIs, each node has
        ``kind`` (one of :data:`KINDS`) and ``label``; papers also
        ``identifier``, ``title``, ``abstract`` and optionally ``url``,
        ``date`` and ``authors``; entities ``aliases`` (``"; "``-joined) and optionally
        ``concept``. Each edge has a ``role``.

    Returns
    -------
    str
        The page. The same graph always gives the same string, whatever the
        order its nodes and edges were added in.

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
    Linear in the graph's size except for pyvis's own bookkeeping, which
    checks membership in lists: O(n·(n + m)) for n nodes and m edges.
    """
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    counts = dict.fromkeys(KINDS, 0)
    for node_id, attrs in sorted(nxgraph.nodes(data=True), key=lambda item: str(item[0])):
        kind = attrs.get("kind")
        if kind not in KIND_STYLES:
            raise GraphError(
                f"node {node_id!r} has kind {kind!r}, which the viewer cannot draw; "
                f"give every node a kind among {', '.join(KINDS)}"
            )
        counts[kind] += 1
        net.add_node(str(node_id), **_node_options(str(node_id), attrs, nxgraph.degree(node_id)))
    edges = sorted(nxgraph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for number, (source, target, key, attrs) in enumerate(edges):
        role = str(attrs.get("role", key))
        net.add_edge(str(source), str(target), id=f"e{number}", label=role, dashes=role == "variantOf")
    # pyvis's set_options() parses a string and strips every space from it;
    # the options are a plain dict, which is what set_options() stores anyway.
    net.options = vis_options(LAYOUT_SEED)

    vis_js, vis_css = vis_network_assets()
    scripts = (vis_js, APP_JS)
    env = Environment(loader=DictLoader({_TEMPLATE_NAME: PAGE_TEMPLATE}), autoescape=True)
    env.filters["script_json"] = script_json
    env.filters["json_loads"] = json.loads
    env.globals.update(
        page_title=PAGE_TITLE,
        csp=_content_security_policy(scripts),
        vis_css=vis_css,
        page_css=PAGE_CSS + swatch_css(),
        scripts=scripts,
        stats=_stats(counts, nxgraph.number_of_edges()),
        legend=[{"kind": kind, "count": counts[kind]} for kind in KINDS],
    )
    net.templateEnv = env
    net.path = _TEMPLATE_NAME
    return net.generate_html()


def write_html(nxgraph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write :func:`html_page` of ``nxgraph`` to ``path`` as UTF-8, byte for byte.

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
    with open(path, "wb") as handle:
        handle.write(html_page(nxgraph).encode("utf-8"))


def _node_options(node_id: str, attrs: dict[str, Any], degree: int) -> dict[str, Any]:
    """Return pyvis ``add_node`` options: looks from the kind and degree, details under ``kg``."""
    kind = attrs["kind"]
    style = KIND_STYLES[kind]
    if kind == "Paper":
        name = str(attrs.get("title") or attrs.get("label") or node_id)
        details = {
            "kind": kind,
            "name": name,
            "identifier": str(attrs.get("identifier", "")),
            "date": str(attrs.get("date", "")),
            "authors": str(attrs.get("authors", "")),
            "abstract": str(attrs.get("abstract", "")),
            "url": _http_url(attrs.get("url")),
        }
    else:
        name = str(attrs.get("label") or node_id)
        aliases = [a.strip() for a in str(attrs.get("aliases", "")).split("; ") if a.strip()]
        details = {"kind": kind, "name": name, "aliases": aliases, "concept": str(attrs.get("concept", ""))}
    return {
        "label": _short_label(name),
        "shape": style.shape,
        "color": {
            "background": style.fill,
            "border": style.border,
            "highlight": {"background": style.fill, "border": "#000000"},
            "hover": {"background": style.fill, "border": "#000000"},
        },
        "size": _node_size(degree),
        "kg": details,
    }


def _node_size(degree: int) -> int:
    """Return a node's size: grows with the square root of its degree, from 10 to 60.

    >>> [_node_size(d) for d in (0, 1, 4, 16, 400)]
    [10, 15, 20, 30, 60]
    """
    return min(60, 10 + round(5 * math.sqrt(degree)))


def _short_label(text: str, limit: int = _LABEL_LIMIT) -> str:
    """Return ``text`` cut at a word boundary to at most ``limit`` characters plus "…".

    >>> _short_label("Attention Is All You Need", 12)
    'Attention Is…'
    >>> _short_label("BERT")
    'BERT'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return cut[:limit].rstrip(" ,;:-") + "…"


def _http_url(value: Any) -> str:
    """Return ``value`` if it is an absolute http(s) URL with a host, else ``""``.

    >>> _http_url("https://arxiv.org/abs/1706.03762"), _http_url("javascript:alert(1)")
    ('https://arxiv.org/abs/1706.03762', '')
    """
    if not isinstance(value, str):
        return ""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return ""
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else ""


def _content_security_policy(scripts: tuple[str, ...]) -> str:
    """Return a CSP that runs only ``scripts`` (by hash) and fetches nothing from anywhere."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'"
    )


def _stats(counts: dict[str, int], n_links: int) -> str:
    """Return the stats line, e.g. ``"3 papers, 12 entities, 20 links"``.

    >>> _stats({"Paper": 1, "Method": 2, "Model": 0, "Task": 0, "Dataset": 0}, 1)
    '1 paper, 2 entities, 1 link'
    """
    n_papers = counts["Paper"]
    n_entities = sum(counts.values()) - n_papers
    return (
        f"{n_papers} paper{'s' * (n_papers != 1)}, "
        f"{n_entities} entit{'y' if n_entities == 1 else 'ies'}, "
        f"{n_links} link{'s' * (n_links != 1)}"
    )
