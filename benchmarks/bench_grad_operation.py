"""W1: the GradOperation documentation network, per call, mindgrad vs hand-written JAX.

    python benchmarks/bench_grad_operation.py [--rounds 15] [--calls 200]

mindgrad: `GradOperation(get_all=True, get_by_list=True)(net, params)(x, y)`, called as a
MindSpore user calls it (a new gradient function object each step, cached inside).
JAX: `jax.jit` of `jax.vjp` of the same math with a ones cotangent.
"""

from __future__ import annotations

import argparse
import os
import sys

import jax
import jax.numpy as jnp
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mindgrad import ParameterTuple, Tensor, ops  # noqa: E402
from _timing import compare, report  # noqa: E402
from workloads import DocNet  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--calls", type=int, default=200)
    args = ap.parse_args()

    x_np = np.array([[0.5, 0.6, 0.4], [1.2, 1.3, 1.1]], np.float32)
    y_np = np.array([[0.01, 0.3, 1.1], [0.1, 0.2, 1.3], [2.1, 1.2, 3.3]], np.float32)
    net = DocNet()
    params = ParameterTuple(net.trainable_params())
    x, y = Tensor(x_np), Tensor(y_np)
    grad_op = ops.GradOperation(get_all=True, get_by_list=True)

    def mindgrad_call():
        return grad_op(net, params)(x, y)

    @jax.jit
    def jax_grad(x, y, z):
        out, vjp_fn = jax.vjp(lambda x, y, z: jnp.matmul(x * z, y), x, y, z)
        return vjp_fn(jnp.ones_like(out))

    xj, yj, zj = jnp.asarray(x_np), jnp.asarray(y_np), jnp.asarray(np.array([1.0], np.float32))

    def jax_call():
        return jax_grad(xj, yj, zj)

    got = mindgrad_call()
    want = jax_call()
    np.testing.assert_allclose(got[0][0].asnumpy(), np.asarray(want[0]), rtol=1e-6)
    np.testing.assert_allclose(got[1][0].asnumpy(), np.asarray(want[2]), rtol=1e-6)
    results = compare({"jax.jit(jax.vjp)": jax_call, "mindgrad GradOperation": mindgrad_call},
                      baseline="jax.jit(jax.vjp)", rounds=args.rounds, calls=args.calls)
    report("W1 GradOperation(get_all=True, get_by_list=True), documented net", results, "jax.jit(jax.vjp)")


if __name__ == "__main__":
    main()
