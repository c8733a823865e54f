"""MindSpore's CPU formulas for exp, sigmoid, softmax, tanh (`ops/function/_cpu_numerics.py`) and
log_softmax (`_onednn.py`) are what a program lowered for the CPU runs; lowered for a GPU or TPU, the
same ops use the device's own exp, tanh and log (MindSpore's GPU kernels call them), chosen at lowering."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax import export

from mindgrad import Tensor, ops


def _lowered(fn, platform: str) -> str:
    return export.export(jax.jit(fn), platforms=[platform])(jnp.ones((2, 4), jnp.float32)).mlir_module()


def _exp_family(a):
    t = Tensor(a)
    return ops.softmax(t, -1)._arr + ops.tanh(t)._arr + ops.sigmoid(t)._arr + ops.exp(t)._arr


@pytest.mark.parametrize("platform, native", [("cpu", False), ("cuda", True), ("tpu", True)])
def test_the_cpu_formulas_are_lowered_for_the_cpu_only(platform, native):
    text = _lowered(_exp_family, platform)
    assert ("stablehlo.exponential" in text) is native
    assert ("stablehlo.tanh" in text) is native
    assert ("stablehlo.shift_left" in text) is not native   # the CPU exp builds 2**n from its bits
    text = _lowered(lambda a: ops.log_softmax(Tensor(a), -1)._arr, platform)
    assert ("f64" in text) is not native                    # oneDNN's log: its FMAs in float64
    assert ("stablehlo.log " in text) is native


def test_the_cpu_exp_is_mindspores_on_the_cpu():
    """On the CPU: MindSpore's exp, whose constant ln2' = 0.693147 gives a relative error of 2.3e-5 at |x| = 80."""
    x = np.array([-80.0, 80.0], np.float32)
    err = ops.exp(Tensor(x)).asnumpy() / np.exp(x.astype(np.float64)) - 1
    assert 1e-5 < np.max(np.abs(err)) < 3e-5
