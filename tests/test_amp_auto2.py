"""amp_level="auto" on functional ops and function networks: the golden fixtures
`tests/golden/amp_auto2_cases.py` (recorded from MindSpore 2.10's CPU build), GRAPH_MODE, and that the
casts are active only while an "auto" network runs."""

import numpy as np
import pytest

import mindgrad as ms
from mindgrad.mint import matmul as mint_matmul_by_name
from mindgrad.ops import MatMul as MatMulByName
from mindgrad.ops import exp as exp_by_name
from mindgrad.ops import matmul as matmul_by_name
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


class _ByName(ms.nn.Cell):
    """Ops imported by name into this module (`from mindspore.ops import matmul`)."""

    def construct(self, x):
        return exp_by_name(matmul_by_name(x, x)), mint_matmul_by_name(x, x), MatMulByName()(x, x)


class _ByModule(ms.nn.Cell):
    def construct(self, x):
        return ms.ops.exp(ms.ops.matmul(x, x)), ms.mint.matmul(x, x), ms.ops.MatMul()(x, x)


def test_ops_imported_by_name_are_cast_as_module_attributes_are():
    """An "auto" network's module imported the ops by name: they cast as `ops.matmul` does (white list in
    float16, `exp` in float32), in Cells and function networks, and are the same objects again after."""
    x = ms.Tensor(np.linspace(-1.3, 1.7, 9, dtype=np.float32).reshape(3, 3))
    by_name = ms.amp.auto_mixed_precision(_ByName(), "auto")(x)
    by_module = ms.amp.auto_mixed_precision(_ByModule(), "auto")(x)
    assert [o.dtype for o in by_name] == [ms.float32, ms.float16, ms.float16]
    for a, b in zip(by_name, by_module, strict=True):
        assert a.dtype == b.dtype
        np.testing.assert_array_equal(a.asnumpy(), b.asnumpy())
    assert not np.array_equal(by_name[0].asnumpy(), ms.ops.exp(ms.ops.matmul(x, x)).asnumpy())  # (float16 matmul)
    fn = ms.amp.auto_mixed_precision(lambda v: exp_by_name(matmul_by_name(v, v)), "auto")
    np.testing.assert_array_equal(fn(x).asnumpy(), by_module[0].asnumpy())
    assert (matmul_by_name, exp_by_name, MatMulByName) == (ms.ops.matmul, ms.ops.exp, ms.ops.MatMul)
    assert matmul_by_name(x, x).dtype == ms.float32
