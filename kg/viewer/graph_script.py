"""The viewer's first script: the network, its labels, highlighting and filters.

:data:`GRAPH_JS` builds the vis-network from the page's JSON blocks, lets the
layout settle and freezes it, draws the node labels itself (at a fixed
screen size, greedily skipping any label that would overlap one already
drawn, best-connected nodes first), dims everything but a node's
neighbourhood (a veil over the canvas, the neighbourhood drawn again on
top), and hides the kinds and roles the reader unticks. It exposes
``window.kgView`` for the second script (:mod:`kg.viewer.panel_script`) and for tests.
No data is ever written as markup: labels go to the canvas with ``fillText``.
"""

from __future__ import annotations

__all__ = ["GRAPH_JS"]

GRAPH_JS = r"""
"use strict";
// Globals kept from pyvis's page so that notebooks and tests find them.
var nodes, edges, network, kgView;
var kgStabilized = false;

(function () {
  var LABEL_PX = 12, LABEL_H = 16, CELL = 64;
  function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }

  var details = readJson("kg-details");
  var nodeList = readJson("kg-nodes"), sizes = {};
  nodeList.forEach(function (n) { sizes[n.id] = n.size; });
  nodes = new vis.DataSet(nodeList);
  edges = new vis.DataSet(readJson("kg-edges"));
  var container = document.getElementById("kg-network");
  var options = readJson("kg-options"), groups = options.groups;
  network = new vis.Network(container, {nodes: nodes, edges: edges}, options);

  // Labels are placed best-connected first, so hubs keep theirs when space is short.
  var order = nodes.getIds().sort(function (a, b) {
    return (details[b].degree - details[a].degree) || (a < b ? -1 : a > b ? 1 : 0);
  });
  var state = {selected: null, near: null, hovered: null, hidden: {}, dimmed: false};
  var widths = {};
  var measure = document.createElement("canvas").getContext("2d");

  function fontOf(id) {
    return (details[id].kind === "Paper" ? "" : "600 ") + LABEL_PX + "px system-ui, -apple-system, sans-serif";
  }
  function labelWidth(id) {
    if (widths[id] === undefined) {
      measure.font = fontOf(id);
      widths[id] = Math.ceil(measure.measureText(details[id].label).width) + 4;
    }
    return widths[id];
  }

  // A uniform grid of the boxes placed so far: overlap checks stay O(1) per label.
  function Grid() { this.cells = {}; }
  Grid.prototype.keys = function (b) {
    var out = [];
    for (var gx = Math.floor(b.x / CELL); gx <= Math.floor((b.x + b.w) / CELL); gx++) {
      for (var gy = Math.floor(b.y / CELL); gy <= Math.floor((b.y + b.h) / CELL); gy++) { out.push(gx + "," + gy); }
    }
    return out;
  };
  Grid.prototype.hits = function (b) {
    var keys = this.keys(b);
    for (var i = 0; i < keys.length; i++) {
      var cell = this.cells[keys[i]] || [];
      for (var j = 0; j < cell.length; j++) {
        var o = cell[j];
        if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) { return true; }
      }
    }
    return false;
  };
  Grid.prototype.add = function (b) {
    var keys = this.keys(b);
    for (var i = 0; i < keys.length; i++) { (this.cells[keys[i]] = this.cells[keys[i]] || []).push(b); }
  };

  function visible(id) { return !state.hidden[id]; }
  function lit(id) { return !state.near || state.near[id] === true; }

  // Place labels in screen pixels: below, above, right or left of the node, never overlapping.
  function placeLabels(ctx) {
    var scale = network.getScale();
    var width = container.clientWidth, height = container.clientHeight;
    var origin = network.DOMtoCanvas({x: 0, y: 0});
    var positions = network.getPositions();
    var grid = new Grid(), placed = [];
    var first = [];
    if (state.selected !== null) { first.push(state.selected); }
    if (state.hovered !== null) { first.push(state.hovered); }
    if (state.near) { first = first.concat(Object.keys(state.near)); }
    // Nodes are obstacles too: a label never covers another node.
    for (var o = 0; o < order.length; o++) {
      var nid = order[o];
      if (!positions[nid] || !visible(nid)) { continue; }
      var nr = (sizes[nid] || 10) * scale, nx = (positions[nid].x - origin.x) * scale, ny = (positions[nid].y - origin.y) * scale;
      if (nx + nr < 0 || ny + nr < 0 || nx - nr > width || ny - nr > height) { continue; }
      grid.add({id: null, x: nx - nr, y: ny - nr, w: 2 * nr, h: 2 * nr});
    }
    var ids = first.concat(order), done = {};
    for (var k = 0; k < ids.length; k++) {
      var id = ids[k];
      if (done[id] || !positions[id] || !visible(id) || !lit(id)) { continue; }
      done[id] = true;
      var cx = (positions[id].x - origin.x) * scale, cy = (positions[id].y - origin.y) * scale;
      var r = (sizes[id] || 10) * scale, w = labelWidth(id);
      if (cx + r < 0 || cy + r < 0 || cx - r > width || cy - r > height) { continue; }
      var spots = [
        {x: cx - w / 2, y: cy + r + 2}, {x: cx - w / 2, y: cy - r - 2 - LABEL_H},
        {x: cx + r + 3, y: cy - LABEL_H / 2}, {x: cx - r - 3 - w, y: cy - LABEL_H / 2}];
      for (var s = 0; s < spots.length; s++) {
        var box = {id: id, x: spots[s].x, y: spots[s].y, w: w, h: LABEL_H};
        if (box.x < 0 || box.y < 0 || box.x + w > width || box.y + LABEL_H > height || grid.hits(box)) { continue; }
        grid.add(box);
        placed.push(box);
        break;
      }
    }
    return placed;
  }

  function drawLabels(ctx) {
    drawNeighbourhood(ctx);
    var placed = placeLabels(ctx);
    var ratio = ctx.canvas.width / Math.max(1, ctx.canvas.clientWidth);
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    for (var i = 0; i < placed.length; i++) {
      var b = placed[i];
      ctx.font = fontOf(b.id);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(details[b.id].label, b.x + 2, b.y + LABEL_H / 2);
      ctx.fillStyle = details[b.id].kind === "Paper" ? "#3c4043" : "#202124";
      ctx.fillText(details[b.id].label, b.x + 2, b.y + LABEL_H / 2);
    }
    ctx.restore();
    kgView.labels = placed;
  }

  // Light up the neighbourhood of `id` (null: everything). vis's data is left alone: the page
  // veils the canvas and draws the neighbourhood again on top, so a click costs one redraw.
  function highlight(id) {
    var near = null;
    if (id !== null && id !== undefined && details[id]) {
      near = {};
      near[id] = true;
      network.getConnectedNodes(id).forEach(function (n) { near[n] = true; });
    }
    state.selected = near ? id : null;
    state.near = near;
    network.redraw();
  }
  function drawNeighbourhood(ctx) {
    kgView.drawn = {veiled: false, nodes: 0, edges: 0};
    if (!state.near) { return; }
    var id = state.selected, positions = network.getPositions(Object.keys(state.near));
    var topLeft = network.DOMtoCanvas({x: 0, y: 0});
    var bottomRight = network.DOMtoCanvas({x: container.clientWidth, y: container.clientHeight});
    ctx.save();
    ctx.fillStyle = "rgba(255,255,255,0.82)";
    ctx.fillRect(topLeft.x, topLeft.y, bottomRight.x - topLeft.x, bottomRight.y - topLeft.y);
    var drawn = {veiled: true, nodes: 0, edges: 0};
    edges.get(network.getConnectedEdges(id)).forEach(function (e) {
      if (e.hidden || !positions[e.from] || !positions[e.to]) { return; }
      ctx.strokeStyle = e.color;
      ctx.lineWidth = 2 / Math.max(network.getScale(), 0.2);
      ctx.setLineDash(e.dashes ? [6, 4] : []);
      ctx.beginPath();
      ctx.moveTo(positions[e.from].x, positions[e.from].y);
      ctx.lineTo(positions[e.to].x, positions[e.to].y);
      ctx.stroke();
      drawn.edges += 1;
    });
    ctx.setLineDash([]);
    Object.keys(state.near).forEach(function (n) {
      if (!positions[n] || !visible(n)) { return; }
      var look = groups[details[n].kind], r = sizes[n] || 10, x = positions[n].x, y = positions[n].y;
      ctx.fillStyle = look.color.background;
      ctx.strokeStyle = n === id ? "#000000" : look.color.border;
      ctx.lineWidth = n === id ? 3 : 1;
      ctx.beginPath();
      if (look.shape === "square") { ctx.rect(x - r, y - r, 2 * r, 2 * r); } else { ctx.arc(x, y, r, 0, 2 * Math.PI); }
      ctx.fill();
      ctx.stroke();
      drawn.nodes += 1;
    });
    ctx.restore();
    kgView.drawn = drawn;
  }

  // Hide unticked kinds and roles; an entity whose every link is hidden goes too.
  function applyFilters(kinds, roles) {
    var hidden = {};
    nodes.forEach(function (n) { if (!kinds[details[n.id].kind]) { hidden[n.id] = true; } });
    var linked = {}, links = {};
    edges.forEach(function (e) {
      links[e.to] = (links[e.to] || 0) + 1;
      if (roles[e.role] && !hidden[e.from] && !hidden[e.to]) { linked[e.to] = true; linked[e.from] = true; }
    });
    nodes.forEach(function (n) {
      if (details[n.id].kind !== "Paper" && links[n.id] && !linked[n.id]) { hidden[n.id] = true; }
    });
    var nodeChanges = [], edgeChanges = [];
    nodes.forEach(function (n) {
      if (!!n.hidden !== !!hidden[n.id]) { nodeChanges.push({id: n.id, hidden: !!hidden[n.id]}); }
    });
    edges.forEach(function (e) {
      var off = !roles[e.role] || !!hidden[e.from] || !!hidden[e.to];
      if (!!e.hidden !== off) { edgeChanges.push({id: e.id, hidden: off}); }
    });
    if (nodeChanges.length) { nodes.update(nodeChanges); }
    if (edgeChanges.length) { edges.update(edgeChanges); }
    state.hidden = hidden;
    if (state.selected !== null && hidden[state.selected]) { highlight(null); }
    network.redraw();
    return Object.keys(hidden).length;
  }

  kgView = {details: details, state: state, labels: [], drawn: null, readyMs: null,
            highlight: highlight, applyFilters: applyFilters, visible: visible};

  network.on("afterDrawing", drawLabels);
  network.on("hoverNode", function (p) { state.hovered = p.node; network.redraw(); });
  network.on("blurNode", function () { state.hovered = null; network.redraw(); });
  // Let the layout settle, then freeze it: no endless jiggling, no CPU burnt.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    network.fit();
    kgStabilized = true;
    kgView.readyMs = performance.now();
    document.body.dataset.ready = "true";
  });
})();
"""
"""The page's first script, run after vis-network: builds the network and its drawing helpers."""
