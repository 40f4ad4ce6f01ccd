"""What connects two entities? The shortest chain of papers and entities between them.

    python examples/shortest_path.py FROM TO [--graph GRAPH]

FROM and TO are labels, aliases, paper identifiers or IRIs ("GSM8K",
"LoRA", "supervised fine-tuning"). Each step prints the node as
"[Type] label", and between two nodes the link(s) joining them. Links go
from papers to entities, and from a model variant to its family.
"""

from __future__ import annotations

import argparse
import sys

import networkx as nx

import kg
from kg.exits import quiet_exits
from kg.analysis import link_graph


def connect(kgraph: kg.analysis.KnowledgeGraph, source: str, target: str) -> list[str]:
    """Return the nodes on a shortest path from ``source`` to ``target`` (names are looked up)."""
    graph = link_graph(kgraph.nx)
    return nx.shortest_path(graph, kgraph.find(source), kgraph.find(target))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", metavar="FROM")
    parser.add_argument("target", metavar="TO")
    parser.add_argument("--graph", default="outputs/graph.ttl", help="a graph built by `kg build`")
    args = parser.parse_args()
    try:
        kgraph = kg.load(args.graph)
        path = connect(kgraph, args.source, args.target)
    except kg.KgError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except nx.NetworkXNoPath:
        print(f"error: nothing connects {args.source!r} and {args.target!r}", file=sys.stderr)
        return 1
    view = kgraph.nx
    for i, node in enumerate(path):
        if i:
            before = path[i - 1]
            roles = sorted({*view[before].get(node, {}), *view[node].get(before, {})})
            print(f"    | {', '.join(roles)}")
        print(f"[{view.nodes[node]['type']}] {kgraph.label(node)}")
    print(f"{len(path) - 1} links")
    return 0


if __name__ == "__main__":
    with quiet_exits():  # `… | head` and Ctrl+C end without a traceback
        sys.exit(main())
