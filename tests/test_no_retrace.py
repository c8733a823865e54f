"""Each benchmark workload's step traces only while warming up, in every mode, and computes what
the hand-written JAX version computes."""

import os
import sys

import numpy as np
import pytest

from mindgrad._engine import cache

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmarks"))
from workloads import build, enter  # noqa: E402

WORKLOADS = ["W1 GradOperation doc net (per call)", "W5 MLP width 256 train step",
             "W3 CNN 28x28 batch 64 train step", "W4 pre-LN encoder block train step"]


def _first_leaf(x):
    while isinstance(x, (tuple, list)):
        x = x[0]
    return np.asarray(x.asnumpy() if hasattr(x, "asnumpy") else x)


@pytest.mark.parametrize("name", WORKLOADS)
def test_zero_retraces_after_warm_up_and_same_numbers_as_jax(name):
    want = _first_leaf(build(name, "jax")())
    for variant in ("pynative", "graph", "jit"):
        step = build(name, variant)
        enter(variant)
        try:
            first = _first_leaf(step())
            np.testing.assert_allclose(first, want, rtol=2e-4, atol=1e-5, err_msg=f"{name} {variant}")
            step()
            before = cache.trace_count()
            for _ in range(3):
                step()
            assert cache.trace_count() == before, f"{name} {variant} retraced"
        finally:
            enter("pynative")
