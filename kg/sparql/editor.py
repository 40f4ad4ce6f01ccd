"""The page ``kg serve`` shows at ``/``: a query editor that talks to ``/sparql``.

One self-contained HTML document, no script or style from any other host.
Answers are shown with ``textContent`` only, so no text from the graph is
ever interpreted as HTML.
"""

from __future__ import annotations

import html

__all__ = ["page"]

_EXAMPLE = """SELECT ?label (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
  ?paper kg:uses|kg:evaluatesOn ?dataset .
  ?dataset a kg:Dataset ; skos:prefLabel ?label .
}
GROUP BY ?label
ORDER BY DESC(?papers) ?label
LIMIT 20"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>paperkg SPARQL</title>
<style>
body {{ font: 15px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 70em; padding: 0 1em; color: #222; }}
textarea {{ width: 100%; height: 14em; font: 14px/1.4 ui-monospace, monospace; box-sizing: border-box; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
th, td {{ border: 1px solid #ccc; padding: .2em .5em; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }}
pre {{ background: #f6f6f6; padding: .8em; overflow: auto; }}
#status {{ margin-left: 1em; color: #555; }}
.error {{ color: #a00; }}
</style>
</head>
<body>
<h1>paperkg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 at <code>/sparql</code> (GET or POST). Predeclared prefixes: {prefixes}.
Press Ctrl+Enter to run.</p>
<form id="form">
<textarea id="query" name="query" spellcheck="false">{example}</textarea>
<p><button type="submit">Run</button><span id="status"></span></p>
</form>
<div id="answer"></div>
<script>
"use strict";
const form = document.getElementById("form");
const editor = document.getElementById("query");
const answer = document.getElementById("answer");
const status = document.getElementById("status");
function cell(tag, text) {{ const el = document.createElement(tag); el.textContent = text; return el; }}
function show(doc) {{
  if ("boolean" in doc) {{ answer.replaceChildren(cell("p", String(doc.boolean))); return; }}
  const table = document.createElement("table");
  const head = document.createElement("tr");
  doc.head.vars.forEach(v => head.appendChild(cell("th", v)));
  table.appendChild(head);
  doc.results.bindings.forEach(b => {{
    const row = document.createElement("tr");
    doc.head.vars.forEach(v => row.appendChild(cell("td", b[v] ? b[v].value : "")));
    table.appendChild(row);
  }});
  answer.replaceChildren(table);
  status.textContent = doc.results.bindings.length + " row(s)";
}}
async function run(event) {{
  if (event) event.preventDefault();
  status.textContent = "running…";
  const started = performance.now();
  const response = await fetch("sparql", {{
    method: "POST",
    headers: {{"Content-Type": "application/sparql-query",
               "Accept": "application/sparql-results+json, text/turtle;q=0.9"}},
    body: editor.value,
  }});
  const text = await response.text();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (!response.ok) {{
    answer.replaceChildren(cell("pre", text));
    answer.firstChild.className = "error";
    status.textContent = "error " + response.status;
    return;
  }}
  if ((response.headers.get("Content-Type") || "").includes("json")) show(JSON.parse(text));
  else {{ answer.replaceChildren(cell("pre", text)); status.textContent = ""; }}
  status.textContent += " in " + seconds + " s";
}}
form.addEventListener("submit", run);
editor.addEventListener("keydown", e => {{ if (e.key === "Enter" && e.ctrlKey) run(e); }});
</script>
</body>
</html>
"""


def page(prefixes: list[str]) -> bytes:
    """Return the editor page, listing ``prefixes`` (names without the colon).

    Examples
    --------
    >>> b"<textarea" in page(["kg"]) and b"https://" not in page(["kg"])
    True
    """
    names = ", ".join(f"<code>{html.escape(p)}:</code>" for p in prefixes)
    return _PAGE.format(prefixes=names, example=html.escape(_EXAMPLE)).encode("utf-8")
