"""The fixed parts of the HTML viewer: palette, page template, CSS, script, vis-network.

:mod:`kg.viewer` fills :data:`PAGE_TEMPLATE` with one graph. Nothing here
depends on the graph, and nothing here refers to another host: the
vis-network script and style sheet are the copies bundled inside pyvis, read
from disk and inlined into the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from importlib import resources

from kg.errors import KgError

__all__ = [
    "APP_JS",
    "KIND_STYLES",
    "PAGE_CSS",
    "PAGE_TEMPLATE",
    "KindStyle",
    "swatch_css",
    "vis_network_assets",
    "vis_options",
]


@dataclass(frozen=True)
class KindStyle:
    """How the nodes of one kind look: a vis-network shape and two colours."""

    shape: str
    fill: str
    border: str


KIND_STYLES: dict[str, KindStyle] = {
    # Papers are dark squares; entities are dots in the Okabe–Ito palette,
    # which stays distinguishable under the common colour-vision deficiencies.
    "Paper": KindStyle("square", "#4a4a4a", "#1f1f1f"),
    "Method": KindStyle("dot", "#e69f00", "#a06e00"),
    "Model": KindStyle("dot", "#0072b2", "#004c78"),
    "Task": KindStyle("dot", "#009e73", "#006b4e"),
    "Dataset": KindStyle("dot", "#cc79a7", "#8f4f73"),
}
"""Node kind → style; the keys are exactly ``("Paper", *ENTITY_TYPES)``."""

PAGE_CSS = """
html, body { margin: 0; height: 100%; font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #202124; background: #ffffff; }
body { display: flex; flex-direction: column; }
.kg-header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.4rem 1.5rem;
  padding: 0.5rem 1rem; border-bottom: 1px solid #dadce0; }
.kg-header h1 { font-size: 1.1rem; margin: 0; }
#kg-stats { margin: 0; color: #5f6368; font-size: 0.9rem; }
#kg-legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; list-style: none; margin: 0; padding: 0;
  font-size: 0.9rem; }
#kg-legend li { display: flex; align-items: center; gap: 0.35rem; }
.kg-swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border: 1px solid; border-radius: 50%; }
.kg-main { flex: 1; display: flex; min-height: 0; }
#kg-network { flex: 1; min-width: 0; height: 100%; }
#kg-panel { width: 22rem; max-width: 40%; overflow-y: auto; padding: 0.75rem 1rem;
  border-left: 1px solid #dadce0; font-size: 0.9rem; line-height: 1.4; }
#kg-panel h2 { font-size: 1rem; margin: 0.2rem 0 0.5rem; overflow-wrap: anywhere; }
#kg-panel p { margin: 0.4rem 0; overflow-wrap: anywhere; white-space: pre-wrap; }
#kg-panel a { overflow-wrap: anywhere; }
.kg-kind { text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.75rem; color: #5f6368; }
.kg-hint, .kg-meta { color: #5f6368; }
"""
"""The page's own style sheet; per-kind swatch colours are appended by the viewer."""

APP_JS = r"""
"use strict";
// Globals kept from pyvis's page so that notebooks and tests find them.
var nodes, edges, network;
var kgStabilized = false;

(function () {
  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  // Only http(s) URLs become links; anything else (javascript:, data:, ...) is dropped.
  function safeHttpUrl(raw) {
    if (typeof raw !== "string" || raw === "") { return null; }
    try {
      var url = new URL(raw);
      return (url.protocol === "http:" || url.protocol === "https:") ? url.href : null;
    } catch (err) {
      return null;
    }
  }

  // Every piece of data reaches the page through textContent, never as markup.
  function addText(parent, tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  function showDetails(nodeId) {
    var panel = document.getElementById("kg-panel");
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var node = (nodeId === undefined || nodeId === null) ? null : nodes.get(nodeId);
    if (!node) {
      addText(panel, "p", "kg-hint", "Click a node to see its details.");
      return;
    }
    var info = node.kg;
    addText(panel, "p", "kg-kind", info.kind);
    addText(panel, "h2", "kg-name", info.name);
    if (info.kind === "Paper") {
      var meta = [info.identifier, info.date].filter(Boolean).join(" \u00b7 ");
      if (meta) { addText(panel, "p", "kg-meta", meta); }
      if (info.authors) { addText(panel, "p", "kg-authors", info.authors); }
      if (info.abstract) { addText(panel, "p", "kg-abstract", info.abstract); }
      var href = safeHttpUrl(info.url);
      if (href) {
        var link = addText(panel, "a", "kg-link", href);
        link.href = href;
        link.rel = "noopener noreferrer";
        link.target = "_blank";
      }
    } else {
      if (info.aliases.length) { addText(panel, "p", "kg-aliases", "Also: " + info.aliases.join("; ")); }
      if (info.concept) { addText(panel, "p", "kg-concept", "Concept: " + info.concept); }
    }
  }

  nodes = new vis.DataSet(readJson("kg-nodes"));
  edges = new vis.DataSet(readJson("kg-edges"));
  network = new vis.Network(
    document.getElementById("kg-network"), {nodes: nodes, edges: edges}, readJson("kg-options"));

  // Let the layout settle, then freeze it: no endless jiggling, no CPU burnt.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    kgStabilized = true;
  });
  network.on("click", function (params) {
    showDetails(params.nodes.length ? params.nodes[0] : null);
  });
})();
"""
"""The page's own script: build the network from the embedded JSON, show details as text."""

PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page_title }}</title>
<link rel="icon" href="data:,">
<style>{{ vis_css|safe }}</style>
<style>{{ page_css|safe }}</style>
</head>
<body>
<header class="kg-header">
<h1>{{ page_title }}</h1>
<p id="kg-stats">{{ stats }}</p>
<ul id="kg-legend" aria-label="Legend">
{%- for item in legend %}
<li data-kind="{{ item.kind }}"><span class="kg-swatch kg-swatch-{{ item.kind|lower }}"></span>{{ item.kind }} ({{ item.count }})</li>
{%- endfor %}
</ul>
</header>
<main class="kg-main">
<div id="kg-network"></div>
<aside id="kg-panel" aria-live="polite"><p class="kg-hint">Click a node to see its details.</p></aside>
</main>
<script type="application/json" id="kg-nodes">{{ nodes|script_json }}</script>
<script type="application/json" id="kg-edges">{{ edges|script_json }}</script>
<script type="application/json" id="kg-options">{{ options|json_loads|script_json }}</script>
{%- for script in scripts %}
<script>{{ script|safe }}</script>
{%- endfor %}
</body>
</html>
"""
"""The Jinja template pyvis renders: ``nodes``/``edges``/``options`` come from pyvis."""


def vis_options(seed: int) -> dict[str, Any]:
    """Return fresh vis-network options: layout seeded with ``seed``, physics that stabilises.

    The page's script turns physics off once stabilisation is done.

    Examples
    --------
    >>> options = vis_options(7)
    >>> options["layout"]["randomSeed"], options["physics"]["stabilization"]["enabled"]
    (7, True)
    """
    return {
        "layout": {"randomSeed": seed, "improvedLayout": True},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "centralGravity": 0.01,
                "springLength": 110,
                "springConstant": 0.08,
                "damping": 0.4,
                "avoidOverlap": 0.5,
            },
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 25, "fit": True},
            "minVelocity": 0.75,
        },
        "interaction": {"hover": True, "navigationButtons": False, "keyboard": False},
        "nodes": {"borderWidth": 1, "font": {"size": 13, "color": "#202124"}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#b0b4b9", "highlight": "#5f6368", "hover": "#5f6368"},
            "font": {"size": 9, "color": "#5f6368", "strokeWidth": 2, "align": "middle"},
            "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3},
            "width": 1,
        },
    }


def swatch_css() -> str:
    """Return the legend swatch rules, one per kind, from :data:`KIND_STYLES`."""
    rules = []
    for kind, style in KIND_STYLES.items():
        shape = " border-radius: 0;" if style.shape == "square" else ""
        rules.append(
            f".kg-swatch-{kind.lower()} {{ background: {style.fill}; border-color: {style.border};{shape} }}"
        )
    return "\n".join(rules) + "\n"


_VIS_DIR = re.compile(r"vis-(\d+(?:\.\d+)*)")


@lru_cache(maxsize=1)
def vis_network_assets() -> tuple[str, str]:
    """Return ``(script, style_sheet)`` of the newest vis-network bundled in pyvis.

    Returns
    -------
    tuple of str
        The minified vis-network script and its CSS, as text.

    Raises
    ------
    KgError
        When the installed pyvis bundles no vis-network copy.

    Examples
    --------
    >>> script, css = vis_network_assets()
    >>> "vis-network" in css and len(script) > 100_000
    True
    """
    lib = resources.files("pyvis").joinpath("templates", "lib")
    found = []
    for entry in lib.iterdir():
        match = _VIS_DIR.fullmatch(entry.name)
        if match and entry.joinpath("vis-network.min.js").is_file():
            found.append((tuple(int(p) for p in match.group(1).split(".")), entry))
    if not found:
        raise KgError(
            f"pyvis at {lib} bundles no vis-network copy; reinstall pyvis>=0.3.2 "
            "(pip install --force-reinstall pyvis)"
        )
    newest = max(found, key=lambda item: item[0])[1]
    script = newest.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = newest.joinpath("vis-network.css").read_text(encoding="utf-8")
    return script, css
