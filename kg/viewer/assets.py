"""The fixed looks of the HTML viewer: palette, edge styles, vis-network options and library.

Nothing here depends on one graph, and nothing refers to another host: the
vis-network script and style sheet are the copies bundled inside pyvis, read
from disk and inlined into the page by :mod:`kg.viewer.page`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.errors import KgError

__all__ = [
    "KIND_STYLES",
    "ROLES_SHOWN",
    "ROLE_STYLES",
    "KindStyle",
    "RoleStyle",
    "stabilization_iterations",
    "swatch_css",
    "vis_network_assets",
    "vis_options",
]


@dataclass(frozen=True)
class KindStyle:
    """How the nodes of one kind look: a vis-network shape, two colours and a mark tint."""

    shape: str
    fill: str
    border: str
    tint: str


@dataclass(frozen=True)
class RoleStyle:
    """How the links of one role look: a colour, and whether the line is dashed."""

    color: str
    dashes: bool = False


KIND_STYLES: dict[str, KindStyle] = {
    # Papers are dark squares; entities are dots in the Okabe–Ito palette,
    # which stays distinguishable under the common colour-vision deficiencies.
    "Paper": KindStyle("square", "#4a4a4a", "#1f1f1f", "#e8e8e8"),
    "Method": KindStyle("dot", "#e69f00", "#a06e00", "#fbe7bf"),
    "Model": KindStyle("dot", "#0072b2", "#004c78", "#cfe3f1"),
    "Task": KindStyle("dot", "#009e73", "#006b4e", "#cdebe2"),
    "Dataset": KindStyle("dot", "#cc79a7", "#8f4f73", "#f3dfea"),
}
"""Node kind → style; the keys are exactly ``("Paper", *ENTITY_TYPES)``."""

ROLE_STYLES: dict[str, RoleStyle] = {
    "proposes": RoleStyle("#d55e00"),
    "uses": RoleStyle("#a9adb2"),
    "evaluatesOn": RoleStyle("#d9a5c2"),
    "addresses": RoleStyle("#7cc7b0"),
    "variantOf": RoleStyle("#56b4e9", dashes=True),
    "mentions": RoleStyle("#c4c7ca"),
}
"""Link role → style: the four paper → entity roles, ``variantOf``, and a fallback."""

ROLES_SHOWN: tuple[str, ...] = ("proposes", "uses", "evaluatesOn", "addresses", "variantOf")
"""The roles the page lists (with a checkbox each), in this order."""


def stabilization_iterations(n_nodes: int) -> int:
    """Return how many physics steps vis-network takes before the layout is frozen.

    250 for small graphs; fewer for large ones, so that a 5,000-node view
    settles in a few seconds (each step costs time linear in the nodes).

    >>> [stabilization_iterations(n) for n in (0, 300, 1000, 5000, 50000)]
    [250, 250, 100, 20, 20]
    """
    return max(20, min(250, 100_000 // max(n_nodes, 1)))


def vis_options(seed: int, n_nodes: int = 0) -> dict[str, Any]:
    """Return fresh vis-network options for a graph of ``n_nodes``: one group per kind, seeded layout.

    Physics runs :func:`stabilization_iterations` steps hidden, then the
    page's script turns it off, so the layout settles once and stays.

    Examples
    --------
    >>> options = vis_options(7, 300)
    >>> options["layout"]["randomSeed"], options["physics"]["stabilization"]["iterations"]
    (7, 250)
    >>> sorted(options["groups"])
    ['Dataset', 'Method', 'Model', 'Paper', 'Task']
    """
    groups = {
        kind: {
            "shape": style.shape,
            "color": {
                "background": style.fill,
                "border": style.border,
                "highlight": {"background": style.fill, "border": "#000000"},
                "hover": {"background": style.fill, "border": "#000000"},
            },
        }
        for kind, style in KIND_STYLES.items()
    }
    return {
        "autoResize": True,
        "groups": groups,
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -90,
                "centralGravity": 0.006,
                "springLength": 70,
                "springConstant": 0.08,
                "damping": 0.6,
                "avoidOverlap": 0,
            },
            "stabilization": {
                "enabled": True,
                "iterations": stabilization_iterations(n_nodes),
                "updateInterval": 25,
                "fit": True,
            },
            "minVelocity": 1.5,
        },
        "interaction": {"hover": True, "hoverConnectedEdges": False, "navigationButtons": False,
                        "keyboard": False, "tooltipDelay": 3_600_000},
        "nodes": {"borderWidth": 1, "borderWidthSelected": 3},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
            "color": {"inherit": False, "highlight": "#202124", "hover": "#5f6368"},
            "selectionWidth": 1.5,
            "smooth": False,
            "width": 1,
        },
    }


def swatch_css() -> str:
    """Return the colour rules of the legend and the marks, one per kind and per role.

    >>> print(swatch_css().splitlines()[0])
    .kg-swatch-paper { background: #4a4a4a; border-color: #1f1f1f; border-radius: 0; }
    """
    rules = []
    for kind, style in KIND_STYLES.items():
        shape = " border-radius: 0;" if style.shape == "square" else ""
        rules.append(
            f".kg-swatch-{kind.lower()} {{ background: {style.fill}; border-color: {style.border};{shape} }}"
        )
    for kind, style in KIND_STYLES.items():
        rules.append(f"mark.kg-mark-{kind.lower()} {{ background: {style.tint}; box-shadow: inset 0 -2px {style.fill}; }}")
    for role in ROLES_SHOWN:
        style = ROLE_STYLES[role]
        rules.append(f".kg-line-{role.lower()} {{ border-top-color: {style.color};"
                     f"{' border-top-style: dashed;' if style.dashes else ''} }}")
    return "\n".join(rules) + "\n"


_VIS_DIR = re.compile(r"vis-(\d+(?:\.\d+)*)")


@lru_cache(maxsize=1)
def vis_network_assets() -> tuple[str, str]:
    """Return ``(script, style_sheet)`` of the newest vis-network bundled in pyvis.

    Returns
    -------
    tuple of str
        The minified vis-network script and its CSS, as text.

    Raises
    ------
    KgError
        When the installed pyvis bundles no vis-network copy.

    Examples
    --------
    >>> script, css = vis_network_assets()
    >>> "vis-network" in css and len(script) > 100_000
    True
    """
    lib = resources.files("pyvis").joinpath("templates", "lib")
    found = []
    for entry in lib.iterdir():
        match = _VIS_DIR.fullmatch(entry.name)
        if match and entry.joinpath("vis-network.min.js").is_file():
            found.append((tuple(int(p) for p in match.group(1).split(".")), entry))
    if not found:
        raise KgError(
            f"pyvis at {lib} bundles no vis-network copy; reinstall pyvis>=0.3.2 "
            "(pip install --force-reinstall pyvis)"
        )
    newest = max(found, key=lambda item: item[0])[1]
    script = newest.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = newest.joinpath("vis-network.css").read_text(encoding="utf-8")
    return script, css
