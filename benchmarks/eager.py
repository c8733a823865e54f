"""PyNative run eagerly (`set_context(pynative_compile=False)`) against eager hand-written JAX.

    python benchmarks/eager.py [--rounds 7] [--target 0.3]

Issue 6's target for the shim's own cost: mindgrad's PyNative, op by op, at most 1.1x the same
math written in JAX and run without `jax.jit`. Both sides run op by op: JAX dispatches each
primitive (compiled once per shape), mindgrad each op through its MindSpore-style wrappers.
Interleaved rounds, medians of per-round ratios, as `run.py`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import os

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

import mindgrad as ms  # noqa: E402
from mindgrad import ParameterTuple, Tensor, nn, ops  # noqa: E402
from workloads import LR, MLP, DocNet, block, jax_mlp_loss  # noqa: E402


def _doc():
    x = Tensor(np.array([[0.5, 0.6, 0.4], [1.2, 1.3, 1.1]], np.float32))
    y = Tensor(np.array([[0.01, 0.3, 1.1], [0.1, 0.2, 1.3], [2.1, 1.2, 3.3]], np.float32))
    net = DocNet()
    params = ParameterTuple(net.trainable_params())
    grad_op = ops.GradOperation(get_all=True, get_by_list=True)
    xa, ya, z = x._arr, y._arr, jnp.ones((1,), jnp.float32)

    def jax_step():
        out, vjp_fn = jax.vjp(lambda x, y, z: jnp.matmul(x * z, y), xa, ya, z)
        return vjp_fn(jnp.ones_like(out))

    return (lambda: grad_op(net, params)(x, y)), jax_step


def _mlp(width: int, train: bool):
    rs = np.random.RandomState(0)
    ms.set_seed(0)
    net = MLP(width)
    with_loss = nn.WithLossCell(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"))
    x = Tensor(rs.randn(256, 784).astype(np.float32))
    y = Tensor(rs.randint(0, 10, 256).astype(np.int32))
    weights = ParameterTuple(net.trainable_params())
    state = [[jnp.asarray(p.asnumpy()) for p in weights]]
    value_and_grad = jax.value_and_grad(jax_mlp_loss)
    if train:
        step = nn.TrainOneStepCell(with_loss, nn.SGD(weights, learning_rate=LR))

        def jax_step():
            loss, grads = value_and_grad(state[0], x._arr, y._arr)
            state[0] = [p - LR * g for p, g in zip(state[0], grads, strict=False)]
            return loss
        return (lambda: step(x, y)), jax_step
    grad_op = ops.GradOperation(get_by_list=True)
    return (lambda: grad_op(with_loss, weights)(x, y)), (lambda: jax.grad(jax_mlp_loss)(state[0], x._arr, y._arr))


WORKLOADS = {
    "W1 GradOperation doc net (per call)": _doc,
    "W2 MLP 784-1024-1024-10 grads": lambda: _mlp(1024, False),
    "W2 MLP 784-1024-1024-10 train step": lambda: _mlp(1024, True),
    "W5 MLP width 256 train step": lambda: _mlp(256, True),
}


def measure(make, rounds: int, target_s: float) -> tuple[float, float, float]:
    """(mindgrad ms, JAX ms, median ratio) over interleaved rounds."""
    steps = make()
    for step in steps:
        for _ in range(2):
            block(step())
    t0 = time.perf_counter()
    block(steps[1]())
    calls = max(1, min(300, int(target_s / max(time.perf_counter() - t0, 1e-6))))
    samples: list[list[float]] = [[], []]
    for _ in range(rounds):
        for k, step in enumerate(steps):
            t0 = time.perf_counter()
            for _ in range(calls):
                out = step()
            block(out)
            samples[k].append((time.perf_counter() - t0) / calls * 1e3)
    ratio = statistics.median(a / b for a, b in zip(*samples, strict=False))
    return statistics.median(samples[0]), statistics.median(samples[1]), ratio


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--target", type=float, default=0.3, help="seconds per side per round")
    args = ap.parse_args()
    ms.set_context(mode=ms.PYNATIVE_MODE, pynative_compile=False)
    device = jax.devices()[0]
    print(f"device: {device.platform} ({device.device_kind}), jax {jax.__version__}")
    print("| workload | mindgrad eager ms | JAX eager ms | ratio |\n|---|---|---|---|")
    for name, make in WORKLOADS.items():
        mine, theirs, ratio = measure(make, args.rounds, args.target)
        print(f"| {name} | {mine:.3f} | {theirs:.3f} | {ratio:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
