"""A SPARQL tokenizer that knows strings, IRIs and comments: finds SERVICE and the WHERE group of a query.

The SPARQL 1.1 grammar's terminals (section 19.8) are matched longest first,
so that ``SERVICE`` inside a string, an IRI, a comment, a variable name or a
prefixed name is not taken for the keyword, while ``service`` in any case
is. Query text may also carry ``\\u`` escapes, which the grammar decodes
before parsing (section 19.2): :func:`uses_service` looks at the text both as
written and decoded, so neither reading hides the keyword.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import QueryError

__all__ = ["Token", "bind_in_where", "projection", "refuse_service", "tokenize", "uses_service"]

_PN_CHAR = r"[\w\-\u00b7\u0300-\u036f\u203f\u2040]"
_LOCAL_CHAR = rf"(?:{_PN_CHAR}|:|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?#@%])"
_LOCAL = rf"(?:{_LOCAL_CHAR}|\.+(?={_LOCAL_CHAR}))*"
_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<space>\s+)",
            r"(?P<comment>#[^\n\r]*)",
            r'(?P<string>"""(?:"{0,2}(?:[^"\\]|\\.))*"""'
            r"|'''(?:'{0,2}(?:[^'\\]|\\.))*'''"
            r'|"(?:[^"\\\n\r]|\\.)*"'
            r"|'(?:[^'\\\n\r]|\\.)*')",
            r'(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)',
            r"(?P<var>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+)",
            rf"(?P<bnode>_:{_LOCAL})",
            rf"(?P<pname>(?:[^\W\d_]{_PN_CHAR}*(?:\.+{_PN_CHAR}+)*)?:{_LOCAL})",
            r"(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",
            r"(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)",
            r"(?P<word>[^\W\d_]\w*)",
            r"(?P<punct>\^\^|&&|\|\||!=|<=|>=|.)",
        ]
    ),
    re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FORMS = {"select", "ask", "construct", "describe"}


@dataclass(frozen=True)
class Token:
    """One terminal of the query: its kind (``word``, ``var``, ``iri``, ``punct``, …), text and offset."""

    kind: str
    text: str
    start: int


def tokenize(query: str) -> list[Token]:
    """Split ``query`` into tokens, leaving out white space and comments.

    Examples
    --------
    >>> [t.text for t in tokenize('SELECT ?s # SERVICE\\n{ ?s ?p "SERVICE" }')]
    ['SELECT', '?s', '{', '?s', '?p', '"SERVICE"', '}']
    """
    found = []
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "punct"
        if kind not in ("space", "comment"):
            found.append(Token(kind, match.group(), match.start()))
    return found


def _decoded(query: str) -> str:
    """Return ``query`` with its ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes decoded (unpaired surrogates kept out)."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _ESCAPE.sub(char, query)


def uses_service(query: str) -> bool:
    """Whether ``query`` has a SERVICE clause (the keyword in any case, outside strings, IRIs and comments).

    Examples
    --------
    >>> uses_service("SELECT * { service <http://127.0.0.1/> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service { ?service ex:SERVICE "SERVICE" } # SERVICE <x> {}')
    False
    """
    readings = {query, _decoded(query)}
    return any(t.kind == "word" and t.text.lower() == "service" for text in readings for t in tokenize(text))


def refuse_service(query: str) -> None:
    """Raise unless ``query`` is free of SERVICE clauses, which would make this machine fetch other addresses.

    Raises
    ------
    QueryError
        When the query has a SERVICE clause.
    """
    if uses_service(query):
        raise QueryError("SERVICE (federated query) is refused: it would make this machine connect to other "
                         "addresses; fix: query the local graph only, or pass --allow-service to kg query "
                         "or kg serve when you trust every query")


def _where_brace(tokens: list[Token]) -> int | None:
    """Return the index of the ``{`` that opens the outermost WHERE group, or None."""
    form = None
    depth = parens = 0
    after_template = False
    for index, token in enumerate(tokens):
        text = token.text.lower() if token.kind == "word" else token.text
        if token.kind == "punct" and text in "()":
            parens += 1 if text == "(" else -1
        elif token.kind == "punct" and text == "{":
            if depth == 0 and parens == 0 and form is not None:
                if form != "construct" or after_template:
                    return index
            depth += 1
        elif token.kind == "punct" and text == "}":
            depth -= 1
            if depth == 0 and form == "construct":
                after_template = True
        elif token.kind == "word" and depth == 0 and parens == 0:
            if form is None and text in _FORMS:
                form = text
            elif form is not None and text == "where":
                after_template = True
    return None


def projection(query: str) -> set[str] | None:
    """Return the names a SELECT query projects by name (``?x``, ``(… AS ?x)``); None for ``SELECT *`` or another form.

    Examples
    --------
    >>> sorted(projection("SELECT ?p (COUNT(?d) AS ?n) WHERE { ?p kg:uses ?d } GROUP BY ?p"))
    ['n', 'p']
    >>> projection("SELECT * { ?s ?p ?o }") is None
    True
    """
    tokens = tokenize(query)
    first = next((i for i, t in enumerate(tokens) if t.kind == "word" and t.text.lower() in _FORMS), None)
    if first is None or tokens[first].text.lower() != "select":
        return None
    names: set[str] = set()
    parens = 0
    for index in range(first + 1, len(tokens)):
        token = tokens[index]
        if token.kind == "punct" and token.text in "()":
            parens += 1 if token.text == "(" else -1
        elif token.kind == "punct" and token.text in ("*", "{") and parens == 0:
            return None if token.text == "*" else names
        elif token.kind == "word" and parens == 0 and token.text.lower() in ("where", "from"):
            return names
        elif token.kind == "var" and (parens == 0 or tokens[index - 1].text.lower() == "as"):
            names.add(token.text[1:])
    return names


def bind_in_where(query: str, values: dict[str, str]) -> str:
    """Return ``query`` with ``VALUES ?name { term }`` at the start of its WHERE group, for each of ``values``.

    Each value must already be one RDF term in N-Triples syntax (as
    pyoxigraph writes a term); it is checked to be exactly one IRI or
    literal token, so it can never add query text.

    Raises
    ------
    QueryError
        When the query has no WHERE group, or a value is not one term.

    Examples
    --------
    >>> bind_in_where("SELECT ?p WHERE { ?p ?q ?id }", {"id": '"x"'})
    'SELECT ?p WHERE { VALUES ?id { "x" } ?p ?q ?id }'
    """
    tokens = tokenize(query)
    brace = _where_brace(tokens)
    if brace is None:
        raise QueryError("cannot bind a parameter: the query has no WHERE group; fix: add a WHERE { … } "
                         "that uses the variable, or leave out the --param")
    clauses = []
    for name, term in sorted(values.items()):
        parts = tokenize(term)
        literal = len(parts) == 1 and parts[0].kind in ("iri", "string")
        typed = (len(parts) == 3 and parts[0].kind == "string" and parts[1].text == "^^" and parts[2].kind == "iri")
        tagged = len(parts) == 2 and parts[0].kind == "string" and parts[1].kind == "lang"
        if not re.fullmatch(r"[A-Za-z_]\w*", name) or not (literal or typed or tagged) or parts[0].start:
            raise QueryError(f"cannot bind ?{name} to {term!r}: not one RDF term; fix: give an IRI or a literal")
        clauses.append(f"VALUES ?{name} {{ {term} }} ")
    at = tokens[brace].start + 1
    return query[:at] + " " + "".join(clauses) + query[at:].lstrip(" ")
