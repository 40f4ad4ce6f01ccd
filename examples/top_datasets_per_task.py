"""Which datasets do the papers on each task use or evaluate on?

Prints a tab-separated table, one row per (task, dataset): how many papers
both address the task and link to the dataset. Tasks come most-studied
first, and each task's datasets most-used first.

    python examples/top_datasets_per_task.py [GRAPH] [--top N]

GRAPH defaults to outputs/graph.ttl (the graph `kg build` writes).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

import kg
from kg.exits import quiet_exits


def top_datasets_per_task(kgraph: kg.analysis.KnowledgeGraph, top: int = 3) -> list[tuple[str, str, int]]:
    """Return (task label, dataset label, papers) rows, at most ``top`` datasets per task."""
    view = kgraph.nx
    links = kgraph.links()
    tasks = [(t, [p for p in view.predecessors(t) if view.nodes[p]["type"] == "Paper"])
             for t in kgraph.entities("Task")]
    tasks.sort(key=lambda item: (-len(item[1]), kgraph.label(item[0])))
    rows = []
    for task, papers in tasks:
        datasets = Counter(e for p in papers for e in links[p] if view.nodes[e]["type"] == "Dataset")
        best = sorted(datasets.items(), key=lambda item: (-item[1], kgraph.label(item[0])))[:top]
        rows += [(kgraph.label(task), kgraph.label(dataset), n) for dataset, n in best]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", default="outputs/graph.ttl", help="a graph built by `kg build`")
    parser.add_argument("--top", type=int, default=3, help="datasets per task (default 3)")
    args = parser.parse_args()
    try:
        kgraph = kg.load(args.graph)
    except kg.KgError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print("task\tdataset\tpapers")
    for task, dataset, papers in top_datasets_per_task(kgraph, args.top):
        print(f"{task}\t{dataset}\t{papers}")
    return 0


if __name__ == "__main__":
    with quiet_exits():  # `… | head` and Ctrl+C end without a traceback
        sys.exit(main())
