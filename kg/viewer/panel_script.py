"""The viewer's second script: the side panel, the search box and the filter checkboxes.

:data:`PANEL_JS` runs after :data:`kg.viewer.graph_script.GRAPH_JS` and uses its
``window.kgView``. A click on a node (or on a search hit, a linked name or a
marked mention) focuses it: its neighbourhood lights up and the panel shows
its details. For a paper: title, identifier, date, authors, arXiv link, the
abstract with each mention marked, and its links; for an entity: kind,
aliases, the sections other scripts add to ``kgView.sections`` (results and
relations, :mod:`kg.viewer.results_script`), and each linked paper with the
role and the sentence behind it.
Every string from the data goes in through ``textContent`` (or the ``title``
and ``href`` properties, the latter only for http(s) URLs built here).
"""

from __future__ import annotations

__all__ = ["PANEL_JS"]

PANEL_JS = r"""
"use strict";
(function () {
  var details = kgView.details;
  var ROLE_ORDER = ["proposes", "uses", "evaluatesOn", "addresses", "variantOf"];
  var ROLE_WORDS = {proposes: "proposes", uses: "uses", evaluatesOn: "evaluates on", addresses: "addresses",
                    variantOf: "variant of"};
  var panel = document.getElementById("kg-panel");

  function addText(parent, tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }
  // Only http(s) URLs become links; anything else (javascript:, data:, ...) is dropped.
  function safeHttpUrl(raw) {
    if (typeof raw !== "string" || raw === "") { return null; }
    try {
      var url = new URL(raw);
      return (url.protocol === "http:" || url.protocol === "https:") ? url.href : null;
    } catch (err) { return null; }
  }
  function addLink(parent, className, text, raw) {
    var href = safeHttpUrl(raw);
    if (!href) { return null; }
    var a = addText(parent, "a", className, text);
    a.href = href;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }
  // A button that focuses another node: the way to walk the graph from the panel.
  function addGo(parent, id, text) {
    var b = addText(parent, "button", "kg-go kg-go-" + details[id].kind.toLowerCase(), text || details[id].name);
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id, true); });
    return b;
  }
  // Text as pieces [text, nodeId]: pieces naming a node become <mark>s that focus it.
  function addMarked(parent, tag, className, pieces) {
    var el = addText(parent, tag, className, "");
    pieces.forEach(function (piece) {
      var target = piece[1] && details[piece[1]] ? piece[1] : null;
      if (!target) { el.appendChild(document.createTextNode(piece[0])); return; }
      var mark = addText(el, "mark", "kg-mark kg-mark-" + details[target].kind.toLowerCase(), piece[0]);
      mark.title = details[target].kind + ": " + details[target].name;
      mark.addEventListener("click", function () { focusNode(target, true); });
    });
    return el;
  }
  function sentencePieces(sentence, text) {
    var at = text ? sentence.indexOf(text) : -1;
    if (at < 0) { return [[sentence, ""]]; }
    return [[sentence.slice(0, at), ""], [text, "*"], [sentence.slice(at + text.length), ""]];
  }
  function addSentence(parent, sentence, text) {
    var el = addText(parent, "p", "kg-evidence", "");
    sentencePieces(sentence, text).forEach(function (piece) {
      if (piece[1]) { addText(el, "mark", "kg-mark", piece[0]); }
      else if (piece[0]) { el.appendChild(document.createTextNode(piece[0])); }
    });
  }

  function linksOf(id) {
    var found = edges.get(network.getConnectedEdges(id)).map(function (e) {
      var other = e.from === id ? e.to : e.from;
      return {edge: e, other: other, outgoing: e.from === id};
    });
    return found.filter(function (l) { return details[l.other]; }).sort(function (a, b) {
      return (ROLE_ORDER.indexOf(a.edge.role) - ROLE_ORDER.indexOf(b.edge.role)) ||
        (details[a.other].name < details[b.other].name ? -1 : details[a.other].name > details[b.other].name ? 1 : 0);
    });
  }

  function showDetails(id) {
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var info = id === null || id === undefined ? null : details[id];
    if (!info) { addText(panel, "p", "kg-hint", "Click a node, or search, to see its details."); return; }
    addText(panel, "p", "kg-kind", info.kind);
    var links = linksOf(id);
    if (info.kind === "Paper") {
      addMarked(panel, "h2", "kg-name", info.title);
      var meta = [info.identifier, info.date].filter(Boolean).join(" \u00b7 ");
      if (meta) { addText(panel, "p", "kg-meta", meta); }
      if (info.authors) { addText(panel, "p", "kg-authors", info.authors); }
      if (info.arxiv) { addLink(panel, "kg-arxiv", "arXiv:" + info.arxiv, "https://arxiv.org/abs/" + info.arxiv); }
      if (info.url && info.url !== "https://arxiv.org/abs/" + info.arxiv) { addLink(panel, "kg-link", info.url, info.url); }
      if (info.abstract.length > 1 || info.abstract[0][0]) { addMarked(panel, "p", "kg-abstract", info.abstract); }
      if (links.length) { addText(panel, "h3", "kg-links-head", "Links (" + links.length + ")"); }
      var list = addText(panel, "ul", "kg-links", "");
      links.forEach(function (l) {
        var li = addText(list, "li", "kg-link-item", "");
        addText(li, "span", "kg-role kg-role-" + l.edge.role, ROLE_WORDS[l.edge.role] || l.edge.role);
        addGo(li, l.other);
      });
      return;
    }
    addText(panel, "h2", "kg-name", info.name);
    if (info.aliases.length) { addText(panel, "p", "kg-aliases", "Also: " + info.aliases.join("; ")); }
    if (info.concept) { addText(panel, "p", "kg-concept", "Concept: " + info.concept); }
    var papers = links.filter(function (l) { return details[l.other].kind === "Paper"; });
    var kin = links.filter(function (l) { return details[l.other].kind !== "Paper"; });
    if (kin.length) {
      var kinList = addText(panel, "ul", "kg-kin", "");
      kin.forEach(function (l) {
        var li = addText(kinList, "li", "kg-link-item", "");
        addText(li, "span", "kg-role", l.outgoing ? "variant of" : "has variant");
        addGo(li, l.other);
      });
    }
    kgView.sections.forEach(function (section) { section(panel, id, info); });
    addText(panel, "h3", "kg-links-head", "Papers (" + papers.length + ")");
    var paperList = addText(panel, "ul", "kg-links", "");
    papers.forEach(function (l) {
      var li = addText(paperList, "li", "kg-link-item", "");
      addText(li, "span", "kg-role kg-role-" + l.edge.role, ROLE_WORDS[l.edge.role] || l.edge.role);
      addGo(li, l.other);
      (l.edge.evidence || []).forEach(function (pair) { addSentence(li, pair[1], pair[0]); });
    });
  }

  // Search: every name a node answers to, ranked exact, prefix, word start, anywhere; then by degree.
  var index = Object.keys(details).map(function (id) {
    var d = details[id];
    var names = [d.name].concat(d.aliases, d.identifier ? [d.identifier] : []);
    return {id: id, names: names.map(function (s) { return s.toLowerCase(); })};
  });
  function search(query, limit) {
    var q = query.trim().toLowerCase().replace(/\s+/g, " ");
    if (!q) { return []; }
    var hits = [];
    index.forEach(function (entry) {
      var best = 9;
      entry.names.forEach(function (n) {
        var rank = n === q ? 0 : n.indexOf(q) === 0 ? 1 : n.indexOf(" " + q) >= 0 || n.indexOf("-" + q) >= 0 ? 2
          : n.indexOf(q) >= 0 ? 3 : 9;
        if (rank < best) { best = rank; }
      });
      if (best < 9) { hits.push({id: entry.id, rank: best}); }
    });
    hits.sort(function (a, b) {
      return (a.rank - b.rank) || (details[b.id].degree - details[a.id].degree) ||
        (details[a.id].name < details[b.id].name ? -1 : details[a.id].name > details[b.id].name ? 1 : 0);
    });
    return hits.slice(0, limit || 8).map(function (h) { return h.id; });
  }

  var box = document.getElementById("kg-search"), results = document.getElementById("kg-results");
  function showResults() {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    var ids = search(box.value);
    if (box.value.trim() && !ids.length) { addText(results, "li", "kg-none", "No match"); }
    ids.forEach(function (id) {
      var li = addText(results, "li", "", "");
      addGo(li, id, details[id].name);
      addText(li, "span", "kg-result-kind", details[id].kind);
    });
  }
  box.addEventListener("input", showResults);
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var ids = search(box.value, 1);
      if (ids.length) { focusNode(ids[0], true); }
      ev.preventDefault();
    } else if (ev.key === "Escape") {
      box.value = "";
      showResults();
    }
  });

  var kindBoxes = document.querySelectorAll("input[data-kind]"), roleBoxes = document.querySelectorAll("input[data-role]");
  function ticked(boxes, attr) {
    var on = {};
    Array.prototype.forEach.call(boxes, function (b) { on[b.getAttribute(attr)] = b.checked; });
    return on;
  }
  function refilter() {
    var n = kgView.applyFilters(ticked(kindBoxes, "data-kind"), ticked(roleBoxes, "data-role"));
    document.getElementById("kg-hidden").textContent = n ? n + " hidden by the filters" : "";
  }
  Array.prototype.forEach.call(kindBoxes, function (b) { b.addEventListener("change", refilter); });
  Array.prototype.forEach.call(roleBoxes, function (b) { b.addEventListener("change", refilter); });

  // Focus a node: make it visible, light up its neighbourhood, show its details, and (if asked) move to it.
  function focusNode(id, move) {
    if (!details[id]) { return; }
    if (!kgView.visible(id)) {
      Array.prototype.forEach.call(kindBoxes, function (b) { b.checked = true; });
      Array.prototype.forEach.call(roleBoxes, function (b) { b.checked = true; });
      refilter();
    }
    while (results.firstChild) { results.removeChild(results.firstChild); }
    network.selectNodes([id]);
    kgView.highlight(id);
    showDetails(id);
    if (move) { network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: {duration: 300}}); }
  }

  network.on("click", function (params) {
    if (params.nodes.length) { focusNode(params.nodes[0], false); }
    else { kgView.highlight(null); showDetails(null); }
  });
  kgView.panelKit = {addText: addText, addLink: addLink, addGo: addGo, addSentence: addSentence};
  kgView.sections = [];
  kgView.search = search;
  kgView.focus = focusNode;
  kgView.showDetails = showDetails;
})();
"""
"""The page's second script: side panel, search and filters, through ``textContent`` only."""
