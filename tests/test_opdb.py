"""Replay every op-database suite (`tests/golden/<suite>_cases.py` with an `OPS` list, see `opdb.py`).

* `test_opdb_case`: each generated case against MindSpore 2.10's recording (`<suite>.json`, written by
  `python -m tests.golden.record <suite>`) under `jax.checking_leaks()`: structure, dtype, shape,
  values, error class (`test_golden_suites.py` checks that every case is recorded).
* `test_opdb_check_grads`: for each `grad=True` entry, `jax.test_util.check_grads` in float64
  (reverse mode, first order) on its first sample, against finite differences.
"""

import glob
import os

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

import mindgrad as ms
from mindgrad.common.tensor import wrap

import opdb  # tests/golden is on sys.path (conftest.py)
from replay import suite

GOLDEN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")


def _suites() -> list:
    found = []
    for path in sorted(glob.glob(os.path.join(GOLDEN_DIR, "*_cases.py"))):
        with open(path) as f:
            if "cases(OPS)" not in f.read():
                continue
        name = os.path.basename(path)[: -len("_cases.py")]
        if os.path.exists(os.path.join(GOLDEN_DIR, name + ".json")):
            found.append(suite(name))
    return found


SUITES = _suites()


@pytest.mark.parametrize("suite,name", [pytest.param(s, p.values[0], id=f"{s.name}::{p.id}", marks=p.marks)
                                        for s in SUITES for p in s.params()])
def test_opdb_case(suite, name):
    suite.check(name, ms)


def _grad_entries() -> list:
    out = []
    for s in SUITES:
        for info in s.cases.OPS:
            if info.grad and not info.expect:
                out.append(pytest.param(info, id=f"{s.name}::{info.slug}"))
    return out


@pytest.mark.parametrize("info", _grad_entries())
def test_opdb_check_grads(info):
    sample = info.samples[0]
    args = [opdb._cast(a, "float64") for a in sample.args]
    positions = [i for i, a in enumerate(args) if isinstance(a, np.ndarray) and a.dtype.kind == "f"]
    fn = opdb.callable_of(ms, info)
    kwargs = {k: opdb._convert(ms, opdb._cast(v, "float64")) for k, v in sample.kwargs.items()}

    def pure(*arrays):
        full = [opdb._convert(ms, a) for a in args]
        for i, a in zip(positions, arrays, strict=True):
            full[i] = wrap(a)
        out = fn(*full, **kwargs)
        return jax.tree_util.tree_map(lambda t: t._arr, out, is_leaf=lambda t: isinstance(t, ms.Tensor))

    with jax.checking_leaks():
        check_grads(pure, tuple(jnp.asarray(args[i]) for i in positions), order=1, modes=("rev",),
                    atol=1e-4, rtol=1e-4)
