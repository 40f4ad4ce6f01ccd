"""Thinc operations whose matrix products go to numpy, for the trained recogniser at run time.

Thinc's ``NumpyOps.gemm`` multiplies through blis; on the recogniser's
small products (a few hundred rows by 192 columns) numpy's BLAS is several
times faster on this kind of machine, and the predictions are the same
(``tests/test_matmul.py`` checks them against blis). Training keeps
Thinc's own operations.
"""

from __future__ import annotations

import numpy
from spacy.language import Language
from thinc.api import NumpyOps
from thinc.types import Floats2d

__all__ = ["NumpyMatmulOps", "use_numpy_matmul"]


class NumpyMatmulOps(NumpyOps):
    """``NumpyOps`` with ``gemm`` computed by ``numpy.matmul``."""

    name = "numpy-matmul"

    def gemm(self, x: Floats2d, y: Floats2d, out: Floats2d | None = None, trans1: bool = False,
             trans2: bool = False) -> Floats2d:
        left = x.T if trans1 else x
        right = y.T if trans2 else y
        if out is None:
            return numpy.matmul(left, right)
        return numpy.matmul(left, right, out=out)


def use_numpy_matmul(nlp: Language) -> Language:
    """Give every layer of every trained component in ``nlp`` :class:`NumpyMatmulOps`; return ``nlp``."""
    ops = NumpyMatmulOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    return nlp
