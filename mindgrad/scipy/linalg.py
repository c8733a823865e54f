"""`mindspore.scipy.linalg` on `jax.scipy.linalg`: Tensors in, Tensors out, gradients through JAX's rules.

Integer inputs are computed as Float32 (MindSpore's rule for these functions)."""

from __future__ import annotations

import jax.numpy as jnp
import jax.scipy.linalg as jsl

from ..common.tensor import Tensor, wrap

__all__ = ["block_diag", "inv", "cho_factor", "cholesky", "cho_solve", "eigh", "lu_factor", "lu", "solve_triangular",
           "lstsq"]


def _a(x):
    a = x._arr if isinstance(x, Tensor) else jnp.asarray(x)
    return a if jnp.issubdtype(a.dtype, jnp.inexact) else a.astype(jnp.float32)


def _out(x):
    if isinstance(x, (tuple, list)):
        return type(x)(_out(v) for v in x)
    return wrap(x) if hasattr(x, "dtype") else x


def inv(a, overwrite_a: bool = False, check_finite: bool = True) -> Tensor:
    """The inverse of a square matrix."""
    arr = _a(a)
    if arr.ndim < 2 or arr.shape[-1] != arr.shape[-2]:
        raise ValueError(f"For 'inv', the input should be a square matrix, but got shape {list(arr.shape)}.")
    return wrap(jnp.linalg.inv(arr))


def eigh(a, b=None, lower: bool = True, eigvals_only: bool = False, overwrite_a: bool = False,
         overwrite_b: bool = False, turbo: bool = True, eigvals=None, type: int = 1,  # noqa: A002
         check_finite: bool = True):
    """Eigenvalues (ascending) and eigenvectors of a symmetric/Hermitian matrix; only the values with
    `eigvals_only`."""
    if b is not None:
        raise NotImplementedError("For 'eigh', the generalized problem (b is not None) is not supported yet.")
    w, v = jnp.linalg.eigh(_a(a), UPLO="L" if lower else "U")
    return wrap(w) if eigvals_only else (wrap(w), wrap(v))


def cholesky(a, lower: bool = False, overwrite_a: bool = False, check_finite: bool = True) -> Tensor:
    return wrap(jsl.cholesky(_a(a), lower=lower))


def cho_factor(a, lower: bool = False, overwrite_a: bool = False, check_finite: bool = True):
    c, low = jsl.cho_factor(_a(a), lower=lower)
    return wrap(c), low


def cho_solve(c_and_lower, b, overwrite_b: bool = False, check_finite: bool = True) -> Tensor:
    c, low = c_and_lower
    return wrap(jsl.cho_solve((_a(c), low), _a(b)))


def lu_factor(a, overwrite_a: bool = False, check_finite: bool = True):
    lu_, piv = jsl.lu_factor(_a(a))
    return wrap(lu_), wrap(piv)


def lu(a, permute_l: bool = False, overwrite_a: bool = False, check_finite: bool = True):
    return _out(jsl.lu(_a(a), permute_l=permute_l))


def solve_triangular(a, b, trans=0, lower: bool = False, unit_diagonal: bool = False, overwrite_b: bool = False,
                     debug=None, check_finite: bool = True) -> Tensor:
    return wrap(jsl.solve_triangular(_a(a), _a(b), trans=trans, lower=lower, unit_diagonal=unit_diagonal))


def block_diag(*arrs) -> Tensor:
    return wrap(jsl.block_diag(*(_a(x) for x in arrs)))


def lstsq(a, b, cond=None, overwrite_a: bool = False, overwrite_b: bool = False, check_finite: bool = True,
          lapack_driver=None):
    """(solution, residues, rank, singular values), as `scipy.linalg.lstsq`."""
    return _out(jnp.linalg.lstsq(_a(a), _a(b), rcond=cond))
