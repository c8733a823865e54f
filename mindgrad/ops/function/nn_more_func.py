"""More neural-network functions (`mindspore.ops`): dropout, binary_cross_entropy, KL divergence, L2
loss, gumbel_softmax, cosine_similarity, layer normalisation, PReLU, NLLLoss's (loss, total_weight)
and the fused attention of `flash_attention_score` / `FlashAttentionScore`.

`flash_attention_score` is an Ascend kernel in MindSpore (no CPU kernel): here it is the attention it
documents, softmax(q k^T * scale + mask) v, written with jax.numpy (`attn_mask` 1 marks a masked
position, as MindSpore's), for the layouts BSH, SBH, BSND, BNSD.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ._helpers import check_reduction, dtype_name, float_only, reduce_loss, tensor_arr
from .nn_func import dropout_with_key
from .random_func import functional_key


def dropout(input, p: float = 0.5, training: bool = True, seed=None) -> Tensor:
    """Zero each element with probability `p` and scale the rest by 1 / (1 - p); identity when not training."""
    a = float_only(input, "Dropout", "x")
    if not 0 <= p < 1:
        raise RuntimeError(f"For 'Dropout, the 'keep_prob' must be in (0.0, 1.0], but got {1 - p}")
    if not training or p == 0:
        return wrap(a)
    return wrap(dropout_with_key(a, 1 - p, functional_key(seed))[0])


def _same_shape(a, b, op: str, names=("logits", "labels")) -> None:
    if a.shape != b.shape:
        raise ValueError(f"For '{op}', the '{names[0]}' and '{names[1]}' should have the same shape, but got "
                         f"{list(a.shape)} and {list(b.shape)}.")


def binary_cross_entropy(logits, labels, weight=None, reduction: str = "mean") -> Tensor:
    """-w (y log x + (1 - y) log(1 - x)) of probabilities `logits`, logs clamped at -100 (as PyTorch)."""
    x = float_only(logits, "BinaryCrossEntropy", "logits")
    y = float_only(labels, "BinaryCrossEntropy", "labels")
    _same_shape(x, y, "BinaryCrossEntropy")
    check_reduction(reduction, "BinaryCrossEntropy")
    loss = -(y * jnp.maximum(jnp.log(x), -100.0) + (1 - y) * jnp.maximum(jnp.log1p(-x), -100.0))
    if weight is not None:  # no gradient flows to the weight, as in MindSpore
        loss = loss * jax.lax.stop_gradient(tensor_arr(weight, "BinaryCrossEntropy", "weight"))
    return wrap(reduce_loss(loss, reduction).astype(x.dtype))


def kl_div_loss(logits, labels, reduction: str = "mean") -> Tensor:
    """`ops.KLDivLoss`: y (log y - x) (0 where y == 0), reduced by 'none', 'mean' (over all elements),
    'sum' or 'batchmean' (the sum over the first axis' size); `labels` get no gradient, as in MindSpore."""
    x = float_only(logits, "KLDivLoss", "logits")
    y = jax.lax.stop_gradient(float_only(labels, "KLDivLoss", "labels"))
    if reduction not in ("none", "mean", "sum", "batchmean"):
        raise ValueError(f"For 'KLDivLoss', the 'reduction' should be 'none', 'mean', 'sum' or 'batchmean', but "
                         f"got {reduction!r}.")
    loss = jnp.where(y > 0, y * (jnp.log(jnp.where(y > 0, y, 1)) - x), -y * x * 0)
    if reduction == "batchmean":
        return wrap(jnp.sum(loss) / x.shape[0])
    return wrap(reduce_loss(loss, reduction))


def l2_loss(x) -> Tensor:
    """`ops.L2Loss`: sum(x ** 2) / 2."""
    a = float_only(x, "L2Loss", "x")
    return wrap(jnp.sum(a * a) / 2)


def gumbel_softmax(logits, tau: float = 1.0, hard: bool = False, dim: int = -1) -> Tensor:
    """softmax((logits + Gumbel noise) / tau) along `dim`; `hard` gives one-hot samples whose gradient is the
    soft sample's (straight-through)."""
    a = float_only(logits, "gumbel_softmax", "logits")
    if not isinstance(tau, (int, float)) or tau <= 0:
        raise ValueError(f"For 'gumbel_softmax', the 'tau' should be a positive float, but got {tau}.")
    if not isinstance(hard, bool):
        raise TypeError(f"For 'gumbel_softmax', the 'hard' should be bool, but got {type(hard).__name__}.")
    g = jax.random.gumbel(functional_key(), a.shape, a.dtype)
    soft = jax.nn.softmax((a + g) / tau, axis=dim)
    if not hard:
        return wrap(soft)
    one_hot = jax.nn.one_hot(jnp.argmax(soft, axis=dim), a.shape[dim], axis=dim, dtype=a.dtype)
    return wrap(one_hot - jax.lax.stop_gradient(soft) + soft)


def cosine_similarity(x1, x2, dim: int = 1, eps: float = 1e-08) -> Tensor:
    """sum(x1 * x2, dim) / max(|x1| |x2|, eps); as in MindSpore, the norms are taken before x1 and x2
    broadcast (so a broadcast size-1 axis counts once in its norm)."""
    a, b = tensor_arr(x1, "cosine_similarity", "x1"), tensor_arr(x2, "cosine_similarity", "x2")
    dot = jnp.sum(a * b, axis=dim)
    norms = jnp.sqrt(jnp.sum(a * a, axis=dim)) * jnp.sqrt(jnp.sum(b * b, axis=dim))  # each before broadcasting
    return wrap(dot / jnp.maximum(norms, eps))


def layer_norm(input_x, gamma, beta, begin_norm_axis: int = 1, begin_params_axis: int = 1,
               epsilon: float = 1e-7) -> tuple:
    """`ops.LayerNorm`: (normalised * gamma + beta, mean, variance) over the axes from `begin_norm_axis`
    (in [-1, rank), RuntimeError otherwise, as MindSpore's); mean and variance keep those axes as size 1
    and, as in MindSpore, pass no gradient back."""
    op = "LayerNorm"
    a = float_only(input_x, op, "input_x")
    g, b = tensor_arr(gamma, op, "gamma"), tensor_arr(beta, op, "beta")
    nd = a.ndim
    for name, v in (("begin_norm_axis", begin_norm_axis), ("begin_params_axis", begin_params_axis)):
        if not -1 <= v < nd:
            raise RuntimeError(f"For primitive[{op}], input_x's rank is {nd}, while the '{name}' value should be in "
                               f"the range [-1, {nd}), but got {v}")
    axis = tuple(range(begin_norm_axis % nd, nd))
    pstart = begin_params_axis % nd
    if g.shape != a.shape[pstart:] or b.shape != a.shape[pstart:]:
        raise ValueError(f"For '{op}', the shape of 'gamma' and 'beta' should be {list(a.shape[pstart:])}, but got "
                         f"{list(g.shape)} and {list(b.shape)}.")
    mean = jnp.mean(a, axis=axis, keepdims=True)
    var = jnp.mean(jnp.square(a - mean), axis=axis, keepdims=True)
    y = (a - mean) * jax.lax.rsqrt(var + epsilon) * g + b
    return wrap(y), wrap(jax.lax.stop_gradient(mean)), wrap(jax.lax.stop_gradient(var))


def prelu(input, weight) -> Tensor:
    """x where x > 0, else weight * x, with one weight per channel (axis 1) or one shared weight."""
    a = float_only(input, "PReLU", "x")
    w = float_only(weight, "PReLU", "weight")
    if a.dtype != w.dtype:
        raise TypeError(f"For 'PReLU', the 'weight' should have the dtype of 'x', but got {dtype_name(w.dtype)} "
                        f"and {dtype_name(a.dtype)}.")
    channels = a.shape[1] if a.ndim > 1 else 1
    if w.ndim != 1 or w.shape[0] not in (1, channels):
        raise ValueError(f"For 'PReLU', the 'weight' should be 1-D with 1 or {channels} elements, but got "
                         f"{list(w.shape)}.")
    w = w.reshape((-1,) + (1,) * (a.ndim - 2)) if a.ndim > 1 else w
    return wrap(jnp.where(a > 0, a, w * a))


def nll_loss_with_weight(logits, labels, weight, reduction: str = "mean", ignore_index: int = -100) -> tuple:
    """`ops.NLLLoss`: (loss, total_weight) of log-probabilities (N, C) at Int32 class `labels` (N,)."""
    op = "NLLLoss"
    x = float_only(logits, op, "logits")
    t = tensor_arr(labels, op, "labels")
    w = jax.lax.stop_gradient(float_only(weight, op, "weight"))  # as in MindSpore, no gradient to the weight
    check_reduction(reduction, op)
    if x.ndim not in (1, 2) or t.ndim != x.ndim - 1 or w.shape != x.shape[-1:]:
        raise ValueError(f"For '{op}', expected logits (N, C), labels (N,) and weight (C,), but got "
                         f"{list(x.shape)}, {list(t.shape)} and {list(w.shape)}.")
    keep = t != ignore_index
    safe = jnp.where(keep, t, 0).astype(jnp.int32)
    wt = jnp.where(keep, w[safe], 0)
    picked = jnp.take_along_axis(x.reshape(-1, x.shape[-1]), safe.reshape(-1, 1), axis=1).reshape(t.shape)
    loss = -picked * wt
    total = jax.lax.stop_gradient(jnp.sum(wt))
    if reduction == "none":
        return wrap(loss), wrap(total)
    out = jnp.sum(loss)
    return wrap(out / total if reduction == "mean" else out), wrap(total)


_LAYOUTS = ("BSH", "SBH", "BSND", "BNSD")


def _to_bnsd(a, layout: str, heads: int):
    if layout == "BNSD":
        return a
    if layout == "BSND":
        return a.transpose(0, 2, 1, 3)
    if layout == "SBH":
        a = a.transpose(1, 0, 2)
    b, s, h = a.shape
    return a.reshape(b, s, heads, h // heads).transpose(0, 2, 1, 3)


def _from_bnsd(a, layout: str):
    if layout == "BNSD":
        return a
    if layout == "BSND":
        return a.transpose(0, 2, 1, 3)
    b, n, s, d = a.shape
    out = a.transpose(0, 2, 1, 3).reshape(b, s, n * d)
    return out.transpose(1, 0, 2) if layout == "SBH" else out


def attention_core(query, key, value, head_num: int, attn_mask, scale: float, keep_prob: float,
                   layout: str, op: str) -> tuple:
    """(softmax max, softmax sum, attention output) of softmax(q k^T * scale, masked) v; k/v may have fewer
    heads than q (grouped-query attention)."""
    if layout not in _LAYOUTS:
        raise ValueError(f"For '{op}', the 'input_layout' should be one of {list(_LAYOUTS)}, but got {layout!r}.")
    q = float_only(query, op, "query")
    k, v = float_only(key, op, "key"), float_only(value, op, "value")
    kv_heads = k.shape[-1] * head_num // q.shape[-1] if layout in ("BSH", "SBH") else None
    q, k, v = _to_bnsd(q, layout, head_num), _to_bnsd(k, layout, kv_heads), _to_bnsd(v, layout, kv_heads)
    if k.shape[1] != q.shape[1]:
        k = jnp.repeat(k, q.shape[1] // k.shape[1], axis=1)
        v = jnp.repeat(v, q.shape[1] // v.shape[1], axis=1)
    scores = jnp.einsum("bnsd,bntd->bnst", q, k).astype(jnp.float32) * scale
    if attn_mask is not None:
        mask = tensor_arr(attn_mask, op, "attn_mask").astype(bool)
        scores = jnp.where(mask, jnp.finfo(jnp.float32).min, scores)
    row_max = jnp.max(scores, axis=-1, keepdims=True)
    e = jnp.exp(scores - row_max)
    row_sum = jnp.sum(e, axis=-1, keepdims=True)
    probs = e / row_sum
    if keep_prob < 1:
        probs = dropout_with_key(probs, keep_prob, functional_key())[0]
    out = jnp.einsum("bnst,bntd->bnsd", probs.astype(v.dtype), v)
    return row_max, row_sum, _from_bnsd(out, layout)


def check_attention_args(sparse_mode: int, **unsupported) -> None:
    """NotImplementedError for the fused-attention inputs mindgrad does not compute yet."""
    for name, v in unsupported.items():
        if v is not None:
            raise NotImplementedError(f"For 'FlashAttentionScore', mindgrad does not support '{name}' yet.")
    if sparse_mode not in (0, 1):
        raise NotImplementedError(f"For 'FlashAttentionScore', mindgrad supports sparse_mode 0 and 1, but got "
                                  f"{sparse_mode}.")


def flash_attention_score(query, key, value, head_num, real_shift=None, drop_mask=None, padding_mask=None,
                          attn_mask=None, prefix=None, actual_seq_qlen=None, actual_seq_kvlen=None,
                          keep_prob: float = 1.0, scalar_value: float = 1.0, pre_tokens: int = 2147483647,
                          next_tokens: int = 2147483647, inner_precise: int = 0, input_layout: str = "BSH",
                          sparse_mode: int = 0) -> Tensor:
    """The attention output softmax(q k^T * scalar_value, attn_mask) v in `input_layout`
    (MindSpore's Ascend-only fused kernel, computed with jax.numpy)."""
    check_attention_args(sparse_mode, real_shift=real_shift, drop_mask=drop_mask, padding_mask=padding_mask,
                         prefix=prefix, actual_seq_qlen=actual_seq_qlen, actual_seq_kvlen=actual_seq_kvlen)
    return wrap(attention_core(query, key, value, head_num, attn_mask, scalar_value, keep_prob, input_layout,
                               "FlashAttentionScore")[2])
