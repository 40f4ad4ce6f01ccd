"""Run SPARQL on an Oxigraph store, with safely bound parameters, in every results format.

Used by ``kg query`` and ``kg serve``. Every prefix of
:data:`~kg.graph.namespace.PREFIXES` is predeclared (a ``PREFIX`` line in the
query wins). Parameters are bound with Oxigraph's substitutions (SPARQL-dev
SEP-0007): the value becomes an RDF term bound to the variable after the query
is parsed, so no value, whatever quotes, braces or keywords it holds, can
change the query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from kg.errors import QueryError
from kg.prefixes import PREFIXES
from kg.sparql.tables import fit, layout, prefixed
from kg.sparql.tokens import bind_in_where, projection, refuse_service

__all__ = [
    "GRAPH_TYPES",
    "RESULT_TYPES",
    "Term",
    "execute",
    "parse_param",
    "parse_term",
    "render",
    "run_store_query",
]

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
"""Results format name → Oxigraph format, for SELECT and ASK answers."""

GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
"""RDF format name → Oxigraph format, for CONSTRUCT and DESCRIBE answers."""

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LITERAL = re.compile(r'"(?P<text>.*)"(?:@(?P<lang>[A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(?P<type>\S+))?', re.DOTALL)
_PREFIXED = re.compile(r"(?P<prefix>[A-Za-z][\w.-]*):(?P<local>(?:[^\s<>\"{}|\\^`]|\\[_~.\-!$&'()*+,;=/?#@%])*)")
_ESCAPE = re.compile(r"\\(.)")


def _iri(text: str) -> ox.NamedNode:
    """Return an IRI from ``<…>`` or a predeclared prefixed name."""
    match = _PREFIXED.fullmatch(text)
    if not text.startswith("<") and match and match["prefix"] in PREFIXES:
        local = _ESCAPE.sub(r"\1", match["local"])
        text = f"<{PREFIXES[match['prefix']]}{local}>"
    if not (text.startswith("<") and text.endswith(">")):
        raise QueryError(f"{text!r} is not an IRI; fix: write <https://…> or a prefixed name such as kgr:dataset/gsm8k")
    try:
        return ox.NamedNode(text[1:-1])
    except ValueError as err:
        raise QueryError(f"{text!r} is not a valid IRI ({err}); fix: write a full IRI such as <https://…>") from err


def parse_term(value: str) -> Term:
    """Read a parameter value as an RDF term.

    ``<…>`` and prefixed names with a predeclared prefix are IRIs, written as
    tables print them (``kgr:dataset\\/gsm8k``) or without the escapes
    (``kgr:dataset/gsm8k``); ``"…"@lang`` and ``"…"^^datatype`` are tagged
    or typed literals; anything else is a plain string, taken verbatim.

    Raises
    ------
    QueryError
        For a malformed IRI or datatype.

    Examples
    --------
    >>> parse_term("GSM8K")
    <Literal value=GSM8K datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> parse_term("kgr:dataset/gsm8k").value
    'https://w3id.org/paperkg/resource/dataset/gsm8k'
    >>> parse_term(r"kgr:dataset\\/gsm8k") == parse_term("kgr:dataset/gsm8k")
    True
    >>> parse_term('"2"^^xsd:integer').datatype.value
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    if value.startswith("<") or (_PREFIXED.fullmatch(value) and value.split(":", 1)[0] in PREFIXES):
        return _iri(value)
    literal = _LITERAL.fullmatch(value)
    if literal is None:
        return ox.Literal(value)
    if literal["lang"]:
        return ox.Literal(literal["text"], language=literal["lang"])
    if literal["type"]:
        return ox.Literal(literal["text"], datatype=_iri(literal["type"]))
    return ox.Literal(literal["text"])


def parse_param(text: str) -> tuple[str, Term]:
    """Split ``NAME=VALUE`` into a variable name and a term (see :func:`parse_term`).

    Raises
    ------
    QueryError
        When there is no ``=`` or the name is not a SPARQL variable name.

    Examples
    --------
    >>> parse_param("name=a } UNION { ?s ?p ?o")[1].value
    'a } UNION { ?s ?p ?o'
    """
    name, sep, value = text.partition("=")
    name = name.lstrip("?$")
    if not sep or not _NAME.fullmatch(name):
        raise QueryError(f"{text!r} is not NAME=VALUE; fix: write e.g. --param dataset=GSM8K")
    return name, parse_term(value)


def _detail(err: Exception) -> str:
    """An exception's message on one line."""
    return " ".join(str(err).split()) or type(err).__name__


def _bind(query: str, params: Mapping[str, Term]) -> tuple[str, dict[ox.Variable, Term]]:
    """Split ``params``: projected variables become Oxigraph substitutions, the others VALUES in the WHERE group."""
    projected = projection(query) or set()
    substitutions = {ox.Variable(name): term for name, term in params.items() if name in projected}
    others = {name: term for name, term in params.items() if name not in projected}
    if not others:
        return query, substitutions
    for name, term in others.items():
        if not isinstance(term, ox.NamedNode | ox.Literal):
            raise QueryError(f"cannot bind ?{name} to {term}: only an IRI or a literal can be bound; "
                             "fix: give <https://…>, a prefixed name or a literal")
    try:  # parse the query as written first, so that error positions are the user's
        ox.Store().query(query, prefixes=PREFIXES)
    except SyntaxError as err:
        raise QueryError(
            f"cannot parse the SPARQL query: {_detail(err)}; fix the query at the reported position, "
            f"or declare the prefix it names ({', '.join(p + ':' for p in PREFIXES)} are predeclared)"
        ) from err
    return bind_in_where(query, {name: str(term) for name, term in others.items()}), substitutions


def execute(store: ox.Store, query: str, *, params: Mapping[str, Term] | None = None,
            allow_service: bool = False) -> Result:
    """Run ``query`` on ``store`` with ``params`` bound; return Oxigraph's result.

    A parameter for a projected variable is an Oxigraph substitution; one for
    any other variable is a ``VALUES`` clause at the start of the WHERE group
    (:func:`kg.sparql.tokens.bind_in_where`). Either way the value is one RDF
    term, never query text. A SERVICE clause is refused unless
    ``allow_service``: it would make this machine connect to other addresses.

    Raises
    ------
    QueryError
        When the query cannot be parsed (updates included: they are not
        queries), has a SERVICE clause, a parameter cannot be bound, or the
        evaluation fails.
    """
    if not allow_service:
        refuse_service(query)
    query, substitutions = _bind(query, params or {})
    try:
        return store.query(query, prefixes=PREFIXES, substitutions=substitutions)
    except SyntaxError as err:
        raise QueryError(
            f"cannot parse the SPARQL query: {_detail(err)}; fix the query at the reported position, "
            f"or declare the prefix it names ({', '.join(p + ':' for p in PREFIXES)} are predeclared)"
        ) from err
    except RuntimeError as err:
        raise QueryError(f"cannot run the SPARQL query: {_detail(err)}; fix the query") from err
    except (OSError, ValueError, TypeError) as err:
        raise QueryError(f"cannot run the SPARQL query: {_detail(err)}; fix the query or the store") from err


def render(result: Result, fmt: str) -> bytes:
    """Serialize a result: SELECT/ASK in a :data:`RESULT_TYPES` format, graphs in a :data:`GRAPH_TYPES` one.

    Raises
    ------
    QueryError
        When ``fmt`` does not suit the kind of result, or evaluation fails while
        the answer is written.
    """
    try:
        if isinstance(result, ox.QueryTriples):
            if fmt not in GRAPH_TYPES:
                raise QueryError(f"a graph answer cannot be written as {fmt!r}; fix: use one of {', '.join(GRAPH_TYPES)}")
            return result.serialize(format=GRAPH_TYPES[fmt])
        if fmt not in RESULT_TYPES:
            raise QueryError(f"a SELECT or ASK answer cannot be written as {fmt!r}; "
                             f"fix: use one of {', '.join(RESULT_TYPES)}")
        return result.serialize(format=RESULT_TYPES[fmt])
    except (OSError, RuntimeError) as err:
        raise QueryError(f"cannot run the SPARQL query: {_detail(err)}; fix the query") from err


_XSD = PREFIXES["xsd"]
_CANONICAL_INTEGER = re.compile(r"0|-?[1-9][0-9]*")


def _literal_text(node: ox.Literal) -> str:
    """Show a literal as the table always has: the text rdflib gives the equivalent term.

    Strings, language-tagged strings and canonical integers (counts) are their
    lexical form; other typed literals go through rdflib, which normalises
    values (``"1e3"^^xsd:double`` shows as ``1000.0``).
    """
    datatype = node.datatype.value
    if node.language or datatype == _XSD + "string" or (
        datatype == _XSD + "integer" and _CANONICAL_INTEGER.fullmatch(node.value)
    ):
        return node.value
    from rdflib import Literal

    return str(Literal(node.value, datatype=datatype))


def _text(node: Term | ox.Triple | None) -> str:
    """Show a term plainly in a table cell: IRIs as prefixed names when a prefix fits, literals as text."""
    if node is None:
        return ""
    if isinstance(node, ox.NamedNode):
        return prefixed(node.value)
    if isinstance(node, ox.BlankNode):
        return f"_:{node.value}"
    if isinstance(node, ox.Literal):
        return _literal_text(node)
    return str(node)  # an RDF-star triple term, shown as text


def _turtle(result: ox.QueryTriples) -> str:
    """Write a graph answer as sorted Turtle with the paperkg prefixes, as ``kg query`` on a file does."""
    from rdflib import BNode, Graph, Literal, URIRef

    from kg.graph.build import bind_prefixes
    from kg.graph.turtle import turtle_bytes

    def term(node: Term | ox.Triple) -> URIRef | BNode | Literal:
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return BNode(node.value)
        if isinstance(node, ox.Literal):
            plain = node.language or node.datatype.value == _XSD + "string"
            return Literal(node.value, lang=node.language, datatype=None if plain else node.datatype.value)
        return Literal(str(node))  # an RDF-star triple term, shown as text

    graph = bind_prefixes(Graph())
    for triple in result:
        graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return turtle_bytes(graph).decode("utf-8")


def _table(result: Result) -> str:
    """Format a result for reading: aligned columns, or sorted Turtle for graphs."""
    try:
        if isinstance(result, ox.QueryBoolean):
            return ("true" if bool(result) else "false") + "\n"
        if isinstance(result, ox.QueryTriples):
            return _turtle(result)
        names = [var.value for var in result.variables]
        cells = [[fit(_text(solution[name]), whole=isinstance(solution[name], ox.NamedNode)) for name in names]
                 for solution in result]
    except (OSError, RuntimeError) as err:
        raise QueryError(f"cannot run the SPARQL query: {_detail(err)}; fix the query") from err
    return layout(names, cells)


def run_store_query(
    store: ox.Store, query: str, *, params: Mapping[str, Term] | Sequence[str] | None = None, fmt: str = "table",
    allow_service: bool = False,
) -> str:
    """Run ``query`` on ``store`` and return the formatted answer.

    Parameters
    ----------
    store : pyoxigraph.Store
        The store (see :mod:`kg.sparql.store`).
    query : str
        SPARQL 1.1 query text; the paperkg prefixes are predeclared.
    params : mapping or sequence of ``"NAME=VALUE"``
        Values bound to variables of the query, projected or not (see :func:`parse_term`).
    fmt : str
        ``"table"`` (aligned columns, IRIs as prefixed names), or ``"csv"``,
        ``"tsv"``, ``"json"``, ``"xml"`` (SPARQL 1.1 results). CONSTRUCT and
        DESCRIBE answers are Turtle in every format.
    allow_service : bool
        Run SERVICE clauses (federated queries) instead of refusing them.

    Raises
    ------
    QueryError
        For an unknown format, a bad parameter, or a query that cannot be parsed or run.

    Examples
    --------
    >>> store = ox.Store()
    >>> print(run_store_query(store, "SELECT ?x WHERE {}", params=["x=kg:Paper"]), end="")
    x
    --------
    kg:Paper
    (1 row)
    """
    if fmt != "table" and fmt not in RESULT_TYPES:
        raise QueryError(f"unknown format {fmt!r}; fix: use one of table, {', '.join(RESULT_TYPES)}")
    if params is not None and not isinstance(params, Mapping):
        params = dict(parse_param(text) for text in params)
    result = execute(store, query, params=params, allow_service=allow_service)
    if fmt == "table" or isinstance(result, ox.QueryTriples):
        return _table(result)
    text = render(result, fmt).decode("utf-8")
    return text if text.endswith("\n") else text + "\n"
