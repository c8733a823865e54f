"""The tail of issue 17's `mindspore.ops` functions (ops17): CTC loss, grid sampling, complex views, functional
batch norm, attention forward passes and small math/loss ops, with MindSpore's signatures, dtypes and errors.

`view_as_real`/`polar` follow MindSpore's Polar kernel (Float32/Float64 only); `Tensor.real()`/`Tensor.imag()`
are registered here as methods (MindSpore spells them as methods, not properties)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor, wrap
from ._helpers import (broadcast_operands, check_reduction, dtype_name, float_only, pnorm_last, reduce_loss,
                       tensor_arr)
from .complex_func import imag, real
from .ctc_func import ctc_loss
from .grid_func import grid_sample
from .nn_more_func import attention_core, check_attention_args, kl_div_loss
from .tensor_more_func import movedim

__all__ = ["ctc_loss", "grid_sample", "view_as_real", "polar", "batch_norm", "cdist", "cartesian_prod", "inv",
           "is_complex", "kl_div", "margin_ranking_loss", "moveaxis", "tensor_scatter_update", "tensor_scatter_add",
           "hardswish", "hardsigmoid", "fmax", "fmin", "iou",
           "speed_fusion_attention"]


def view_as_real(input) -> Tensor:  # noqa: A002 - MindSpore's name
    """A complex Tensor as a real one with a last axis of 2 (real, imaginary)."""
    if not isinstance(input, Tensor):
        raise TypeError("The input must be Tensor!")
    a = input._arr
    if not jnp.iscomplexobj(a):
        raise TypeError("For view_as_real, the dtype of input Tensor must be complex.")
    return wrap(jnp.stack([jnp.real(a), jnp.imag(a)], axis=-1))


def polar(abs, angle) -> Tensor:  # noqa: A002 - MindSpore's names
    """abs * (cos(angle) + i sin(angle)): Complex64 from Float32, Complex128 from Float64 (same dtypes)."""
    r, t = tensor_arr(abs, "Polar", "abs"), tensor_arr(angle, "Polar", "angle")
    if r.dtype != t.dtype:
        raise TypeError(f"For primitive[Polar], the input type must be same.\nname:[abs]:Tensor[{dtype_name(r.dtype)}]"
                        f".\nname:[angle]:Tensor[{dtype_name(t.dtype)}].")
    if r.dtype not in (np.float32, np.float64):
        raise TypeError(f"For primitive[Polar], the input argument[abs] must be a type of {{Tensor[Float32], "
                        f"Tensor[Float64]}}, but got Tensor[{dtype_name(r.dtype)}].")
    return wrap(jax.lax.complex(r * jnp.cos(t), r * jnp.sin(t)))


def batch_norm(input_x, running_mean, running_var, weight, bias, training: bool = False, momentum: float = 0.1,
               eps: float = 1e-5) -> Tensor:
    """The output of `ops.BatchNorm(training, eps, momentum)`: in training Parameter running statistics become
    (1 - momentum) * old + momentum * batch statistic."""
    from ..operations.batchnorm_ops import BatchNorm
    if not 0 < momentum <= 1:
        raise ValueError(f"For primitive[BatchNorm], the momentum must be in (0,1], but got {momentum:g}.")
    if not training:  # the running statistics get no gradient
        running_mean, running_var = (wrap(jax.lax.stop_gradient(tensor_arr(t, "BatchNorm", name)))
                                     for t, name in ((running_mean, "mean"), (running_var, "variance")))
    return BatchNorm(training, eps, momentum)(input_x, weight, bias, running_mean, running_var)[0]


def cdist(x1, x2, p: float = 2.0) -> Tensor:
    """p-norm distances between the rows of `x1` (B, P, M) and `x2` (B, R, M) (or 2-D): (B, P, R)."""
    a, b = float_only(x1, "cdist", "x1"), float_only(x2, "cdist", "x2")
    if a.dtype != b.dtype:
        raise TypeError(f"For 'cdist', the dtype of 'x1' and 'x2' should be the same, but got "
                        f"{dtype_name(a.dtype)} and {dtype_name(b.dtype)}.")
    if a.ndim not in (2, 3) or a.ndim != b.ndim or a.shape[-1] != b.shape[-1] or a.shape[:-2] != b.shape[:-2]:
        raise ValueError(f"For 'cdist', 'x1' and 'x2' should be 2-D or 3-D with the same batch and last dimension, "
                         f"but got {list(a.shape)} and {list(b.shape)}.")
    if not isinstance(p, (int, float)) or isinstance(p, bool) or p < 0:
        raise ValueError(f"For 'cdist', the 'p' should be a non-negative float, but got {p}.")
    return wrap(pnorm_last(a[..., :, None, :] - b[..., None, :, :], p))


def cartesian_prod(*inputs) -> Tensor:
    """All combinations of the elements of 1-D Tensors, one per row: (n1 * n2 * ..., len(inputs))."""
    arrays = [tensor_arr(t, "cartesian_prod", "inputs") for t in inputs]
    for a in arrays:
        if a.ndim != 1:
            raise ValueError(f"For 'cartesian_prod', each input should be 1-D, but got {a.ndim}-D.")
    if len(arrays) == 1:
        return wrap(arrays[0][:, None])
    grids = jnp.meshgrid(*[a.astype(jnp.result_type(*arrays)) for a in arrays], indexing="ij")
    return wrap(jnp.stack([g.reshape(-1) for g in grids], axis=1))


def inv(x) -> Tensor:
    """1 / x element-wise, keeping the dtype (Int32 divides as integers, toward zero)."""
    a = tensor_arr(x, "Inv", "x")
    if a.dtype == np.bool_ or a.dtype.kind == "u":
        raise TypeError(f"For 'Inv', the 'x' should be a Tensor of float or int32, but got {dtype_name(a.dtype)}.")
    if a.dtype.kind == "i":
        return wrap(jax.lax.div(jnp.ones_like(a), a))
    return wrap(1 / a)


def is_complex(input) -> bool:  # noqa: A002
    """Whether `input` is a complex Tensor."""
    if not isinstance(input, Tensor):
        raise TypeError(f"For 'is_complex', the 'input' should be a Tensor, but got {type(input).__name__}.")
    return bool(jnp.iscomplexobj(input._arr))


def kl_div(logits, labels, reduction: str = "mean") -> Tensor:
    """`ops.kl_div`: labels * (log labels - logits), reduced by 'none', 'mean', 'sum' or 'batchmean'."""
    return kl_div_loss(logits, labels, reduction)


def margin_ranking_loss(input1, input2, target, margin: float = 0.0, reduction: str = "mean") -> Tensor:
    """max(0, -target * (input1 - input2) + margin), reduced by `reduction`."""
    a, b = tensor_arr(input1, "margin_ranking_loss", "input1"), tensor_arr(input2, "margin_ranking_loss", "input2")
    y = tensor_arr(target, "margin_ranking_loss", "target")
    if not isinstance(margin, float):
        raise TypeError(f"For 'margin_ranking_loss', the 'margin' should be float, but got "
                        f"{type(margin).__name__}.")
    check_reduction(reduction, "margin_ranking_loss")
    if not a.dtype == b.dtype == y.dtype:
        raise TypeError(f"For 'margin_ranking_loss', 'input1', 'input2' and 'target' should have the same dtype, "
                        f"but got {dtype_name(a.dtype)}, {dtype_name(b.dtype)} and {dtype_name(y.dtype)}.")
    return wrap(reduce_loss(jnp.maximum(-y * (a - b) + margin, 0), reduction))


def moveaxis(x, source, destination) -> Tensor:
    """`ops.movedim` under NumPy's name."""
    return movedim(x, source, destination)


def _scatter_nd(op: str, input_x, indices, updates, how: str) -> Tensor:
    a = tensor_arr(input_x, op, "input_x")
    idx = tensor_arr(indices, op, "indices")
    u = tensor_arr(updates, op, "updates")
    if idx.dtype not in (np.int32, np.int64):
        raise TypeError(f"For '{op}', the 'indices' should be a Tensor of Int32 or Int64, but got "
                        f"{dtype_name(idx.dtype)}.")
    depth = idx.shape[-1]
    if depth > a.ndim or tuple(u.shape) != tuple(idx.shape[:-1]) + tuple(a.shape[depth:]):
        raise ValueError(f"For '{op}', updates.shape should be indices.shape[:-1] + input_x.shape[indices.shape[-1]:]"
                         f", but got updates.shape {list(u.shape)}, indices.shape {list(idx.shape)} and input_x.shape "
                         f"{list(a.shape)}.")
    at = jnp.asarray(a).at[tuple(jnp.moveaxis(idx, -1, 0))]
    return wrap(at.add(u.astype(a.dtype)) if how == "add" else at.set(u.astype(a.dtype)))


def tensor_scatter_update(input_x, indices, updates) -> Tensor:
    """`input_x` with the slices at N-d `indices` replaced by `updates`."""
    return _scatter_nd("TensorScatterUpdate", input_x, indices, updates, "set")


def tensor_scatter_add(input_x, indices, updates) -> Tensor:
    """`input_x` with `updates` added at N-d `indices` (repeated indices add up)."""
    return _scatter_nd("TensorScatterAdd", input_x, indices, updates, "add")


def hardswish(x) -> Tensor:
    """x * relu6(x + 3) / 6."""
    a = float_only(x, "HSwish", "x")
    return wrap(a * jnp.clip(a + 3, 0, 6) / 6)


def hardsigmoid(input) -> Tensor:  # noqa: A002
    """relu6(x + 3) / 6."""
    a = float_only(input, "HSigmoid", "input")
    return wrap(jnp.clip(a + 3, 0, 6) / 6)


def fmax(input, other) -> Tensor:  # noqa: A002
    """Element-wise maximum ignoring NaN (NaN only where both are NaN)."""
    return wrap(jnp.fmax(*broadcast_operands(input, other, "Fmax")))


def fmin(input, other) -> Tensor:  # noqa: A002
    """Element-wise minimum ignoring NaN (NaN only where both are NaN)."""
    return wrap(jnp.fmin(*broadcast_operands(input, other, "Fmin")))


def iou(anchor_boxes, gt_boxes, mode: str = "iou") -> Tensor:
    """`ops.IOU(mode)`: (m, n) overlaps of the `gt_boxes` (m, 4) with the `anchor_boxes` (n, 4)."""
    from ..operations.detection_ops import IOU
    return IOU(mode)(anchor_boxes, gt_boxes)


def speed_fusion_attention(query, key, value, head_num: int, input_layout: str, *, pse=None, padding_mask=None,
                           atten_mask=None, scale: float = 1.0, keep_prob: float = 1.0, pre_tokens: int = 2147483647,
                           next_tokens: int = 2147483647, inner_precise: int = 0, prefix=None, actual_seq_qlen=None,
                           actual_seq_kvlen=None, sparse_mode: int = 0, gen_mask_parallel: bool = True,
                           sync: bool = False, pse_type: int = 1, q_start_idx=None, kv_start_idx=None) -> tuple:
    """MindSpore's Ascend-only fused attention, computed as `flash_attention_score`: (attention_out in
    `input_layout`, softmax_max and softmax_sum (B, N, S, 8) Float32, softmax_out (0,), seed, offset, numels
    (Int64 scalars, 0: no dropout mask is kept)). `atten_mask` True masks a score out; `pse`, `prefix` and the
    variable-length inputs raise NotImplementedError."""
    check_attention_args(sparse_mode, pse=pse, padding_mask=padding_mask, prefix=prefix,
                         actual_seq_qlen=actual_seq_qlen, actual_seq_kvlen=actual_seq_kvlen,
                         q_start_idx=q_start_idx, kv_start_idx=kv_start_idx)
    row_max, row_sum, out = attention_core(query, key, value, head_num, atten_mask, scale, keep_prob, input_layout,
                                           "speed_fusion_attention")
    widen = (lambda r: wrap(jnp.broadcast_to(r, r.shape[:-1] + (8,))))
    zero = wrap(jnp.zeros((), jnp.int64))
    return wrap(out), widen(row_max), widen(row_sum), wrap(jnp.zeros((0,), out.dtype)), zero, zero, zero


def _real_method(self) -> Tensor:
    return real(self)


def _imag_method(self) -> Tensor:
    return imag(self)


Tensor.real = _real_method
Tensor.imag = _imag_method
