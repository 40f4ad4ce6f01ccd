"""Write a streaming build's views (GraphML, CSV, HTML) from its sorted runs, without an rdflib graph of the corpus.

Two passes over the subjects of the runs:

1. every subject but the mention nodes goes into a
   :class:`kg.graph.nx.NetworkBuilder`; its view is written as
   ``graph.graphml`` and ``edges.csv`` and cut down to what the page shows
   (:func:`kg.viewer.select.select_view`);
2. a small rdflib graph is made of what the page needs: the nodes shown, the
   metrics, and the results and claims about a node shown, with the names and
   titles those point to (taken from the view). Of a node shown, only the
   lines the page reads are parsed (its types, names, titles, URLs, arXiv id
   and relations); the mentions that link two nodes shown are read straight
   from their lines as records, never into the graph (they are most of its
   triples). ``graph.html`` is written from both, with the degrees of the
   whole view.

The files are those :func:`kg.viewer.page.write_view` and
:func:`kg.export.writers.write_export` make from the whole graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx as nx
from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from kg.atomic import staged, writing
from kg.graph.build import bind_prefixes
from kg.graph.evidence import Evidence, mention_from_lines
from kg.graph.namespace import KG, SCHEMA
from kg.graph.nx import NetworkBuilder
from kg.graph.turtle_stream import rdflib_terms
from kg.records import RELATIONS
from kg.viewer.select import DEFAULT_MAX_NODES, drawn_links, select_view

__all__ = ["write_views"]

Subjects = Iterable[tuple[bytes, list[bytes]]]
_POINTERS = (KG.ofEntity, KG.onDataset, KG.subject, KG.object)


def _paper_of(mention: bytes, prefix: bytes) -> bytes | None:
    """The paper slug in a mention node's IRI, or None for a node that is no mention."""
    return mention[len(prefix):].rsplit(b"/", 1)[0] if mention.startswith(prefix) else None


def _network(subjects: Subjects, mention_prefix: bytes, uris: dict) -> nx.MultiDiGraph:
    builder = NetworkBuilder()
    for subject, lines in subjects:
        if not subject.startswith(mention_prefix):
            builder.add(rdflib_terms(lines, uris))
    return builder.network()


_DENOTES = f"<{KG.denotes}> <".encode()
_READ = {f" <{prop}> ".encode() for prop in (RDF.type, SKOS.prefLabel, DCTERMS.title, SCHEMA.url, KG.arxivId,
                                             *(KG[name] for name in RELATIONS))}
"""The properties of a node shown that the page reads (:func:`kg.graph.reported.reported_results`,
:func:`~kg.graph.reported.relation_claims`, :func:`kg.graph.evidence.arxiv_ids`)."""


def _denoted(lines: list[bytes]) -> set[str]:
    """The IRIs a mention node's lines say it denotes (read from the bytes, nothing parsed)."""
    return {line[line.index(_DENOTES) + len(_DENOTES):line.rindex(b">")].decode() for line in lines if _DENOTES in line}


def _property(line: bytes) -> bytes:
    """The property of an N-Triples line whose subject is an IRI, with the spaces around it: ``b" <p> "``."""
    start = line.index(b"> ") + 1
    return line[start:line.index(b"> ", start + 1) + 2]


def _read(lines: list[bytes]) -> list[bytes]:
    """The lines whose property the page reads."""
    return [line for line in lines if _property(line) in _READ]


def _page_triples(subjects: Subjects, shown: nx.MultiDiGraph, base: str, uris: dict,
                  mentions: list[Evidence]) -> Iterator[tuple[Node, ...]]:
    """The triples the page of ``shown`` needs (see the module's second pass), but the names it points to.

    The mentions of a paper shown that denote a node shown go to ``mentions`` as records instead.
    """
    mention, metric = f"{base}mention/".encode(), f"{base}metric/".encode()
    finding = (f"{base}result/".encode(), f"{base}claim/".encode())
    papers = {node[len(base) + len("paper/"):].encode() for node in shown if node.startswith(f"{base}paper/")}
    for subject, lines in subjects:
        if subject.startswith(finding):
            triples = rdflib_terms(lines, uris)
            if any(p in _POINTERS and isinstance(o, URIRef) and str(o) in shown for _, p, o in triples):
                yield from triples
        elif subject.startswith(mention):
            if _paper_of(subject, mention) in papers and any(node in shown for node in _denoted(lines)):
                record = mention_from_lines(lines)
                if record is not None and record.paper in shown and record.entity in shown:
                    mentions.append(record)
        elif subject.startswith(metric):
            yield from rdflib_terms(lines, uris)
        elif subject.decode() in shown:
            yield from rdflib_terms(_read(lines), uris)


def _names(graph: Graph, view: nx.MultiDiGraph) -> None:
    """Add the label, title and URL of each node the page's results and claims point to but ``graph`` lacks."""
    pointed = {o for p in (*_POINTERS, KG.forTask, KG.reportedIn, KG.inPaper) for o in graph.objects(None, p)}
    for node in sorted(pointed, key=str):
        attrs = view.nodes.get(str(node))
        if attrs is None or isinstance(node, Literal) or next(graph.predicate_objects(node), None) is not None:
            continue
        if attrs["kind"] == "Paper":
            for prop, key in ((DCTERMS.title, "title"), (SCHEMA.url, "url")):
                if attrs.get(key):
                    graph.add((node, prop, Literal(attrs[key]) if key == "title" else URIRef(attrs[key])))
        else:
            graph.add((node, SKOS.prefLabel, Literal(attrs["label"])))


def write_views(subjects: Subjects, again: Subjects, out: Path, base: str, *,
                max_nodes: int = DEFAULT_MAX_NODES) -> list[Path]:
    """Write ``graph.html``, ``graph.graphml`` and ``edges.csv`` into ``out`` from two passes over the same subjects.

    ``subjects`` and ``again`` each give every subject's N-Triples lines, in
    the same order; ``base`` is the resource namespace; the page shows at most
    ``max_nodes`` nodes, as :func:`kg.viewer.page.write_view`. Returns the paths.

    Raises
    ------
    GraphError, ViewError
        When a file cannot be written.
    """
    from kg.export.writers import write_view_csv, write_view_graphml
    from kg.graph.evidence import arxiv_ids
    from kg.graph.reported import relation_claims, reported_results
    from kg.viewer.page import write_html

    uris: dict = {}
    view = _network(subjects, f"{base}mention/".encode(), uris)
    full = drawn_links(view)
    chosen = select_view(full, max_nodes=max_nodes)
    shown = chosen.graph
    page = bind_prefixes(Graph())
    mentions: list[Evidence] = []
    for triple in _page_triples(again, shown, base, uris, mentions):
        page.add(triple)
    _names(page, view)
    mentions.sort()
    write_html(shown, out / "graph.html", evidence=mentions, arxiv=arxiv_ids(page), note=chosen.note,
               degrees={str(n): d for n, d in full.degree()}, results=reported_results(page),
               claims=relation_claims(page))
    del full, shown, chosen, page
    written = [out / "graph.html"]
    for name, write in (("graph.graphml", write_view_graphml), ("edges.csv", write_view_csv)):
        with writing(out / name, "the export"), staged() as stage, stage.path(out / name).open("wb") as handle:
            write(view, handle)
        written.append(out / name)
    return written
