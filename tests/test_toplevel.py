"""Issue 17's top-level names, namespaces and Tensor methods beyond the op database.

* The golden suite `toplevel` (recorded from MindSpore 2.10): `ms.tensor`, dtypes, experimental optimizers and
  schedulers, `train` metrics, Tensor/HookBackward gradient hooks, `scipy.linalg`, `parallel` settings.
* Tensor methods whose MindSpore 2.10 CPU build has no kernel (`repeat`, `clone`, the in-place `*_` methods, `roll`,
  `unique`, `new_full`): checked against hand-written NumPy/JAX of MindSpore's documented semantics.
* `export`/`load`, `profiler`, `log`, `hal`/`runtime`, Cell hooks (`nn._hooks`), and the smaller helpers.
"""

import logging
import os
import re

import jax
import numpy as np
import pytest

import mindgrad as ms
from mindgrad import nn
from mindgrad.nn import _hooks
from replay import suite

SUITE = suite("toplevel")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_toplevel(name):
    SUITE.check(name, ms)


def _x():
    return ms.Tensor(np.arange(6, dtype=np.float32).reshape(2, 3))


# ---- Tensor methods without a MindSpore CPU kernel ---------------------------------------------------------------

def test_repeat_tiles_like_torch():
    x = _x()
    np.testing.assert_array_equal(x.repeat(2, 1).asnumpy(), np.tile(x.asnumpy(), (2, 1)))
    np.testing.assert_array_equal(x.repeat((1, 2, 1)).asnumpy(), np.tile(x.asnumpy(), (1, 2, 1)))
    with pytest.raises(ValueError, match="repeats"):
        x.repeat(2)


def test_clone_and_inplace_gradients(leak_check):
    def f(a):
        b = a.clone()
        b.mul_(3.0).add_(1.0, alpha=2.0)
        return (b * b).sum()

    x = ms.Tensor(np.array([1.0, 2.0], np.float32))
    g = ms.grad(f)(x)
    np.testing.assert_allclose(g.asnumpy(), 2 * (3 * x.asnumpy() + 2) * 3)
    np.testing.assert_array_equal(x.asnumpy(), [1.0, 2.0])


def test_inplace_methods_write_and_return_self():
    x = _x()
    assert x.zero_() is x and not x.asnumpy().any()
    x = _x()
    x.fill_(2.5)
    np.testing.assert_array_equal(x.asnumpy(), np.full((2, 3), 2.5))
    x = _x()
    x.masked_fill_(x > 2, 9.0).floor_()
    np.testing.assert_array_equal(x.asnumpy(), [[0, 1, 2], [9, 9, 9]])
    x = _x()
    x.copy_(ms.Tensor([1.0, 2.0, 3.0]))
    np.testing.assert_array_equal(x.asnumpy(), [[1, 2, 3], [1, 2, 3]])
    x = _x()
    x.clamp_(1, 3).sub_(1, alpha=2).div_(2)
    np.testing.assert_array_equal(x.asnumpy(), [[-0.5, -0.5, 0], [0.5, 0.5, 0.5]])
    i = ms.Tensor(np.array([3, 7]), ms.int32)
    i.add_(2.7)  # the result is cast back to Int32
    assert i.dtype == ms.int32 and i.asnumpy().tolist() == [5, 9]


def test_inplace_scatter_and_index_add():
    idx = ms.Tensor(np.array([[0, 1, 0], [1, 0, 1]], np.int64))
    x = _x()
    x.scatter_(0, idx, ms.Tensor(np.ones((2, 3), np.float32)))
    np.testing.assert_array_equal(x.asnumpy(), np.ones((2, 3)))
    x = _x()
    x.scatter_add_(0, idx, ms.Tensor(np.ones((2, 3), np.float32)))
    np.testing.assert_array_equal(x.asnumpy(), np.arange(6).reshape(2, 3) + 1)
    x = _x()
    x.index_add_(1, ms.Tensor([0, 2], ms.int32), ms.Tensor(np.ones((2, 2), np.float32)), alpha=2)
    np.testing.assert_array_equal(x.asnumpy(), [[2, 1, 4], [5, 4, 7]])
    x = _x()
    got = x.scatter(1, ms.Tensor(np.array([[0], [2]], np.int64)), 10.0, reduce="multiply")
    np.testing.assert_array_equal(got.asnumpy(), [[0, 1, 2], [3, 4, 50]])


def test_random_inplace_methods():
    x = ms.Tensor(np.zeros((200,), np.float32))
    assert x.normal_(mean=1.0, std=0.1) is x
    assert abs(float(x.mean().asnumpy()) - 1.0) < 0.05
    x.uniform_(2.0, 3.0)
    a = x.asnumpy()
    assert a.min() >= 2.0 and a.max() < 3.0
    x.bernoulli_(0.5)
    assert set(np.unique(x.asnumpy())) <= {0.0, 1.0}
    u = x.uniform()
    assert u.shape == (200,) and u.dtype == ms.float32


def test_roll_unique_new_full_and_queries():
    x = _x()
    np.testing.assert_array_equal(x.roll(1, 1).asnumpy(), np.roll(x.asnumpy(), 1, 1))
    np.testing.assert_array_equal(x.roll(1).asnumpy(), np.roll(x.asnumpy(), 1))
    vals, inv, counts = ms.Tensor([3, 1, 3, 2]).unique(return_inverse=True, return_counts=True)
    assert vals.asnumpy().tolist() == [1, 2, 3] and inv.asnumpy().tolist() == [2, 0, 2, 1]
    assert counts.asnumpy().tolist() == [1, 1, 2]
    full = x.new_full((2,), 3)
    assert full.dtype == ms.float32 and full.asnumpy().tolist() == [3.0, 3.0]
    assert x.new_empty((3,)).shape == (3,)
    y = _x()
    assert y.set_dtype(ms.int32) == ms.int32 and y.dtype == ms.int32
    y.assign_value(ms.Tensor([1.0]))
    assert y.shape == (1,) and y.dtype == ms.float32
    assert isinstance(x.data_ptr(), int) and x.requires_grad_() is None
    assert x.flush_from_cache() is None and x.data_sync(True) is None


def test_tensor_register_hook_and_remove():
    seen = []

    def f(a):
        b = a * 3
        handle = b.register_hook(lambda g: seen.append(g.asnumpy().tolist()))
        ms.Tensor.remove_hook(handle)
        return (b * b).sum()

    ms.grad(f)(ms.Tensor(np.array([1.0, 2.0], np.float32)))
    assert seen == []


# ---- Cell hooks (nn._hooks; `Cell.register_*_hook` wires them) ---------------------------------------------------

class _Hooked(nn.Dense):
    """A Dense wired to `nn._hooks` as `Cell` is meant to be (see the module)."""

    register_forward_pre_hook = _hooks.register_forward_pre_hook
    register_forward_hook = _hooks.register_forward_hook
    register_backward_pre_hook = _hooks.register_backward_pre_hook
    register_backward_hook = _hooks.register_backward_hook

    def __init__(self):
        super().__init__(3, 2)
        self.weight.set_data(ms.Tensor(np.ones((2, 3), np.float32)))
        self.bias.set_data(ms.Tensor(np.zeros(2, np.float32)))

    def __call__(self, *args, **kwargs):
        if _hooks.hooks_of(self):
            return _hooks.call_with_hooks(self, args, kwargs)
        return super().__call__(*args, **kwargs)


def test_cell_hooks_order_and_effects():
    """Values and order as MindSpore 2.10 gives them (same network as its tutorial example)."""
    log = []
    d = _Hooked()

    def bhook(cell, gin, gout):
        log.append(("bh", gin[0].asnumpy().tolist(), gout[0].asnumpy().tolist()))
        return (gin[0] * 10,)

    d.register_forward_pre_hook(lambda c, inputs: log.append(("pre", len(inputs))))
    fwd = d.register_forward_hook(lambda c, inputs, out: out + 1)
    d.register_backward_pre_hook(lambda c, gout: log.append(("bpre", gout[0].asnumpy().tolist())))
    bh = d.register_backward_hook(bhook)
    x = ms.Tensor(np.array([[1.0, 2.0, 3.0]], np.float32))
    assert (d(x) * 2).asnumpy().tolist() == [[14.0, 14.0]]
    log.clear()
    g = ms.grad(lambda a: (d(a) * 2).sum())(x)
    assert g.asnumpy().tolist() == [[40.0, 40.0, 40.0]]
    assert log[0] == ("pre", 1)
    assert [e for e in log if e[0] != "pre"] == [("bpre", [[2.0, 2.0]]), ("bh", [[4.0, 4.0, 4.0]], [[2.0, 2.0]])]
    bh.remove()
    fwd.remove()
    assert ms.grad(lambda a: (d(a) * 2).sum())(x).asnumpy().tolist() == [[4.0, 4.0, 4.0]]
    with pytest.raises(TypeError, match="callable hook"):
        d.register_forward_hook(3)
    assert _hooks.get_phase(d) == "train"
    _hooks.set_train_phase(d, False)
    assert _hooks.get_phase(d) == "predict"


def test_hook_backward_under_jit():
    seen = []
    hb = ms.ops.HookBackward(lambda g: seen.append(np.asarray(g[0].asnumpy())))
    g = jax.jit(jax.grad(lambda a: (hb(ms.Tensor(a) * 2.0)._arr * 3.0).sum()))(np.ones(2, np.float32))
    np.testing.assert_array_equal(np.asarray(g), [6.0, 6.0])
    np.testing.assert_array_equal(seen[0], [3.0, 3.0])


# ---- export / load ------------------------------------------------------------------------------------------------

def test_export_jax_and_load(tmp_path):
    net = nn.Dense(3, 2)
    x = ms.Tensor(np.ones((4, 3), np.float32))
    ms.export(net, x, file_name=str(tmp_path / "net"), file_format="JAX")
    graph = ms.load(str(tmp_path / "net.jax"))
    np.testing.assert_allclose(graph(x).asnumpy(), net(x).asnumpy(), rtol=1e-6)
    ms.export(net, x, file_name=str(tmp_path / "net"), file_format="STABLEHLO")
    assert "stablehlo" in (tmp_path / "net.mlir").read_text()


def test_export_mindir_names_supported_formats(tmp_path):
    with pytest.raises(NotImplementedError, match="'JAX', 'STABLEHLO'"):
        ms.export(nn.Dense(3, 2), ms.Tensor(np.ones((1, 3), np.float32)), file_name=str(tmp_path / "n"),
                  file_format="MINDIR")
    with pytest.raises(ValueError, match="file_format"):
        ms.train.serialization.export(nn.Dense(3, 2), ms.Tensor(np.ones((1, 3), np.float32)),
                                      file_name=str(tmp_path / "n"), file_format="PNG")
    with pytest.raises(NotImplementedError, match="MINDIR"):
        ms.load(str(tmp_path / "n.mindir"))


# ---- profiler, log, hal, runtime ------------------------------------------------------------------------------------

def test_profiler_writes_a_jax_trace(tmp_path):
    with ms.Profiler(output_path=str(tmp_path)):
        (ms.Tensor([1.0, 2.0]) * 2).asnumpy()
    assert any(files for _, _, files in os.walk(tmp_path))
    s = ms.profiler.schedule(wait=1, warmup=1, active=2, repeat=1)
    assert [s(k) for k in range(6)] == ["NONE", "WARM_UP", "RECORD", "RECORD_AND_SAVE", "NONE", "NONE"]
    rid = ms.profiler.mstx.range_start("step")
    ms.profiler.mstx.range_end(rid)


def test_log_format_and_level(capsys):
    assert ms.log.get_level() == {"0": "0", "1": "1", "3": "3", "4": "4"}.get(os.environ.get("GLOG_v"), "2")
    logger = logging.getLogger("mindspore")
    old = logger.level
    logger.setLevel(logging.INFO)
    try:
        ms.log.info("hello %d", 3)
    finally:
        logger.setLevel(old)
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert re.fullmatch(r"\[INFO\] ME\(\d+:\d+,MainProcess\):\d{4}-\d\d-\d\d-\d\d:\d\d:\d\d\.\d{3}\.\d{3} "
                        r"\[test_toplevel\.py:\d+\] hello 3", line), line
    assert ms.log.logging is logging


def test_hal_and_runtime():
    assert ms.hal.device_count() == len(jax.devices()) and ms.hal.is_available("CPU")
    for fn in (ms.runtime.memory_allocated, ms.runtime.max_memory_allocated, ms.hal.memory_reserved,
               ms.hal.max_memory_reserved):
        assert isinstance(fn(), int)
    ms.runtime.set_memory(max_size="4GB")
    ms.runtime.launch_blocking()
    s = ms.runtime.Stream()
    with ms.runtime.StreamCtx(s):
        assert ms.runtime.current_stream() is s
    assert ms.runtime.current_stream() is ms.runtime.default_stream()
    start, end = ms.hal.Event(enable_timing=True), ms.hal.Event(enable_timing=True)
    start.record()
    end.record()
    assert end.elapsed_time(start) <= 0 <= start.elapsed_time(end)
    ms.runtime.synchronize()
    ms.hal.empty_cache()


# ---- smaller helpers ------------------------------------------------------------------------------------------------

def test_generator_recompute_sparse_and_data_sink():
    g = ms.manual_seed(5)
    a = ms.ops.randn(3)
    ms.manual_seed(5)
    assert np.array_equal(a.asnumpy(), ms.ops.randn(3).asnumpy()) and g.initial_seed() == 5
    x = ms.Tensor(np.array([1.0, 2.0], np.float32))
    np.testing.assert_allclose(ms.grad(lambda t: ms.recompute(lambda u: (u * u).sum(), t))(x).asnumpy(), [2, 4])
    coo = ms.COOTensor(ms.Tensor(np.array([[0, 1], [1, 0]], np.int32)), ms.Tensor([5.0, 6.0]), (2, 2))
    np.testing.assert_array_equal(coo.to_dense().asnumpy(), [[0, 5], [6, 0]])
    csr = ms.CSRTensor(ms.Tensor([0, 1, 2], ms.int32), ms.Tensor([1, 0], ms.int32), ms.Tensor([5.0, 6.0]), (2, 2))
    np.testing.assert_array_equal(csr.to_dense().asnumpy(), [[0, 5], [6, 0]])
    data = ms.dataset.NumpySlicesDataset({"x": np.arange(4, dtype=np.float32)}, shuffle=False)
    sink = ms.data_sink(lambda v: v * 2, data, sink_size=2)
    assert float(sink().asnumpy()) == 2.0 and float(sink().asnumpy()) == 6.0
    assert [float(t[0].asnumpy()) for t in ms.DatasetHelper(data, sink_size=2)] == [0.0, 1.0]


def test_summary_record_and_parallel_wrappers(tmp_path):
    with ms.SummaryRecord(str(tmp_path)) as rec:
        rec.add_value("scalar", "loss", ms.Tensor(1.5))
        rec.record(3)
    (path,) = tmp_path.iterdir()
    assert '"step": 3, "tag": "loss", "kind": "scalar", "value": 1.5' in path.read_text()
    net = nn.Dense(2, 1)
    x = ms.Tensor(np.arange(8, dtype=np.float32).reshape(4, 2))
    want = net(x).sum().asnumpy()
    got = ms.parallel.nn.Pipeline(lambda t: net(t).sum(), 2)(x).asnumpy()
    np.testing.assert_allclose(got, want, rtol=1e-6)
    np.testing.assert_allclose(ms.parallel.auto_parallel.AutoParallel(net)(x).asnumpy(), net(x).asnumpy())
    layout = ms.parallel.Layout((2, 2), ("dp", "mp"))
    assert layout("dp", "None").to_dict()["tensor_map"] == ("dp", "None")


def test_boost_gradient_accumulation():
    net = nn.Dense(2, 1)
    opt = ms.experimental.optim.SGD(net.trainable_params(), lr=1.0)
    acc = ms.boost.GradientAccumulation(2, opt)
    w0 = net.weight.asnumpy().copy()
    grads = (ms.Tensor(np.ones((1, 2), np.float32)), ms.Tensor(np.ones(1, np.float32)))
    acc(ms.Tensor(0.0), grads)
    np.testing.assert_array_equal(net.weight.asnumpy(), w0)
    acc(ms.Tensor(0.0), grads)
    np.testing.assert_allclose(net.weight.asnumpy(), w0 - 2.0)
