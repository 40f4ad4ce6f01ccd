"""The recogniser's numpy matrix products: the same numbers and the same entities as Thinc's blis ones."""

from __future__ import annotations

import numpy
import pytest
import spacy
from thinc.api import NumpyOps

from kg.extract.matmul import NumpyMatmulOps, use_numpy_matmul
from kg.extract.pipeline import make_nlp
from kg.ingest import default_input, read_papers
from kg.train import MODEL_DIR


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True), (True, True)])
@pytest.mark.parametrize("given_out", [False, True])
def test_gemm_agrees_with_blis(trans1: bool, trans2: bool, given_out: bool) -> None:
    rng = numpy.random.default_rng(7)
    x = rng.standard_normal((40, 30) if not trans1 else (30, 40)).astype("float32")
    y = rng.standard_normal((30, 20) if not trans2 else (20, 30)).astype("float32")
    out = numpy.full((40, 20), numpy.nan, dtype="float32") if given_out else None
    got = NumpyMatmulOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    want = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == (40, 20) and got.dtype == numpy.float32
    numpy.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    if given_out:
        assert got is out or numpy.shares_memory(got, out)


def test_the_pipeline_recogniser_uses_numpy_matmul() -> None:
    ner = make_nlp().get_pipe("ner")
    kinds = {type(node.ops) for node in ner.model.walk()}
    assert kinds == {NumpyMatmulOps}


def test_the_recogniser_finds_the_same_entities_with_either_product() -> None:
    texts = [text for paper in read_papers(default_input()) for text in (paper.title, paper.abstract)]
    blis = spacy.load(MODEL_DIR)
    fast = use_numpy_matmul(spacy.load(MODEL_DIR))
    assert {type(node.ops) for node in blis.get_pipe("ner").model.walk()} == {NumpyOps}

    def entities(nlp: spacy.language.Language) -> list[list[tuple[int, int, str]]]:
        return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]

    found = entities(blis)
    assert sum(map(len, found)) > 100
    assert entities(fast) == found
