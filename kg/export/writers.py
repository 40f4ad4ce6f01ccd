"""Write a paperkg graph in the formats other tools load: N-Triples, JSON-LD, GraphML, CSV.

Every writer is deterministic: the same triples give byte-identical files.

- ``nt``: N-Triples, one triple a line, lines sorted; loads into any triple store.
- ``jsonld``: JSON-LD 1.1 with the paperkg prefixes in ``@context``, nodes sorted
  by ``@id``, properties and values sorted.
- ``graphml``: papers and entities with their links (:func:`kg.graph.to_networkx`),
  every attribute a plain string, and ``type`` and ``label`` on every node; opens
  in Gephi, Cytoscape or networkx.
- ``csv``: the same links as an edge list: ``source,target,role,source_type,
  target_type,source_label,target_label`` (Gephi's spreadsheet import reads
  ``source`` and ``target``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import networkx as nx
from rdflib import RDF, BNode, Graph, Literal, URIRef

from kg.atomic import staged, write_bytes, writing
from kg.errors import GraphError
from kg.graph.namespace import PREFIXES

__all__ = ["EXPORTS", "export_bytes", "write_export", "write_exports", "write_view_csv", "write_view_graphml"]

_XSD_STRING = PREFIXES["xsd"] + "string"


def ntriples_bytes(graph: Graph) -> bytes:
    """Return ``graph`` as N-Triples with the lines sorted (byte order)."""
    text = graph.serialize(format="nt", encoding="utf-8")
    lines = sorted({line for line in text.split(b"\n") if line.strip()})
    return b"".join(line + b"\n" for line in lines)


def _compact(iri: str) -> str:
    """Return ``iri`` as a prefixed name when a paperkg prefix fits, else unchanged."""
    best = max((item for item in PREFIXES.items() if iri.startswith(item[1])), key=lambda item: len(item[1]),
               default=None)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


def _json_value(node: URIRef | BNode | Literal) -> object:
    """Return one object of a triple as a JSON-LD value."""
    if isinstance(node, URIRef):
        return {"@id": _compact(str(node))}
    if isinstance(node, BNode):
        return {"@id": f"_:{node}"}
    if node.language:
        return {"@value": str(node), "@language": node.language}
    if node.datatype and str(node.datatype) != _XSD_STRING:
        return {"@value": str(node), "@type": _compact(str(node.datatype))}
    return str(node)


def _sort_key(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def jsonld_bytes(graph: Graph) -> bytes:
    """Return ``graph`` as JSON-LD: one node object per subject, everything sorted."""
    nodes: dict[str, dict[str, list[object]]] = {}
    for subject, predicate, obj in graph:
        key = f"_:{subject}" if isinstance(subject, BNode) else _compact(str(subject))
        props = nodes.setdefault(key, {})
        if predicate == RDF.type and isinstance(obj, URIRef):
            props.setdefault("@type", []).append(_compact(str(obj)))
        else:
            props.setdefault(_compact(str(predicate)), []).append(_json_value(obj))
    items = []
    for key in sorted(nodes):
        node: dict[str, object] = {"@id": key}
        for prop in sorted(nodes[key]):
            node[prop] = sorted(nodes[key][prop], key=_sort_key)
        items.append(node)
    doc = {"@context": dict(sorted(PREFIXES.items())), "@graph": items}
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _typed(view: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Give every node of the networkx view a ``type`` attribute (its ``kind``); return the view."""
    for _, attrs in view.nodes(data=True):
        attrs["type"] = attrs["kind"]
    return view


def _view(graph: Graph) -> nx.MultiDiGraph:
    from kg.graph import to_networkx

    return to_networkx(graph)


def write_view_graphml(view: nx.MultiDiGraph, handle: BinaryIO) -> None:
    """Write a :func:`kg.graph.to_networkx` view to ``handle`` as GraphML, a node or edge at a time; adds ``type``."""
    nx.write_graphml_lxml(_typed(view), handle, encoding="utf-8", prettyprint=True, named_key_ids=True)


def write_view_csv(view: nx.MultiDiGraph, handle: BinaryIO) -> None:
    """Write the links of a :func:`kg.graph.to_networkx` view to ``handle`` as a sorted CSV edge list; adds ``type``."""
    view = _typed(view)
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["source", "target", "role", "source_type", "target_type", "source_label", "target_label"])
    for source, target, role in sorted(view.edges(keys=True)):
        src, dst = view.nodes[source], view.nodes[target]
        writer.writerow([source, target, role, src["type"], dst["type"], src["label"], dst["label"]])
    text.flush()
    text.detach()  # the caller's handle stays open


def _bytes(write: Callable[[nx.MultiDiGraph, BinaryIO], None], graph: Graph) -> bytes:
    out = io.BytesIO()
    write(_view(graph), out)
    return out.getvalue()


def graphml_bytes(graph: Graph) -> bytes:
    """Return the papers, entities and links of ``graph`` as GraphML (string attributes)."""
    return _bytes(write_view_graphml, graph)


def edges_csv_bytes(graph: Graph) -> bytes:
    """Return the links of ``graph`` as a CSV edge list, sorted, with node types and labels."""
    return _bytes(write_view_csv, graph)


EXPORTS: dict[str, tuple[str, Callable[[Graph], bytes]]] = {
    "nt": ("graph.nt", ntriples_bytes),
    "jsonld": ("graph.jsonld", jsonld_bytes),
    "graphml": ("graph.graphml", graphml_bytes),
    "csv": ("edges.csv", edges_csv_bytes),
}
"""Export format → (default file name, writer of bytes)."""


def export_bytes(graph: Graph, fmt: str) -> bytes:
    """Return ``graph`` in the export format ``fmt`` (a key of :data:`EXPORTS`).

    Raises
    ------
    GraphError
        For an unknown format.

    Examples
    --------
    >>> from kg.graph.namespace import KG
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:x:p"), RDF.type, KG.Paper))
    >>> export_bytes(g, "nt").decode()
    '<urn:x:p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/paperkg/ontology#Paper> .\\n'
    """
    if fmt not in EXPORTS:
        raise GraphError(f"unknown export format {fmt!r}; fix: use one of {', '.join(EXPORTS)}")
    return EXPORTS[fmt][1](graph)


def write_export(graph: Graph, fmt: str, path: str | Path) -> Path:
    """Write ``graph`` in format ``fmt`` to ``path``, creating its folder; return the path.

    Raises
    ------
    GraphError
        For an unknown format, or a path that cannot be written.
    """
    data = export_bytes(graph, fmt)
    target = Path(path)
    with writing(target, "the export"):
        write_bytes(target, data)
    return target


def write_exports(graph: Graph, folder: str | Path) -> list[Path]:
    """Write every export format into ``folder`` under its default name, all or none; return the paths."""
    with staged():
        return [write_export(graph, fmt, Path(folder) / name) for fmt, (name, _) in EXPORTS.items()]
