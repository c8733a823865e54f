"""Connectionist temporal classification: `ops.ctc_loss` (MindSpore's CTCLossV2, torch-like) and the shared
forward recursion behind the `CTCLoss` Primitive (TensorFlow-like: sparse labels, blank = num_classes - 1)."""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor, wrap
from ._helpers import concrete, dtype_name, tensor_arr

# Log-probability of an unreachable state: finite, so gradients through the recursion stay finite.
_NEG = -1e30
_IMPOSSIBLE = -1e29


@functools.partial(jax.jit, static_argnames=("blank", "merge_repeated"))
def ctc_alpha(lp, targets, input_lengths, target_lengths, blank: int, merge_repeated: bool = True):
    """(negative log-likelihood (N,), log_alpha (T, N, 2S+1)) of `targets` (N, S) under log-probabilities `lp`
    (T, N, C), in the finite `_NEG` domain; frames from `input_lengths` on are left out (compiled)."""
    steps = lp.shape[0]
    width = 2 * targets.shape[1] + 1
    s = jnp.arange(width)
    odd = s % 2 == 1
    labels = jnp.take(targets, jnp.clip((s - 1) // 2, 0, max(targets.shape[1] - 1, 0)), axis=1, mode="clip")
    ext = jnp.where(odd, labels if targets.shape[1] else blank, blank).astype(jnp.int32)
    valid = s[None] < 2 * target_lengths[:, None] + 1
    prev2 = jnp.concatenate([jnp.full_like(ext[:, :2], -1), ext[:, :-2]], axis=1)
    skip = odd & (s >= 2) & ((ext != prev2) | (not merge_repeated))
    stay = jnp.ones_like(odd) if merge_repeated else ~odd
    neg = jnp.asarray(_NEG, lp.dtype)

    def shift(a, k):
        return jnp.concatenate([jnp.full_like(a[:, :k], neg), a[:, :-k]], axis=1)

    first = jnp.where(valid & (s < 2), jnp.take_along_axis(lp[0], ext, axis=1), neg)

    def step(alpha, frame):
        t, row = frame
        paths = jnp.stack([jnp.where(stay, alpha, neg), shift(alpha, 1), jnp.where(skip, shift(alpha, 2), neg)])
        new = jnp.where(valid, jax.nn.logsumexp(paths, axis=0) + jnp.take_along_axis(row, ext, axis=1), neg)
        live = (t < input_lengths)[:, None]
        return jnp.where(live, new, alpha), jnp.where(live, new, neg)

    last, rows = jax.lax.scan(step, first, (jnp.arange(1, steps), lp[1:]))
    rows = jnp.concatenate([jnp.where((input_lengths > 0)[:, None], first, neg)[None], rows])
    end = jnp.take_along_axis(last, 2 * target_lengths[:, None], axis=1)[:, 0]
    before = jnp.take_along_axis(last, jnp.maximum(2 * target_lengths - 1, 0)[:, None], axis=1)[:, 0]
    nll = -jnp.logaddexp(end, jnp.where(target_lengths > 0, before, neg))
    return nll, rows


def impossible(nll):
    """Where the finite-domain negative log-likelihood stands for an impossible alignment."""
    return nll > -_IMPOSSIBLE


def as_log(a):
    """Finite-domain log-probabilities with the unreachable ones as -inf."""
    return jnp.where(a < _IMPOSSIBLE, -jnp.inf, a)


def _ctc_v2_out(nll, rows, lp, zero_infinity):
    bad = impossible(nll)
    loss = jnp.where(bad, 0.0 if zero_infinity else jnp.inf, nll).astype(lp.dtype)
    return (loss, as_log(jnp.transpose(rows, (1, 0, 2)))), bad


@functools.partial(jax.custom_vjp, nondiff_argnums=(4, 5))
def _ctc_v2(lp, targets, input_lengths, target_lengths, blank, zero_infinity):
    nll, rows = ctc_alpha(lp, targets, input_lengths, target_lengths, blank)
    return _ctc_v2_out(nll, rows, lp, zero_infinity)[0]


def _ctc_v2_fwd(lp, targets, input_lengths, target_lengths, blank, zero_infinity):
    def total(x):
        nll, rows = ctc_alpha(x, targets, input_lengths, target_lengths, blank)
        return jnp.sum(nll), (nll, rows)

    grad, (nll, rows) = jax.grad(total, has_aux=True)(lp)
    out, bad = _ctc_v2_out(nll, rows, lp, zero_infinity)
    return out, (lp, grad, bad, input_lengths)


def _ctc_v2_bwd(blank, zero_infinity, res, cot):
    lp, grad, bad, input_lengths = res
    live = (jnp.arange(lp.shape[0])[:, None] < input_lengths[None])[..., None]
    # MindSpore's (and torch's) gradient: exp(log_probs) - posterior, i.e. the gradient through a log_softmax.
    g = jnp.where(live, jnp.exp(lp) + grad, 0.0)
    g = jnp.where(bad[None, :, None] & live, 0.0 if zero_infinity else jnp.nan, g)
    return (g * cot[0][None, :, None], None, None, None)


_ctc_v2.defvjp(_ctc_v2_fwd, _ctc_v2_bwd)


def _int_tensor(x, name: str):
    a = tensor_arr(x, "ctc_loss", name)
    if a.dtype not in (np.int32, np.int64):
        raise TypeError(f"For primitive[CTCLossV2], the input argument[{name}] must be a type of "
                        f"{{Tensor[Int32], Tensor[Int64]}}, but got Tensor[{dtype_name(a.dtype)}].")
    return a


def ctc_loss(log_probs, targets, input_lengths, target_lengths, blank: int = 0, reduction: str = "mean",
             zero_infinity: bool = False) -> tuple:
    """(loss, log_alpha) of CTC: `log_probs` (T, N, C) Float32/Float64, `targets` (N, S), lengths (N,).
    'mean' divides each loss by its target length (at least 1) before averaging; `log_alpha` is (N, T, 2S+1).
    With `zero_infinity` an impossible alignment's loss and gradient are 0 (MindSpore's CPU kernel keeps the
    loss inf there); the gradient is MindSpore's exp(log_probs) - posterior."""
    if reduction not in ("none", "sum", "mean"):
        raise ValueError(f"For 'ctc_loss', the 'reduction' must be str and must be in '['none', 'sum', 'mean']', "
                         f"but got {reduction!r}.")
    if not isinstance(log_probs, Tensor):
        raise TypeError(f"For primitive[CTCLossV2], the input argument[log_probs] must be a type of "
                        f"{{Float32, Float64}}, but got {type(log_probs).__name__}.")
    lp = log_probs._arr
    if lp.dtype not in (np.float32, np.float64):
        raise TypeError(f"For primitive[CTCLossV2], the input argument[log_probs] must be a type of "
                        f"{{Tensor[Float32], Tensor[Float64]}}, but got Tensor[{dtype_name(lp.dtype)}].")
    tg = _int_tensor(targets, "targets")
    il = _int_tensor(input_lengths, "input_lengths")
    tl = _int_tensor(target_lengths, "target_lengths")
    for name, a, rank in (("log_probs", lp, 3), ("targets", tg, 2)):
        if a.ndim != rank:
            raise ValueError(f"For primitive[CTCLossV2], the dim of {name} must be equal to {rank} , but got "
                             f"{a.ndim}.")
    classes = lp.shape[2]
    if not 0 <= blank < classes:
        raise ValueError(f"For primitive[CTCLossV2], the blank must be in [0,{classes}), but got {blank}.")
    il_c, tl_c = concrete(il), concrete(tl)
    if il_c is not None and tl_c is not None and np.any(il_c < tl_c):
        n = int(np.argmax(il_c < tl_c))
        raise RuntimeError(f"For 'CTCLossV2', the input_lengths[{n}] = {il_c[n]} should be non-negative and not "
                           f"smaller than target_lengths[{n}] = {tl_c[n]}")
    loss, log_alpha = _ctc_v2(lp, tg.astype(jnp.int32), il.astype(jnp.int32), tl.astype(jnp.int32), int(blank),
                              bool(zero_infinity))
    if reduction == "mean":
        loss = jnp.mean(loss / jnp.maximum(tl, 1).astype(loss.dtype))
    elif reduction == "sum":
        loss = jnp.sum(loss)
    return wrap(loss), wrap(log_alpha)


def _dense_labels(indices, values, batch: int, width: int, collapse: bool):
    """(targets (N, width), lengths (N,)) of sparse labels: row `indices[:, 0]`, position `indices[:, 1]`."""
    rows, cols = indices[:, 0].astype(jnp.int32), indices[:, 1].astype(jnp.int32)
    dense = jnp.zeros((batch, width), jnp.int32).at[rows, cols].set(values.astype(jnp.int32), mode="drop")
    lengths = jnp.zeros((batch,), jnp.int32).at[rows].add(1, mode="drop")
    if not collapse:
        return dense, lengths
    k = jnp.arange(width)
    keep = (k < lengths[:, None]) & ((k == 0) | (dense != jnp.roll(dense, 1, axis=1)))
    pos = jnp.where(keep, jnp.cumsum(keep, axis=1) - 1, width)
    out = jnp.zeros_like(dense).at[jnp.arange(batch)[:, None], pos].set(dense, mode="drop")
    return out, jnp.sum(keep, axis=1).astype(jnp.int32)


@functools.partial(jax.custom_vjp, nondiff_argnums=(3,))
def _ctc_tf(x, targets, lengths, merge_repeated):
    return _ctc_tf_fwd(x, targets, lengths, merge_repeated)[0]


def _ctc_tf_fwd(x, targets, lengths, merge_repeated):
    seq, label_len = lengths

    def total(logits):
        lp = jax.nn.log_softmax(logits.astype(jnp.float32), axis=-1)
        nll = ctc_alpha(lp, targets, seq, label_len, logits.shape[-1] - 1, merge_repeated)[0]
        return jnp.sum(jnp.where(impossible(nll), 0.0, nll)), nll

    grad, nll = jax.grad(total, has_aux=True)(x)
    bad = impossible(nll)
    loss = jnp.where(bad, jnp.inf, nll).astype(x.dtype)
    grad = jnp.where(bad[None, :, None], 0.0, grad).astype(x.dtype)
    return (loss, grad), grad


def _ctc_tf_bwd(merge_repeated, grad, cot):
    return (grad * cot[0][None, :, None].astype(grad.dtype), None, None)


_ctc_tf.defvjp(_ctc_tf_fwd, _ctc_tf_bwd)


def ctc_loss_sparse(x, labels_indices, labels_values, sequence_length, preprocess_collapse_repeated: bool,
                    ctc_merge_repeated: bool, ignore_longer_outputs_than_inputs: bool) -> tuple:
    """(loss (N,), gradient like `x`) of the `CTCLoss` Primitive: logits `x` (T, N, C), blank C - 1."""
    def typed(v, name, allowed, what):
        a = tensor_arr(v, "CTCLoss", name)
        if a.dtype not in allowed:
            raise TypeError(f"For primitive[CTCLoss], the input argument[{name}] must be a type of {what}, but got "
                            f"Tensor[{dtype_name(a.dtype)}].")
        return a

    a = typed(x, "x", (np.float16, np.float32, np.float64),
              "{Tensor[Float16], Tensor[Float32], Tensor[Float64]}")
    idx = typed(labels_indices, "labels_indices", (np.int64,), "{Tensor[Int64]}")
    val = typed(labels_values, "labels_values", (np.int32,), "{Tensor[Int32]}")
    seq = typed(sequence_length, "sequence_length", (np.int32,), "{Tensor[Int32]}")
    if a.ndim != 3:
        raise ValueError(f"For 'CTCLoss', the 'x' should be a 3-D Tensor, but got {a.ndim}-D.")
    targets, label_len = _dense_labels(idx, val, a.shape[1], max(a.shape[0], 1), preprocess_collapse_repeated)
    seq_c, len_c = concrete(seq), concrete(label_len)
    if seq_c is not None and len_c is not None and not ignore_longer_outputs_than_inputs and np.any(seq_c < len_c):
        n = int(np.argmax(seq_c < len_c))
        raise RuntimeError(f"For 'CTCLoss, input time(sequence length) must be greater than output size(label "
                           f"length), but got sequence length: {seq_c[n]} and label length: {len_c[n]}")
    loss, grad = _ctc_tf(a, targets, (seq, label_len), bool(ctc_merge_repeated))
    return wrap(loss), wrap(grad)
