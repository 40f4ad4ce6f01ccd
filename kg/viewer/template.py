"""The viewer's page: the Jinja template pyvis renders, and its style sheet.

The template lays out a header (title, counts, what the view left out), a
toolbar (search box, one checkbox per kind and per role, which double as
the legend), the network and the side panel. The data goes in as
``application/json`` blocks; the scripts run after them.
"""

from __future__ import annotations

__all__ = ["PAGE_CSS", "PAGE_TEMPLATE"]

PAGE_CSS = """
html, body { margin: 0; height: 100%; font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #202124; background: #ffffff; }
body { display: flex; flex-direction: column; }
.kg-header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.3rem 1.2rem;
  padding: 0.45rem 1rem 0.2rem; }
.kg-header h1 { font-size: 1.1rem; margin: 0; }
#kg-stats, #kg-note, #kg-hidden { margin: 0; color: #5f6368; font-size: 0.9rem; }
#kg-note { color: #8a4b00; }
.kg-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.35rem 1.2rem; padding: 0.2rem 1rem 0.45rem;
  border-bottom: 1px solid #dadce0; font-size: 0.88rem; }
.kg-search { position: relative; }
#kg-search { width: 16rem; padding: 0.25rem 0.45rem; font: inherit; border: 1px solid #bdc1c6; border-radius: 4px; }
#kg-results { position: absolute; z-index: 10; left: 0; top: 100%; min-width: 100%; max-width: 30rem; margin: 2px 0 0;
  padding: 0; list-style: none; background: #fff; box-shadow: 0 2px 8px rgba(0,0,0,0.18); border-radius: 4px; }
#kg-results:empty { display: none; }
#kg-results li { display: flex; justify-content: space-between; gap: 0.6rem; padding: 0.15rem 0.45rem; }
.kg-result-kind, .kg-none { color: #5f6368; font-size: 0.8rem; }
.kg-filters { display: flex; flex-wrap: wrap; gap: 0.2rem 0.8rem; margin: 0; padding: 0; border: 0; }
.kg-filters legend { float: left; margin-right: 0.4rem; color: #5f6368; }
.kg-filters label { display: inline-flex; align-items: center; gap: 0.3rem; cursor: pointer; white-space: nowrap; }
.kg-swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border: 1px solid; border-radius: 50%; }
.kg-line { display: inline-block; width: 1.3rem; height: 0; border-top: 2px solid; }
.kg-main { flex: 1; display: flex; min-height: 0; }
#kg-network { flex: 1; min-width: 0; height: 100%; }
#kg-panel { width: 24rem; max-width: 40%; overflow-y: auto; padding: 0.6rem 1rem; border-left: 1px solid #dadce0;
  font-size: 0.9rem; line-height: 1.45; }
#kg-panel h2 { font-size: 1.05rem; margin: 0.2rem 0 0.5rem; overflow-wrap: anywhere; }
#kg-panel h3 { font-size: 0.9rem; margin: 0.9rem 0 0.3rem; }
#kg-panel p { margin: 0.4rem 0; overflow-wrap: anywhere; white-space: pre-wrap; }
#kg-panel a { display: block; margin: 0.3rem 0; overflow-wrap: anywhere; }
.kg-links, .kg-kin { margin: 0; padding: 0; list-style: none; }
.kg-link-item { margin: 0 0 0.55rem; }
.kg-role { display: inline-block; min-width: 5.5rem; margin-right: 0.35rem; color: #5f6368; font-size: 0.8rem; }
.kg-role-proposes { color: #b34f00; font-weight: 600; }
.kg-go { padding: 0; border: 0; background: none; font: inherit; color: #1a56a8; text-align: left; cursor: pointer;
  overflow-wrap: anywhere; }
.kg-go:hover, .kg-go:focus { text-decoration: underline; }
p.kg-evidence { margin: 0.15rem 0 0 0.8rem; padding-left: 0.5rem; border-left: 2px solid #dadce0; color: #3c4043;
  font-size: 0.85rem; }
mark.kg-mark { background: #fff1b8; color: inherit; border-radius: 2px; padding: 0 1px; cursor: pointer; }
.kg-kind { text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.75rem; color: #5f6368; }
.kg-hint, .kg-meta { color: #5f6368; }
.kg-table { width: 100%; border-collapse: collapse; margin: 0.2rem 0 0.6rem; font-size: 0.85rem; }
.kg-table th { text-align: left; color: #5f6368; font-weight: 600; border-bottom: 1px solid #dadce0; padding: 0.1rem 0.3rem; }
.kg-table td { vertical-align: top; padding: 0.15rem 0.3rem; overflow-wrap: anywhere; }
#kg-panel .kg-table a { margin: 0; }
.kg-board-row td, .kg-scores-row td { border-top: 1px solid #eef0f2; }
.kg-rank, .kg-cell-value { white-space: nowrap; font-variant-numeric: tabular-nums; }
.kg-cell-value { text-align: right; font-weight: 600; }
.kg-why summary { cursor: pointer; color: #5f6368; font-size: 0.8rem; }
p.kg-board-metric { margin: 0.5rem 0 0; font-weight: 600; }
.kg-relations { margin: 0; padding: 0; list-style: none; }
.kg-relation-item { margin: 0 0 0.55rem; }
p.kg-source { margin: 0.1rem 0 0 1.3rem; color: #5f6368; font-size: 0.8rem; }
#kg-panel .kg-source a { display: inline; }
.kg-off { color: #3c4043; }
"""
"""The page's own style sheet; per-kind swatch and mark colours are appended by the viewer."""

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
<p id="kg-note">{{ note }}</p>
<p id="kg-hidden" aria-live="polite"></p>
</header>
<nav class="kg-toolbar">
<div class="kg-search" role="search">
<input id="kg-search" type="search" placeholder="Search papers and entities…" aria-label="Search nodes" autocomplete="off">
<ul id="kg-results"></ul>
</div>
<fieldset class="kg-filters" id="kg-legend">
<legend>Show</legend>
{%- for item in legend %}
<label data-kind="{{ item.kind }}"><input type="checkbox" data-kind="{{ item.kind }}" checked><span class="kg-swatch kg-swatch-{{ item.kind|lower }}"></span>{{ item.kind }} ({{ item.count }})</label>
{%- endfor %}
</fieldset>
<fieldset class="kg-filters" id="kg-roles">
<legend>Links</legend>
{%- for item in roles %}
<label data-role="{{ item.role }}"><input type="checkbox" data-role="{{ item.role }}" checked><span class="kg-line kg-line-{{ item.role|lower }}"></span>{{ item.role }} ({{ item.count }})</label>
{%- endfor %}
</fieldset>
</nav>
<main class="kg-main">
<div id="kg-network"></div>
<aside id="kg-panel" aria-live="polite"><p class="kg-hint">Click a node, or search, to see its details.</p></aside>
</main>
<script type="application/json" id="kg-nodes">{{ nodes|script_json }}</script>
<script type="application/json" id="kg-edges">{{ edges|script_json }}</script>
<script type="application/json" id="kg-details">{{ details|script_json }}</script>
<script type="application/json" id="kg-options">{{ options|json_loads|script_json }}</script>
{%- for script in scripts %}
<script>{{ script|safe }}</script>
{%- endfor %}
</body>
</html>
"""
"""The Jinja template pyvis renders: ``nodes``/``edges``/``options`` come from pyvis, the rest from the viewer."""
