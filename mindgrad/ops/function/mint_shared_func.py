"""Functions that `mindspore.mint` needs and `ops` lacked: `embedding`, `normalize`, `group_norm` (also
`ops.group_norm`)."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ._helpers import dtype_name, float_only, tensor_arr


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type: float = 2.0,
              scale_grad_by_freq: bool = False) -> Tensor:
    """Rows of `weight` picked by the integer `input`; the `padding_idx` row gets no gradient, and with
    `max_norm` each picked row whose `norm_type`-norm exceeds it is scaled down to that norm."""
    op = "embedding"
    idx = tensor_arr(input, op, "input")
    w = float_only(weight, op, "weight")
    if jnp.issubdtype(idx.dtype, jnp.floating) or idx.dtype == jnp.bool_:
        raise TypeError(f"For '{op}', the 'input' should be a Tensor of Int32 or Int64, but got "
                        f"{dtype_name(idx.dtype)}.")
    if w.ndim != 2:
        raise ValueError(f"For '{op}', the 'weight' should be 2-D, but got {w.ndim}-D.")
    if scale_grad_by_freq:
        raise NotImplementedError(f"For '{op}', 'scale_grad_by_freq=True' is not supported by mindgrad yet.")
    rows = w[idx]
    if padding_idx is not None:
        n = w.shape[0]
        if not -n <= padding_idx < n:
            raise ValueError(f"For '{op}', the 'padding_idx' must be in range [{-n}, {n}), but got {padding_idx}.")
        pad = (idx == padding_idx % n)[..., None]
        rows = jnp.where(pad, jax.lax.stop_gradient(rows), rows)
    if max_norm is not None:
        norms = jnp.linalg.norm(jax.lax.stop_gradient(rows), ord=norm_type, axis=-1, keepdims=True)
        rows = rows * jnp.where(norms > max_norm, max_norm / (norms + 1e-7), 1.0).astype(rows.dtype)
    return wrap(rows)


def normalize(input, p: float = 2.0, dim: int = 1, eps: float = 1e-12) -> Tensor:
    """input / max(||input||_p along `dim`, eps)."""
    a = float_only(input, "normalize")
    norm = jnp.sum(jnp.abs(a) ** p, axis=dim, keepdims=True) ** (1.0 / p)
    return wrap(a / jnp.maximum(norm, eps))


def group_norm(input, num_groups: int, weight=None, bias=None, eps: float = 1e-5) -> Tensor:
    """Normalise each of `num_groups` channel groups of an (N, C, ...) input (biased variance), then scale by the
    per-channel `weight` and shift by `bias` (ones and zeros when None)."""
    op = "group_norm"
    a = float_only(input, op)
    if a.ndim < 2 or a.shape[1] % num_groups:
        raise ValueError(f"For '{op}', the channels of 'input' (axis 1 of shape {list(a.shape)}) must be divisible "
                         f"by 'num_groups' {num_groups}.")
    grouped = a.reshape((a.shape[0], num_groups, -1))
    mean = jnp.mean(grouped, axis=2, keepdims=True)
    var = jnp.mean(jnp.square(grouped - mean), axis=2, keepdims=True)
    out = ((grouped - mean) * jax.lax.rsqrt(var + eps)).reshape(a.shape)
    shape = (1, -1) + (1,) * (a.ndim - 2)
    if weight is not None:
        out = out * tensor_arr(weight, op, "weight").reshape(shape)
    if bias is not None:
        out = out + tensor_arr(bias, op, "bias").reshape(shape)
    return wrap(out)
