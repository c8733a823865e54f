"""Shared test set-up: CPU only, one compilation cache for the session's processes, tracer-leak checking for
gradient tests, small helpers."""

import os
import shutil
import sys
import tempfile

os.environ.setdefault("JAX_PLATFORMS", "cpu")
# The pytest-xdist workers (and the tests' subprocesses) compile many of the same small programs: they share one
# JAX compilation cache, made here by the first process (the controller, before it starts the workers, which
# inherit the variables) and removed when that process ends. Same executables, about 10% less suite time.
_CACHE_OWNER = "JAX_COMPILATION_CACHE_DIR" not in os.environ
if _CACHE_OWNER:
    os.environ["JAX_COMPILATION_CACHE_DIR"] = tempfile.mkdtemp(prefix="mindgrad-tests-jax-cache-")
    os.environ["JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS"] = "0"
    os.environ["JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES"] = "0"
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden"))

import jax  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import mindgrad  # noqa: E402,F401  (switches on x64 before any test builds arrays)


@pytest.fixture
def leak_check():
    """Run the test under `jax.checking_leaks()`: a traced value left behind fails it."""
    with jax.checking_leaks():
        yield


def assert_tree_close(got, want, rtol=1e-5, atol=1e-6):
    """Compare nested tuples/lists of Tensors/arrays: same nesting, dtype and values."""
    if isinstance(want, (tuple, list)):
        assert isinstance(got, type(want)), f"expected {type(want).__name__}, got {type(got).__name__}"
        assert len(got) == len(want), f"expected length {len(want)}, got {len(got)}"
        for g, w in zip(got, want, strict=False):
            assert_tree_close(g, w, rtol, atol)
        return
    g = got.asnumpy() if hasattr(got, "asnumpy") else np.asarray(got)
    w = want.asnumpy() if hasattr(want, "asnumpy") else np.asarray(want)
    assert g.shape == w.shape, f"shape {g.shape} != {w.shape}"
    np.testing.assert_allclose(g, w, rtol=rtol, atol=atol)


def pytest_unconfigure(config):
    if _CACHE_OWNER and not hasattr(config, "workerinput"):
        shutil.rmtree(os.environ["JAX_COMPILATION_CACHE_DIR"], ignore_errors=True)
