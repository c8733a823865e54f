"""The arrays of THOR (MindSpore's GPU formulas): the Kronecker-factor statistics the Thor layers record, the
damped block inverses the optimizer computes from them and the preconditioned gradient G^-1 g A^-1.

MindSpore's GPU kernels invert a factor by diagonal blocks of `split_dim` (128): the matrix is cut into
`split_dim`-sized diagonal blocks (the last one completed with an identity), each block inverted through its
Cholesky factor; `UpdateThorGradient` multiplies each `split_dim` x `split_dim` block of the gradient (padded with
zeros) by the blocks of G^-1 on the left and A^-1 on the right. A factor of at most `split_dim` rows is inverted
whole.
"""

from __future__ import annotations

import math
from functools import partial

import jax
import jax.numpy as jnp
from jax.scipy.linalg import solve_triangular

SPLIT_DIM = 128


# ---- statistics recorded by the layers ------------------------------------------------------------------
@partial(jax.custom_vjp, nondiff_argnums=(2,))
def capture_g(out, probe, stat):
    """`out` unchanged; in the backward pass the gradient of `probe` is `stat(d out)` (the G statistic), which
    carries the statistic to the optimizer through the training step's gradients."""
    del probe, stat
    return out


def _capture_fwd(out, probe, stat):
    del stat
    return out, jnp.zeros((0,), probe.dtype)


def _capture_bwd(stat, res, dout):
    return dout, stat(dout).astype(res.dtype)


capture_g.defvjp(_capture_fwd, _capture_bwd)


@partial(jax.custom_vjp, nondiff_argnums=(3,))
def capture_g_unit(out, probe, unit, stat):
    """`capture_g` whose backward also gives `unit` the gradient 1: what the training step does to the gradients
    after the backward pass (a loss scale divided out) shows in it, and the optimizer undoes it on G."""
    del probe, unit, stat
    return out


def _capture_unit_fwd(out, probe, unit, stat):
    del stat
    return out, (jnp.zeros((0,), probe.dtype), jnp.zeros((0,), unit.dtype))


def _capture_unit_bwd(stat, res, dout):
    return dout, stat(dout).astype(res[0].dtype), jnp.ones((1,), res[1].dtype)


capture_g_unit.defvjp(_capture_unit_fwd, _capture_unit_bwd)


def dense_a(x):
    """DenseThor's A on GPU: x^T x divided by its row count, which is `in_channels` (MindSpore's GPU normalizer)."""
    x = x.astype(jnp.float32)
    return (x.T @ x) / x.shape[1]


def rows_g(dout):
    """G of DenseThor / EmbeddingThor: dout^T dout / (rows of dout)."""
    d = dout.astype(jnp.float32)
    return (d.T @ d) / d.shape[0]


def conv_a(x, kernel_size: tuple, stride: tuple):
    """Conv2dThor's A on GPU: the 'same'-padded im2col patches averaged over the batch, P (C*kh*kw, OH*OW);
    A = P P^T / (OH*OW). Returns (A, OH*OW). (im2col is linear: the patches of the batch's mean input.)"""
    mean = jnp.mean(x.astype(jnp.float32), axis=0, keepdims=True)
    patches = jax.lax.conv_general_dilated_patches(mean, kernel_size, stride, "SAME")
    p = patches.reshape(patches.shape[1], -1)
    return (p @ p.T) / p.shape[1], p.shape[1]


def conv_g(dout):
    """Conv2dThor's G on GPU: dout averaged over the batch, D (C_out, OH*OW); G = D D^T / (OH*OW)."""
    d = jnp.mean(dout.astype(jnp.float32), axis=0)
    d = d.reshape(d.shape[0], -1)
    return (d @ d.T) / d.shape[1]


def embedding_a(flat_ids, vocab_size: int):
    """EmbeddingThor's A: how often each id occurs in the batch (ids out of range count nowhere)."""
    ones = jnp.ones(flat_ids.shape, jnp.float32)
    return jax.ops.segment_sum(ones, flat_ids.astype(jnp.int32), num_segments=vocab_size)


# ---- the optimizer's inverses ---------------------------------------------------------------------------
def split_shapes(a_dim: int, g_dim: int, split: int = SPLIT_DIM) -> tuple[tuple, tuple]:
    """Shapes of the stored A^-1 (batch_h, batch_w, sa, sa) and G^-1 (batch_h, sg, sg) blocks."""
    def blocks(dim):
        return (1, dim) if dim < split else (math.ceil(dim / split), split)

    batch_w, sa = blocks(a_dim)
    batch_h, sg = blocks(g_dim)
    return (batch_h, batch_w, sa, sa), (batch_h, sg, sg)


def chol_inv_factor(m):
    """L^-1 of a (batch of) positive definite `m` = L L^T (what CholeskyTrsm returns on GPU)."""
    low = jnp.linalg.cholesky(m)
    eye = jnp.broadcast_to(jnp.eye(m.shape[-1], dtype=m.dtype), m.shape)
    return solve_triangular(low, eye, lower=True)


def diagonal_blocks(m, split: int = SPLIT_DIM):
    """The `split`-sized diagonal blocks of `m` (the last one completed with an identity) as (blocks, split,
    split); `m` itself as (1, n, n) when it has at most `split` rows."""
    n = m.shape[0]
    if n <= split:
        return m[None]
    nb = math.ceil(n / split)
    pad = nb * split - n
    padded = jnp.pad(m, ((0, pad), (0, pad))) + jnp.diag(jnp.concatenate([jnp.zeros(n, m.dtype),
                                                                         jnp.ones(pad, m.dtype)]))
    idx = jnp.arange(nb)
    return padded.reshape(nb, split, nb, split)[idx, :, idx, :]


def inverse_factors(mats: list, whole: list, split: int = SPLIT_DIM) -> list:
    """`chol_inv_factor` of the diagonal blocks of each matrix in `mats` (of the whole matrix where `whole` says
    so), the blocks of at most `split` rows as one batched factorization: those smaller than the largest are
    completed with an identity (their factor is the corner of the padded one)."""
    blocks = [m[None] if w else diagonal_blocks(m, split) for m, w in zip(mats, whole, strict=True)]
    small = [b for b in blocks if b.shape[-1] <= split]
    size = max((b.shape[-1] for b in small), default=0)
    padded = [b if b.shape[-1] == size else
              jnp.pad(b, ((0, 0), (0, size - b.shape[-1]), (0, size - b.shape[-1])))
              + jnp.diag(jnp.arange(size) >= b.shape[-1]).astype(b.dtype) for b in small]
    factors = chol_inv_factor(jnp.concatenate(padded)) if small else None
    out, start = [], 0
    for b in blocks:
        if b.shape[-1] > split:
            out.append(chol_inv_factor(b))
            continue
        out.append(factors[start:start + b.shape[0], :b.shape[-1], :b.shape[-1]])
        start += b.shape[0]
    return out


def inverse(factor):
    """(L L^T)^-1 from L^-1 (MindSpore's BatchMatMul(transpose_a=True) of the CholeskyTrsm result)."""
    return jnp.swapaxes(factor, -1, -2) @ factor


def precondition(g_inv, grad2d, a_inv):
    """UpdateThorGradient: each block (i, j) of `grad2d` becomes G^-1_i grad_ij A^-1_ij (zero padding cropped)."""
    batch_h, sg, _ = g_inv.shape
    _, batch_w, sa, _ = a_inv.shape
    rows, cols = grad2d.shape
    padded = jnp.pad(grad2d, ((0, batch_h * sg - rows), (0, batch_w * sa - cols)))
    blocks = padded.reshape(batch_h, sg, batch_w, sa)
    out = jnp.einsum("hab,hbwc,hwcd->hawd", g_inv, blocks, a_inv)
    return out.reshape(batch_h * sg, batch_w * sa)[:rows, :cols]
