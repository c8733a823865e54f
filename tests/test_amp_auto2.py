"""amp_level="auto" on functional ops and function networks: the golden fixtures
`tests/golden/amp_auto2_cases.py` (recorded from MindSpore 2.10's CPU build), GRAPH_MODE, and that the
casts are active only while an "auto" network runs."""

import numpy as np
import pytest

import mindgrad as ms
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("amp_auto2")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_amp_auto2(name):
    SUITE.check(name, ms)


def test_casts_only_while_an_auto_network_runs_and_graph_mode_matches():
    """Outside the network the ops are MindSpore's own again (the same function objects); a Cell at "auto"
    gives the PyNative numbers under GRAPH_MODE and under ms.jit."""
    before = (ms.ops.matmul, ms.ops.function.exp, ms.mint.sum, ms.mint.nn.functional.softmax, ms.ops.MatMul)

    class Net(ms.nn.Cell):
        def construct(self, x):
            return ms.ops.exp(ms.ops.matmul(x, x)), x @ x

    x = ms.Tensor(np.linspace(-1, 1, 9, dtype=np.float32).reshape(3, 3))
    net = ms.amp.auto_mixed_precision(Net(), "auto")
    eager = net(x)
    assert [o.dtype for o in eager] == [ms.float32, ms.float16]
    assert (ms.ops.matmul, ms.ops.function.exp, ms.mint.sum, ms.mint.nn.functional.softmax, ms.ops.MatMul) == before
    assert ms.ops.matmul(x, x).dtype == ms.float32
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        graph = net(x)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    fn = ms.jit(ms.amp.auto_mixed_precision(lambda v: ms.ops.softmax(v @ v), "auto"))
    jitted = fn(x)
    assert jitted.dtype == ms.float32
    np.testing.assert_array_equal(jitted.asnumpy(), ms.ops.softmax((x.astype(ms.float16) @ x.astype(ms.float16))
                                                                  .astype(ms.float32)).asnumpy())
    for g, e in zip(graph, eager, strict=True):
        assert g.dtype == e.dtype
        np.testing.assert_array_equal(g.asnumpy(), e.asnumpy())
