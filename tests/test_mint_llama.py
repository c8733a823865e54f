"""Issue 20 item 3: a LLaMA-style decoder block written only with `mint` trains as in MindSpore.

- tests/golden/mint_llama_cases.py, recorded from MindSpore 2.10's CPU build: the block's losses over a few
  `ms.value_and_grad` steps with nn.Adam, in PyNative and under `ms.jit`, to 1e-4 relative.
- `mint.optim.AdamW` and `mint.nn.Embedding` / `mint.stack` have no kernel in that build: the block in that form,
  trained with `mint.optim.AdamW`, against the same block in hand-written JAX (benchmarks/mint_block.py) with an
  AdamW of MindSpore's documented formula.
"""

import os
import sys

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import mindgrad as ms
from mint_llama_cases import HEADS, LR, STEPS, data, make, train
from replay import suite  # tests/golden, on sys.path from conftest.py

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmarks"))
from mint_block import jax_loss  # noqa: E402  (the block in hand-written JAX)

SUITE = suite("mint_llama")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_mint_llama(name):
    SUITE.check(name, ms)


def _jax_adamw_losses(params: dict, lr=LR, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2) -> list:
    """MindSpore's documented mint.optim.AdamW: w <- w * (1 - lr * wd); m, v moments; m_hat = m / (1 - b1^t),
    v_hat = v / (1 - b2^t); w <- w - lr * m_hat / (sqrt(v_hat) + eps)."""

    @jax.jit
    def step(params, m, v, t):
        loss, grads = jax.value_and_grad(jax_loss)(params, ids, targets, HEADS)
        m = jax.tree.map(lambda m, g: betas[0] * m + (1 - betas[0]) * g, m, grads)
        v = jax.tree.map(lambda v, g: betas[1] * v + (1 - betas[1]) * g * g, v, grads)
        params = jax.tree.map(lambda w, m, v: w * (1 - lr * weight_decay) - lr * (m / (1 - betas[0] ** t))
                              / (jnp.sqrt(v / (1 - betas[1] ** t)) + eps), params, m, v)
        return loss, params, m, v

    ids, targets = (jnp.asarray(a) for a in data())
    m, v = jax.tree.map(jnp.zeros_like, params), jax.tree.map(jnp.zeros_like, params)
    losses = []
    for t in range(1, STEPS + 1):
        loss, params, m, v = step(params, m, v, jnp.float32(t))
        losses.append(float(loss))
    return losses


def test_embedding_layer_block_with_adamw_trains_as_jax_adamw():
    """Under `ms.jit` (the golden cases cover PyNative against `ms.jit`); the first loss checks the forward."""
    net = make(ms, embedding="layer")
    params = {p.name: jnp.asarray(p.asnumpy()) for p in net.trainable_params()}
    assert sorted(params) == sorted(["embed.weight", "attn_norm.weight", "mlp_norm.weight", "final_norm.weight"]
                                    + [f"{n}.weight" for n in ("q", "k", "v", "o", "gate", "up", "down", "head")])
    got = train(ms, jit=True, optimizer="mint.AdamW", net=net)
    np.testing.assert_allclose(got, _jax_adamw_losses(params), rtol=1e-5)
    assert got[-1] < got[0]
