"""Which papers are most like a given paper, and what do they share?

    python examples/similar_papers.py PAPER [--graph GRAPH] [--top N]

PAPER is a paper identifier, its title or its IRI. Prints a tab-separated
table: the similarity (weighted Jaccard over shared entities, rare entities
weighing more), the other paper's title, and the entities both link to.
"""

from __future__ import annotations

import argparse
import sys

import kg
from kg.exits import quiet_exits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paper", metavar="PAPER")
    parser.add_argument("--graph", default="outputs/graph.ttl", help="a graph built by `kg build`")
    parser.add_argument("--top", type=int, default=5, help="how many papers (default 5)")
    args = parser.parse_args()
    try:
        kgraph = kg.load(args.graph)
        paper = kgraph.find(args.paper, kind="Paper")
        matches = kgraph.similar_to(paper, top=args.top)
    except kg.KgError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"# {kgraph.label(paper)}")
    print("score\tpaper\tshared")
    for match in matches:
        shared = "; ".join(kgraph.label(e) for e in match.shared)
        print(f"{match.score:.3f}\t{kgraph.label(match.other)}\t{shared}")
    return 0


if __name__ == "__main__":
    with quiet_exits():  # `… | head` and Ctrl+C end without a traceback
        sys.exit(main())
