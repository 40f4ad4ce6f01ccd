"""Tests of kg.viewer.page on the page string: self-contained, inert data, deterministic."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import networkx as nx
import pytest

from kg.viewer import page as viewer
from kg.errors import GraphError
from kg.records import ENTITY_TYPES
from kg.viewer.page import (
    KINDS,
    LAYOUT_SEED,
    SCRIPTS,
    external_loads,
    html_page,
    script_json,
    write_html,
)
from kg.viewer.assets import KIND_STYLES, vis_network_assets
from kg.viewer.panel_script import PANEL_JS
from kg.viewer.graph_script import GRAPH_JS

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"quotes' & ampersands",
    "</script><script>alert(2)</script>",
    "<!-- <script>window.__pwned=1</script>",
    "line\u2028separator\u2029paragraph",
]

EX = "https://example.org/kg/"


def paper(g: nx.MultiDiGraph, node_id: str, title: str, **attrs: str) -> None:
    """Add a paper node shaped like ``kg.graph.to_networkx`` makes them."""
    attrs.setdefault("identifier", node_id.rsplit("/", 1)[-1])
    attrs.setdefault("abstract", f"Abstract of {title}.")
    g.add_node(node_id, kind="Paper", label=title, title=title, **attrs)


def entity(g: nx.MultiDiGraph, node_id: str, kind: str, label: str, aliases: str = "", **attrs: str) -> None:
    """Add an entity node shaped like ``kg.graph.to_networkx`` makes them."""
    g.add_node(node_id, kind=kind, label=label, aliases=aliases, **attrs)


def link(g: nx.MultiDiGraph, source: str, target: str, role: str) -> None:
    """Add an edge keyed by its role."""
    g.add_edge(source, target, key=role, role=role)


def small_graph() -> nx.MultiDiGraph:
    """Two papers, one entity of each kind, a variantOf edge and two edges between one pair."""
    g = nx.MultiDiGraph()
    paper(g, EX + "paper/1706.03762", "Attention Is All You Need", url="https://arxiv.org/abs/1706.03762",
          date="2017-06-12", authors="Ashish Vaswani; Noam Shazeer")
    paper(g, EX + "paper/1810.04805", "BERT: Pre-training of Deep Bidirectional Transformers")
    entity(g, EX + "model/transformer", "Model", "Transformer", "transformer model; vanilla transformer")
    entity(g, EX + "model/bert", "Model", "BERT")
    entity(g, EX + "method/self-attention", "Method", "self-attention", concept="Q123")
    entity(g, EX + "task/machine-translation", "Task", "machine translation", "MT")
    entity(g, EX + "dataset/wmt-2014", "Dataset", "WMT 2014")
    link(g, EX + "paper/1706.03762", EX + "model/transformer", "proposes")
    link(g, EX + "paper/1706.03762", EX + "method/self-attention", "proposes")
    link(g, EX + "paper/1706.03762", EX + "method/self-attention", "uses")
    link(g, EX + "paper/1706.03762", EX + "task/machine-translation", "addresses")
    link(g, EX + "paper/1706.03762", EX + "dataset/wmt-2014", "evaluatesOn")
    link(g, EX + "paper/1810.04805", EX + "model/bert", "proposes")
    link(g, EX + "paper/1810.04805", EX + "model/transformer", "uses")
    link(g, EX + "model/bert", EX + "model/transformer", "variantOf")
    return g


def hostile_graph() -> nx.MultiDiGraph:
    """Every hostile string as a paper title, abstract, entity label, alias, concept and in ids."""
    g = nx.MultiDiGraph()
    for i, bad in enumerate(HOSTILE):
        pid, eid = f"{EX}paper/{i}{bad}", f"{EX}method/{i}{bad}"
        paper(g, pid, bad, abstract=f"Abstract: {bad}", identifier=bad, date=bad, authors=bad,
              url=f"https://e.org/?q={bad}")
        entity(g, eid, ENTITY_TYPES[i % 4], bad, aliases=f"{bad}; alias {i}", concept=bad)
        link(g, pid, eid, "proposes")
    return g


def embedded(page: str, block: str) -> object:
    """Return the parsed JSON of the page's ``<script type="application/json" id=block>``."""
    match = re.search(rf'<script type="application/json" id="{block}">(.*?)</script>', page, re.S)
    assert match, block
    return json.loads(match.group(1))


def markup(page: str) -> str:
    """Return the page without its JSON data blocks: what the browser parses as HTML."""
    return re.sub(r'<script type="application/json"[^>]*>.*?</script>', "", page, flags=re.S)


@pytest.fixture(scope="module")
def page() -> str:
    return html_page(small_graph())


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return html_page(hostile_graph())


def test_public_names_are_exported() -> None:
    assert viewer.__all__ == sorted(viewer.__all__)
    assert all(hasattr(viewer, name) for name in viewer.__all__)
    assert set(viewer.__all__) == {"DEFAULT_MAX_NODES", "KINDS", "LAYOUT_SEED", "PAGE_TITLE", "SCRIPTS",
                                   "external_loads", "html_page", "script_json", "write_html", "write_view"}


def test_kind_styles_cover_papers_and_every_entity_type() -> None:
    assert KINDS == ("Paper", *ENTITY_TYPES)
    assert KIND_STYLES["Paper"].shape == "square"
    assert {KIND_STYLES[k].shape for k in ENTITY_TYPES} == {"dot"}
    assert len({s.fill for s in KIND_STYLES.values()}) == len(KINDS)


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="https://cdn.example/vis.js"></script>',
        "<link rel=stylesheet href=http://cdn.example/b.css>",
        '<img src="//cdn.example/x.png">',
        "<style>@import 'https://fonts.example/f.css';</style>",
        '<style>@import url("https://fonts.example/f.css");</style>',
        "<div style=\"background: url('https://img.example/a.png')\"></div>",
        "<script>var i = new Image(); i.src = 'https://track.example/p';</script>",
    ],
)
def test_external_loads_finds_each_kind_of_load(snippet: str) -> None:
    assert external_loads(f"<html>{snippet}</html>")


def test_external_loads_ignores_urls_in_data_blocks() -> None:
    data = '<script type="application/json" id="kg-nodes">{"a":"<img src=\\"https://x.example/\\">"}</script>'
    assert external_loads(data) == []


def test_html_page_loads_nothing_from_other_hosts(page: str, hostile_page: str) -> None:
    for text in (page, hostile_page):
        assert external_loads(text) == []
        assert "bootstrap" not in text.lower()
        assert not re.search(r"<(?:link|iframe|object|embed|base)\b(?![^>]*href=\"data:)", markup(text), re.I)
        assert not re.search(r"<script\b[^>]*\bsrc=", text, re.I)


def test_html_page_inlines_pyvis_vis_network(page: str) -> None:
    script, css = vis_network_assets()
    assert f"<script>{script}</script>" in page
    assert f"<style>{css}</style>" in page
    # Inlining is only safe if the library itself cannot end its element early.
    assert "</script" not in script.lower() and "<!--" not in script
    assert "</style" not in css.lower()


def test_html_page_csp_allows_exactly_the_inline_scripts(page: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    csp = csp.replace("&#39;", "'")
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    scripts = re.findall(r"<script>(.*?)</script>", markup(page), re.S)
    assert len(scripts) == 1 + len(SCRIPTS)
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_html_page_replaces_pyvis_html_sinks(page: str) -> None:
    assert "innerHTML" not in page  # pyvis's tooltip did `popup.innerHTML = nodeData[0].title`
    for script in SCRIPTS:
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "setAttribute(",
                     "new Function", "srcdoc"):
            assert sink not in script
    assert ".textContent = text" in PANEL_JS
    assert "fillText(details[b.id].label" in GRAPH_JS  # labels go to the canvas as text
    # No vis title (its popup) and no vis label: the page draws labels itself.
    assert all(set(node) <= {"id", "group", "size", "x", "y"} for node in embedded(page, "kg-nodes"))


@pytest.mark.parametrize("bad", HOSTILE)
def test_html_page_embeds_hostile_strings_only_escaped(hostile_page: str, bad: str) -> None:
    assert bad not in hostile_page
    assert str(script_json(bad))[1:-1] in hostile_page
    names = {d["name"] for d in embedded(hostile_page, "kg-details").values()}
    assert bad in names  # escaping loses nothing: JSON.parse gives the raw string back


def test_html_page_hostile_markup_has_no_stray_tags(hostile_page: str, page: str) -> None:
    def tags(text: str) -> list[str]:
        return sorted(re.findall(r"<\s*/?\s*([a-z!][a-z0-9]*)", markup(text), re.I))

    assert tags(hostile_page) == tags(page)


def test_html_page_embeds_every_node_and_edge(page: str) -> None:
    g = small_graph()
    nodes = embedded(page, "kg-nodes")
    assert {n["id"] for n in nodes} == set(g.nodes)
    assert set(embedded(page, "kg-details")) == set(g.nodes)
    edges = embedded(page, "kg-edges")
    assert sorted((e["from"], e["to"], e["role"]) for e in edges) == sorted(
        (u, v, d["role"]) for u, v, d in g.edges(data=True)
    )
    assert [e.get("dashes") for e in edges if e["role"] == "variantOf"] == [True]
    assert not any(e.get("dashes") for e in edges if e["role"] != "variantOf")


def test_html_page_node_details() -> None:
    page = html_page(small_graph())
    nodes = {n["id"]: n for n in embedded(page, "kg-nodes")}
    details = embedded(page, "kg-details")
    attention = details[EX + "paper/1706.03762"]
    assert attention == {
        "kind": "Paper",
        "name": "Attention Is All You Need",
        "label": "Attention Is All You Need",
        "aliases": [],
        "degree": 5,
        "identifier": "1706.03762",
        "date": "2017-06-12",
        "authors": "Ashish Vaswani; Noam Shazeer",
        "title": [["Attention Is All You Need", ""]],
        "abstract": [["Abstract of Attention Is All You Need.", ""]],
        "url": "https://arxiv.org/abs/1706.03762",
        "arxiv": "1706.03762",
    }
    assert nodes[EX + "paper/1706.03762"]["group"] == "Paper"
    assert details[EX + "paper/1810.04805"]["label"] == "BERT"
    transformer = details[EX + "model/transformer"]
    assert transformer["aliases"] == ["transformer model", "vanilla transformer"]
    assert nodes[EX + "model/transformer"]["group"] == "Model"
    assert details[EX + "method/self-attention"]["concept"] == "Q123"
    groups = embedded(page, "kg-options")["groups"]
    assert groups["Paper"]["shape"] == "square" and groups["Model"]["shape"] == "dot"
    assert groups["Model"]["color"]["background"] == KIND_STYLES["Model"].fill


def test_html_page_marks_mentions_and_keeps_evidence() -> None:
    from kg.graph.evidence import Evidence

    g = small_graph()
    pid, mid = EX + "paper/1706.03762", EX + "model/transformer"
    g.nodes[pid]["abstract"] = "We propose the Transformer \U0001d4af, a model."
    ev = [Evidence(pid, mid, "proposes", "abstract", 15, 26, "Transformer", "We propose the Transformer."),
          Evidence(pid, EX + "gone", "uses", "abstract", 0, 2, "We", "")]
    page = html_page(g, evidence=ev)
    abstract = embedded(page, "kg-details")[pid]["abstract"]
    assert abstract == [["We propose the ", ""], ["Transformer", mid], [" \U0001d4af, a model.", ""]]
    (edge,) = [e for e in embedded(page, "kg-edges") if e["from"] == pid and e["to"] == mid and e["role"] == "proposes"]
    assert edge["evidence"] == [["Transformer", "We propose the Transformer."]]


def test_html_page_places_nodes_deterministically() -> None:
    nodes = embedded(html_page(small_graph()), "kg-nodes")
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)


def test_html_page_sizes_nodes_by_degree() -> None:
    nodes = {n["id"]: n for n in embedded(html_page(small_graph()), "kg-nodes")}
    hub, leaf = nodes[EX + "paper/1706.03762"], nodes[EX + "dataset/wmt-2014"]
    assert hub["size"] > nodes[EX + "model/transformer"]["size"] > leaf["size"]


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://arxiv.org/abs/1706.03762", True),
        ("http://example.org/p", True),
        ("javascript:window.__pwned=1", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/x", False),
        ("https:///no-host", False),
        ("", False),
    ],
)
def test_html_page_keeps_only_http_urls(url: str, kept: bool) -> None:
    g = nx.MultiDiGraph()
    paper(g, "p", "T", url=url)
    (details,) = embedded(html_page(g), "kg-details").values()
    assert details["url"] == (url if kept else "")


def test_html_page_is_deterministic(tmp_path) -> None:
    g = small_graph()
    reordered = nx.MultiDiGraph()
    reordered.add_nodes_from(reversed(list(g.nodes(data=True))))
    reordered.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert html_page(g) == html_page(g) == html_page(reordered)
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    write_html(g, first)
    write_html(g, str(second))
    assert first.read_bytes() == second.read_bytes() == html_page(g).encode("utf-8")


def test_html_page_fixes_seed_and_stops_physics(page: str) -> None:
    options = embedded(page, "kg-options")
    assert options["layout"]["randomSeed"] == LAYOUT_SEED
    assert options["physics"]["enabled"] is True
    assert options["physics"]["stabilization"]["enabled"] is True
    assert 'network.once("stabilizationIterationsDone"' in GRAPH_JS
    assert "network.setOptions({physics: {enabled: false}})" in GRAPH_JS


def test_html_page_has_legend_and_stats(page: str) -> None:
    legend = re.search(r'<fieldset class="kg-filters" id="kg-legend">.*?</fieldset>', page, re.S).group()
    assert re.findall(r'<label data-kind="(\w+)"', legend) == list(KINDS)
    assert re.findall(r'<input type="checkbox" data-kind="(\w+)" checked>', legend) == list(KINDS)
    roles = re.search(r'<fieldset class="kg-filters" id="kg-roles">.*?</fieldset>', page, re.S).group()
    assert re.findall(r'<label data-role="(\w+)"', roles) == ["proposes", "uses", "evaluatesOn", "addresses", "variantOf"]
    assert "uses (2)" in roles and "variantOf (1)" in roles
    for kind, count in {"Paper": 2, "Method": 1, "Model": 2, "Task": 1, "Dataset": 1}.items():
        assert f"{kind} ({count})" in legend
        assert f".kg-swatch-{kind.lower()} {{ background: {KIND_STYLES[kind].fill};" in page
    assert '<p id="kg-stats">2 papers, 5 entities, 8 links</p>' in page


def test_html_page_of_empty_graph() -> None:
    page = html_page(nx.MultiDiGraph())
    assert embedded(page, "kg-nodes") == [] and embedded(page, "kg-edges") == []
    assert "0 papers, 0 entities, 0 links" in page


@pytest.mark.parametrize("kind", ["Person", None, "paper"])
def test_html_page_rejects_unknown_kind(kind: str | None) -> None:
    g = nx.MultiDiGraph()
    g.add_node("x", label="X", **({} if kind is None else {"kind": kind}))
    with pytest.raises(GraphError, match=r"node 'x' has kind .* give every node a kind among Paper, Method"):
        html_page(g)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("</script>", '"\\u003c/script\\u003e"'),
        ("<!--", '"\\u003c!--"'),
        ("a & b", '"a \\u0026 b"'),
        ("\u2028\u2029", '"\\u2028\\u2029"'),
        ("é", '"\\u00e9"'),
        ({"b": 1, "a": [None, True]}, '{"a":[null,true],"b":1}'),
    ],
)
def test_script_json_escapes_what_could_end_a_script(value: object, expected: str) -> None:
    assert script_json(value) == expected
    assert json.loads(script_json(value)) == value


def test_html_page_draws_what_to_networkx_makes(graph) -> None:
    """Integration with ``kg.graph.nx.to_networkx`` on the shared ``graph`` fixture of tests/conftest.py."""
    from kg.graph.nx import to_networkx

    g = to_networkx(graph)
    page = html_page(g)
    assert {n["id"] for n in embedded(page, "kg-nodes")} == set(g.nodes)
    assert len(embedded(page, "kg-edges")) == g.number_of_edges()
    assert external_loads(page) == []


SECTIONS = {"leaderboard", "results", "relations"}


def findings_page(tmp_path, sentence: str = "") -> str:
    """Write the view of the fixture's Facts with results and claims (see tests/conftest.py); return the page."""
    from kg.graph.build import facts_to_graph
    from kg.viewer.page import write_view

    from tests.conftest import make_findings_facts

    out = tmp_path / f"findings-{len(list(tmp_path.iterdir()))}.html"
    write_view(facts_to_graph(make_findings_facts(sentence)), out)
    return out.read_text(encoding="utf-8")


def test_view_embeds_leaderboards_results_and_relations(tmp_path) -> None:
    details = embedded(findings_page(tmp_path), "kg-details")
    r = "https://w3id.org/paperkg/resource/"
    (accuracy,) = details[r + "dataset/gsm8k"]["leaderboard"]
    assert [(row["entityName"], row["value"], row["unit"]) for row in accuracy["rows"]] == [
        ("LoRA+", "84.2", "%"), ("LoRA", "80.1", "%"), ("LLaMA-2-70B", "56.8", "%")]
    (errors,) = details[r + "dataset/math"]["leaderboard"]
    assert errors["lowerIsBetter"] and [row["value"] for row in errors["rows"]] == ["28.0", "30.5"]
    assert [row["datasetName"] for row in details[r + "method/lora"]["results"]] == ["GSM8K", "MATH"]
    assert [(x["property"], x["outgoing"]) for x in details[r + "method/lora"]["relations"]] == [
        ("basedOn", False), ("comparedWith", False)]
    assert not SECTIONS & set(details[r + "task/math-reasoning"])
    assert not any(SECTIONS & set(d) for d in details.values() if d["kind"] == "Paper")


def test_view_of_results_is_deterministic(tmp_path) -> None:
    assert findings_page(tmp_path) == findings_page(tmp_path)


def test_view_without_results_has_no_results_sections(tmp_path, graph, page: str) -> None:
    from kg.viewer.page import write_view

    write_view(graph, tmp_path / "plain.html")
    for text in (page, (tmp_path / "plain.html").read_text(encoding="utf-8")):
        assert not any(SECTIONS & set(d) for d in embedded(text, "kg-details").values())


@pytest.mark.parametrize("bad", HOSTILE)
def test_view_embeds_hostile_result_and_claim_sentences_only_escaped(tmp_path, bad: str) -> None:
    hostile, plain = findings_page(tmp_path, f"LoRA+ {bad} 84.2%"), findings_page(tmp_path, "LoRA+ gets 84.2%")
    assert bad not in hostile
    assert str(script_json(bad))[1:-1] in hostile

    def tags(text: str) -> list[str]:
        return sorted(re.findall(r"<\s*/?\s*([a-z!][a-z0-9]*)", markup(text), re.I))

    assert tags(hostile) == tags(plain)
    details = embedded(hostile, "kg-details")
    sentences = {row["sentence"] for d in details.values() for board in d.get("leaderboard", [])
                 for row in board["rows"]}
    sentences |= {e["sentence"] for d in details.values() for x in d.get("relations", []) for e in x["evidence"]}
    assert sentences == {f"LoRA+ {bad} 84.2%"}
