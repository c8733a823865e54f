"""`mindspore.ops` functions that `mindspore.mint` names share (issue 20), and the JAX of the mint-only ones.

The ops functions (`addcmul`, `cummax`, `median`, `std_mean`, `vector_norm`, `qr`, ...) take MindSpore's `ops`
arguments (`axis`, `keepdims`, `ddof`) and are exported from `mindspore.ops`; `mindgrad.mint` renames them. The
`mint_*` functions below have no `ops` counterpart in MindSpore 2.10 (`kthvalue`, `vdot`, `conv_tbc`, the
`batch_norm_*` statistics, torch-style `diag`/`select`/`unique`/`normal`), or one its CPU build cannot run (`take`,
`isneginf`, `logical_xor`: no golden case can pin the `ops` spelling yet), and are reached through `mint` only.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor, wrap
from ._helpers import (arr, axes, binary, broadcast_operands, check_axis, check_int, dtype_name, is_float,
                       np_dtype, tensor_arr)
from .elementwise_func import _float_unary, mod
from .random_func import functional_key
from .reduction_func import _MATRIX_ORDS, _matrix_norm, _vector_norm, mean, std, var
from .sampling_func import randint

_INT64 = np.dtype(np.int64)


def _to_float(a):
    return a if is_float(a.dtype) else a.astype(jnp.float32)


# ---- element-wise ------------------------------------------------------------------------------------------------

def _unary_to_float(fn, name: str):
    def call(input) -> Tensor:  # noqa: A002
        return wrap(fn(_to_float(tensor_arr(input, name))))

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"`{name}`: element-wise `{fn.__name__}`; integer and bool inputs give Float32."
    return call


exp2 = _unary_to_float(jnp.exp2, "exp2")
sinc = _unary_to_float(jnp.sinc, "sinc")    # sin(pi x) / (pi x), 1 at 0
log10 = _float_unary(jnp.log10, "log10", "log10")


def frac(x) -> Tensor:
    """x - trunc(x), in x's dtype (zeros for integers)."""
    a = tensor_arr(x, "frac", "x")
    return wrap(a - jnp.trunc(a) if is_float(a.dtype) else jnp.zeros_like(a))


fmod = mod  # `ops.fmod` is `ops.mod`: the remainder of truncated division


def float_power(input, exponent) -> Tensor:  # noqa: A002
    """input ** exponent computed in Float64 (Complex128 for complex operands)."""
    x, y = broadcast_operands(input, exponent, "float_power")
    dt = jnp.complex128 if jnp.iscomplexobj(x) else jnp.float64
    return wrap(jnp.power(x.astype(dt), y.astype(dt)))


def gcd(input, other) -> Tensor:  # noqa: A002
    """Element-wise greatest common divisor of two integer Tensors."""
    for name, v in (("input", input), ("other", other)):
        a = tensor_arr(v, "gcd", name)
        if not jnp.issubdtype(a.dtype, jnp.integer):
            raise TypeError(f"For 'gcd', the '{name}' should be a Tensor of Int16, Int32 or Int64, "
                            f"but got {dtype_name(a.dtype)}.")
    return binary(jnp.gcd, input, other, "gcd")


def _logaddexp(fn, name: str):
    def call(input, other) -> Tensor:  # noqa: A002
        for arg, v in (("input", input), ("other", other)):
            a = tensor_arr(v, name, arg)
            if not is_float(a.dtype):
                raise TypeError(f"For '{name}', the '{arg}' should be a float Tensor, but got {dtype_name(a.dtype)}.")
        return binary(fn, input, other, name)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"`{name}`: {fn.__name__} of two float Tensors (TypeError for other dtypes or non-Tensors)."
    return call


logaddexp = _logaddexp(jnp.logaddexp, "logaddexp")
logaddexp2 = _logaddexp(jnp.logaddexp2, "logaddexp2")


def addcmul(input, tensor1, tensor2, value=1) -> Tensor:  # noqa: A002
    """input + value * tensor1 * tensor2."""
    product = binary(jnp.multiply, tensor1, tensor2, "addcmul")
    return binary(jnp.add, input, binary(jnp.multiply, value, product, "addcmul"), "addcmul")


def addcdiv(input, tensor1, tensor2, value=1) -> Tensor:  # noqa: A002
    """input + value * tensor1 / tensor2."""
    quotient = binary(jnp.divide, tensor1, tensor2, "addcdiv")
    return binary(jnp.add, input, binary(jnp.multiply, value, quotient, "addcdiv"), "addcdiv")


# ---- matrices ----------------------------------------------------------------------------------------------------

def _rank(a, n: int, op: str, name: str):
    if a.ndim != n:
        raise ValueError(f"For '{op}', the '{name}' should be {n}-D, but got {a.ndim}-D.")
    return a


def mv(mat, vec) -> Tensor:
    """Matrix (n, m) times vector (m,)."""
    m = _rank(tensor_arr(mat, "mv", "mat"), 2, "mv", "mat")
    v = _rank(tensor_arr(vec, "mv", "vec"), 1, "mv", "vec")
    return wrap(jnp.matmul(m, v))


def _scaled_sum(input, product, beta, alpha, op: str) -> Tensor:
    base = tensor_arr(input, op)
    if beta == 0:  # `input` ignored (its NaNs too), as torch's
        return wrap(jnp.broadcast_to(alpha * product, jnp.broadcast_shapes(base.shape, product.shape)))
    return wrap(beta * base + alpha * product)


def addmv(input, mat, vec, *, beta=1, alpha=1) -> Tensor:  # noqa: A002
    """beta * input + alpha * (mat @ vec)."""
    return _scaled_sum(input, mv(mat, vec)._arr, beta, alpha, "addmv")


def addbmm(input, batch1, batch2, *, beta=1, alpha=1) -> Tensor:  # noqa: A002
    """beta * input + alpha * sum over the batch of batch1[i] @ batch2[i]."""
    a = _rank(tensor_arr(batch1, "addbmm", "batch1"), 3, "addbmm", "batch1")
    b = _rank(tensor_arr(batch2, "addbmm", "batch2"), 3, "addbmm", "batch2")
    return _scaled_sum(input, jnp.einsum("bij,bjk->ik", a, b), beta, alpha, "addbmm")


def trace(input) -> Tensor:  # noqa: A002
    """Sum of the main diagonal of a 2-D Tensor, in its dtype."""
    a = tensor_arr(input, "trace")
    if a.ndim != 2:
        raise RuntimeError(f"For 'trace', the rank of the input must be 2, but got {a.ndim}.")
    return wrap(jnp.trace(a).astype(a.dtype))


def t(input) -> Tensor:  # noqa: A002
    """Transpose of a 2-D Tensor; other Tensors as they are (MindSpore 2.10 returns a 3-D input unchanged)."""
    a = tensor_arr(input, "t")
    return wrap(a.T if a.ndim == 2 else a)


def ravel(input) -> Tensor:  # noqa: A002
    """`input` flattened to 1-D."""
    return wrap(tensor_arr(input, "ravel").reshape(-1))


def cross(input, other, dim=None) -> Tensor:  # noqa: A002
    """Cross product along `dim` (None: the first axis of size 3)."""
    x, y = broadcast_operands(input, other, "cross")
    shape = jnp.broadcast_shapes(x.shape, y.shape)
    if dim is None:
        dim = next((i for i, s in enumerate(shape) if s == 3), None)
        if dim is None:
            raise ValueError(f"For 'cross', no dimension of size 3 in 'input', got shape {list(shape)}.")
    dim = check_axis(dim, len(shape), "cross")
    if shape[dim] != 3:
        raise ValueError(f"For 'cross', the size of 'input' at 'dim' should be 3, but got {shape[dim]}.")
    return wrap(jnp.cross(jnp.broadcast_to(x, shape), jnp.broadcast_to(y, shape), axis=dim))


def dstack(tensors) -> Tensor:
    """Tensors stacked along the third axis (1-D and 2-D ones first made 3-D)."""
    return wrap(jnp.dstack([tensor_arr(x, "dstack", "tensors") for x in tensors]))


def hstack(tensors) -> Tensor:
    """Tensors concatenated along the second axis (the first for 1-D ones)."""
    return wrap(jnp.hstack([tensor_arr(x, "hstack", "tensors") for x in tensors]))


def vector_norm(x, ord=2, axis=None, keepdims: bool = False, *, dtype=None) -> Tensor:  # noqa: A002
    """The `ord`-norm of `x` as a vector over `axis` (all axes when None); integer inputs give Float32."""
    a = _norm_input(x, dtype, "vector_norm")
    dims = axes(axis, a.ndim, "vector_norm")
    dims = tuple(range(a.ndim)) if dims is None else (dims if isinstance(dims, tuple) else (dims,))
    moved = jnp.moveaxis(a, dims, tuple(range(a.ndim - len(dims), a.ndim)))
    flat = moved.reshape(moved.shape[:a.ndim - len(dims)] + (-1,))
    out = _vector_norm(flat, ord, (flat.ndim - 1,), False)
    return wrap(jnp.expand_dims(out, tuple(sorted(dims))) if keepdims else out)


def matrix_norm(A, ord="fro", axis=(-2, -1), keepdims: bool = False, *, dtype=None) -> Tensor:  # noqa: A002
    """The `ord` matrix norm ('fro', 'nuc', +-1, +-2, +-inf) of the matrices over the two axes `axis`."""
    a = _norm_input(A, dtype, "matrix_norm", "A")
    if a.ndim < 2:
        raise ValueError(f"For 'matrix_norm', the 'A' should be at least 2-D, but got {a.ndim}-D.")
    if ord not in _MATRIX_ORDS or ord is None:
        raise ValueError(f"For 'matrix_norm', the 'ord' should be in [2, -2, 1, -1, inf, -inf, 'fro', 'nuc'], "
                         f"but got {ord}.")
    dims = tuple(check_axis(d, a.ndim, "matrix_norm") for d in axis)
    return wrap(_matrix_norm(a, ord, dims, keepdims))


def _norm_input(x, dtype, op: str, name: str = "x"):
    a = tensor_arr(x, op, name)
    return a.astype(np_dtype(dtype, op)) if dtype is not None else _to_float(a)


def qr(input, mode: str = "reduced") -> tuple:  # noqa: A002
    """(Q, R) with input = Q @ R: 'reduced' (k = min(m, n) columns), 'complete', or 'r' (Q empty)."""
    if mode not in ("reduced", "complete", "r"):
        raise ValueError(f"For 'qr', the 'mode' should be 'reduced', 'complete' or 'r', but got {mode!r}.")
    a = tensor_arr(input, "qr")
    if a.ndim < 2:
        raise ValueError(f"For 'qr', the 'input' should be at least 2-D, but got {a.ndim}-D.")
    q, r = jnp.linalg.qr(a, mode="complete" if mode == "complete" else "reduced")
    return wrap(jnp.zeros((0,), a.dtype) if mode == "r" else q), wrap(r)


# ---- reductions and scans ----------------------------------------------------------------------------------------

def _scan_extreme(input, axis, largest: bool, op: str, index_dtype):
    a = tensor_arr(input, op)
    try:
        axis = check_axis(axis, a.ndim, op)
    except ValueError as e:
        raise IndexError(str(e)) from None
    if a.ndim == 0:
        return wrap(a), wrap(jnp.zeros((), index_dtype))
    values = jax.lax.cummax(a, axis) if largest else jax.lax.cummin(a, axis)
    pos = jax.lax.broadcasted_iota(jnp.int64 if index_dtype == _INT64 else jnp.int32, a.shape, axis)
    index = jax.lax.cummax(jnp.where(a == values, pos, 0), axis)
    return wrap(values), wrap(index.astype(index_dtype))


def cummax(input, axis: int) -> tuple:  # noqa: A002
    """(running maximum along `axis`, Int64 index of the last element reaching it)."""
    return _scan_extreme(input, axis, True, "cummax", _INT64)


def cummin(input, axis: int) -> tuple:  # noqa: A002
    """(running minimum along `axis`, Int32 index of the last element reaching it)."""
    return _scan_extreme(input, axis, False, "cummin", np.dtype(np.int32))


def median(input, axis: int = -1, keepdims: bool = False) -> tuple:  # noqa: A002
    """(lower median along `axis`, its Int64 index)."""
    a = tensor_arr(input, "median")
    if a.ndim == 0:
        return wrap(a), wrap(jnp.zeros((), _INT64))
    axis = check_axis(axis, a.ndim, "median")
    order = jnp.argsort(a, axis=axis, stable=True)
    k = (a.shape[axis] - 1) // 2
    index = jax.lax.slice_in_dim(order, k, k + 1, axis=axis)
    values = jnp.take_along_axis(a, index, axis=axis)
    if not keepdims:
        index, values = jnp.squeeze(index, axis), jnp.squeeze(values, axis)
    return wrap(values), wrap(index.astype(_INT64))


def nansum(input, axis=None, keepdims: bool = False, *, dtype=None) -> Tensor:  # noqa: A002
    """Sum over `axis` counting NaN as 0, in `dtype` when given (else `input`'s)."""
    a = tensor_arr(input, "nansum")
    if dtype is not None:
        a = a.astype(np_dtype(dtype, "nansum"))
    out = jnp.sum(jnp.where(jnp.isnan(a), 0, a) if is_float(a.dtype) else a, axis=axes(axis, a.ndim, "nansum"),
                  keepdims=keepdims)
    return wrap(out.astype(a.dtype))


def std_mean(input, axis=None, ddof=0, keepdims: bool = False) -> tuple:  # noqa: A002
    """(standard deviation, mean) over `axis`, the count less `ddof` dividing the squares."""
    return std(input, axis, ddof, keepdims), mean(input, axis, keepdims)


def var_mean(input, axis=None, ddof=0, keepdims: bool = False) -> tuple:  # noqa: A002
    """(variance, mean) over `axis`, the count less `ddof` dividing the squares."""
    return var(input, axis, ddof, keepdims), mean(input, axis, keepdims)


def _concrete_1d_ints(input, op: str):
    a = np.asarray(tensor_arr(input, op))
    if a.ndim != 1:
        raise ValueError(f"For '{op}', the 'input' should be 1-D, but got {a.ndim}-D.")
    if a.dtype.kind not in "iub":
        raise TypeError(f"For '{op}', the 'input' should be an integer Tensor, but got {dtype_name(a.dtype)}.")
    return a


def bincount(input, weights=None, minlength=0) -> Tensor:  # noqa: A002
    """Counts of each value 0 .. max(input) (at least `minlength` bins) of a 1-D integer Tensor, summing `weights`
    instead of ones when given; Float32 (a float `weights`' dtype). Negative values are left out, as MindSpore's.
    Its length depends on the values, so `input` must be concrete (not traced)."""
    a = _concrete_1d_ints(input, "bincount")
    minlength = check_int(minlength, "bincount", "minlength")
    if minlength < 0:
        raise ValueError(f"For 'bincount', the 'minlength' should be non-negative, but got {minlength}.")
    length = max(int(a.max()) + 1 if a.size else 0, minlength)
    w = jnp.ones(a.shape, jnp.float32) if weights is None else _to_float(tensor_arr(weights, "bincount", "weights"))
    if w.shape != a.shape:
        raise ValueError(f"For 'bincount', the 'weights' should have the shape of 'input' {list(a.shape)}, "
                         f"but got {list(w.shape)}.")
    return wrap(jnp.zeros((length,), w.dtype).at[np.where(a < 0, length, a)].add(w, mode="drop"))


def histc(input, bins=100, min=0.0, max=0.0) -> Tensor:  # noqa: A002
    """Histogram of `input` in `bins` equal bins over [min, max] (the data's range when both are 0); elements
    outside are ignored. In `input`'s dtype."""
    a = tensor_arr(input, "histc")
    bins = check_int(bins, "histc", "bins")
    if bins <= 0:
        raise ValueError(f"For 'histc', the 'bins' should be positive, but got {bins}.")
    if min > max:
        raise ValueError(f"For 'histc', the 'min' should not be greater than 'max', but got {min} and {max}.")
    rng = None if min == 0 and max == 0 else (float(min), float(max))
    return wrap(_histogram(a.reshape(-1).astype(jnp.float32), bins, rng).astype(a.dtype))


@functools.partial(jax.jit, static_argnums=(1, 2))
def _histogram(x, bins: int, rng):
    lo, hi = (jnp.min(x), jnp.max(x)) if rng is None else (jnp.float32(rng[0]), jnp.float32(rng[1]))
    same = hi == lo
    lo, hi = jnp.where(same, lo - 1, lo), jnp.where(same, hi + 1, hi)
    index = jnp.clip(jnp.floor((x - lo) * bins / (hi - lo)).astype(jnp.int32), 0, bins - 1)
    inside = (x >= lo) & (x <= hi)
    return jnp.zeros((bins,), jnp.float32).at[index].add(inside.astype(jnp.float32))


def randint_like(input, low: int, high: int, seed=None, *, dtype=None) -> Tensor:  # noqa: A002
    """Integers uniform on [low, high) shaped like `input`, in `dtype` (default `input`'s, which must be an
    integer type)."""
    return randint(low, high, tensor_arr(input, "randint_like").shape, seed,
                   dtype=dtype if dtype is not None else mstype.from_numpy(input._arr.dtype))


# ---- mint only (MindSpore 2.10 has no ops function of these) -----------------------------------------------------

def mint_isneginf(input) -> Tensor:  # noqa: A002
    """Bool Tensor: where `input` is -inf."""
    a = tensor_arr(input, "isneginf")
    return wrap(jnp.isneginf(a) if is_float(a.dtype) else jnp.zeros(a.shape, bool))


def mint_logical_xor(input, other) -> Tensor:  # noqa: A002
    """Bool Tensor: exactly one of `input`, `other` is nonzero."""
    return wrap(jnp.logical_xor(tensor_arr(input, "logical_xor"), tensor_arr(other, "logical_xor", "other")))


def mint_take(input, index) -> Tensor:  # noqa: A002
    """Elements of `input` flattened, at `index` (negative counts from the end); shaped like `index`."""
    a = tensor_arr(input, "take").reshape(-1)
    i = tensor_arr(index, "take", "index")
    if not jnp.issubdtype(i.dtype, jnp.integer):
        raise TypeError(f"For 'take', the 'index' should be an integer Tensor, but got {dtype_name(i.dtype)}.")
    return wrap(a[jnp.where(i < 0, i + a.size, i)])


def mint_round_op(input, decimals: int = 0) -> Tensor:  # noqa: A002
    """`input` rounded half to even to `decimals` decimal places (negative: tens, hundreds, ...)."""
    a = tensor_arr(input, "round")
    return wrap(jnp.round(a, check_int(decimals, "round", "decimals")))


def mint_kthvalue(input, k: int, dim: int = -1, keepdim: bool = False) -> tuple:  # noqa: A002
    """(k-th smallest value along `dim`, its Int64 index)."""
    a = tensor_arr(input, "kthvalue")
    k = check_int(k, "kthvalue", "k")
    dim = check_axis(dim, a.ndim, "kthvalue")
    n = a.shape[dim] if a.ndim else 1
    if not 1 <= k <= n:
        raise ValueError(f"For 'kthvalue', the 'k' should be in range [1, {n}], but got {k}.")
    if a.ndim == 0:
        return wrap(a), wrap(jnp.zeros((), _INT64))
    order = jax.lax.slice_in_dim(jnp.argsort(a, axis=dim, stable=True), k - 1, k, axis=dim)
    values = jnp.take_along_axis(a, order, axis=dim)
    if not keepdim:
        order, values = jnp.squeeze(order, dim), jnp.squeeze(values, dim)
    return wrap(values), wrap(order.astype(_INT64))


def mint_vdot(input, other) -> Tensor:  # noqa: A002
    """Dot product of two 1-D Tensors, the first conjugated."""
    x, y = broadcast_operands(input, other, "vdot")
    if x.ndim != 1 or y.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"For 'vdot', 'input' and 'other' should be 1-D of one length, but got {list(x.shape)} "
                         f"and {list(y.shape)}.")
    return wrap(jnp.vdot(x, y))


def mint_bitwise_not(input) -> Tensor:  # noqa: A002
    """~input of an integer or bool Tensor."""
    a = tensor_arr(input, "bitwise_not")
    if is_float(a.dtype):
        raise TypeError(f"For 'bitwise_not', the 'input' should be an integer or bool Tensor, "
                        f"but got {dtype_name(a.dtype)}.")
    return wrap(jnp.invert(a))


def mint_diag(input, diagonal: int = 0) -> Tensor:  # noqa: A002
    """A 1-D Tensor as the `diagonal`-th diagonal of a square matrix; of a 2-D Tensor, its `diagonal`-th diagonal."""
    a = tensor_arr(input, "diag")
    if a.ndim not in (1, 2):
        raise ValueError(f"For 'diag', the 'input' should be 1-D or 2-D, but got {a.ndim}-D.")
    return wrap(jnp.diag(a, check_int(diagonal, "diag", "diagonal")))


def mint_select(input, dim: int, index: int) -> Tensor:  # noqa: A002
    """The slice of `input` at `index` along `dim`, that axis removed."""
    a = tensor_arr(input, "select")
    dim = check_axis(dim, a.ndim, "select")
    index = check_int(index, "select", "index")
    if not -a.shape[dim] <= index < a.shape[dim]:
        raise IndexError(f"For 'select', the 'index' should be in range [{-a.shape[dim]}, {a.shape[dim]}), "
                         f"but got {index}.")
    return wrap(jnp.take(a, index % a.shape[dim], axis=dim))


def mint_unique(input, sorted: bool = True, return_inverse: bool = False, return_counts: bool = False,  # noqa: A002
                dim=None):
    """Unique elements (sorted), with the Int64 inverse indices and counts when asked; along `dim` the unique
    slices."""
    a = np.asarray(tensor_arr(input, "unique"))
    axis = None if dim is None else check_axis(dim, a.ndim, "unique")
    values, inverse, counts = np.unique(a, return_inverse=True, return_counts=True, axis=axis)
    out = [wrap(jnp.asarray(values))]
    if return_inverse:
        out.append(wrap(jnp.asarray(inverse.reshape(a.shape if axis is None else -1), _INT64)))
    if return_counts:
        out.append(wrap(jnp.asarray(counts, _INT64)))
    return out[0] if len(out) == 1 else tuple(out)


def mint_normal(mean=0.0, std=1.0, size=None) -> Tensor:  # noqa: A002
    """Samples of N(mean, std**2): elementwise for Tensor `mean`/`std` (shaped as they broadcast), else of
    shape `size` (Float32)."""
    m, s = (v._arr if isinstance(v, Tensor) else v for v in (mean, std))
    if isinstance(mean, Tensor) or isinstance(std, Tensor):
        shape = jnp.broadcast_shapes(jnp.shape(m), jnp.shape(s))
        dt = jnp.result_type(*(v for v in (m, s) if not isinstance(v, (int, float))))
    else:
        if size is None:
            raise TypeError("For 'normal', the 'size' should be given when 'mean' and 'std' are numbers.")
        shape, dt = tuple(size), jnp.float32
    if not is_float(dt):
        dt = jnp.float32
    return wrap((jax.random.normal(functional_key(), shape, dt) * s + m).astype(dt))


def mint_triangular_solve(b, A, upper: bool = True, transpose: bool = False, unitriangular: bool = False) -> tuple:
    """(X solving op(A) X = b for triangular A, a copy of A); op(A) is A.T when `transpose`."""
    bb, aa = tensor_arr(b, "triangular_solve", "b"), tensor_arr(A, "triangular_solve", "A")
    if not 2 <= bb.ndim <= 6 or not 2 <= aa.ndim <= 6:
        raise ValueError(f"For 'triangular_solve', the rank of 'b' and 'A' should be in [2, 6], "
                         f"but got {bb.ndim} and {aa.ndim}.")
    if aa.shape[-1] != aa.shape[-2] or aa.shape[-1] != bb.shape[-2]:
        raise ValueError(f"For 'triangular_solve', 'A' should be square with as many rows as 'b', "
                         f"but got {list(aa.shape)} and {list(bb.shape)}.")
    batch = jnp.broadcast_shapes(aa.shape[:-2], bb.shape[:-2])
    x = jax.lax.linalg.triangular_solve(jnp.broadcast_to(aa, batch + aa.shape[-2:]),
                                        jnp.broadcast_to(bb, batch + bb.shape[-2:]), left_side=True,
                                        lower=not upper, transpose_a=transpose, unit_diagonal=unitriangular)
    return wrap(x), wrap(aa)


def mint_conv_tbc(input, weight, bias, pad: int = 0) -> Tensor:  # noqa: A002
    """1-D convolution of a (time, batch, channel) `input` with a (kernel, in, out) `weight`, plus `bias`,
    `pad` zeros on both ends of time."""
    x = tensor_arr(input, "conv_tbc")
    w = tensor_arr(weight, "conv_tbc", "weight")
    bv = tensor_arr(bias, "conv_tbc", "bias")
    if x.ndim != 3 or w.ndim != 3 or bv.ndim != 1:
        raise ValueError(f"For 'conv_tbc', 'input' and 'weight' should be 3-D and 'bias' 1-D, but got "
                         f"{x.ndim}-D, {w.ndim}-D and {bv.ndim}-D.")
    if w.shape[1] != x.shape[2] or bv.shape[0] != w.shape[2]:
        raise ValueError(f"For 'conv_tbc', the channels of 'input' {list(x.shape)}, 'weight' {list(w.shape)} "
                         f"and 'bias' {list(bv.shape)} do not match.")
    out = jax.lax.conv_general_dilated(x, w, (1,), [(pad, pad)], dimension_numbers=("WNC", "WIO", "WNC"))
    return wrap(out + bv)


def _channel_view(v, ndim: int):
    return v.reshape((1, -1) + (1,) * (ndim - 2))


def mint_batch_norm_stats(input, eps: float) -> tuple:  # noqa: A002
    """(per-channel mean, 1 / sqrt(biased variance + eps)) of an (N, C, ...) Tensor, in Float32."""
    x = tensor_arr(input, "batch_norm_stats").astype(jnp.float32)
    dims = (0,) + tuple(range(2, x.ndim))
    mu = jnp.mean(x, dims)
    return wrap(mu), wrap(jax.lax.rsqrt(jnp.var(x, dims) + eps))


def mint_batch_norm_elemt(input, weight=None, bias=None, mean=None, invstd=None, eps=1e-5) -> Tensor:  # noqa: A002
    """(input - mean) * invstd * weight + bias per channel (axis 1)."""
    x = tensor_arr(input, "batch_norm_elemt")
    out = (x - _channel_view(arr(mean, "batch_norm_elemt", "mean"), x.ndim)) * _channel_view(
        arr(invstd, "batch_norm_elemt", "invstd"), x.ndim)
    if weight is not None:
        out = out * _channel_view(arr(weight, "batch_norm_elemt", "weight"), x.ndim)
    if bias is not None:
        out = out + _channel_view(arr(bias, "batch_norm_elemt", "bias"), x.ndim)
    return wrap(out.astype(x.dtype))


def mint_batch_norm_gather_stats_with_counts(input, mean, invstd, running_mean=None, running_var=None,  # noqa: A002
                                             momentum=0.1, eps=1e-5, counts=None) -> tuple:
    """Global (mean, invstd) from per-device `mean`/`invstd` rows weighted by `counts`; updates `running_mean`
    and `running_var` (unbiased) in place with `momentum`."""
    op = "batch_norm_gather_stats_with_counts"
    mu, inv = tensor_arr(mean, op, "mean"), tensor_arr(invstd, op, "invstd")
    n = tensor_arr(counts, op, "counts").astype(mu.dtype).reshape(-1, 1)
    total = jnp.sum(n)
    g_mean = jnp.sum(n * mu, 0) / total
    local_var = 1 / (inv * inv) - eps
    g_var = jnp.sum(n * (local_var + (mu - g_mean) ** 2), 0) / total
    if running_mean is not None:
        running_mean.copy_(wrap((1 - momentum) * running_mean._arr + momentum * g_mean))
    if running_var is not None:
        unbiased = g_var * total / (total - 1)
        running_var.copy_(wrap((1 - momentum) * running_var._arr + momentum * unbiased))
    return wrap(g_mean), wrap(jax.lax.rsqrt(g_var + eps))

