"""Mixed-precision training steps: mindgrad's `amp.build_train_network` at O0, O2 and O3 in GRAPH_MODE
against hand-written JAX doing the same math in the same precision.

    python benchmarks/amp.py [--rounds 7] [--calls 10] [-k W4]

Workloads W2 (MLP 784-1024-1024-10, batch 256, softmax cross-entropy) and W4 (pre-LN encoder block,
MSE), SGD. The JAX steps, per level:
- O0: Float32 (`workloads.jax_mlp_loss` / `jax_block_loss`);
- O3: Float32 master weights and inputs cast to Float16, the whole network in Float16, the output cast
  to Float32 for the loss (MindSpore's `to_float(float16)` and its Float32 loss wrapper); no loss scale;
- O2: as O3 with LayerNorm in Float32 (its output cast to Float16), and MindSpore's O2 default of
  dynamic loss scaling (initial scale 2**24, factor 2, window 2000): the scaled loss, the gradients
  divided by the scale, the update skipped by `jnp.where` where a gradient is not finite, the scale
  update, all in the one compiled step.
Per level, mindgrad and JAX run in interleaved rounds; the table gives the medians of ms/step and of
the per-round ratio to JAX, and each level's mindgrad time relative to its O0 time.
"""

from __future__ import annotations

import argparse
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

import mindgrad as ms  # noqa: E402
from _timing import compare  # noqa: E402
from mindgrad import Tensor, amp, nn  # noqa: E402
from workloads import LR, MLP, EncoderBlock, _dense, _ln, _xent, jax_block_loss, jax_mlp_loss  # noqa: E402

LEVELS = ("O0", "O2", "O3")
F16 = jnp.float16


def _mlp_loss_16(params, x, y, ln32=False):
    p = [a.astype(F16) for a in params]
    h = _dense(p[0:2], x.astype(F16), "relu")
    h = _dense(p[2:4], h, "relu")
    return _xent(_dense(p[4:6], h).astype(jnp.float32), y)


def _block_loss_16(params, x, target, ln32=False, heads=4):
    def ln(pair, v):
        if ln32:
            return _ln(pair, v.astype(jnp.float32)).astype(F16)
        return _ln([a.astype(F16) for a in pair], v)

    ln1, ln2 = params[0:2], params[2:4]
    qkv, proj, ff1, ff2 = ([a.astype(F16) for a in params[i:i + 2]] for i in range(4, 12, 2))
    x = x.astype(F16)
    b, s, d = x.shape
    dh = d // heads
    h = _dense(qkv, ln(ln1, x)).reshape(b, s, 3, heads, dh).transpose(2, 0, 3, 1, 4)
    att = jax.nn.softmax(h[0] @ h[1].transpose(0, 1, 3, 2) / math.sqrt(dh), -1)
    o = (att @ h[2]).transpose(0, 2, 1, 3).reshape(b, s, d)
    x = x + _dense(proj, o)
    out = x + _dense(ff2, _dense(ff1, ln(ln2, x), "gelu"))
    return jnp.mean((out.astype(jnp.float32) - target) ** 2)


def _block_params_in_jax_order(block: EncoderBlock) -> list:
    """`jax_block_loss` takes ln1, ln2, qkv, proj, ff1, ff2; the Cell lists them in its own order."""
    named = {p.name: p for p in block.trainable_params()}
    order = ["ln1.gamma", "ln1.beta", "ln2.gamma", "ln2.beta", "qkv.weight", "qkv.bias", "proj.weight", "proj.bias",
             "ff1.weight", "ff1.bias", "ff2.weight", "ff2.bias"]
    return [jnp.asarray(named[n].asnumpy()) for n in order]


def jax_step(loss_fn, level: str, params: list, inputs: tuple):
    """The hand-written JAX training step of `level` (see the module docstring)."""
    grad_fn = jax.value_and_grad(loss_fn)

    if level != "O2":
        @jax.jit
        def step(params, *xs):
            loss, grads = grad_fn(params, *xs)
            return loss, [p - LR * g for p, g in zip(params, grads, strict=True)]

        state = [params]

        def run():
            loss, state[0] = step(state[0], *inputs)
            return loss
        return run

    @jax.jit
    def scaled_step(params, scale, good, *xs):
        loss, grads = jax.value_and_grad(lambda p, *v: loss_fn(p, *v) * scale)(params, *xs)
        loss, grads = loss / scale, [g * (1 / scale) for g in grads]
        overflow = ~jnp.all(jnp.stack([jnp.all(jnp.isfinite(g)) for g in grads]))
        params = [jnp.where(overflow, p, p - LR * g) for p, g in zip(params, grads, strict=True)]
        good = jnp.where(overflow, 0, good + 1)
        scale = jnp.where(overflow, jnp.maximum(scale / 2, 1.0), jnp.where(good >= 2000, scale * 2, scale))
        good = jnp.where(good >= 2000, 0, good)
        return loss, params, scale, good

    state = [params, jnp.float32(2.0 ** 24), jnp.int32(0)]

    def run_scaled():
        loss, state[0], state[1], state[2] = scaled_step(*state, *inputs)
        return loss
    return run_scaled


def build(workload: str, level: str, variant: str):
    """A zero-argument training step of `workload` at `level`: `variant` "jax" or "mindgrad"."""
    ms.set_seed(0)
    rs = np.random.RandomState(0)
    if workload.startswith("W2"):
        net = MLP(1024)
        x = Tensor(rs.randn(256, 784).astype(np.float32))
        y = Tensor(rs.randint(0, 10, 256).astype(np.int32))
        loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
        params = [jnp.asarray(p.asnumpy()) for p in net.trainable_params()]
        jax_loss = jax_mlp_loss if level == "O0" else _mlp_loss_16
    else:
        net = EncoderBlock()
        x = Tensor(rs.randn(8, 128, 256).astype(np.float32))
        y = Tensor(rs.randn(8, 128, 256).astype(np.float32))
        loss = nn.MSELoss()
        params = _block_params_in_jax_order(net)
        jax_loss = jax_block_loss if level == "O0" else (
            lambda p, a, b: _block_loss_16(p, a, b, ln32=(level == "O2")))
    if variant == "jax":
        return jax_step(jax_loss, level, params, (x._arr, y._arr))
    train = amp.build_train_network(net, nn.SGD(net.trainable_params(), learning_rate=LR), loss, level=level)
    return lambda: train(x, y)


WORKLOADS = ("W2 MLP 784-1024-1024-10 train step", "W4 pre-LN encoder block train step")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--calls", type=int, default=10, help="steps per candidate per round")
    ap.add_argument("-k", default=None, help="only workloads whose name contains this")
    args = ap.parse_args()
    ms.set_context(mode=ms.GRAPH_MODE)
    device = jax.devices()[0]
    print(f"device: {device.platform} ({device.device_kind}), {os.cpu_count()} cores, jax {jax.__version__}; "
          f"mindgrad in GRAPH_MODE; {args.rounds} interleaved rounds of {args.calls} steps")
    print("| workload | level | mindgrad ms/step | JAX ms/step | ratio vs JAX | mindgrad vs its O0 |")
    print("|---|---|---|---|---|---|")
    for workload in WORKLOADS:
        if args.k and args.k not in workload:
            continue
        results = {}
        for lvl in LEVELS:
            steps = {v: build(workload, lvl, v) for v in ("jax", "mindgrad")}
            results[lvl] = compare(steps, "jax", rounds=args.rounds, calls=args.calls, warmup=3)
        base = results["O0"]["mindgrad"]["median_us"]
        for lvl in LEVELS:
            mine, ref = results[lvl]["mindgrad"], results[lvl]["jax"]
            print(f"| {workload} | {lvl} | {mine['median_us'] / 1e3:.2f} | {ref['median_us'] / 1e3:.2f} | "
                  f"{mine['ratio']:.2f} | {mine['median_us'] / base:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
