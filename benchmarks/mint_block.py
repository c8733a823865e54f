"""Issue 20: the LLaMA-style decoder block written with `mint` (tests/golden/mint_llama_cases.py, the
`mint.nn.Embedding` form) trained with `mint.optim.AdamW` through `ms.value_and_grad` under `@ms.jit`, against the
same block in hand-written JAX + optax (`jax.jit` of `value_and_grad` and `optax.adamw`).

    python benchmarks/mint_block.py [--rounds 7] [--calls 10]

Both run in one process in interleaved rounds (benchmarks/_timing.py): the median ms per step and the median of
the per-round ratios mindgrad / JAX (target: at most 1.05). The first steps' losses of the two are checked to
agree, and retraces counts the traces mindgrad made in the timed rounds (it must be 0).
"""

from __future__ import annotations

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "golden"))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402

import mindgrad as ms  # noqa: E402
from _timing import compare  # noqa: E402
from mindgrad._engine import cache  # noqa: E402
from mint_llama_cases import block, loss_fn  # noqa: E402

SIZES = {"vocab": 512, "dim": 128, "heads": 4, "hidden": 344, "seq": 64}
BATCH, LR = 8, 1e-3


def jax_block(params: dict, ids, heads: int):
    """The block in plain JAX: weights by the mint block's Parameter names, Linear weights (out, in)."""
    batch, seq = ids.shape
    dim = params["q.weight"].shape[0]
    head_dim = dim // heads

    def norm(x, name):
        return x * jax.lax.rsqrt(jnp.mean(x * x, axis=-1, keepdims=True) + 1e-6) * params[name + ".weight"]

    def lin(x, name):
        return x @ params[name + ".weight"].T

    def split(x):
        return x.reshape(batch, seq, heads, head_dim).transpose(0, 2, 1, 3)

    inv_freq = 1.0 / 10000 ** (np.arange(0, head_dim, 2, dtype=np.float32) / head_dim)
    angles = np.concatenate([np.outer(np.arange(seq, dtype=np.float32), inv_freq)] * 2, axis=-1)

    def rotate(x):
        half = head_dim // 2
        return x * np.cos(angles) + jnp.concatenate([-x[..., half:], x[..., :half]], axis=-1) * np.sin(angles)

    x = params["embed.weight"][ids]
    h = norm(x, "attn_norm")
    q, k, v = rotate(split(lin(h, "q"))), rotate(split(lin(h, "k"))), split(lin(h, "v"))
    scores = q @ k.transpose(0, 1, 3, 2) / float(np.sqrt(head_dim))
    scores = jnp.where(np.triu(np.ones((seq, seq), bool), 1), -1e9, scores)
    x = x + lin((jax.nn.softmax(scores, axis=-1) @ v).transpose(0, 2, 1, 3).reshape(batch, seq, dim), "o")
    h = norm(x, "mlp_norm")
    x = x + lin(jax.nn.silu(lin(h, "gate")) * lin(h, "up"), "down")
    return lin(norm(x, "final_norm"), "head")


def jax_loss(params: dict, ids, targets, heads: int):
    log_probs = jnp.log(jax.nn.softmax(jax_block(params, ids, heads), axis=-1))
    return -jnp.mean(jnp.sum(log_probs * jax.nn.one_hot(targets, log_probs.shape[-1], dtype=log_probs.dtype), axis=-1))


def steps(sizes: dict = SIZES, batch: int = BATCH) -> dict:
    """The two training steps ("jax", "jit"), each a no-argument callable returning the loss."""
    ms.set_seed(0)
    net = block(ms, "layer", **sizes)()
    rs = np.random.RandomState(0)
    tokens = rs.randint(0, sizes["vocab"], (batch, sizes["seq"] + 1)).astype(np.int32)
    ids, targets = ms.Tensor(tokens[:, :-1]), ms.Tensor(tokens[:, 1:])

    params = {p.name: jnp.asarray(p.asnumpy()) for p in net.trainable_params()}
    tx = optax.adamw(LR, b1=0.9, b2=0.999, eps=1e-8, weight_decay=1e-2)
    value_and_grad = jax.value_and_grad(jax_loss)

    @jax.jit
    def jstep(params, opt_state, ids, targets):
        loss, grads = value_and_grad(params, ids, targets, sizes["heads"])
        updates, opt_state = tx.update(grads, opt_state, params)
        return loss, optax.apply_updates(params, updates), opt_state

    state = [params, tx.init(params)]
    arrays = (ids._arr, targets._arr)

    def run_jax():
        loss, state[0], state[1] = jstep(state[0], state[1], *arrays)
        return loss

    opt = ms.mint.optim.AdamW(net.trainable_params(), lr=LR)
    grad_fn = ms.value_and_grad(loss_fn(ms, net, sizes["vocab"]), None, opt.parameters)

    @ms.jit
    def train_step(ids, targets):
        loss, grads = grad_fn(ids, targets)
        opt(grads)
        return loss

    return {"jax": run_jax, "jit": lambda: train_step(ids, targets)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--calls", type=int, default=10)
    args = parser.parse_args()
    candidates = steps()
    first = {name: [float(np.asarray(getattr(loss, "_arr", loss))) for loss in (fn() for _ in range(3))]
             for name, fn in candidates.items()}
    np.testing.assert_allclose(first["jit"], first["jax"], rtol=1e-4)
    assert candidates["jax"]().dtype == jnp.float32, "the JAX baseline must compute in float32 as the block does"
    before = cache.trace_count()
    results = compare(candidates, "jax", rounds=args.rounds, calls=args.calls, warmup=3)
    retraces = cache.trace_count() - before
    print(f"device: {jax.devices()[0].device_kind}, jax {jax.__version__}, sizes {SIZES}, batch {BATCH}; "
          f"first losses {first['jit']}")
    print("| workload | variant | ms/step | ratio vs JAX | retraces |")
    print("|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| mint LLaMA-style block, AdamW train step | {name} | {r['median_us'] / 1e3:.3f} | "
              f"{r['ratio']:.2f} | {'-' if name == 'jax' else retraces} |")


if __name__ == "__main__":
    main()
