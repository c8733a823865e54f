"""Linear-algebra Primitives of `mindspore.ops`: `Cholesky`, `CholeskyInverse`, `CholeskySolve`, `Geqrf`, `Ger`,
`LuSolve`, `LuUnpack`, `MatrixDeterminant`, `MatrixExp` and `MatrixPower`, with MindSpore's dtype and shape rules.

Half-precision inputs that MindSpore accepts are computed in Float32 and cast back (JAX's LAPACK kernels have no
Float16). A factorization that MindSpore's CPU kernel rejects at run time (a matrix that is not positive definite,
a singular matrix raised to a negative power, pivots out of range) raises the same error when the values are
known; inside a compiled function the result is NaN instead.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
from jax._src.lax.linalg import geqrf as _lapack_geqrf  # the reflectors + taus LAPACK form; no public spelling

from ...common.tensor import wrap
from ..function._helpers import concrete, dtype_name, tensor_arr
from ..function.products_shapes_func import ger
from ..primitive import Primitive, prim_attr_register

__all__ = ["Cholesky", "CholeskyInverse", "CholeskySolve", "Geqrf", "Ger", "LuSolve", "LuUnpack", "MatrixDeterminant",
           "MatrixExp", "MatrixPower"]

_F32_64 = ("float32", "float64")
_FLOATS = ("float16",) + _F32_64
_COMPLEX = ("complex64", "complex128")
_INTS = ("int8", "int16", "int32", "int64", "uint8")


def _typed(x, op: str, name: str, allowed: tuple):
    """The array of Tensor argument `name`, whose dtype must be one of `allowed` (TypeError otherwise)."""
    a = tensor_arr(x, op, name)
    if np.dtype(a.dtype).name not in allowed:
        valid = ", ".join(str(dtype_name(np.dtype(d))) for d in allowed)
        raise TypeError(f"For '{op}', the '{name}' should be a Tensor of {valid}, but got {dtype_name(a.dtype)}.")
    return a


def _same_dtype(op: str, **arrays) -> None:
    (n1, a1), (n2, a2) = arrays.items()
    if a1.dtype != a2.dtype:
        raise TypeError(f"For '{op}', the '{n1}' and '{n2}' should have the same dtype, but got "
                        f"{dtype_name(a1.dtype)} and {dtype_name(a2.dtype)}.")


def _square(a, op: str, name: str):
    """`a` must be a (batch of) square matrices: ValueError otherwise."""
    if a.ndim < 2:
        raise ValueError(f"For '{op}', the dimension of '{name}' must be greater than or equal to 2, but got "
                         f"{a.ndim}-D.")
    if a.shape[-1] != a.shape[-2]:
        raise ValueError(f"For '{op}', '{name}' must be batch squares, but got batch {a.shape[-2]} x "
                         f"{a.shape[-1]} matrices.")


def _check_bool(value, name: str, op: str) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"For '{op}', the type of '{name}' should be 'bool', but got type '{type(value).__name__}'.")


def _computed(fn, a, *rest):
    """`fn(a, *rest)` computed in Float32 for Float16 input, in `a`'s dtype."""
    if a.dtype == jnp.float16:
        return fn(a.astype(jnp.float32), *(r.astype(jnp.float32) for r in rest)).astype(a.dtype)
    return fn(a, *rest)


def _fail_if_nan(out, error: type, message: str) -> None:
    """MindSpore's run-time error for a result that is NaN where its kernel rejects the input (values known)."""
    values = concrete(out)
    if values is not None and np.isnan(values).any():
        raise error(message)


class Cholesky(Primitive):
    """The lower (or, with `upper`, upper) Cholesky factor of symmetric positive-definite matrices (*, N, N),
    Float32/Float64; RuntimeError when a matrix is not positive definite."""

    @prim_attr_register
    def __init__(self, upper=False):
        pass

    def __call__(self, input_x):
        a = _typed(input_x, "Cholesky", "input_x", _F32_64)
        _square(a, "Cholesky", "input_x")
        low = jnp.linalg.cholesky(a)
        _fail_if_nan(low, RuntimeError, "Cholesky expects symmetric positive definite matrices as inputs.")
        return wrap(jnp.swapaxes(low, -1, -2) if self.upper else low)


class CholeskyInverse(Primitive):
    """inv(x @ x.T) (inv(x.T @ x) with `upper`) for a Cholesky factor x: as MindSpore's kernel, the whole matrix is
    read (and differentiated), not only its triangle."""

    @prim_attr_register
    def __init__(self, upper=False):
        pass

    def __call__(self, x):
        a = _typed(x, "CholeskyInverse", "x", _FLOATS)
        _square(a, "CholeskyInverse", "x")

        def inverse(f):
            ft = jnp.swapaxes(f, -1, -2)
            return jnp.linalg.inv(ft @ f if self.upper else f @ ft)

        return wrap(_computed(inverse, a))


@functools.partial(jax.custom_vjp, nondiff_argnums=(2,))
def _cholesky_solve(b, factor, upper: bool):
    return jax.scipy.linalg.cho_solve((factor, not upper), b)


def _cholesky_solve_fwd(b, factor, upper: bool):
    x = _cholesky_solve(b, factor, upper)
    return x, (x, factor)


def _cholesky_solve_bwd(upper: bool, res, g):
    """MindSpore's (and PyTorch's) gradient: grad_b = solve(g); grad_factor = -(grad_b x.T + x grad_b.T) @ factor
    (factor @ (...) with `upper`), a full matrix although the forward reads only the factor's triangle."""
    x, factor = res
    grad_b = _cholesky_solve(g, factor, upper)
    common = grad_b @ jnp.swapaxes(x, -1, -2)
    common = -(common + jnp.swapaxes(common, -1, -2))
    return grad_b, factor @ common if upper else common @ factor


_cholesky_solve.defvjp(_cholesky_solve_fwd, _cholesky_solve_bwd)


class CholeskySolve(Primitive):
    """X with (L @ L.T) @ X = x1 (U.T @ U with `upper`) for the Cholesky factor x2 (only its triangle is read);
    x1 (N, K) or (B, N, K) and x2 of the same rank, Float32/Float64. The gradient is MindSpore's (see above)."""

    @prim_attr_register
    def __init__(self, upper=False):
        _check_bool(upper, "upper", "CholeskySolve")

    def __call__(self, x1, x2):
        b = _typed(x1, "CholeskySolve", "x1", _F32_64)
        f = _typed(x2, "CholeskySolve", "x2", _F32_64)
        _same_dtype("CholeskySolve", x1=b, x2=f)
        if b.ndim not in (2, 3):
            raise ValueError(f"For CholeskySolve, the rank of x1 must be 2 or 3, but got rank {b.ndim}.")
        if b.ndim != f.ndim:
            raise ValueError(f"For CholeskySolve, ranks of inputs should be equal, while got x1 rank {b.ndim}, "
                             f"x2 rank {f.ndim}.")
        _square(f, "CholeskySolve", "x2")
        if f.shape[-1] != b.shape[-2] or f.shape[:-2] != b.shape[:-2]:
            raise ValueError(f"For CholeskySolve, x1 {list(b.shape)} and x2 {list(f.shape)} do not match.")
        return wrap(_cholesky_solve(b, f, self.upper))


class Geqrf(Primitive):
    """LAPACK's geqrf QR form of (*, M, N) matrices: (y: R on and above the diagonal, the Householder vectors
    below it; tau (*, min(M, N)): the reflectors' scales)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, a):
        x = _typed(a, "Geqrf", "a", _FLOATS)
        if x.ndim < 2:
            raise ValueError(f"For primitive[Geqrf], the rank of a must be greater than or equal to 2, but got "
                             f"{x.ndim}.")
        y, tau = _lapack_geqrf(x.astype(jnp.float32) if x.dtype == jnp.float16 else x)
        return wrap(y.astype(x.dtype)), wrap(tau.astype(x.dtype))


class Ger(Primitive):
    """The outer product of two 1-D float Tensors of one dtype (`ops.ger`)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x1, x2):
        return ger(x1, x2)


def _permutation(pivots, m: int, op: str):
    """The row order perm (A = P @ L @ U with P[perm[i], i] = 1) of LAPACK's 1-based row-swap `pivots`."""
    values = concrete(pivots)
    if values is not None and values.size and (values.min() < 1 or values.max() > m):
        raise ValueError(f"For '{op}', the value of the elements in LU_pivots must be greater than 1 and less than "
                         f"the size of the penultimate dimension of LU_data.")
    return jax.lax.linalg.lu_pivots_to_permutation(pivots.astype(jnp.int32) - 1, m)


class LuSolve(Primitive):
    """X with A @ X = x for A = P @ L @ U given as LAPACK's (lu_data, lu_pivots); batch dimensions broadcast."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, lu_data, lu_pivots):
        b = _typed(x, "LuSolve", "x", _FLOATS)
        lu = _typed(lu_data, "LuSolve", "lu_data", _FLOATS)
        piv = _typed(lu_pivots, "LuSolve", "lu_pivots", ("int32",))
        _same_dtype("LuSolve", x=b, lu_data=lu)
        if b.ndim < 2:
            raise ValueError(f"For 'LuSolve', x's dimension must be greater than or equal to 2, but got: {b.ndim}.")
        _square(lu, "LuSolve", "lu_data")
        if lu.shape[-1] != b.shape[-2] or piv.shape[-1] != lu.shape[-1]:
            raise ValueError(f"For 'LuSolve', the shapes of x {list(b.shape)}, lu_data {list(lu.shape)} and "
                             f"lu_pivots {list(piv.shape)} do not match.")
        perm = _permutation(piv, lu.shape[-1], "LuSolve")

        def solve(b, lu):
            batch = jnp.broadcast_shapes(b.shape[:-2], lu.shape[:-2], perm.shape[:-1])
            rows = jnp.take_along_axis(jnp.broadcast_to(b, batch + b.shape[-2:]),
                                       jnp.broadcast_to(perm, batch + perm.shape[-1:])[..., None], axis=-2)
            full = jnp.broadcast_to(lu, batch + lu.shape[-2:])
            z = jax.lax.linalg.triangular_solve(full, rows, left_side=True, lower=True, unit_diagonal=True)
            return jax.lax.linalg.triangular_solve(full, z, left_side=True, lower=False)

        return wrap(_computed(solve, b, lu))


class LuUnpack(Primitive):
    """(P (*, M, M), L (*, M, K), U (*, K, N)) from LAPACK's packed LU (*, M, N) and 1-based pivots (*, K),
    K = min(M, N); all three in LU_data's dtype. MindSpore's CPU kernel returns all three whatever the flags."""

    @prim_attr_register
    def __init__(self, unpack_data=True, unpack_pivots=True):
        _check_bool(unpack_data, "unpack_data", "LuUnpack")
        _check_bool(unpack_pivots, "unpack_pivots", "LuUnpack")

    def __call__(self, LU_data, LU_pivots):  # noqa: N803 - MindSpore's names
        lu = _typed(LU_data, "LuUnpack", "LU_data", _FLOATS + _INTS)
        piv = _typed(LU_pivots, "LuUnpack", "LU_pivots", _INTS)
        if lu.ndim < 2:
            raise ValueError(f"For 'LuUnpack', the dimension of LU_data must be greater than or equal to 2, but "
                             f"got: {lu.ndim}.")
        m, n = lu.shape[-2:]
        k = min(m, n)
        perm = _permutation(piv, m, "LuUnpack")
        p = jnp.swapaxes(jax.nn.one_hot(perm, m, dtype=lu.dtype), -1, -2)
        low = jnp.tril(lu[..., :, :k], -1) + jnp.eye(m, k, dtype=lu.dtype)
        return wrap(p), wrap(low), wrap(jnp.triu(lu[..., :k, :]))


class MatrixDeterminant(Primitive):
    """det of (*, N, N) matrices, shape (*,), Float32/Float64/Complex."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x):
        a = _typed(x, "MatrixDeterminant", "x", _FLOATS + _COMPLEX)
        _square(a, "MatrixDeterminant", "x")
        return wrap(_computed(jnp.linalg.det, a))


class MatrixExp(Primitive):
    """The matrix exponential of (*, N, N) matrices (`ops.matrix_exp`); MindSpore has no CPU kernel for it."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input):  # noqa: A002 - MindSpore's name
        a = _typed(input, "MatrixExp", "input", _FLOATS + _COMPLEX)
        _square(a, "MatrixExp", "input")
        return wrap(_computed(jax.scipy.linalg.expm, a))


class MatrixPower(Primitive):
    """x ** n for (*, N, N) matrices and an int `n`, Float32/Float64 and integer dtypes (a negative `n` inverts:
    floating dtypes only, ValueError for a singular matrix)."""

    @prim_attr_register
    def __init__(self, n):
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"For 'MatrixPower', the type of 'n' should be 'int', but got type '{type(n).__name__}'.")

    def __call__(self, x):
        a = _typed(x, "MatrixPower", "x", _F32_64 + _INTS)
        if a.ndim < 2:
            raise ValueError(f"For primitive[MatrixPower], the x's rank must be greater than or equal to 2, but got "
                             f"{a.ndim}.")
        if a.shape[-1] != a.shape[-2]:
            raise ValueError(f"For MatrixPower, dim[-1] and dim[-2] of x should be the same, but got dim[-1]: "
                             f"{a.shape[-1]} and dim[-2]: {a.shape[-2]}.")
        if self.n < 0 and not jnp.issubdtype(a.dtype, jnp.floating):
            raise ValueError("For MatrixPower, integral types are not supported for n < 0.")
        out = jnp.linalg.matrix_power(a, self.n)
        if self.n < 0:
            _fail_if_nan(jnp.where(jnp.isinf(out), jnp.nan, out), ValueError,
                         "For MatrixPower, negative power can not apply to singular matrix.")
        return wrap(out)
