"""Long-tail Primitives of `mindspore.ops` N..Z and of `ops.operations` (tailprimB): NextAfter, Polygamma,
RightShift, SquaredDifference, SearchSorted, Svd, Qr, Orgqr, Ormqr, TensorShape, TrilIndices, TriuIndices,
UniqueConsecutive, UnravelIndex, ScatterNdAdd, RandpermV2, PadV3, EqualCount, InplaceAdd, UnsortedSegmentSum,
CumulativeLogsumexp, Pack, Load, CeLU, HShrink, SoftShrink, Softsign, Conv3D, AdaptiveAvgPool3D,
AdaptiveMaxPool2D, InstanceNorm, CTCLossV2, and the parameter-server Pull / Push (constructible; calling them
raises, as on MindSpore's CPU build); `__all__` also carries the Ascend-only PagedAttention, PagedAttentionMask and
ReshapeAndCache of tailpb_gen_ops, which MindSpore exposes in `ops` too."""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor, wrap
from ..function import array_func as A
from ..function import ctc_func
from ..function import mint_fn_support_func as MF
from ..function import mint_nn_support_func as NN
from ..function import nn_func
from ..function._helpers import broadcast_operands, concrete, dtype_name, tensor_arr
from ..function.array_select_func import unique_consecutive
from ..function.linalg_func import svd
from ..function.parameter_func import _store
from ..function.sampling_func import randperm
from ..function.tensor_more_func import searchsorted
from ..primitive import Primitive, prim_attr_register
from .tailpb_gen_ops import PagedAttention, PagedAttentionMask, ReshapeAndCache

__all__ = ["NextAfter", "Polygamma", "RightShift", "SquaredDifference", "SearchSorted", "Svd", "Qr", "Orgqr",
           "Ormqr", "TensorShape", "TrilIndices", "TriuIndices", "UniqueConsecutive", "UnravelIndex", "ScatterNdAdd",
           "RandpermV2", "PadV3", "EqualCount", "InplaceAdd", "UnsortedSegmentSum", "CumulativeLogsumexp", "Pack",
           "Load", "CeLU", "HShrink", "SoftShrink", "Softsign", "Conv3D", "AdaptiveAvgPool3D", "AdaptiveMaxPool2D",
           "InstanceNorm", "CTCLossV2", "Pull", "Push", "PagedAttention", "PagedAttentionMask", "ReshapeAndCache"]

_INTS = (np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64)


def _is_int(v) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def _check_type(op: str, name: str, value, types: tuple, label: str) -> None:
    if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
        raise TypeError(f"For '{op}', the type of '{name}' should be '{label}', but got type "
                        f"'{type(value).__name__}'.")


def _typed(op: str, name: str, x, allowed: tuple, label: str):
    """The array of a Tensor input whose dtype must be one of `allowed` (MindSpore's TypeError otherwise)."""
    a = tensor_arr(x, op, name)
    if a.dtype not in allowed:
        raise TypeError(f"For primitive[{op}], the input argument[{name}] must be a type of {{{label}}}, but got "
                        f"Tensor[{dtype_name(a.dtype)}].")
    return a


_F16_32_64 = ((np.float16, np.float32, np.float64), "Tensor[Float16], Tensor[Float32], Tensor[Float64]")


def _f32(a):
    """Float16 computed in Float32, as MindSpore's CPU kernels do."""
    return a.astype(jnp.float32) if a.dtype == jnp.float16 else a


# ---- math ------------------------------------------------------------------------------------------------------

class NextAfter(Primitive):
    """The next representable Float32/Float64 value after `input` towards `other` (element-wise, broadcast)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input, other):  # noqa: A002 - MindSpore's name
        a = _typed("NextAfter", "x1", input, (np.float32, np.float64), "Tensor[Float32], Tensor[Float64]")
        b = _typed("NextAfter", "x2", other, (np.float32, np.float64), "Tensor[Float32], Tensor[Float64]")
        if a.dtype != b.dtype:
            raise TypeError(f"For 'NextAfter', the dtype of 'x2' should be {dtype_name(a.dtype)}, but got "
                            f"{dtype_name(b.dtype)}.")
        return wrap(jnp.nextafter(*broadcast_operands(wrap(a), wrap(b), "NextAfter")))


class Polygamma(Primitive):
    """The a-th derivative of the digamma function at `x`; `a` a 0-D Int32/Int64 Tensor."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, a, x):
        n = _typed("Polygamma", "a", a, (np.int32, np.int64), "Tensor[Int32], Tensor[Int64]")
        if n.ndim:
            raise ValueError(f"For 'Polygamma', 'a' should be a 0-dim Tensor, but got rank: {n.ndim}.")
        v = _typed("Polygamma", "x", x, *_F16_32_64)
        return wrap(jax.scipy.special.polygamma(n, _f32(v)).astype(v.dtype))


class RightShift(Primitive):
    """input_x >> input_y element-wise for integer Tensors of one dtype (arithmetic for signed types; as in
    MindSpore's C++ kernel, the shift count is taken modulo 32, or 64 for 64-bit types)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input_x, input_y):
        label = ("Tensor[Int16], Tensor[Int32], Tensor[Int64], Tensor[Int8], Tensor[UInt16], Tensor[UInt32], "
                 "Tensor[UInt64], Tensor[UInt8]")
        a = _typed("RightShift", "x", input_x, _INTS, label)
        b = _typed("RightShift", "y", input_y, _INTS, label)
        if a.dtype != b.dtype:
            raise TypeError(f"For 'RightShift', the dtype of 'input_y' should be {dtype_name(a.dtype)}, but got "
                            f"{dtype_name(b.dtype)}.")
        a, b = broadcast_operands(wrap(a), wrap(b), "RightShift")
        # C++ semantics: 8/16-bit values shift as int32; the shift count is taken modulo the (promoted) width
        wide = a if a.dtype.itemsize >= 4 else a.astype(jnp.int32)
        width = wide.dtype.itemsize * 8
        shift = jnp.bitwise_and(b.astype(wide.dtype), width - 1)
        return wrap(jnp.right_shift(wide, shift).astype(a.dtype))


class SquaredDifference(Primitive):
    """(x - y) ** 2 element-wise, with MindSpore's type promotion and broadcasting."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, y):
        a, b = broadcast_operands(x, y, "SquaredDifference")
        return wrap(jnp.square(a - b))


class SearchSorted(Primitive):
    """Insertion indices of `values` into the last axis of `sorted_sequence`, in `dtype` (Int32/Int64);
    `right` picks the last suitable index."""

    @prim_attr_register
    def __init__(self, dtype=mstype.int64, right=False):
        pass

    def __call__(self, sorted_sequence, values, sorter=None):
        return searchsorted(sorted_sequence, values, out_int32=self.dtype == mstype.int32, right=self.right,
                            sorter=sorter)


class Svd(Primitive):
    """(s, u, v) with input = u @ diag(s) @ v^T; without `compute_uv`, u and v are zeros of shape (1,)."""

    @prim_attr_register
    def __init__(self, full_matrices=False, compute_uv=True):
        pass

    def __call__(self, input):  # noqa: A002 - MindSpore's name
        rank = tensor_arr(input, "Svd").ndim
        if rank < 2:
            raise ValueError(f"For Svd, the rank of 'input' must be great equal than 2, but get shape: {rank}")
        if self.compute_uv:
            return svd(input, self.full_matrices, True)
        s = svd(input, self.full_matrices, False)
        return s, wrap(jnp.zeros((1,), s._arr.dtype)), wrap(jnp.zeros((1,), s._arr.dtype))


class Qr(Primitive):
    """(Q, R) of the last two axes; `full_matrices` gives the complete (m, m) Q."""

    @prim_attr_register
    def __init__(self, full_matrices=False):
        pass

    def __call__(self, x):
        return MF.qr(x, "complete" if self.full_matrices else "reduced")


def _householder(op: str, x, tau):
    a = _typed(op, "x", x, (np.float32, np.float64, np.complex64, np.complex128),
               "Tensor[Float32], Tensor[Float64], Tensor[Complex64], Tensor[Complex128]")
    t = tensor_arr(tau, op, "tau")
    if a.ndim < 2 or t.ndim != a.ndim - 1 or t.shape[:-1] != a.shape[:-2]:
        raise ValueError(f"For '{op}', 'x' must be at least 2-D and 'tau' must have the batch shape of 'x' plus one "
                         f"axis, but got x shape {list(a.shape)} and tau shape {list(t.shape)}.")
    m, n = a.shape[-2:]
    if m < n or t.shape[-1] > n:
        raise ValueError(f"For '{op}', need x rows >= columns >= tau size, but got x shape {list(a.shape)} and tau "
                         f"shape {list(t.shape)}.")
    return a, t.astype(a.dtype)


class Orgqr(Primitive):
    """The first n columns of Q = H_1 ... H_k from the Householder reflectors stored below the diagonal of `x`
    (m, n) and their scales `tau` (k,) (LAPACK's orgqr, the output of Geqrf)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, tau):
        a, t = _householder("Orgqr", x, tau)
        return wrap(jax.lax.linalg.householder_product(a, t))


class Ormqr(Primitive):
    """Q @ other (or Q^T, or other @ Q with `left` False), Q the full (m, m) product of the Householder reflectors
    in `x` and `tau` (LAPACK's ormqr). MindSpore 2.10 has no CPU kernel; this follows the documented meaning."""

    @prim_attr_register
    def __init__(self, left=True, transpose=False):
        _check_type("Ormqr", "left", left, (bool,), "bool")
        _check_type("Ormqr", "transpose", transpose, (bool,), "bool")

    def __call__(self, x, tau, other):
        a, t = _householder("Ormqr", x, tau)
        c = tensor_arr(other, "Ormqr", "other")
        m = a.shape[-2]
        if c.shape[-2 if self.left else -1] != m:
            raise ValueError(f"For 'Ormqr', 'other' must have {m} {'rows' if self.left else 'columns'}, but got "
                             f"shape {list(c.shape)}.")
        square = jnp.pad(a, [(0, 0)] * (a.ndim - 1) + [(0, m - a.shape[-1])])
        q = jax.lax.linalg.householder_product(square, t)
        if self.transpose:
            q = jnp.conj(jnp.swapaxes(q, -1, -2))
        return wrap(q @ c if self.left else c @ q)


class TensorShape(Primitive):
    """The shape of the input as a 1-D Int64 Tensor."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input_x):
        return wrap(jnp.asarray(tensor_arr(input_x, "TensorShape", "input_x").shape, jnp.int64))


class TrilIndices(Primitive):
    """The (2, N) row/column indices of the lower triangle (on and below diagonal `offset`) of a row x col matrix."""

    _lower = True

    @prim_attr_register
    def __init__(self, row, col, offset=0, dtype=mstype.int32):
        op = type(self).__name__
        for name, v in (("row", row), ("col", col)):
            if not _is_int(v):
                raise TypeError(f"For '{op}', the type of '{name}' should be 'int', but got type "
                                f"'{type(v).__name__}'.")
            if v < 0:
                raise ValueError(f"For '{op}', the '{name}' must be int and must >= 0, but got '{v}' with type 'int'.")
        if not _is_int(offset):
            raise TypeError(f"For '{op}', the type of 'offset' should be 'int', but got type "
                            f"'{type(offset).__name__}'.")
        if dtype not in (mstype.int32, mstype.int64):
            raise TypeError(f"For '{op}', the 'dtype' should be one of [mindspore.int32, mindspore.int64], but got "
                            f"'{dtype}'.")

    def __call__(self):
        pick = np.tril_indices if self._lower else np.triu_indices
        rows, cols = pick(self.row, self.offset, self.col)
        return wrap(jnp.asarray(np.stack([rows, cols]), mstype.to_numpy(self.dtype)))


class TriuIndices(TrilIndices):
    """The (2, N) row/column indices of the upper triangle (on and above diagonal `offset`) of a row x col matrix."""

    _lower = False


class UniqueConsecutive(Primitive):
    """(values, inverse indices, counts) with consecutive duplicates collapsed (of the flattened input, or of
    slices along `dim`); indices/counts not asked for are 0-D Int64 zeros."""

    @prim_attr_register
    def __init__(self, return_inverse=False, return_counts=False, dim=None):
        pass

    def __call__(self, input):  # noqa: A002 - MindSpore's name
        out, inverse, counts = unique_consecutive(input, True, True, self.dim)
        zero = wrap(jnp.zeros((), jnp.int64))
        return out, inverse if self.return_inverse else zero, counts if self.return_counts else zero


class UnravelIndex(Primitive):
    """The coordinates of flat `indices` in an array of shape `dims`: (len(indices), len(dims)), or (len(dims),)
    for a scalar index. Indices and dims must share an Int32/Int64 dtype."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, indices, dims):
        i = _typed("UnravelIndex", "indices", indices, (np.int32, np.int64), "Tensor[Int32], Tensor[Int64]")
        d = _typed("UnravelIndex", "dims", dims, (np.int32, np.int64), "Tensor[Int32], Tensor[Int64]")
        if i.dtype != d.dtype:
            raise TypeError("For primitive[UnravelIndex], the input type must be same.")
        if i.ndim > 1 or d.ndim != 1:
            raise ValueError(f"For primitive[UnravelIndex], the indices shape must be equal to 1, but got {i.ndim}.")
        ci, cd = concrete(i), concrete(d)
        if ci is not None and cd is not None:
            if np.any(ci < 0):
                raise ValueError("Index must be greater than 0.")
            if np.any(ci >= np.prod(cd)):
                raise ValueError("Index out of boundary.")
        coords = jnp.stack(jnp.unravel_index(i, tuple(int(v) for v in np.asarray(d))), axis=-1)
        return wrap(coords.astype(i.dtype))


class ScatterNdAdd(Primitive):
    """Adds `updates` into the Parameter `input_x` at the index tuples of `indices` (repeats accumulate) and
    returns the updated Parameter value."""

    @prim_attr_register
    def __init__(self, use_locking=False):
        _check_type("ScatterNdAdd", "use_locking", use_locking, (bool,), "bool")

    def __call__(self, input_x, indices, updates):
        a = tensor_arr(input_x, "ScatterNdAdd", "input_x")
        idx = _typed("ScatterNdAdd", "indices", indices, (np.int32, np.int64), "Tensor[Int32], Tensor[Int64]")
        u = tensor_arr(updates, "ScatterNdAdd", "updates")
        depth = idx.shape[-1]
        expected = idx.shape[:-1] + a.shape[depth:]
        if u.shape != expected:
            raise ValueError(f"For 'ScatterNdAdd', the shape of 'updates' should be {list(expected)}, but got "
                             f"{list(u.shape)}.")
        new = jnp.asarray(a).at[tuple(jnp.moveaxis(idx, -1, 0))].add(u.astype(a.dtype))
        _store(input_x, wrap(new), "ScatterNdAdd")
        return wrap(new)


class RandpermV2(Primitive):
    """A random permutation of 0 .. n-1 in `dtype`: fixed by (`seed`, `offset`) for seed >= 0, a fresh draw for
    seed -1 (as in MindSpore, whose numbers are not reproduced)."""

    @prim_attr_register
    def __init__(self, seed=0, offset=0, dtype=mstype.int64):
        for name, v in (("seed", seed), ("offset", offset)):
            if not _is_int(v):
                raise TypeError(f"For 'RandpermV2', the type of '{name}' should be 'int', but got type "
                                f"'{type(v).__name__}'.")
        if dtype not in (mstype.int8, mstype.int16, mstype.int32, mstype.int64, mstype.uint8, mstype.float16,
                         mstype.float32, mstype.float64):
            raise TypeError(f"For 'RandpermV2', the 'dtype' must be a supported type, but got {dtype}.")

    def __call__(self, n):
        if self.seed == -1:
            return randperm(n, 0, self.offset, self.dtype)
        size = int(n.item()) if isinstance(n, Tensor) else n
        if not _is_int(size) or size <= 0:
            raise ValueError(f"For 'RandpermV2', the input 'n' must be greater than 0, but got data: {n}.")
        key = jax.random.fold_in(jax.random.PRNGKey(self.seed), self.offset)
        return wrap(jax.random.permutation(key, size).astype(mstype.to_numpy(self.dtype)))


_PADV3_MODES = {"constant": "constant", "reflect": "reflect", "edge": "replicate", "circular": "circular"}


class PadV3(Primitive):
    """Pads the last axes of `x` by `paddings` (pairs from the last axis inward; with `paddings_contiguous`
    False all begins, then all ends) in mode 'constant' (`constant_value`), 'reflect', 'edge' or 'circular'."""

    @prim_attr_register
    def __init__(self, mode="constant", paddings_contiguous=True):
        if mode not in _PADV3_MODES:
            raise ValueError(f"For 'PadV3', the 'mode' must be str and must be in '{list(_PADV3_MODES)}', but got "
                             f"'{mode}'.")
        _check_type("PadV3", "paddings_contiguous", paddings_contiguous, (bool,), "bool")

    def __call__(self, x, paddings, constant_value=None):
        a = tensor_arr(x, "PadV3", "x")
        p = [int(v) for v in (paddings.tolist() if isinstance(paddings, Tensor) else paddings)]
        if len(p) % 2 or len(p) // 2 > a.ndim:
            raise ValueError(f"For 'PadV3', the length of 'paddings' must be even and at most 2 * x.ndim, but got "
                             f"{len(p)}.")
        if not self.paddings_contiguous:
            half = len(p) // 2
            p = [v for pair in zip(p[:half], p[half:], strict=True) for v in pair]
        if self.mode != "constant" and a.ndim != len(p) // 2 + 2:
            raise ValueError(f"For primitive[PadV3], the input dims when padding's size equal {len(p)} must be equal "
                             f"to {len(p) // 2 + 2}, but got {a.ndim}.")
        value = None
        if self.mode == "constant" and constant_value is not None:
            value = constant_value.item() if isinstance(constant_value, Tensor) else constant_value
        return nn_func.pad(x, tuple(p), _PADV3_MODES[self.mode], value)


class EqualCount(Primitive):
    """The number of equal elements of two Tensors of one dtype and shape, as a (1,) Tensor of that dtype."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, y):
        a, b = tensor_arr(x, "EqualCount", "x"), tensor_arr(y, "EqualCount", "y")
        if a.dtype != b.dtype:
            raise TypeError(f"For 'EqualCount', the dtype of two args should be same, but the dtype of first arg "
                            f"Tensor[{dtype_name(a.dtype)}] is not consistent with the dtype of second arg "
                            f"Tensor[{dtype_name(b.dtype)}]")
        if a.shape != b.shape:
            raise ValueError(f"For 'EqualCount',  the shape of two args should be same, but the first arg shape "
                             f"{a.shape} are not consistent with second arg shape {b.shape}")
        return wrap(jnp.sum(a == b).astype(a.dtype).reshape(1))


class InplaceAdd(Primitive):
    """x with the rows `indices` (an int or a tuple, one per row of `input_v`) increased by `input_v`."""

    @prim_attr_register
    def __init__(self, indices):
        if not isinstance(indices, (int, tuple)) or isinstance(indices, bool):
            raise TypeError(f"For 'InplaceAdd', the type of 'indices' should be one of '['tuple', 'int']', but got "
                            f"type '{type(indices).__name__}'.")
        self.indices = (indices,) if isinstance(indices, int) else indices

    def __call__(self, x, input_v):
        a, v = tensor_arr(x, "InplaceAdd", "x"), tensor_arr(input_v, "InplaceAdd", "input_v")
        if a.dtype != v.dtype:
            raise TypeError(f"For 'InplaceAdd', the dtype of 'input_v' should be {dtype_name(a.dtype)}, but got "
                            f"{dtype_name(v.dtype)}.")
        if v.shape != (len(self.indices),) + a.shape[1:]:
            raise ValueError(f"For 'InplaceAdd', the shape of 'input_v' should be "
                             f"{[len(self.indices), *a.shape[1:]]}, but got {list(v.shape)}.")
        return wrap(jnp.asarray(a).at[jnp.asarray(self.indices)].add(v))


class UnsortedSegmentSum(Primitive):
    """Sums of the slices of `input_x` sharing a segment id, for ids 0 .. num_segments-1 (an id outside that range
    is MindSpore's CPU RuntimeError)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input_x, segment_ids, num_segments):
        a = tensor_arr(input_x, "UnsortedSegmentSum", "input_x")
        ids = _typed("UnsortedSegmentSum", "segment_ids", segment_ids, (np.int32, np.int64),
                     "Tensor[Int32], Tensor[Int64]")
        n = int(num_segments.item() if isinstance(num_segments, Tensor) else num_segments)
        if ids.shape != a.shape[:ids.ndim]:
            raise ValueError(f"For 'UnsortedSegmentSum', the shape of 'segment_ids' must be a prefix of the shape of "
                             f"'input_x', but got {list(ids.shape)} and {list(a.shape)}.")
        c = concrete(ids)
        if c is not None and c.size and (c.min() < 0 or c.max() >= n):
            raise RuntimeError(f"For 'UnsortedSegmentSum', segment_ids value should be [0, {n})")
        flat = a.reshape((-1,) + a.shape[ids.ndim:])
        return wrap(jax.ops.segment_sum(flat, ids.reshape(-1), num_segments=n))


@functools.partial(jax.jit, static_argnums=(1, 2, 3))
def _cum_logsumexp(a, axis: int, reverse: bool, exclusive: bool):
    """One compiled scan (its gradient too, which is many small ops op by op)."""
    out = jax.lax.cumlogsumexp(_f32(a), axis, reverse=reverse)
    if exclusive:
        pad = [(0, 0)] * a.ndim
        pad[axis] = (0, 1) if reverse else (1, 0)
        n = a.shape[axis]
        keep = jax.lax.slice_in_dim(out, 1, None, axis=axis) if reverse else jax.lax.slice_in_dim(out, 0, n - 1,
                                                                                                  axis=axis)
        out = jnp.pad(keep, pad, constant_values=jnp.finfo(out.dtype).min)
    return out.astype(a.dtype)


class CumulativeLogsumexp(Primitive):
    """log(cumsum(exp(x))) along the axis given as a Tensor; `exclusive` leaves out each element itself (the first
    is the lowest finite value, as in MindSpore), `reverse` accumulates from the end."""

    @prim_attr_register
    def __init__(self, exclusive=False, reverse=False):
        _check_type("CumulativeLogsumexp", "exclusive", exclusive, (bool,), "bool")
        _check_type("CumulativeLogsumexp", "reverse", reverse, (bool,), "bool")

    def __call__(self, x, axis):
        a = _typed("CumulativeLogsumexp", "x", x, *_F16_32_64)
        if not isinstance(axis, Tensor):
            raise TypeError(f"For Primitive[CumulativeLogsumexp], the type of input argument[axis] must be Tensor but "
                            f"got {type(axis).__name__}.")
        ax = int(axis.item())
        if not -a.ndim <= ax < a.ndim:
            raise ValueError(f"For 'CumulativeLogsumexp', the 'axis' must be in range [{-a.ndim}, {a.ndim}), but got "
                             f"{ax}.")
        return wrap(_cum_logsumexp(a, ax % a.ndim, self.reverse, self.exclusive))


class Pack(Primitive):
    """The deprecated name of Stack: the Tensors of a list/tuple stacked along a new `axis`."""

    @prim_attr_register
    def __init__(self, axis=0):
        _check_type("Pack", "axis", axis, (int,), "int")

    def __call__(self, x):
        return A.stack(x, self.axis)


class Load(Primitive):
    """The current value of a Parameter (the second input, a monad in graphs, is ignored)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, variable, u=None):
        return wrap(tensor_arr(variable, "Load", "variable"))


# ---- nn --------------------------------------------------------------------------------------------------------

class CeLU(Primitive):
    """max(0, x) + min(0, alpha * (exp(x / alpha) - 1)) for Float16/32/64 `x` (Float16 computed in Float32)."""

    @prim_attr_register
    def __init__(self, alpha=1.0):
        pass

    def __call__(self, x):
        a = _typed("CeLU", "input_x", x, *_F16_32_64)
        return wrap(jax.nn.celu(_f32(a), self.alpha).astype(a.dtype))


# MindSpore lists BFloat16/Float16/Float32; Float64 is accepted too (mindgrad's gradient checks run in Float64).
_HALF_FLOATS = ((np.float16, np.float32, jnp.bfloat16, np.float64), "BFloat16, Float16, Float32")


class HShrink(Primitive):
    """x where |x| > lambd, else 0 (BFloat16/Float16/Float32)."""

    @prim_attr_register
    def __init__(self, lambd=0.5):
        _check_type("HShrink", "lambd", lambd, (float,), "float")

    def __call__(self, input):  # noqa: A002 - MindSpore's name
        a = tensor_arr(input, "HShrink", "input_x")
        if a.dtype not in _HALF_FLOATS[0]:
            raise TypeError(f"For primitive[HShrink], the input argument[input_x] must be a type of "
                            f"{{{_HALF_FLOATS[1]}}}, but got {dtype_name(a.dtype)}.")
        return wrap(jnp.where(jnp.abs(a) > self.lambd, a, jnp.zeros_like(a)))


class SoftShrink(Primitive):
    """x - sign(x) * lambd where |x| > lambd, else 0; a negative `lambd` is MindSpore's RuntimeError when called."""

    @prim_attr_register
    def __init__(self, lambd=0.5):
        pass

    def __call__(self, input):  # noqa: A002 - MindSpore's name
        a = tensor_arr(input, "SoftShrink", "input_x")
        if a.dtype not in _HALF_FLOATS[0]:
            raise TypeError(f"For primitive[SoftShrink], the input argument[input_x] must be a type of "
                            f"{{{_HALF_FLOATS[1]}}}, but got {dtype_name(a.dtype)}.")
        if self.lambd < 0:
            raise RuntimeError(f"For 'SoftShrink', the values for lambd should be greater or equal to 0, but found to "
                               f"be [{self.lambd:g}].")
        return NN.softshrink(input, self.lambd)


class Softsign(Primitive):
    """x / (1 + |x|) for Float16/32/64 `x`."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input_x):
        a = _typed("Softsign", "input_x", input_x, *_F16_32_64)
        b = _f32(a)
        return wrap((b / (1 + jnp.abs(b))).astype(a.dtype))


def _triple(op: str, name: str, value, minimum: int) -> tuple:
    if _is_int(value):
        value = (value,) * 3
    if not isinstance(value, tuple) or not all(_is_int(v) for v in value):
        raise TypeError(f"For '{op}', the type of '{name}' should be one of '['int', 'tuple']', but got type "
                        f"'{type(value).__name__}'.")
    if len(value) == 5:
        value = value[2:]
    if len(value) != 3 or any(v < minimum for v in value):
        raise ValueError(f"For '{op}', the '{name}' should be an int >= {minimum} or a tuple of three, but got "
                         f"{value}.")
    return tuple(int(v) for v in value)


class Conv3D(Primitive):
    """3-D cross-correlation of x (N, C, D, H, W) by weight (out_channel, C / group, kd, kh, kw); `pad_mode`
    'valid', 'same' (centred, the extra cell at the end) or 'pad' with `pad` an int or (head, tail, top, bottom,
    left, right). MindSpore 2.10 refuses a third (bias) input with a TypeError, and so does this."""

    @prim_attr_register
    def __init__(self, out_channel, kernel_size, mode=1, pad_mode="valid", pad=0, stride=1, dilation=1, group=1,
                 data_format="NCDHW"):
        for name, v in (("out_channel", out_channel), ("group", group)):
            if not _is_int(v):
                raise TypeError(f"For 'Conv3D', the type of '{name}' should be 'int', but got type "
                                f"'{type(v).__name__}'.")
            if v < 1:
                raise ValueError(f"For 'Conv3D', the '{name}' must be int and must >= 1, but got '{v}'.")
        self.kernel_size = _triple("Conv3D", "kernel_size", kernel_size, 1)
        self.stride = _triple("Conv3D", "stride", stride, 1)
        self.dilation = _triple("Conv3D", "dilation", dilation, 1)
        if mode != 1:
            raise ValueError(f"For 'Conv3D', the 'mode' must be int and must = 1, but got '{mode}' with type "
                             f"'{type(mode).__name__}'.")
        if pad_mode not in ("valid", "same", "pad"):
            raise ValueError(f"For 'Conv3D', the 'pad_mode' must be str and must be in '['valid', 'same', 'pad']', "
                             f"but got '{pad_mode}'.")
        pads = (pad,) * 6 if _is_int(pad) else pad
        if not isinstance(pads, tuple) or len(pads) != 6 or not all(_is_int(v) and v >= 0 for v in pads):
            raise ValueError(f"For 'Conv3D', the 'pad' must be a non-negative int or a tuple of six, but got {pad}.")
        if pad_mode != "pad" and any(pads):
            raise ValueError(f"For 'Conv3D', the 'pad' must be zero or (0, 0, 0, 0, 0, 0) when 'pad_mode' is not "
                             f"\"pad\", but got 'pad' is {pad} and 'pad_mode' is {pad_mode}.")
        if data_format != "NCDHW":
            raise ValueError(f"For 'Conv3D', the 'data_format' must be str and must be in '['NCDHW']', but got "
                             f"'{data_format}'.")
        self.pad_list = tuple(int(v) for v in pads)

    def __call__(self, x, weight, *bias):
        if bias:
            raise TypeError("For 'Conv3D', MindSpore 2.10 takes no 'bias' input (not even None); add the bias after "
                            "the convolution.")
        # Float64 is accepted beyond MindSpore's Float16/Float32 (mindgrad's gradient checks run in Float64)
        a = _typed("Conv3D", "x", x, (np.float16, np.float32, np.float64), "Tensor[Float16], Tensor[Float32]")
        w = _typed("Conv3D", "weight", weight, (np.float16, np.float32, np.float64), "Tensor[Float16], Tensor[Float32]")
        if a.ndim != 5 or w.ndim != 5:
            raise ValueError(f"For 'Conv3D', 'x' and 'weight' must be 5-D, but got {a.ndim}-D and {w.ndim}-D.")
        if w.shape[0] != self.out_channel or w.shape[2:] != self.kernel_size or \
                a.shape[1] != w.shape[1] * self.group:
            want = [self.out_channel, a.shape[1] // self.group, *self.kernel_size]
            raise ValueError(f"For 'Conv3D', 'weight' must have shape {want}, but got {list(w.shape)}.")
        if self.pad_mode == "pad":
            padding = [tuple(self.pad_list[i:i + 2]) for i in (0, 2, 4)]
        elif self.pad_mode == "same":
            padding = []
            for size, k, s, d in zip(a.shape[2:], self.kernel_size, self.stride, self.dilation, strict=True):
                total = max((-(-size // s) - 1) * s + (k - 1) * d + 1 - size, 0)
                padding.append((total // 2, total - total // 2))
        else:
            padding = [(0, 0)] * 3
        out = jax.lax.conv_general_dilated(a, w.astype(a.dtype), self.stride, padding, rhs_dilation=self.dilation,
                                           dimension_numbers=("NCDHW", "OIDHW", "NCDHW"),
                                           feature_group_count=self.group)
        return wrap(out)


@functools.partial(jax.jit, static_argnums=1)
def _adaptive_avg_pool3d(a, sizes: tuple):
    """`ops` adaptive average pooling of the last three axes, compiled once per shape (its gradient too)."""
    return NN.adaptive_avg_pool_nd(wrap(a), sizes, 3, "AdaptiveAvgPool3D")._arr


class AdaptiveAvgPool3D(Primitive):
    """Average pooling of (N, C, D, H, W) or (C, D, H, W) to `output_size` (an int or three; None keeps an axis)."""

    @prim_attr_register
    def __init__(self, output_size):
        pass

    def __call__(self, x):
        size = self.output_size
        sizes = (size,) * 3 if _is_int(size) else size
        if not isinstance(sizes, (tuple, list)) or len(sizes) != 3 or \
                not all(v is None or (_is_int(v) and v > 0) for v in sizes):
            raise ValueError(f"For 'AdaptiveAvgPool3D', the 'output_size' must be a positive int or a tuple of three "
                             f"positive ints or None, but got {size}.")
        return wrap(_adaptive_avg_pool3d(tensor_arr(x, "AdaptiveAvgPool3D", "x"), tuple(sizes)))


class AdaptiveMaxPool2D(Primitive):
    """(max pooling of (N, C, H, W) or (C, H, W) to `output_size`, Int64 flat H * W position of each maximum);
    `output_size` a tuple/list of two ints."""

    @prim_attr_register
    def __init__(self, output_size):
        if not isinstance(output_size, (tuple, list)):
            raise TypeError(f"For 'AdaptiveMaxPool2D', the type of 'output_size' should be one of '[list of int, "
                            f"tuple of int]', but got {type(output_size)}.")

    def __call__(self, input):  # noqa: A002 - MindSpore's name
        if len(self.output_size) != 2 or not all(_is_int(v) for v in self.output_size):
            raise TypeError(f"Failed calling AdaptiveMaxPool2D with \"AdaptiveMaxPool2D(output_size="
                            f"{self.output_size})(input=Tensor)\".")
        a = tensor_arr(input, "AdaptiveMaxPool2D")
        if a.dtype not in (np.float16, np.float32, np.float64):
            raise TypeError(f"For 'AdaptiveMaxPool2D', the 'input' should be a Tensor of Float16, Float32 or "
                            f"Float64, but got {dtype_name(a.dtype)}.")
        return NN.adaptive_max_pool_nd(input, tuple(self.output_size), True, 2, "AdaptiveMaxPool2D")


@functools.partial(jax.jit, static_argnums=3)
def _instance_norm(a, g, b, epsilon: float):
    """(normalized x, (N * C,) means, (N * C,) biased variances), Float16 computed in Float32."""
    x = _f32(a)
    axes = tuple(range(2, a.ndim))
    mu, var = jnp.mean(x, axis=axes, keepdims=True), jnp.var(x, axis=axes, keepdims=True)
    shape = (1, -1) + (1,) * (a.ndim - 2)
    y = (x - mu) / jnp.sqrt(var + epsilon) * g.reshape(shape) + b.reshape(shape)
    return y.astype(a.dtype), mu.reshape(-1), var.reshape(-1)


class InstanceNorm(Primitive):
    """y = (x - mean) / sqrt(variance + epsilon) * gamma + beta with the mean and (biased) variance of each sample
    and channel of x (N, C, ...); returns (y, the (N * C,) means, the (N * C,) variances) and moves the Parameters
    `mean` / `variance` (C,) to momentum * running + (1 - momentum) * batch average, as documented. MindSpore 2.10
    has this only on GPU."""

    @prim_attr_register
    def __init__(self, epsilon=1e-5, momentum=0.1):
        _check_type("InstanceNorm", "epsilon", epsilon, (float,), "float")
        _check_type("InstanceNorm", "momentum", momentum, (float,), "float")
        if not 0 < epsilon <= 1:
            raise ValueError(f"For 'InstanceNorm', the 'epsilon' must be in range of (0, 1], but got {epsilon} with "
                             f"type 'float'.")
        if not 0 <= momentum <= 1:
            raise ValueError(f"For 'InstanceNorm', the 'momentum' must be in range of [0, 1], but got {momentum} with "
                             f"type 'float'.")

    def __call__(self, input_x, gamma, beta, mean, variance):
        # Float64 is accepted beyond MindSpore's Float16/Float32 (mindgrad's gradient checks run in Float64)
        a = _typed("InstanceNorm", "input_x", input_x, (np.float16, np.float32, np.float64),
                   "Tensor[Float16], Tensor[Float32]")
        g, b = tensor_arr(gamma, "InstanceNorm", "gamma"), tensor_arr(beta, "InstanceNorm", "beta")
        y, mu, var = _instance_norm(a, g, b, self.epsilon)
        n, c = a.shape[:2]
        m = self.momentum
        _store(mean, wrap(m * tensor_arr(mean, "InstanceNorm", "mean") + (1 - m) * mu.reshape(n, c).mean(0)),
               "InstanceNorm")
        _store(variance, wrap(m * tensor_arr(variance, "InstanceNorm", "variance") +
                              (1 - m) * var.reshape(n, c).mean(0)), "InstanceNorm")
        return wrap(y), wrap(mu), wrap(var)


class CTCLossV2(Primitive):
    """(per-sample loss, log_alpha) of CTC over log_probs (T, N, C), targets (N, S) and the lengths; `reduction`
    must be 'none' (`ops.ctc_loss` reduces)."""

    @prim_attr_register
    def __init__(self, blank=0, reduction="none", zero_infinity=False):
        _check_type("CTCLossV2", "blank", blank, (int,), "int")
        if reduction != "none":
            raise ValueError(f"For 'CTCLossV2', the 'reduction' must be str and must be in '['none']', but got "
                             f"'{reduction}'.")
        _check_type("CTCLossV2", "zero_infinity", zero_infinity, (bool,), "bool")

    def __call__(self, log_probs, targets, input_lengths, target_lengths):
        return ctc_func.ctc_loss(log_probs, targets, input_lengths, target_lengths, self.blank, self.reduction,
                                 self.zero_infinity)


# ---- parameter server (no such server here) --------------------------------------------------------------------

class Pull(Primitive):
    """Pulls a weight from MindSpore's parameter server: constructible, but calling it is a RuntimeError (there is
    no parameter server here, as on MindSpore's CPU build without one)."""

    @prim_attr_register
    def __init__(self):
        self.add_prim_attr("primitive_target", "CPU")

    def __call__(self, *args):
        raise RuntimeError(f"'{type(self).__name__}' needs MindSpore's parameter server (MS_ROLE/MS_SCHED_HOST "
                           f"distributed training), which mindgrad does not have.")


class Push(Pull):
    """Pushes gradients to MindSpore's parameter server: constructible, but calling it is a RuntimeError."""

    @prim_attr_register
    def __init__(self, optim_type="ApplyMomentum", only_shape_indices=None):
        self.add_prim_attr("primitive_target", "CPU")
