"""set_context / get_context / set_device: MindSpore's options, checked arguments, JAX's devices."""

import jax
import numpy as np
import pytest

import mindgrad as ms
from mindgrad import context
from mindgrad.train import callback


@pytest.fixture(autouse=True)
def restore_context():
    saved = dict(context._context)
    default_device = jax.config.jax_default_device
    yield
    context._context.clear()
    context._context.update(saved)
    jax.config.update("jax_default_device", default_device)


def test_device_target_reports_jax_backend_until_set():
    context._context["device_target"] = None
    assert ms.get_context("device_target") == "CPU"      # the test suite runs JAX on CPU
    ms.set_device("CPU", 0)
    assert ms.get_context("device_target") == "CPU"
    assert ms.get_context("device_id") == 0
    t = ms.Tensor(np.ones(2, np.float32))
    assert jax.numpy.asarray(t).devices() == {jax.devices("cpu")[0]}


@pytest.mark.parametrize("target, error, message", [
    ("Ascend", ValueError, "'Ascend' is not supported"),
    ("NPU", ValueError, "device_target"),
    ("GPU", RuntimeError, "JAX has no GPU device here"),
])
def test_set_device_refuses_what_jax_cannot_run(target, error, message):
    before = ms.get_context("device_target")
    with pytest.raises(error, match=message):
        ms.set_device(target)
    assert ms.get_context("device_target") == before


def test_set_device_checks_device_id():
    with pytest.raises(ValueError, match="device_id"):
        ms.set_device("CPU", len(jax.devices("cpu")))


def test_set_context_device_target_is_deprecated_but_works():
    with pytest.warns(DeprecationWarning, match="set_device"):
        ms.set_context(device_target="CPU")
    assert ms.get_context("device_target") == "CPU"


def test_mode_and_options():
    ms.set_context(mode=ms.GRAPH_MODE)
    assert ms.get_context("mode") == ms.GRAPH_MODE == 0
    ms.set_context(mode=ms.PYNATIVE_MODE)
    assert ms.get_context("mode") == 1
    with pytest.raises(ValueError, match="'mode'"):
        ms.set_context(mode=2)
    with pytest.raises(TypeError, match="pynative_compile"):
        ms.set_context(pynative_compile=1)
    with pytest.raises(ValueError, match="'no_such_option'"):
        ms.get_context("no_such_option")


def test_progress_bar_redraws_only_in_a_jupyter_kernel_or_terminal():
    assert callback._in_jupyter_kernel() is False          # pytest is no Jupyter kernel
    assert callback.ProgressBar(live=True)._live() is True
