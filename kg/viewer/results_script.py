"""The viewer's third script: the results and relations sections of the side panel.

:data:`RESULTS_JS` runs after :data:`kg.viewer.panel_script.PANEL_JS` and adds
one section to ``kgView.sections``, which the panel draws for every entity
after its names. From the node details made by :mod:`kg.viewer.results` it
shows a dataset's leaderboard (one table per metric, best first), an
entity's results (dataset, metric, value, paper) and its relations, outgoing
and incoming, each with the sentences and papers behind it. A paper or
entity that the view draws is a button that focuses it; one it leaves out is
a link to the paper's http(s) URL, or plain text. Every string goes in
through ``textContent`` (or the ``title`` property), as in the panel.
"""

from __future__ import annotations

__all__ = ["RESULTS_JS"]

RESULTS_JS = r"""
"use strict";
(function () {
  var details = kgView.details, kit = kgView.panelKit, addText = kit.addText;
  var WORDS = {appliedTo: ["applied to", "applied by"], benchmarkedOn: ["benchmarked on", "benchmark for"],
               comparedWith: ["compared with", "compared with"], basedOn: ["based on", "basis of"]};

  function valueText(row) {
    return row.unit === "%" ? row.value + "%" : row.unit ? row.value + " " + row.unit : row.value;
  }
  // A node the view draws focuses it; one it leaves out is shown by name.
  function addNode(parent, id, name) {
    return details[id] ? kit.addGo(parent, id, name) : addText(parent, "span", "kg-off", name);
  }
  function addPaper(parent, ref) {
    if (details[ref.paper]) {
      var go = kit.addGo(parent, ref.paper, details[ref.paper].label);
      go.title = ref.paperTitle;
      return go;
    }
    return kit.addLink(parent, "kg-paper-link", ref.paperTitle, ref.paperUrl) ||
      addText(parent, "span", "kg-off", ref.paperTitle);
  }
  function addCell(row, tag, className, text) { return addText(row, tag, className, text || ""); }
  // A table of results: a header, then per result a row and a row with its sentence behind a <details>.
  function addTable(parent, className, heads, rows, cells) {
    var table = addText(parent, "table", "kg-table " + className, "");
    var head = addText(addText(table, "thead", "", ""), "tr", "", "");
    heads.forEach(function (h) { addCell(head, "th", "", h).scope = "col"; });
    var body = addText(table, "tbody", "", "");
    rows.forEach(function (row, i) {
      var tr = addText(body, "tr", className + "-row", "");
      tr.title = row.sentence;
      cells(tr, row, i);
      if (!row.sentence) { return; }
      var td = addCell(addText(body, "tr", className + "-why", ""), "td", "", "");
      td.colSpan = heads.length;
      var more = addText(td, "details", "kg-why", "");
      addText(more, "summary", "", "Evidence");
      kit.addSentence(more, row.sentence, valueText(row));
    });
    return table;
  }

  function leaderboard(panel, tables) {
    var n = tables.reduce(function (sum, t) { return sum + t.rows.length; }, 0);
    addText(panel, "h3", "kg-board-head", "Leaderboard (" + n + " result" + (n === 1 ? "" : "s") + ")");
    tables.forEach(function (t) {
      addText(panel, "p", "kg-board-metric", t.metric + (t.lowerIsBetter ? " \u2193 lower is better" : " \u2191 higher is better"));
      addTable(panel, "kg-board", ["#", "Entity", "Value", "Paper"], t.rows, function (tr, row, i) {
        addCell(tr, "td", "kg-rank", String(i + 1));
        addNode(addCell(tr, "td", "kg-cell-entity"), row.entity, row.entityName);
        addCell(tr, "td", "kg-cell-value", valueText(row));
        addPaper(addCell(tr, "td", "kg-cell-paper"), row);
      });
    });
  }

  function results(panel, rows) {
    addText(panel, "h3", "kg-scores-head", "Results (" + rows.length + ")");
    addTable(panel, "kg-scores", ["Dataset", "Metric", "Value", "Paper"], rows, function (tr, row) {
      addNode(addCell(tr, "td", "kg-cell-dataset"), row.dataset, row.datasetName);
      addCell(tr, "td", "kg-cell-metric", row.metric);
      addCell(tr, "td", "kg-cell-value", valueText(row));
      addPaper(addCell(tr, "td", "kg-cell-paper"), row);
    });
  }

  function relations(panel, found) {
    addText(panel, "h3", "kg-relations-head", "Relations (" + found.length + ")");
    var list = addText(panel, "ul", "kg-relations", "");
    found.forEach(function (r) {
      var li = addText(list, "li", "kg-relation-item", "");
      var words = WORDS[r.property] || [r.property, r.property + " (from)"];
      addText(li, "span", "kg-role kg-rel-" + (r.outgoing ? "out" : "in"), words[r.outgoing ? 0 : 1]);
      addNode(li, r.other, r.otherName);
      r.evidence.forEach(function (e) {
        kit.addSentence(li, e.sentence, "");
        var source = addText(li, "p", "kg-source", "in ");
        addPaper(source, e);
      });
    });
  }

  kgView.sections.push(function (panel, id, info) {
    if (info.leaderboard && info.leaderboard.length) { leaderboard(panel, info.leaderboard); }
    if (info.results && info.results.length) { results(panel, info.results); }
    if (info.relations && info.relations.length) { relations(panel, info.relations); }
  });
})();
"""
"""The page's third script: leaderboards, results and relations in the side panel, through ``textContent`` only."""
