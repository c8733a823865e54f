"""Products and linear algebra (`mindspore.ops` linear algebraic functions): einsum, outer, dot,
tensor_dot, addmm, baddbmm, svd, pinv, quantile, and `LpNorm`'s math.

JAX does the math (`jnp.einsum`, `jnp.tensordot`, `jnp.linalg`); what is written here is MindSpore's
argument checking, dtype rules and result structure (`svd` returns `(s, u, v)` with `v` not
transposed, so `input = u @ diag(s) @ v.T`).
"""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ._helpers import axes as _axes
from ._helpers import dtype_name, float_only, is_float, tensor_arr
from .math_func import same_dtype


def einsum(equation: str, *operands) -> Tensor:
    """Einstein summation over float Tensors; operands may also be given as one tuple or list."""
    if not isinstance(equation, str):
        raise TypeError(f"For 'Einsum', the 'equation' should be str, but got {type(equation).__name__}.")
    if len(operands) == 1 and isinstance(operands[0], (tuple, list)):
        operands = tuple(operands[0])
    arrays = [float_only(t, "Einsum", "operands") for t in operands]
    for a in arrays[1:]:
        same_dtype(arrays[0], a, "Einsum")
    try:
        return wrap(jnp.einsum(equation.replace(" ", ""), *arrays))
    except ValueError as err:
        raise ValueError(f"For 'Einsum', the 'equation' {equation!r} does not fit the operands: {err}") from None


def outer(input, vec2) -> Tensor:
    """input.reshape(-1, 1) * vec2 (operands promote as in `ops.mul`)."""
    tensor_arr(input, "outer")
    tensor_arr(vec2, "outer", "vec2")
    return input.reshape(-1, 1) * vec2


def dot(input, other) -> Tensor:
    """NumPy's `dot` for float Tensors of one dtype and at least 2 dimensions: the last axis of
    `input` against the second-to-last axis of `other`."""
    a, b = tensor_arr(input, "dot"), tensor_arr(other, "dot", "other")
    for name, t in (("x1", a), ("x2", b)):
        if t.dtype not in (jnp.float16, jnp.float32, jnp.float64):  # MindSpore refuses Float64; JAX need not
            raise TypeError(f"The '{name}' doesn't support '{dtype_name(t.dtype)}' and expect to receive "
                            f"[mindspore.float16, mindspore.float32].")
    same_dtype(a, b, "dot")
    if a.ndim < 2 or b.ndim < 2:
        raise ValueError(f"For 'dot', the inputs x1, x2 should have 'dimension >= 2', but got 'len(x1_shape)': "
                         f"({a.ndim}) and 'len(x2_shape)': ({b.ndim}).")
    if a.shape[-1] != b.shape[-2]:
        raise ValueError(f"For 'MatMul' the input dimensions must be equal, but got 'x1_col': {a.shape[-1]} and "
                         f"'x2_row': {b.shape[-2]}.")
    return wrap(jnp.dot(a, b))


def tensor_dot(x1, x2, axes) -> Tensor:
    """Sum of products over `axes` (an int: the last/first `axes` axes; or two sequences of axes)."""
    a, b = float_only(x1, "TensorDot", "x1"), float_only(x2, "TensorDot", "x2")
    same_dtype(a, b, "TensorDot")
    if isinstance(axes, Tensor):
        axes = axes.tolist()
    if isinstance(axes, int):
        pairs = (tuple(range(a.ndim - axes, a.ndim)), tuple(range(axes)))
    else:
        pairs = tuple((p,) if isinstance(p, int) else tuple(p) for p in axes)
    if len(pairs) != 2 or len(pairs[0]) != len(pairs[1]):
        raise ValueError(f"For 'TensorDot', the 'axes' should name as many axes of 'x1' as of 'x2', but got {axes}.")
    for i, j in zip(pairs[0], pairs[1], strict=True):
        if a.shape[i] != b.shape[j]:
            raise ValueError(f"For 'TensorDot', the axes to sum over should have the same size, but got x1 shape "
                             f"{list(a.shape)}, x2 shape {list(b.shape)} and axes {axes}.")
    return wrap(jnp.tensordot(a, b, pairs))


def addmm(input, mat1, mat2, *, beta=1, alpha=1) -> Tensor:
    """beta * input + alpha * (mat1 @ mat2)."""
    a, b = tensor_arr(mat1, "Addmm", "mat1"), tensor_arr(mat2, "Addmm", "mat2")
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        raise ValueError(f"For 'Addmm', 'mat1' and 'mat2' should be 2-D with matching inner dimensions, but got "
                         f"{list(a.shape)} and {list(b.shape)}.")
    same_dtype(a, b, "Addmm")
    return input * beta + wrap(jnp.matmul(a, b)) * alpha


def baddbmm(input, batch1, batch2, beta=1, alpha=1) -> Tensor:
    """beta * input + alpha * (batch1 @ batch2) over batches of matrices (3-D operands)."""
    a, b = tensor_arr(batch1, "Baddbmm", "batch1"), tensor_arr(batch2, "Baddbmm", "batch2")
    if a.ndim != 3 or b.ndim != 3 or a.shape[0] != b.shape[0] or a.shape[2] != b.shape[1]:
        raise ValueError(f"For 'Baddbmm', 'batch1' and 'batch2' should be 3-D batches of matrices that can be "
                         f"multiplied, but got {list(a.shape)} and {list(b.shape)}.")
    same_dtype(a, b, "Baddbmm")
    return input * beta + wrap(jnp.matmul(a, b)) * alpha


def svd(input, full_matrices: bool = False, compute_uv: bool = True):
    """(s, u, v) with input = u @ diag(s) @ v^T over the last two axes; `s` alone when not `compute_uv`."""
    a = tensor_arr(input, "Svd")
    if a.dtype not in (jnp.float32, jnp.float64):
        raise TypeError(f"For 'Svd', the 'input' should be a Tensor of Float32 or Float64, but got "
                        f"{dtype_name(a.dtype)}.")
    if a.ndim < 2:
        raise ValueError(f"For 'Svd', the 'input' should have at least 2 dimensions, but got {a.ndim}.")
    if not compute_uv:
        return wrap(jnp.linalg.svd(a, compute_uv=False))
    u, s, vh = jnp.linalg.svd(a, full_matrices=full_matrices)
    return wrap(s), wrap(u), wrap(jnp.swapaxes(vh, -1, -2))


def pinv(x, *, atol=None, rtol=None, hermitian: bool = False) -> Tensor:
    """Moore-Penrose pseudo-inverse over the last two axes; singular values below
    max(atol, rtol * largest) are treated as zero (rtol defaults to eps * max(m, n) without atol)."""
    a = tensor_arr(x, "pinv", "x")
    if a.dtype not in (jnp.float32, jnp.float64):
        raise TypeError(f"For 'pinv', the 'x' should be a Tensor of Float32 or Float64, but got "
                        f"{dtype_name(a.dtype)}.")
    if a.ndim < 2:
        raise ValueError(f"For 'pinv', the 'x' should have at least 2 dimensions, but got {a.ndim}.")
    val = (lambda v: v._arr if isinstance(v, Tensor) else v)
    if atol is None and rtol is None:
        return wrap(jnp.linalg.pinv(a, hermitian=hermitian))
    s_max = jnp.max(jnp.linalg.svd(a, compute_uv=False), axis=-1, keepdims=True)
    cutoff = jnp.maximum(0.0 if atol is None else val(atol), (0.0 if rtol is None else val(rtol)) * s_max)
    u, s, vh = jnp.linalg.svd(a, full_matrices=False)
    s_inv = jnp.where(s > cutoff, 1 / jnp.where(s > cutoff, s, 1), 0)
    return wrap(jnp.matmul(jnp.swapaxes(vh, -1, -2) * s_inv[..., None, :], jnp.swapaxes(u, -1, -2)))


def quantile(input, q, axis=None, keepdims: bool = False) -> Tensor:
    """The q-th quantiles with linear interpolation (NaN where a slice holds NaN); `q` a float or 1-D Tensor
    in [0, 1], whose entries become the first axis of the result."""
    a = float_only(input, "quantile")
    qa = q._arr if isinstance(q, Tensor) else q
    if isinstance(q, Tensor) and qa.dtype != a.dtype:
        raise TypeError(f"For 'quantile', the dtype of 'q' should be the same as 'input', but got "
                        f"{dtype_name(qa.dtype)} and {dtype_name(a.dtype)}.")
    if isinstance(q, int) and not isinstance(q, bool):
        raise RuntimeError(f"Cast failed, original value: {q}, type: Int64Imm")
    if not isinstance(q, (float, Tensor)):
        raise TypeError(f"For 'quantile', the 'q' should be a float or a Tensor, but got {type(q).__name__}.")
    if isinstance(q, float) and not 0 <= q <= 1:
        raise ValueError(f"For 'quantile', the 'q' should be in [0, 1], but got {q}.")
    if axis is not None and not isinstance(axis, int):
        raise TypeError(f"For 'quantile', the 'axis' should be int, but got {type(axis).__name__}.")
    ax = _axes(axis, a.ndim, "quantile") if axis is not None else None
    return wrap(jnp.quantile(a, jnp.asarray(qa, a.dtype), axis=ax, keepdims=keepdims).astype(a.dtype))


def lp_norm(input, axis, p: int = 2, keep_dims: bool = False, epsilon: float = 1e-12) -> Tensor:
    """`ops.LpNorm`: (sum |x|**p)**(1/p) over `axis` (an int or tuple); p=0 counts non-zeros."""
    a = float_only(input, "LpNorm")
    ax = _axes(axis, a.ndim, "LpNorm")
    if p == 0:
        out = jnp.sum(a != 0, axis=ax, keepdims=keep_dims).astype(a.dtype)
    elif p == 1:
        out = jnp.sum(jnp.abs(a), axis=ax, keepdims=keep_dims)
    else:
        out = jnp.sum(jnp.abs(a) ** p, axis=ax, keepdims=keep_dims) ** (1.0 / p)
    return wrap(out.astype(a.dtype) if is_float(a.dtype) else out)
