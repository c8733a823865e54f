"""`nn.GraphCell` over what `ms.load` returns for a file `ms.export(..., file_format="JAX")` wrote: callable like
the exported Cell in PyNative and GRAPH_MODE, with MindSpore's argument checks."""

import numpy as np
import pytest

import mindgrad as ms
from mindgrad import Tensor, nn


def test_graph_cell_runs_an_exported_network(tmp_path):
    ms.set_seed(0)
    net = nn.SequentialCell([nn.Dense(3, 4), nn.ReLU(), nn.Dense(4, 2)])
    x = Tensor(np.random.RandomState(0).randn(5, 3).astype(np.float32))
    ms.export(net, x, file_name=str(tmp_path / "net"), file_format="JAX")
    cell = nn.GraphCell(ms.load(str(tmp_path / "net.jax")))
    assert isinstance(cell, nn.Cell) and cell.trainable_params() == []
    want = net(x).asnumpy()
    np.testing.assert_allclose(cell(x).asnumpy(), want, rtol=1e-6)
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        np.testing.assert_allclose(cell(x).asnumpy(), want, rtol=1e-6)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


def test_graph_cell_bad_input(tmp_path):
    with pytest.raises(TypeError, match="argument 'graph' must be a graph loaded by mindgrad.load"):
        nn.GraphCell(nn.Dense(2, 2))
    ms.export(nn.Dense(2, 2), Tensor(np.ones((1, 2), np.float32)), file_name=str(tmp_path / "d"), file_format="JAX")
    graph = ms.load(str(tmp_path / "d.jax"))
    with pytest.raises(TypeError, match="'params_init' must be a dict"):
        nn.GraphCell(graph, params_init=[1])
    with pytest.raises(TypeError, match="key of the 'params_init' must be str"):
        nn.GraphCell(graph, params_init={1: 2})
    with pytest.raises(NotImplementedError, match="constants"):
        nn.GraphCell(graph, params_init={"weight": Tensor(np.ones((2, 2), np.float32))})


def test_ps_context_is_a_checked_no_op():
    """`set_ps_context` / `get_ps_context` / `reset_ps_context` (parameter server mode does not exist on JAX):
    MindSpore 2.10's defaults, option names and errors, seen on the oracle."""
    from mindgrad import context
    assert ms.set_ps_context is context.set_ps_context
    assert [ms.get_ps_context(k) for k in ("enable_ps", "ms_role", "scheduler_ip", "scheduler_port", "worker_num",
                                           "config_file_path")] == [False, "MS_NOT_PS", "127.0.0.1", 6667, 0, ""]
    try:
        ms.set_ps_context(enable_ps=True, enable_ssl=True, client_password="", config_file_path="/x")
        assert ms.get_ps_context("enable_ps") is True and ms.get_ps_context("config_file_path") == "/x"
    finally:
        context.reset_ps_context()
    assert ms.get_ps_context("enable_ps") is False and ms.get_ps_context("enable_ssl") is False
    with pytest.raises(TypeError, match="The parameter 'enable_ps' must be <class 'bool'>, but got <class 'int'>"):
        ms.set_ps_context(enable_ps=1)
    with pytest.raises(ValueError, match="Set PS context keyword foo is not recognized!"):
        ms.set_ps_context(foo=1)
    with pytest.raises(ValueError, match="Get PS context keyword client_password is not recognized!"):
        ms.get_ps_context("client_password")
