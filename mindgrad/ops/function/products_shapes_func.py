"""Session 8's tail of `mindspore.ops` math and array functions (tailfn): products (`kron`, `ger`, `inner`, `addr`,
`batch_dot`), distances (`dist`, and `pdist` in nn_pool3d_func), diagonal builders (`diag_embed`, `matrix_diag`),
shape helpers (`atleast_1d/2d/3d`, `column_stack`), `clip_by_norm`, `combinations`, `sequence_mask`, `intopk`,
`kaiser_window`, the division spellings `floor_div` / `truncate_div`, `subtract` with `alpha`, `eig`, the Parameter
writes `scatter_nd_add` / `scatter_update`, and the random row permutation `shuffle`. Each follows MindSpore 2.10's
argument checks and dtype rules (errors name the argument)."""

from __future__ import annotations

import itertools

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor, operands, wrap
from ._helpers import concrete, dtype_name, is_float, np_dtype, tensor_arr
from .array_func import concat
from .math_func import div, floor_divide, sub
from .parameter_func import _store
from .random_func import functional_key

__all__ = ["kron", "ger", "inner", "addr", "batch_dot", "dist", "diag_embed", "matrix_diag", "atleast_1d",
           "atleast_2d", "atleast_3d", "column_stack", "clip_by_norm", "combinations", "sequence_mask", "intopk",
           "kaiser_window", "floor_div", "truncate_div", "subtract", "eig", "scatter_nd_add", "scatter_update",
           "shuffle"]

_FLOATS = (np.float16, np.float32, np.float64)


def _float_dtype(a, op: str, name: str, allowed=_FLOATS) -> None:
    if a.dtype not in allowed:
        names = ", ".join(f"Tensor[{dtype_name(np.dtype(d))}]" for d in allowed)
        raise TypeError(f"For primitive[{op}], the input argument[{name}] must be a type of {{{names}}}, but got "
                        f"Tensor[{dtype_name(a.dtype)}].")


def kron(input, other) -> Tensor:  # noqa: A002 - MindSpore's name
    """The Kronecker product; operands of different ranks are aligned on their trailing axes, a 0-D operand
    multiplies (dtypes promote as in `ops.mul`)."""
    if not isinstance(input, Tensor):
        raise TypeError("the input must be Tensor!")
    if not isinstance(other, Tensor):
        raise TypeError("the other must be Tensor!")
    x, y = operands(input, other, "kron")
    return wrap(x * y if x.ndim == 0 or y.ndim == 0 else jnp.kron(x, y))


def ger(input, vec2) -> Tensor:  # noqa: A002 - MindSpore's name
    """The outer product of two 1-D float Tensors of one dtype (`P.Ger`)."""
    a, b = tensor_arr(input, "Ger", "x1"), tensor_arr(vec2, "Ger", "x2")
    _float_dtype(a, "Ger", "x1")
    _float_dtype(b, "Ger", "x2")
    if a.dtype != b.dtype:
        raise TypeError(f"For 'Ger', the dtypes of 'x1' and 'x2' should be the same, but got {dtype_name(a.dtype)} "
                        f"and {dtype_name(b.dtype)}.")
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(f"For 'Ger', 'x1' and 'x2' should be 1-D, but got {a.ndim}-D and {b.ndim}-D.")
    return wrap(jnp.outer(a, b))


def inner(input, other) -> Tensor:  # noqa: A002 - MindSpore's name
    """Sum of products over the last axes (`tensor_dot(input, other, (-1, -1))`); a 0-D operand multiplies."""
    x, y = tensor_arr(input, "inner"), tensor_arr(other, "inner", "other")
    if x.ndim == 0 or y.ndim == 0:
        return input * other
    if x.shape[-1] != y.shape[-1]:
        raise ValueError(f"For 'inner', the last dimension of 'input' and 'other' must be the same, but got "
                         f"input.shape: {x.shape} and other.shape: {y.shape}.")
    if x.dtype != y.dtype:
        raise TypeError(f"For 'TensorDot', the dtypes of 'x1' and 'x2' should be the same, but got "
                        f"{dtype_name(x.dtype)} and {dtype_name(y.dtype)}.")
    return wrap(jnp.tensordot(x, y, axes=(-1, -1)))


def _scalar(value, name: str, op: str):
    if not isinstance(value, (int, float, bool)):
        raise TypeError(f"For '{op}', the type of '{name}' should be one of '[int, float, bool]', but got type "
                        f"'{type(value).__name__}'.")
    return value


def addr(x, vec1, vec2, *, beta=1, alpha=1) -> Tensor:
    """beta * x + alpha * outer(vec1, vec2); integer `x` takes `beta` and `alpha` truncated to integers."""
    if not (isinstance(x, Tensor) and isinstance(vec1, Tensor) and isinstance(vec2, Tensor)):
        raise TypeError("For Addr, inputs must be all tensors.")
    if vec1.dtype != vec2.dtype:
        raise TypeError("For Addr, the vec1 and vec2 should be the same dtype.")
    if x._arr.dtype not in _FLOATS + (np.int16, np.int32, np.int64):
        raise TypeError(f"For 'Addr', the 'x' should be a Tensor of Float16, Float32, Float64, Int16, Int32 or Int64, "
                        f"but got {dtype_name(x._arr.dtype)}.")
    alpha, beta = _scalar(alpha, "alpha", "Addr"), _scalar(beta, "beta", "Addr")
    if not is_float(x._arr.dtype):
        alpha, beta = int(alpha), int(beta)
    prod = wrap(vec1._arr.reshape(-1, 1) @ vec2._arr.reshape(1, -1))
    return beta * x + alpha * prod


def _batch_axes(s1, s2, axes, op: str) -> list:
    """MindSpore's `batch_dot` axes: None (last of x1, second-last of x2 or last when 2-D), an int, or a pair."""
    if isinstance(axes, (tuple, list)):
        if len(axes) != 2:
            raise ValueError(f"For '{op}', the length of 'axes' must be equal to 2, but got {len(axes)}.")
        if 0 in axes:
            raise ValueError(f"For '{op}', 'axes' cannot contain 0, but got axes: {axes}.")
        axes = [a + len(s) if a < 0 else a for a, s in zip(axes, (s1, s2), strict=True)]
        if axes[0] >= len(s1) or axes[1] >= len(s2):
            raise ValueError(f"For '{op}', the 'axes' is out of range, got axes {axes}.")
        return axes
    if isinstance(axes, int) and not isinstance(axes, bool):
        if axes == 0:
            raise ValueError(f"For '{op}', 'axes' should not be equal to 0, but got {axes}.")
        axes = axes + len(s1) if axes < 0 else axes
        return [axes, axes]
    if axes is None:
        return [len(s1) - 1, len(s2) - 1 if len(s2) == 2 else len(s2) - 2]
    raise ValueError(f"For '{op}', the type of 'axes' must be one of those: int, tuple(int), list(int), but got "
                     f"{type(axes).__name__}.")


def batch_dot(x1, x2, axes=None) -> Tensor:
    """Per-batch tensor dot of x1 (B, ...) and x2 (B, ...) over axes[0] of x1 and axes[1] of x2; a 2-D operand
    is treated as (B, K) and its added axis is squeezed again."""
    op = "batch_dot"
    a, b = tensor_arr(x1, op, "x1"), tensor_arr(x2, op, "x2")
    if a.ndim < 2 or b.ndim < 2:
        raise ValueError(f"For '{op}', the dimension of 'x1' and 'x2' must be greater than or equal to 2, but got "
                         f"x1: {a.ndim}, x2: {b.ndim}.")
    for name, t in (("x1", a), ("x2", b)):
        if t.dtype not in (np.float32, np.float64):  # MindSpore: Float32 only; Float64 kept for float64 checks
            raise TypeError(f"The '{name}' doesn't support '{dtype_name(t.dtype)}' and expect to receive "
                            f"[mindspore.float32].")
    if a.shape[0] != b.shape[0]:
        raise ValueError(f"For '{op}', the batch size of 'x1' and 'x2' must be equal, but got {a.shape[0]} and "
                         f"{b.shape[0]}.")
    ax = _batch_axes(a.shape, b.shape, axes, op)
    if a.shape[ax[0]] != b.shape[ax[1]]:
        raise ValueError(f"For '{op}', the size of the contracted axes must be equal, but got {a.shape[ax[0]]} "
                         f"and {b.shape[ax[1]]}.")
    out = jax.lax.dot_general(a, b, (((ax[0],), (ax[1],)), ((0,), (0,))))
    return wrap(out[:, None] if a.ndim == 2 and b.ndim == 2 else out)


def dist(input, other, p=2) -> Tensor:  # noqa: A002 - MindSpore's name
    """The p-norm of input - other flattened (|difference| for 0-D); p = 0 counts the nonzero differences."""
    if not isinstance(input, Tensor):
        raise TypeError(f"For 'dist', 'input' must be a tensor, but got {type(input)}")
    if not isinstance(other, Tensor):
        raise TypeError(f"For 'dist', 'other' must be a tensor, but got {type(other)}")
    z = (input - other)._arr
    if z.ndim == 0:
        return wrap(jnp.abs(z))
    z = jnp.abs(z.reshape(-1))
    if p == 0:
        return wrap(jnp.sum(z != 0).astype(z.dtype))
    if p == float("inf"):
        return wrap(jnp.max(z))
    return wrap(jnp.sum(z ** p) ** (1.0 / p))


def _check_int_arg(value, name: str, op: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"For '{op}', the type of '{name}' should be 'int', but got type '{type(value).__name__}'.")
    return value


def diag_embed(input, offset: int = 0, dim1: int = -2, dim2: int = -1) -> Tensor:  # noqa: A002 - MindSpore's name
    """A Tensor whose (dim1, dim2) planes carry the last axis of `input` on their `offset` diagonal, zeros
    elsewhere."""
    op = "diag_embed"
    if not isinstance(input, Tensor):
        raise TypeError("For 'diag_embed', 'input' must be Tensor.")
    a = input._arr
    if a.dtype not in _FLOATS + (np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64):
        raise TypeError(f"For 'diag_embed', the dtype of 'input' must be int8, int16, int32, int64, uint8, uint16, "
                        f"uint32, uint64, float16, float32 or float64, but got '{dtype_name(a.dtype)}'.")
    for name, v in (("offset", offset), ("dim1", dim1), ("dim2", dim2)):
        _check_int_arg(v, name, op)
    if a.ndim > 6:
        raise ValueError("For 'diag_embed', the dimension of 'input' must be 1-6D.")
    out_dim = a.ndim + 1
    for name, v in (("dim1", dim1), ("dim2", dim2)):
        if not -out_dim <= v <= out_dim - 1:
            raise ValueError(f"For 'diag_embed', '{name}' must be in range of [{-out_dim}, {out_dim - 1}], but got "
                             f"{v}.")
    d1, d2 = dim1 % out_dim, dim2 % out_dim
    if d1 == d2:
        raise ValueError("For 'diag_embed', 'dim1' must not be identical to 'dim2'.")
    n = a.shape[-1]
    size = n + abs(offset)
    rows = np.arange(n) + max(-offset, 0)
    cols = np.arange(n) + max(offset, 0)
    plane = jnp.zeros(a.shape[:-1] + (size, size), a.dtype).at[..., rows, cols].set(a)
    rest = iter(range(out_dim - 2))
    perm = [out_dim - 2 if i == d1 else out_dim - 1 if i == d2 else next(rest) for i in range(out_dim)]
    return wrap(jnp.transpose(plane, perm))


def _int_value(v):
    return v.tolist() if isinstance(v, Tensor) else v


def matrix_diag(x, k=0, num_rows=-1, num_cols=-1, padding_value=0, align: str = "RIGHT_LEFT") -> Tensor:
    """`P.MatrixDiagV3`: matrices (..., num_rows, num_cols) with the diagonals k[0]..k[1] taken from `x`
    ((..., num_diags, max_diag_len), or (..., max_diag_len) for one diagonal), `padding_value` elsewhere; `align`
    says how diagonals shorter than max_diag_len sit in their row of `x`."""
    op = "MatrixDiagV3"
    a = tensor_arr(x, op, "x")
    if align not in ("LEFT_RIGHT", "RIGHT_LEFT", "LEFT_LEFT", "RIGHT_RIGHT"):
        raise ValueError(f"For '{op}', the 'align' should be one of ['LEFT_RIGHT', 'RIGHT_LEFT', 'LEFT_LEFT', "
                         f"'RIGHT_RIGHT'], but got {align}.")
    if isinstance(k, (tuple, list)):
        raise TypeError(f"For primitive[{op}], the input[1] should be a Tensor, but got {type(k).__name__}.")
    k = _int_value(k)
    ks = [k, k] if isinstance(k, int) else list(k)
    if len(ks) == 1:
        ks = ks * 2
    if len(ks) != 2 or ks[0] > ks[1]:
        raise ValueError(f"For '{op}', 'k' should be an int or a pair (low, high) with low <= high, but got {k}.")
    lo, hi = ks
    if a.ndim < 1 or (lo != hi and a.ndim < 2):
        raise ValueError(f"For '{op}', the 'x' should be at least {1 if lo == hi else 2}-D, but got {a.ndim}-D.")
    diags = a[..., None, :] if lo == hi else a
    if diags.shape[-2] != hi - lo + 1:
        raise ValueError(f"For '{op}', the number of diagonals in 'x' should be {hi - lo + 1}, but got "
                         f"{diags.shape[-2]}.")
    max_len = diags.shape[-1]
    min_rows, min_cols = max_len - min(hi, 0), max_len + max(lo, 0)
    num_rows, num_cols = _int_value(num_rows), _int_value(num_cols)
    if num_rows == -1 and num_cols == -1:
        num_rows = num_cols = max(min_rows, min_cols)
    elif num_rows == -1:
        num_rows = min_rows
    elif num_cols == -1:
        num_cols = min_cols
    if num_rows < min_rows or num_cols < min_cols or (num_rows != min_rows and num_cols != min_cols):
        raise ValueError(f"For '{op}', the 'num_rows' and 'num_cols' should be at least {min_rows} and {min_cols}, "
                         f"one of them equal, but got {num_rows} and {num_cols}.")
    m, n = np.meshgrid(np.arange(num_rows), np.arange(num_cols), indexing="ij")
    d = n - m
    inside = (d >= lo) & (d <= hi)
    diag_len = np.minimum(num_rows + np.minimum(d, 0), num_cols - np.maximum(d, 0))
    right = np.where(d >= 0, align.startswith("RIGHT"), align.endswith("RIGHT"))
    index = np.minimum(m, n) + np.where(right, max_len - diag_len, 0)
    row = np.clip(hi - d, 0, hi - lo)
    picked = diags[..., row, np.clip(index, 0, max_len - 1)]
    pad = padding_value._arr if isinstance(padding_value, Tensor) else padding_value
    return wrap(jnp.where(inside, picked, jnp.asarray(pad, a.dtype)))


def _atleast(inputs, op: str) -> Tensor | tuple:
    if isinstance(inputs, Tensor):
        return wrap(getattr(jnp, op)(inputs._arr))
    for t in inputs:
        if not isinstance(t, Tensor):
            raise TypeError(f"For '{op}', each element of 'inputs' must be a tensor, but got {type(t)}")
    return tuple(_atleast(t, op) for t in inputs)


def atleast_1d(inputs) -> Tensor | tuple:
    """A Tensor (or each Tensor of a sequence, as a tuple) with at least one axis."""
    return _atleast(inputs, "atleast_1d")


def atleast_2d(inputs) -> Tensor | tuple:
    """A Tensor (or each of a sequence) with at least two axes: 1-D (N,) becomes (1, N)."""
    return _atleast(inputs, "atleast_2d")


def atleast_3d(inputs) -> Tensor | tuple:
    """A Tensor (or each of a sequence) with at least three axes: (N,) becomes (1, N, 1), (M, N) (M, N, 1)."""
    return _atleast(inputs, "atleast_3d")


def column_stack(tensors) -> Tensor:
    """1-D (and 0-D) Tensors as columns, joined with 2-D ones along axis 1."""
    if not isinstance(tensors, (list, tuple)):
        raise TypeError(f"For column_stack, the input must be list or tuple of tensors, but got {type(tensors)}.")
    cols = []
    for t in tensors:
        if not isinstance(t, Tensor):
            raise TypeError(f"For column_stack, the input element must be tensor, but got {type(t)}.")
        cols.append(t.reshape(-1, 1) if t.ndim < 2 else t)
    if not cols:
        raise ValueError("For column_stack, the input must have at least 1 tensor, but got 0.")
    return concat(cols, 1)


def _total_norm(arrays, p: float):
    """MindSpore's: the largest |x| for p = inf, else (sum of norm_i ** p) ** (1 / p) with
    norm_i = (sum x ** p) ** (1 / p) -- no absolute value, so an odd p can give a negative or NaN norm."""
    if p == float("inf"):
        return jnp.max(jnp.stack([jnp.max(jnp.abs(a)) for a in arrays]))
    norms = jnp.stack([(jnp.sum(a ** p) ** (1.0 / p)).astype(a.dtype) for a in arrays])
    return (jnp.sum(norms ** p) ** (1.0 / p)).astype(norms.dtype)


def clip_by_norm(x, max_norm, norm_type=2.0, error_if_nonfinite: bool = False):
    """Scale `x` (a Tensor, or all Tensors of a list/tuple together) by max_norm / (total norm + 1e-6) when that
    is below 1; the total norm is the `norm_type` norm of the Tensors' norms. An unclipped sequence comes back as
    it was given, a clipped one as a tuple."""
    single = isinstance(x, Tensor)
    tensors = [x] if single else x
    total = _total_norm([t._arr for t in tensors], float(norm_type))
    known = concrete(total)
    if error_if_nonfinite and known is not None and not np.isfinite(known):
        raise RuntimeError(f"For clip_by_norm, the total norm of order {norm_type} from input is non-finite.")
    coef = max_norm / (total + 1e-6)
    if known is not None and not coef < 1:
        return x
    out = tuple(wrap(t._arr * coef) if known is not None else wrap(jnp.where(coef < 1, t._arr * coef, t._arr))
                for t in tensors)
    return out[0] if single else out


def combinations(input, r: int = 2, with_replacement: bool = False) -> Tensor:  # noqa: A002 - MindSpore's name
    """The length-`r` combinations of a 1-D Tensor's elements, as rows (itertools order); empty (shape (0,),
    Float32) when there are none."""
    if not isinstance(input, Tensor):
        raise TypeError(f"For 'combinations', 'x' must be a tensor, but got {type(input)}")
    if input.ndim != 1:
        raise ValueError(f"For 'combinations', the dimension 'x' must be 1, but got {input.ndim}")
    if not isinstance(r, int):
        raise TypeError(f"For 'combinations', 'r' must be an integer, but got {type(r)}")
    pick = itertools.combinations_with_replacement if with_replacement else itertools.combinations
    rows = list(pick(range(input.shape[0]), r))
    if not rows or r == 0:
        return wrap(jnp.zeros((0,), jnp.float32 if not rows else input._arr.dtype))
    return wrap(input._arr[np.asarray(rows)])


def sequence_mask(lengths, maxlen=None) -> Tensor:
    """Bool mask (..., maxlen): position j of row i is j < lengths[i]; `maxlen` defaults to max(lengths)."""
    a = tensor_arr(lengths, "sequence_mask", "lengths")
    if a.dtype not in (np.int32, np.int64):
        raise TypeError(f"For 'sequence_mask', the 'lengths' should be a Tensor of Int32 or Int64, but got "
                        f"{dtype_name(a.dtype)}.")
    if maxlen is None:
        maxlen = int(np.max(np.asarray(a)))
    elif isinstance(maxlen, bool) or not isinstance(maxlen, int) or maxlen <= 0:
        raise ValueError(f"For 'sequence_mask', the 'maxlen' must be positive int, but got {maxlen}.")
    return wrap(jnp.arange(maxlen, dtype=a.dtype) < a[..., None])


def intopk(x1, x2, k: int) -> Tensor:
    """Bool per row: whether x1[i, x2[i]] is among the k largest of row i (fewer than k values are larger;
    non-finite targets never are). x1 Float16/Float32, x2 Int32/Int64."""
    op = "InTopK"
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"For '{op}', the type of 'k' should be 'int', but got type '{type(k).__name__}'.")
    a, t = tensor_arr(x1, op, "x1"), tensor_arr(x2, op, "x2")
    _float_dtype(a, op, "x1", (np.float16, np.float32))
    _float_dtype(t, op, "x2", (np.int32, np.int64))
    if a.ndim != 2 or t.ndim != 1 or t.shape[0] != a.shape[0]:
        raise ValueError(f"For '{op}', 'x1' should be 2-D and 'x2' 1-D of its first dimension, but got shapes "
                         f"{list(a.shape)} and {list(t.shape)}.")
    target = jnp.take_along_axis(a, t[:, None].astype(jnp.int32), axis=1)
    larger = jnp.sum(a > target, axis=1)
    return wrap((larger < k) & jnp.isfinite(target[:, 0]))


def kaiser_window(window_length: int, periodic: bool = True, beta: float = 12.0, *, dtype=None) -> Tensor:
    """The Kaiser window I0(beta * sqrt(1 - ((n - a) / a)^2)) / I0(beta), a = (N - 1) / 2 (N one longer and the
    last value dropped when `periodic`); Float64 unless `dtype` (a float type) is given."""
    if not isinstance(periodic, bool):
        raise TypeError(f"For 'kaiser_window', 'periodic' must be a variable of Boolean type, but got {type(periodic)}")
    if isinstance(window_length, bool) or not isinstance(window_length, int):
        raise TypeError(f"For 'kaiser_window', 'window_length' must be a non-negative integer, but got "
                        f"{type(window_length)}")
    if window_length < 0:
        raise ValueError(f"For 'kaiser_window', 'window_length' must be a non-negative integer, but got "
                         f"{window_length}")
    if window_length <= 1:
        return Tensor(np.ones(window_length))
    if dtype is not None and dtype not in (mstype.float16, mstype.float32, mstype.float64, mstype.bfloat16):
        raise TypeError(f"For 'kaiser_window', 'dtype' must be floating point dtypes, but got {dtype}.")
    length = window_length + 1 if periodic else window_length
    half = (length - 1) / 2.0
    w = np.i0(beta * np.sqrt(1 - ((np.arange(length) - half) / half) ** 2.0)) / np.i0(float(beta))
    w = w[:-1] if periodic else w
    return wrap(jnp.asarray(w, np_dtype(dtype, "kaiser_window") if dtype is not None else np.float64))


def floor_div(x, y) -> Tensor:
    """`P.FloorDiv`: division rounded toward negative infinity (integers stay integers)."""
    return floor_divide(x, y)


def truncate_div(x, y) -> Tensor:
    """`P.TruncateDiv`: division rounded toward zero (integers stay integers)."""
    return div(x, y, rounding_mode="trunc")


def subtract(input, other, *, alpha=1) -> Tensor:  # noqa: A002 - MindSpore's name
    """input - alpha * other."""
    return sub(input, alpha * other)


def eig(A) -> tuple:  # noqa: N803 - MindSpore's name
    """(eigenvalues, right eigenvectors as columns) of square float/complex matrices (..., N, N); complex results
    (Float32 -> Complex64, Float64 -> Complex128) in MindSpore's (Eigen's) order of increasing |value|, each
    eigenvector of unit norm. An eigenvector's phase (a unit complex factor), and the order within a complex
    conjugate pair, are LAPACK's, not Eigen's."""
    a = tensor_arr(A, "Eig", "x")
    _float_dtype(a, "Eig", "x", (np.float32, np.float64, np.complex64, np.complex128))
    if a.ndim < 2 or a.shape[-1] != a.shape[-2]:
        raise ValueError(f"For 'Eig', the 'x' should be square matrices (..., N, N), but got shape {list(a.shape)}.")
    return tuple(wrap(r) for r in _eig_sorted(a))


@jax.jit
def _eig_sorted(a):
    """LAPACK's eigenpairs, reordered by increasing |value| as MindSpore's (Eigen's) solver returns them."""
    values, vectors = jnp.linalg.eig(a)
    order = jnp.argsort(jnp.abs(values), axis=-1, stable=True)
    return jnp.take_along_axis(values, order, -1), jnp.take_along_axis(vectors, order[..., None, :], -1)


def _index_dtype(idx, op: str) -> None:
    if idx.dtype not in (jnp.int32, jnp.int64):
        raise TypeError(f"For '{op}', the 'indices' should be a Tensor of Int32 or Int64, but got "
                        f"{dtype_name(idx.dtype)}.")


def scatter_nd_add(input_x, indices, updates, use_locking: bool = False) -> Tensor:
    """`P.ScatterNdAdd`: adds `updates` into the Parameter `input_x` at the index tuples in the last axis of
    `indices` (repeated indices accumulate); returns the updated value."""
    op = "ScatterNdAdd"
    if not isinstance(use_locking, bool):
        raise TypeError(f"For '{op}', the type of 'use_locking' should be 'bool', but got type "
                        f"'{type(use_locking).__name__}'.")
    a = tensor_arr(input_x, op, "input_x")
    idx, u = tensor_arr(indices, op, "indices"), tensor_arr(updates, op, "updates")
    _index_dtype(idx, op)
    depth = idx.shape[-1]
    if u.shape != idx.shape[:-1] + a.shape[depth:]:
        raise ValueError(f"For '{op}', the 'updates' should have shape {list(idx.shape[:-1] + a.shape[depth:])}, "
                         f"but got {list(u.shape)}.")
    new = a.at[tuple(jnp.moveaxis(idx, -1, 0))].add(u.astype(a.dtype))
    return _store(input_x, wrap(new), op)


def scatter_update(input_x, indices, updates) -> Tensor:
    """`P.ScatterUpdate`: writes `updates` (indices.shape + input_x.shape[1:]) into the rows `indices` of the
    Parameter `input_x`; returns the updated value."""
    from ..operations.tail2_ops import ScatterUpdate  # the Primitive module imports this package
    return ScatterUpdate()(input_x, indices, updates)


def shuffle(x, seed=None) -> Tensor:
    """A random permutation of `x` along axis 0 (`P.RandomShuffle`; `seed` a non-negative int or None, the
    draw from mindgrad's functional random stream, seeded by ms.set_seed)."""
    a = tensor_arr(x, "shuffle", "x")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise ValueError(f"For 'shuffle', the 'seed' must be a non-negative int or None, but got {seed}.")
    if a.ndim == 0:
        return wrap(a)
    key = functional_key() if seed is None else jax.random.fold_in(functional_key(), seed)
    return wrap(jax.random.permutation(key, a, axis=0, independent=False))


# MindSpore's Tensor methods of the same names (`x.addr(vec1, vec2)`, `x.ger(vec2)`, `x.inner(other)`); a method
# the class already defines is kept.
_TENSOR_METHODS = {
    "addr": lambda self, vec1, vec2, beta=1, alpha=1: addr(self, vec1, vec2, beta=beta, alpha=alpha),
    "ger": lambda self, vec2: ger(self, vec2),
    "inner": lambda self, other: inner(self, other),
}
for _name, _fn in _TENSOR_METHODS.items():
    if _name not in vars(Tensor):
        setattr(Tensor, _name, _fn)
