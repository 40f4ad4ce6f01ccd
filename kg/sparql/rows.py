"""Cut a query's answer at a row limit, so that no answer holds more than that many rows in memory.

Oxigraph yields solutions and triples lazily: :func:`render_cut` takes at
most ``max_rows`` of them (and one more, to learn whether there were more),
then writes those in the asked format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from kg.errors import QueryError
from kg.sparql.execute import GRAPH_TYPES, RESULT_TYPES, Result, Term, render

__all__ = ["Cut", "render_cut"]


@dataclass(frozen=True)
class Cut:
    """A written answer: its bytes, and whether rows beyond the limit were left out."""

    body: bytes
    truncated: bool


def _json_term(term: Term | ox.Triple) -> dict[str, object]:
    """One term in SPARQL 1.1 Query Results JSON (with RDF-star triples as Oxigraph reads them)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        found: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            found["xml:lang"] = term.language
        else:
            found["datatype"] = term.datatype.value
        return found
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate), "object": _json_term(term.object)}}


def _solutions(result: ox.QuerySolutions, max_rows: int) -> tuple[ox.QuerySolutions, bool]:
    """Return the first ``max_rows`` solutions as a new result, and whether there were more."""
    names = [variable.value for variable in result.variables]
    rows = list(islice(result, max_rows + 1))
    bindings = [{name: _json_term(row[name]) for name in names if row[name] is not None} for row in rows[:max_rows]]
    doc = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}})
    parsed = ox.parse_query_results(doc.encode("utf-8"), format=ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    return parsed, len(rows) > max_rows


def render_cut(result: Result, fmt: str, max_rows: int) -> Cut:
    """Write at most ``max_rows`` solutions (or triples) of ``result`` in ``fmt`` (see :func:`~kg.sparql.execute.render`).

    Raises
    ------
    QueryError
        When ``fmt`` does not suit the result, or evaluation fails while the rows are read.

    Examples
    --------
    >>> store = ox.Store()
    >>> cut = render_cut(store.query("SELECT ?n { VALUES ?n { 1 2 3 } }"), "csv", 2)
    >>> cut.body.decode().split(), cut.truncated
    (['n', '1', '2'], True)
    """
    try:
        if isinstance(result, ox.QueryBoolean):
            return Cut(render(result, fmt), False)
        if isinstance(result, ox.QueryTriples):
            if fmt not in GRAPH_TYPES:
                raise QueryError(f"a graph answer cannot be written as {fmt!r}; fix: use one of {', '.join(GRAPH_TYPES)}")
            triples = list(islice(result, max_rows + 1))
            body = ox.serialize(triples[:max_rows], format=GRAPH_TYPES[fmt])
            return Cut(body or b"", len(triples) > max_rows)
        if fmt not in RESULT_TYPES:
            raise QueryError(f"a SELECT or ASK answer cannot be written as {fmt!r}; "
                             f"fix: use one of {', '.join(RESULT_TYPES)}")
        solutions, truncated = _solutions(result, max_rows)
        return Cut(render(solutions, fmt), truncated)
    except (OSError, RuntimeError, SyntaxError, ValueError) as err:
        raise QueryError(f"cannot run the SPARQL query: {' '.join(str(err).split())}; fix the query") from err
