"""The report's charts, as PNG files drawn with matplotlib's Agg canvas.

Figures are made without pyplot (no global state, no display needed) and
saved without the ``Software`` metadata, so the same analysis gives the same
bytes with the same matplotlib.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from kg.analysis.measures import Analysis
from kg.analysis.tables import pair_counts
from kg.records import ENTITY_TYPES

__all__ = ["write_charts"]

COLOURS = {"Paper": "#34495e", "Method": "#1f77b4", "Model": "#9467bd", "Task": "#2ca02c", "Dataset": "#ff7f0e"}
TOP = 10


def _short(text: str, width: int = 32) -> str:
    """Return ``text`` cut to ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _save(figure: Figure, path: Path) -> Path:
    """Write ``figure`` as a PNG at ``path`` with no time- or version-dependent metadata."""
    FigureCanvasAgg(figure)
    figure.savefig(path, format="png", dpi=100, metadata={"Software": None})
    return path


def _counts(a: Analysis, path: Path) -> Path:
    figure = Figure(figsize=(9, 3.5), layout="constrained")
    left, right = figure.subplots(1, 2)
    kinds = list(a.types)
    left.barh(kinds[::-1], [a.types[k] for k in kinds][::-1], color=[COLOURS[k] for k in kinds][::-1])
    left.set_title("Nodes per type")
    roles = list(a.roles)
    right.barh(roles[::-1], [a.roles[r] for r in roles][::-1], color="#7f7f7f")
    right.set_title("Links per role")
    return _save(figure, path)


def _pagerank(a: Analysis, path: Path) -> Path:
    figure = Figure(figsize=(11, 8), layout="constrained")
    for axes, kind in zip(figure.subplots(2, 2).flat, ENTITY_TYPES, strict=True):
        ranked = a.ranking[kind][:TOP][::-1]
        axes.barh([_short(r.label) for r in ranked], [r.pagerank for r in ranked], color=COLOURS[kind])
        axes.set_title(f"{kind}: top {len(ranked)} by PageRank")
        axes.tick_params(axis="y", labelsize=8)
        axes.xaxis.set_major_locator(MaxNLocator(4))
    return _save(figure, path)


def _communities(a: Analysis, path: Path) -> Path:
    shown = a.communities[:20]
    figure = Figure(figsize=(9, 3.5), layout="constrained")
    axes = figure.subplots()
    numbers = [str(c.number) for c in shown]
    papers = [len(c.papers) for c in shown]
    axes.bar(numbers, papers, color=COLOURS["Paper"], label="papers")
    axes.bar(numbers, [len(c.entities) for c in shown], bottom=papers, color=COLOURS["Method"], label="entities")
    axes.set_xlabel("community")
    axes.set_ylabel("nodes")
    axes.set_title(f"The {len(shown)} largest of {len(a.communities)} communities")
    axes.legend()
    return _save(figure, path)


def _method_task(a: Analysis, path: Path) -> Path:
    counts = pair_counts(a.view, "Method", "Task")
    labels = a.view.nodes(data="label")

    def top_of(index: int, within: set[str] | None = None) -> list[str]:
        totals: dict[str, int] = {}
        for pair, n in counts.items():
            if within is None or pair[1 - index] in within:
                totals[pair[index]] = totals.get(pair[index], 0) + n
        return sorted(totals, key=lambda node: (-totals[node], labels[node], node))[:12]

    methods = top_of(0)
    tasks = top_of(1, set(methods))
    grid = [[counts.get((m, t), 0) for t in tasks] for m in methods]
    figure = Figure(figsize=(10, 7), layout="constrained")
    axes = figure.subplots()
    image = axes.imshow(grid or [[0]], cmap="Blues", aspect="auto", vmin=0)
    axes.set_xticks(range(len(tasks)), [_short(labels[t], 24) for t in tasks], rotation=45, ha="right", fontsize=8)
    axes.set_yticks(range(len(methods)), [_short(labels[m]) for m in methods], fontsize=8)
    for i, row in enumerate(grid):
        for j, n in enumerate(row):
            if n:
                axes.text(j, i, str(n), ha="center", va="center", fontsize=8)
    axes.set_title("Papers linking a method and a task (most connected of each)")
    figure.colorbar(image, ax=axes, label="papers", ticks=MaxNLocator(integer=True))
    return _save(figure, path)


def write_charts(analysis: Analysis, folder: Path) -> dict[str, Path]:
    """Write the report's charts into ``folder`` (created if needed); return name → path.

    Notes
    -----
    Each chart shows a bounded number of items, so drawing takes constant
    time after the analysis, whatever the size of the graph.
    """
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "counts": _counts(analysis, folder / "counts.png"),
        "pagerank": _pagerank(analysis, folder / "pagerank.png"),
        "communities": _communities(analysis, folder / "communities.png"),
        "method_task": _method_task(analysis, folder / "method_task.png"),
    }
