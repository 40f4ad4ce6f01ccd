"""``--engine dask``: extraction as Dask tasks on a 2-worker LocalCluster gives the local engine's outputs, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.builder.dask_engine import extract_dask
from kg.builder.options import EngineOptions
from kg.cli import cli
from kg.errors import KgError
from kg.records import Paper

distributed = pytest.importorskip("distributed")

OUTPUTS = Path(__file__).resolve().parents[1] / "outputs"
FILES = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.graphml", "edges.csv", "graph.html")


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=40) as local:
        yield local


@pytest.fixture(scope="module")
def on_cluster(cluster, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("dask") / "out"
    result = CliRunner().invoke(cli, ["build", "--out", str(out), "-q", "--engine", "dask",
                                      "--scheduler", cluster.scheduler_address, "--batch-size", "8"])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", FILES)
def test_dask_engine_gives_the_local_outputs(on_cluster: Path, name: str) -> None:
    assert (on_cluster / name).read_bytes() == (OUTPUTS / name).read_bytes()


def test_both_workers_extract(cluster) -> None:  # type: ignore[no-untyped-def]
    from kg.ingest import default_input, read_papers

    papers = list(read_papers(default_input()))
    options = EngineOptions(0.45, True, 2, cluster.scheduler_address, batch_size=4)
    extractions = list(extract_dask(papers, options))
    assert [e.paper.id for e in extractions] == [paper.id for paper in papers]
    import sys

    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import the tests
    with distributed.Client(cluster.scheduler_address) as client:
        loaded = client.run(_pipelines_loaded)
    assert sorted(loaded.values()) == [1, 1], loaded  # each worker built its pipeline once, and used it


def _pipelines_loaded() -> int:
    import sys

    pipeline = sys.modules.get("kg.extract.pipeline")
    return 0 if pipeline is None else pipeline._shared.cache_info().currsize


def test_local_cluster_is_started_without_an_address(tmp_path: Path) -> None:
    papers = [Paper("p1", "BERT for question answering", "We fine-tune BERT on SQuAD.")]
    extractions = list(extract_dask(papers, EngineOptions(0.45, True, 2, None, batch_size=1)))
    assert [e.paper.id for e in extractions] == ["p1"] and extractions[0].mentions


def test_unreachable_scheduler_is_one_error_line(tmp_path: Path) -> None:
    with pytest.raises(KgError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        list(extract_dask([Paper("p1", "T")], EngineOptions(0.45, True, 1, "tcp://127.0.0.1:9")))
