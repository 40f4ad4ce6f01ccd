"""Run SPARQL queries on a paperkg graph and format the answers.

Every prefix of :data:`~kg.graph.namespace.PREFIXES` (``kg:``, ``kgr:``,
``dcterms:``, ``skos:``, …) is predeclared, so queries may use them without
``PREFIX`` lines. The competency questions bundled in ``ontology/queries/``
are found by file name (``read_query("proposals.rq")``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import QueryError
from kg.prefixes import PREFIXES
from kg.sparql.tables import fit, layout, prefixed

if TYPE_CHECKING:  # rdflib is imported where it is used: `kg query --store` needs none of it
    from rdflib import BNode, Graph, Literal, URIRef
    from rdflib.query import Result

    _Cell = URIRef | Literal | BNode | None

__all__ = ["FORMATS", "bundled_queries", "read_query", "run_query"]

_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


def bundled_queries() -> dict[str, Path]:
    """Return the competency-question files in ``ontology/queries/``, by file name.

    Examples
    --------
    >>> "proposals.rq" in bundled_queries()
    True
    """
    from kg.resources import ontology_file

    return {path.name: path for path in sorted(ontology_file("queries").glob("*.rq"))}


def read_query(text_or_path: str | Path) -> str:
    """Return query text: the file's content for a ``.rq`` path, else the argument itself.

    A bare file name ending in ``.rq`` that is not an existing file is looked
    up among :func:`bundled_queries`.

    Raises
    ------
    QueryError
        For a ``.rq`` name that is neither a file nor a bundled query.

    Examples
    --------
    >>> read_query("SELECT * WHERE { ?s ?p ?o }")
    'SELECT * WHERE { ?s ?p ?o }'
    >>> read_query("proposals.rq").startswith("#")
    True
    """
    text = str(text_or_path)
    if not text.rstrip().endswith(".rq") or "\n" in text.strip():
        return text
    path = Path(text.strip())
    if not path.is_file() and str(path) == path.name:  # a bare name: look among bundled
        path = bundled_queries().get(path.name, path)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise QueryError(
            f"{text}: no such query file; fix: give an existing .rq path or one of the "
            f"bundled queries: {', '.join(bundled_queries())}"
        ) from err


def _with_prefixes(query: str) -> str:
    """Prepend, on the query's first line, the PREFIXES the query does not declare."""
    declared = {match.group(1) or "" for match in _DECLARED.finditer(query)}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return " ".join([*missing, query])




def _short(node: _Cell) -> str:
    """Show a term plainly: IRIs as prefixed names when a prefix fits, literals as text."""
    from rdflib import BNode, URIRef

    if node is None:
        return ""
    if isinstance(node, URIRef):
        return prefixed(node)
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)




def _cell(node: _Cell) -> str:
    """Show a term in one table cell: one line, at most ``MAX_CELL`` characters (IRIs whole)."""
    from rdflib import URIRef

    return fit(_short(node), whole=isinstance(node, URIRef))


def _table(names: Sequence[str], rows: Sequence[Sequence[_Cell]]) -> str:
    """Format rows as aligned text columns under a header."""
    return layout(names, [[_cell(value) for value in row] for row in rows])




def _csv(names: Sequence[str], rows: Sequence[Sequence[_Cell]]) -> str:
    """Format rows as SPARQL 1.1 CSV: full IRIs, lexical forms, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if value is None else str(value) for value in row])
    return out.getvalue()


def _tsv_term(node: _Cell) -> str:
    """Return one term in SPARQL 1.1 TSV form: Turtle syntax, tabs and line breaks escaped."""
    if node is None:
        return ""
    return node.n3().replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _tsv(names: Sequence[str], rows: Sequence[Sequence[_Cell]]) -> str:
    """Format rows as SPARQL 1.1 TSV: ``?name`` headers, terms in Turtle syntax."""
    lines = ["\t".join("?" + name for name in names)]
    lines.extend("\t".join(_tsv_term(value) for value in row) for row in rows)
    return "\n".join(lines) + "\n"


def _json_term(node: URIRef | Literal | BNode) -> dict[str, str]:
    """Return one RDF term in SPARQL 1.1 Query Results JSON form."""
    from rdflib import BNode, URIRef

    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    term = {"type": "literal", "value": str(node)}
    if node.language:
        term["xml:lang"] = node.language
    elif node.datatype:
        term["datatype"] = str(node.datatype)
    return term


def _json(names: Sequence[str], rows: Sequence[Sequence[_Cell]]) -> str:
    """Format rows as SPARQL 1.1 Query Results JSON."""
    bindings = [
        {name: _json_term(value) for name, value in zip(names, row) if value is not None}
        for row in rows
    ]
    doc = {"head": {"vars": list(names)}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Sequence[str], Sequence[Sequence[_Cell]]], str]] = {
    "table": _table,
    "csv": _csv,
    "tsv": _tsv,
    "json": _json,
}
"""Output format name → formatter of SELECT rows."""


def _format(result: Result, fmt: str) -> str:
    """Format a query result; CONSTRUCT and DESCRIBE results are Turtle in every format."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        from kg.graph.build import bind_prefixes
        from kg.graph.turtle import turtle_bytes

        assert result.graph is not None
        return turtle_bytes(bind_prefixes(result.graph)).decode("utf-8")
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": answer}) + "\n"
        return ("true" if answer else "false") + "\n"
    names = [str(var) for var in result.vars or []]
    rows = [tuple(row) for row in result]
    return FORMATS[fmt](names, rows)


def run_query(graph: Graph, query: str, *, fmt: str = "table", allow_service: bool = False) -> str:
    """Run a SPARQL query on ``graph`` and return the formatted answer.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph to query.
    query : str
        SPARQL 1.1 query text (see :func:`read_query` for files); every
        :data:`~kg.graph.namespace.PREFIXES` entry it does not declare is predeclared.
    fmt : str
        ``"table"`` (aligned columns, IRIs as prefixed names), ``"csv"`` or
        ``"json"`` (SPARQL 1.1 Query Results). CONSTRUCT and DESCRIBE queries
        return Turtle whatever the format.
    allow_service : bool
        Run SERVICE clauses instead of refusing them.

    Returns
    -------
    str
        The formatted answer, ending in a newline.

    Raises
    ------
    QueryError
        For an unknown format, a SERVICE clause (unless allowed), or a query that
        cannot be parsed or run.

    Examples
    --------
    >>> from rdflib import Graph
    >>> print(run_query(Graph(), "SELECT (kg:Paper AS ?class) WHERE {}"), end="")
    class
    --------
    kg:Paper
    (1 row)
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; fix: use one of {', '.join(FORMATS)}")
    from rdflib.plugins.sparql import prepareQuery

    from kg.sparql.tokens import refuse_service

    if not allow_service:
        refuse_service(query)

    try:  # parse the text as given, so that error positions are the user's
        prepareQuery(query, initNs=PREFIXES)
    except Exception as err:  # pyparsing and the algebra translator raise various types
        raise QueryError(
            f"cannot parse the SPARQL query: {_detail(err)}; fix the query at the reported "
            "position, or declare the prefix it names with a PREFIX line "
            f"({', '.join(p + ':' for p in PREFIXES)} are predeclared)"
        ) from err
    try:  # the store runs the text, with the prefixes prepended
        return _format(graph.query(_with_prefixes(query)), fmt)
    except Exception as err:  # evaluators raise various types
        raise QueryError(
            f"cannot run the SPARQL query: {_detail(err)}; fix the query or the graph it runs on"
        ) from err


def _detail(err: Exception) -> str:
    """Return an exception's message on one line."""
    return " ".join(str(err).split()) or type(err).__name__
