"""`ops.function.nn_func.multi_head_attention_forward`: torch's multi-head attention forward pass under MindSpore's
signature (sequence-first inputs (L, N, E) or unbatched (L, E); returns (output, attention weights))."""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp

from ...common.tensor import wrap
from ._helpers import float_only
from .random_func import functional_key


def _arr(t):
    return None if t is None else float_only(t, "multi_head_attention_forward", "input")


def _mask(m, dtype):
    """An additive float mask from a bool (True: masked) or float mask."""
    if m is None:
        return None
    return jnp.where(m, -jnp.inf, 0).astype(dtype) if m.dtype == jnp.bool_ else m.astype(dtype)


def multi_head_attention_forward(query, key, value, embed_dim_to_check, num_heads, in_proj_weight, in_proj_bias,
                                 bias_k, bias_v, add_zero_attn, dropout_p, out_proj_weight, out_proj_bias,
                                 training=True, key_padding_mask=None, attn_mask=None, use_separate_proj_weight=False,
                                 q_proj_weight=None, k_proj_weight=None, v_proj_weight=None, static_k=None,
                                 static_v=None, average_attn_weights=True, is_causal=False, k_is_v=False,
                                 q_is_k=False, dtype=None) -> tuple:
    """(attention output (L, N, E), weights (N, L, S) averaged over heads or (N, heads, L, S)); masks: bool True
    or a float added to the scores; `bias_k`/`bias_v` and `add_zero_attn` append a key/value position."""
    op = "multi_head_attention_forward"
    q, k, v = _arr(query), _arr(key), _arr(value)
    unbatched = q.ndim == 2
    if unbatched:
        q, k, v = q[:, None], k[:, None], v[:, None]
    tgt_len, bsz, embed_dim = q.shape
    if embed_dim != embed_dim_to_check:
        raise ValueError(f"For '{op}', was expecting embedding dimension of {embed_dim_to_check}, but got "
                         f"{embed_dim}.")
    head_dim = embed_dim // num_heads
    if head_dim * num_heads != embed_dim:
        raise ValueError(f"For '{op}', embed_dim {embed_dim} not divisible by num_heads {num_heads}.")
    bias = _arr(in_proj_bias)
    biases = (None, None, None) if bias is None else jnp.split(bias, 3)
    if use_separate_proj_weight:
        weights = (_arr(q_proj_weight), _arr(k_proj_weight), _arr(v_proj_weight))
    else:
        weights = jnp.split(_arr(in_proj_weight), 3)
    q, k, v = (x @ w.T + (0 if b is None else b) for x, w, b in zip((q, k, v), weights, biases, strict=True))
    mask = None if attn_mask is None else attn_mask._arr
    kpm = None if key_padding_mask is None else key_padding_mask._arr
    if unbatched and kpm is not None:
        kpm = kpm[None]
    if mask is not None and mask.ndim == 2:
        mask = mask[None]
    if is_causal and mask is None:
        raise RuntimeError(f"For '{op}', need attn_mask if specifying the is_causal hint.")

    def pad_masks(mask, kpm):
        mask = None if mask is None else jnp.pad(mask, [(0, 0), (0, 0), (0, 1)])
        return mask, None if kpm is None else jnp.pad(kpm, [(0, 0), (0, 1)])

    if bias_k is not None and bias_v is not None:
        k = jnp.concatenate([k, jnp.broadcast_to(_arr(bias_k).reshape(1, 1, -1), (1, bsz, embed_dim))])
        v = jnp.concatenate([v, jnp.broadcast_to(_arr(bias_v).reshape(1, 1, -1), (1, bsz, embed_dim))])
        mask, kpm = pad_masks(mask, kpm)
    q = q.reshape(tgt_len, bsz * num_heads, head_dim).transpose(1, 0, 2)
    k = k.reshape(k.shape[0], bsz * num_heads, head_dim).transpose(1, 0, 2) if static_k is None else _arr(static_k)
    v = v.reshape(v.shape[0], bsz * num_heads, head_dim).transpose(1, 0, 2) if static_v is None else _arr(static_v)
    if add_zero_attn:
        k = jnp.concatenate([k, jnp.zeros_like(k[:, :1])], axis=1)
        v = jnp.concatenate([v, jnp.zeros_like(v[:, :1])], axis=1)
        mask, kpm = pad_masks(mask, kpm)
    src_len = k.shape[1]
    scores = (q / math.sqrt(head_dim)) @ k.transpose(0, 2, 1)
    if mask is not None:
        scores = scores + _mask(mask, scores.dtype)
    if kpm is not None:
        add = _mask(kpm, scores.dtype).reshape(bsz, 1, 1, src_len)
        scores = (scores.reshape(bsz, num_heads, tgt_len, src_len) + add).reshape(-1, tgt_len, src_len)
    attn = jax.nn.softmax(scores, axis=-1)
    if training and dropout_p > 0:
        keep = jax.random.bernoulli(functional_key(), 1 - dropout_p, attn.shape)  # nn_func imports this module
        attn = jnp.where(keep, attn / (1 - dropout_p), 0).astype(attn.dtype)
    out = (attn @ v).transpose(1, 0, 2).reshape(tgt_len, bsz, embed_dim)
    out = out @ _arr(out_proj_weight).T + (0 if out_proj_bias is None else _arr(out_proj_bias))
    attn = attn.reshape(bsz, num_heads, tgt_len, src_len)
    if average_attn_weights:
        attn = attn.mean(axis=1)
    if unbatched:
        out, attn = out[:, 0], attn[0]
    return wrap(out), wrap(attn)

