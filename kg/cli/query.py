"""``kg query`` and ``kg leaderboard``: SPARQL over a graph file or an on-disk store."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import DEFAULT_GRAPH, clean_errors

__all__ = ["leaderboard", "query"]


_GRAPH = click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH,
                      show_default=True, help="RDF file to query (Turtle, N-Triples, JSON-LD, RDF/XML).")
_STORE = click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
                      help="On-disk store to query instead (made by `kg build --store` or `kg store`).")


@click.command()
@click.argument("query")
@_GRAPH
@_STORE
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (a string; <iri>, kgr:… or \"…\"^^xsd:… for other terms). Repeatable.")
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "tsv", "json")), default="table",
              show_default=True, help="Output: aligned table, or SPARQL 1.1 CSV, TSV or results JSON.")
@click.option("--allow-service", is_flag=True,
              help="Run SERVICE clauses (federated queries), which connect to the addresses they name.")
def query(query: str, graph: Path, store_dir: Path | None, params: tuple[str, ...], fmt: str,
          allow_service: bool) -> None:
    """Run a SPARQL QUERY (text, or a .rq file) over the graph, in Oxigraph.

    The prefixes kg:, kgr:, kgl:, dcterms:, skos:, mls:, schema:, prov:,
    rdf:, rdfs:, owl: and xsd: are declared for you. A --param value is bound
    to its variable as one RDF term, so it can never change the query; it may
    name any variable, selected or not. SERVICE clauses are refused unless
    --allow-service is given.

    Example: kg query 'SELECT ?title ?d WHERE { ?p kg:evaluatesOn ?d ; dcterms:title ?title }' --param d=kgr:dataset/gsm8k
    """
    from kg.sparql.query import read_query
    from kg.sparql.execute import run_store_query
    from kg.sparql.store import load_store, open_store

    with clean_errors():
        text = read_query(query)
        store = open_store(store_dir) if store_dir is not None else load_store(graph)
        click.echo(run_store_query(store, text, params=params, fmt=fmt, allow_service=allow_service), nl=False)


@click.command()
@click.argument("dataset")
@click.option("--metric", help="Only the results by this metric (its label, e.g. accuracy, BLEU, pass@1).")
@_GRAPH
@_STORE
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "json")), default="table", show_default=True,
              help="Output: aligned table, CSV with a header, or a JSON array of objects.")
def leaderboard(dataset: str, metric: str | None, graph: Path, store_dir: Path | None, fmt: str) -> None:
    """Rank every result reported on DATASET (a label, any case, or its IRI), per metric, best first.

    Best is the largest value, or the smallest on metrics where lower is
    better (error rates, perplexity, FID: kg:lowerIsBetter true); equal values
    share a rank. Each row names the method or model, its value and unit, and
    the paper reporting it; CSV and JSON add the evidence sentence and IRIs.

    Example: kg leaderboard GSM8K --metric accuracy
    """
    from kg.sparql.leaderboard import format_leaderboard, leaderboard as rank
    from kg.sparql.store import load_store, open_store

    with clean_errors():
        store = open_store(store_dir) if store_dir is not None else load_store(graph)
        click.echo(format_leaderboard(rank(store, dataset, metric=metric), fmt), nl=False)
