"""The public Python API: ``kg.read_papers``, ``kg.build``, ``kg.to_networkx`` and friends."""

from __future__ import annotations

import importlib
import json

import networkx as nx
import pytest

import kg


def test_all_is_sorted_and_every_name_resolves():
    assert kg.__all__ == sorted(kg.__all__)
    for name in kg.__all__:
        assert getattr(kg, name) is not None


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        kg.nope  # noqa: B018


def test_importing_kg_loads_no_heavy_library():
    import subprocess
    import sys

    code = "import sys, kg; print(sorted(m for m in ('spacy', 'rdflib', 'pyvis') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "papers.jsonl"
    records = [
        {"id": "a", "title": "Grokker: Sparse Retrieval", "abstract": "We propose Grokker and test it on MS MARCO."},
        {"id": "b", "title": "Tuning", "abstract": "We fine-tune LLaMA-2-7B with LoRA on GSM8K."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    return kg.build(kg.read_papers(path))


def test_build_returns_an_rdflib_graph_that_conforms(graph):
    assert len(graph) > 0
    assert kg.validate(graph).conforms


def test_to_networkx_gives_plain_attributes(graph):
    view = kg.to_networkx(graph)
    assert isinstance(view, nx.MultiDiGraph)
    kinds = {data["kind"] for _, data in view.nodes(data=True)}
    assert kinds == {"Paper", "Method", "Model", "Task", "Dataset"}
    for _, data in view.nodes(data=True):
        assert all(type(v) in (str, int, float) for v in data.values())
    roles = {data["role"] for *_, data in view.edges(data=True)}
    assert {"proposes", "uses", "evaluatesOn", "variantOf"} <= roles


def test_public_modules_import_cleanly():
    for module in ("kg.cli.app", "kg.ingest", "kg.extract", "kg.resolve.entities", "kg.graph", "kg.sparql.query", "kg.viewer.page"):
        importlib.import_module(module)
