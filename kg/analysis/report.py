"""Run every analysis on one graph and write the Markdown report with its charts.

:func:`analyze` computes an :class:`Analysis`; :func:`render_report` turns it
into Markdown; :func:`write_report` does both for a graph file and writes
``report.md`` and ``charts/*.png`` into a folder. Nothing in the report
depends on the clock, the machine or the folder it is written to, so the
same graph gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kg.atomic import staged
from kg.analysis.communities import SEED
from kg.analysis.findings import frequent_relations, leaderboards
from kg.analysis.load import KnowledgeGraph, load
from kg.analysis.measures import TOP, Analysis, analyze
from kg.errors import AnalysisError
from kg.graph.reported import ReportedResult, reported_results
from kg.records import ENTITY_TYPES

__all__ = ["render_report", "write_report"]

PLURAL = {"Paper": "papers", "Method": "methods", "Model": "models", "Task": "tasks", "Dataset": "datasets"}


def _table(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> list[str]:
    """Return a Markdown table, or a line saying there is nothing to show."""
    if not rows:
        return ["(none)", ""]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _counts(a: Analysis, charts: dict[str, str]) -> list[str]:
    lines = ["## Counts", ""]
    lines += _table(("type", "nodes"), [(kind, n) for kind, n in a.types.items()])
    lines += _table(("role", "links"), [(f"`{role}`", n) for role, n in a.roles.items()])
    if "counts" in charts:
        lines += [f"![Nodes per type and links per role]({charts['counts']})", ""]
    return lines


def _central(a: Analysis, charts: dict[str, str], top: int) -> list[str]:
    lines = [
        "## Central entities", "",
        ("PageRank (damping 0.85) runs on the undirected graph of papers and entities, "
         "model variants linked to their families; *papers* counts the papers linked to an entity."), "",
    ]
    for kind in ENTITY_TYPES:
        ranked = a.ranking[kind]
        lines += [f"### {PLURAL[kind].capitalize()}", ""]
        lines += _table(("#", kind.lower(), "PageRank", "papers"),
                        [(i, a.label(r.node), f"{r.pagerank:.5f}", r.papers) for i, r in enumerate(ranked[:top], 1)])
        by_degree = sorted(ranked, key=lambda r: (-r.papers, -r.pagerank, r.label, r.node))[:top]
        if by_degree:
            lines += ["By papers: " + ", ".join(f"{a.label(r.node)} ({r.papers})" for r in by_degree) + ".", ""]
    if "pagerank" in charts:
        lines += [f"![Top entities by PageRank]({charts['pagerank']})", ""]
    return lines


def _communities(a: Analysis, charts: dict[str, str], top: int) -> list[str]:
    groups = [c for c in a.communities if len(c.papers) >= 2]
    single = len(a.communities) - len(groups)
    lines = [
        "## Communities", "",
        (f"Louvain (seed {SEED}, resolution 1) on the paper–entity graph finds {len(a.communities)} "
         f"communities with a paper and an entity: {len(groups)} with two papers or more, shown here, "
         f"and {single} around a single paper. Tasks read *in community / overall* papers."), "",
    ]
    for c in groups[:top]:
        tasks = ", ".join(f"{a.label(t)} ({n}/{total})" for t, n, total in c.tasks[:5]) or "(none)"
        lines += [
            f"### Community {c.number}: {len(c.papers)} papers, {len(c.entities)} entities", "",
            f"- Tasks: {tasks}",
            "- Top members: " + ", ".join(
                f"{a.label(e)} ({a.view.nodes[e]['kind']})" for e in c.entities[:8]),
            "- Papers: " + "; ".join(f"*{a.label(p)}*" for p in c.papers[:5])
            + (f"; and {len(c.papers) - 5} more" if len(c.papers) > 5 else ""),
            "",
        ]
    if len(groups) > top:
        lines += [f"{len(groups) - top} more communities of two papers or more are not shown.", ""]
    if "communities" in charts:
        lines += [f"![Community sizes]({charts['communities']})", ""]
    return lines


def _cooccurrence(a: Analysis, charts: dict[str, str]) -> list[str]:
    lines = ["## Methods and tasks", "", "Papers that link to both the method and the task.", ""]
    lines += _table(("method", "task", "papers"), [(a.label(m), a.label(t), n) for m, t, n in a.method_task])
    if "method_task" in charts:
        lines += [f"![Methods by tasks]({charts['method_task']})", ""]
    lines += ["## Models and datasets", "", "Papers that link to both the model and the dataset.", ""]
    lines += _table(("model", "dataset", "papers"), [(a.label(m), a.label(d), n) for m, d, n in a.model_dataset])
    return lines


def _similar(a: Analysis) -> list[str]:
    lines = [
        "## Similar papers", "",
        ("Weighted Jaccard index over the entities two papers link to, each entity weighted by its "
         "inverse document frequency; only papers sharing an entity are compared. "
         "*Shared* lists the entities behind the score, rarest first."), "",
    ]
    if a.hubs[0]:
        lines += [(f"{a.hubs[0]} entities linked to more than {a.hubs[1]} papers each count in the scores "
                   "but do not pair papers on their own."), ""]
    rows = [(f"{p.score:.3f}", a.label(p.paper), a.label(p.other), ", ".join(a.label(e) for e in p.shared))
            for p in a.similar]
    return lines + _table(("score", "paper", "paper", "shared"), rows)


def _bridges(a: Analysis) -> list[str]:
    how = ("exact" if a.sampled is None
           else f"estimated from {a.sampled} source nodes drawn with seed 0, as the graph is large")
    lines = [
        "## Bridges", "",
        (f"Entities with the highest betweenness ({how}) on the graph of papers and entities, "
         "among those whose neighbours lie in two communities or more."), "",
    ]
    rows = [(a.label(b.node), b.kind, f"{b.betweenness:.4f}", b.communities) for b in a.bridges]
    return lines + _table(("entity", "type", "betweenness", "communities"), rows)


def _isolated(a: Analysis, top: int) -> list[str]:
    n = len(a.isolated)
    lines = ["## Isolated papers", "", f"{n} {'paper links' if n == 1 else 'papers link'} to no entity.", ""]
    lines += [f"- *{a.label(p)}*" for p in a.isolated[: top * 2]]
    if len(a.isolated) > top * 2:
        lines.append(f"- and {len(a.isolated) - top * 2} more")
    return lines + [""] if a.isolated else lines


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _leaderboards(results: Sequence[ReportedResult], top: int) -> list[str]:
    lines = [
        "## Leaderboards", "",
        (f"The results the abstracts state, for the {top} datasets with the most, one table per metric, best "
         "first: the largest value, or the smallest where the metric is lower-is-better (↓)."), "",
    ]
    boards = leaderboards(results, top=top)
    if not boards:
        return [*lines, "(none)", ""]
    for board in boards:
        arrow = " ↓" if board.lower_is_better else ""
        lines += [f"### {_cell(board.dataset)}: {_cell(board.metric)}{arrow}", ""]
        lines += _table(("#", "method or model", "value", "paper"),
                        [(i, _cell(entity), value, f"`{paper}`") for i, (entity, value, paper) in enumerate(board.rows, 1)])
    return lines


def _relations(a: Analysis, top: int) -> list[str]:
    per_property, relations = frequent_relations(a.view, top=top)
    lines = ["## Most frequent relations", "",
             "Claims per relation: " + ", ".join(f"`{name}` {n}" for name, n in per_property.items()) + ".", ""]
    lines += _table(("relation", "subject", "object", "claims", "papers"),
                    [(f"`{r.property}`", _cell(r.subject), _cell(r.object), r.claims, r.papers) for r in relations])
    return lines


def render_report(analysis: Analysis, *, source: str, charts: dict[str, str] | None = None,
                  top: int = TOP, results: Sequence[ReportedResult] = ()) -> str:
    """Return the Markdown report of ``analysis``.

    Parameters
    ----------
    analysis : Analysis
        From :func:`analyze`.
    source : str
        How to name the graph in the title (a file name, not a full path, to
        keep the report independent of where it is made).
    charts : dict, optional
        Chart name ("counts", "pagerank", "communities", "method_task") → path
        relative to the report, embedded where it belongs.
    top : int
        Rows per ranking.
    results : sequence of ReportedResult
        The graph's results (:func:`kg.graph.reported.reported_results`), for the leaderboards.
    """
    charts = charts or {}
    a = analysis
    entities = sum(a.types[k] for k in ENTITY_TYPES)
    links = sum(n for role, n in a.roles.items() if role != "variantOf")
    lines = [
        f"# Analysis of `{source}`", "",
        (f"Written by `kg analyze`: {a.types['Paper']} papers, {entities} entities, "
         f"{links} paper–entity links. The same graph gives the same report."), "",
    ]
    lines += _counts(a, charts) + _central(a, charts, top) + _communities(a, charts, top)
    lines += _cooccurrence(a, charts) + _leaderboards(results, top) + _relations(a, top)
    lines += _similar(a) + _bridges(a) + _isolated(a, top)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_report(graph: str | Path | KnowledgeGraph, out: str | Path, *, charts: bool = True) -> list[Path]:
    """Analyse ``graph`` (a file or a loaded graph) and write ``out/report.md`` and ``out/charts/*.png``.

    Returns
    -------
    list of Path
        The files written, the report first.

    Raises
    ------
    GraphError
        When the graph file is missing or cannot be parsed.
    AnalysisError
        When the output folder cannot be written.
    """
    kgraph = graph if isinstance(graph, KnowledgeGraph) else load(graph)
    source = kgraph.path.name if kgraph.path else "graph"
    folder = Path(out)
    analysis = analyze(kgraph.nx)
    try:
        with staged() as stage:  # the report and its charts are replaced together, or not at all
            written: dict[str, Path] = {}
            if charts:
                from kg.analysis.charts import write_charts

                written = write_charts(analysis, stage.path(folder / "charts"))
            text = render_report(analysis, source=source, results=reported_results(kgraph.rdf),
                                 charts={name: f"charts/{path.name}" for name, path in written.items()})
            report = folder / "report.md"
            stage.path(report).write_text(text, encoding="utf-8")
    except OSError as err:
        raise AnalysisError(f"{folder}: cannot write the report ({err.strerror or err}); "
                            "fix: choose a writable --out folder") from err
    return [report, *(folder / "charts" / path.name for path in written.values())]
