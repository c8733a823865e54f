"""Issue 17's long tail of Tensor methods (ops17): `byte`, `choose`, `bincount`, `fill_diagonal(_)`, `index_fill`,
`slogdet`, `nanmean`, `top_k`, `itemset`, `offload`, `storage_offset`, the random `bernoulli` / `exponential_` /
`multinomial`, the in-place `log_` / `exp_` / `erfinv_` / `addmm_`, and `atanh`, `frac`, `logaddexp`, `erfinv`,
`conj`, `bmm` on the `ops` function of the same meaning. Attached to `Tensor` when `mindgrad.ops` is imported (a
method the class already defines is kept). In-place methods rebind the Tensor's array and return the Tensor, as
`tensor_methods_more`'s do."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ..common.tensor import Tensor, wrap
from . import function as F
from .function import tail2_func as T2
from .function._helpers import tensor_arr
from .function.random_func import functional_key
from .operations.tail_ops import FillDiagonal
from .tensor_methods_more import _inplace
from ..numpy._array_ops import choose as _np_choose


def _no_generator(generator, method: str) -> None:
    if generator is not None:
        raise NotImplementedError(f"For 'Tensor.{method}', a 'generator' is not supported by mindgrad yet; set the "
                                  "seed with ms.set_seed.")


def byte(self) -> Tensor:
    """The Tensor as UInt8 (floats truncated toward zero, then wrapped modulo 256, as MindSpore's Cast)."""
    a = self._arr
    if jnp.issubdtype(a.dtype, jnp.floating):
        a = a.astype(jnp.int64)
    return wrap(a.astype(jnp.uint8))


def choose(self, choices, mode: str = "clip") -> Tensor:
    """`choices[self]` elementwise (`mindspore.numpy.choose`; 'clip', 'wrap' or 'raise' for indices outside)."""
    if isinstance(choices, (list, tuple)) and not any(isinstance(c, Tensor) for c in choices):
        choices = Tensor(np.asarray(choices))  # Python numbers: Int64 / Float64, as MindSpore makes them
    return _np_choose(self, choices, mode)


def bincount(self, weights=None, minlength: int = 0) -> Tensor:
    """Counts (sums of `weights`) of each value of this 1-D integer Tensor; Float32 (`ops.bincount`)."""
    return F.bincount(self, weights, minlength)


def fill_diagonal(self, fill_value, wrap: bool = False) -> Tensor:  # noqa: A002 - MindSpore's name
    """A copy with the main diagonal set to `fill_value` (`P.FillDiagonal`; `wrap` restarts it in tall matrices)."""
    return FillDiagonal(fill_value, wrap)(self)


def fill_diagonal_(self, fill_value, wrap: bool = False) -> Tensor:  # noqa: A002 - MindSpore's name
    """`fill_diagonal` in place."""
    return _inplace(self, fill_diagonal(self, fill_value, wrap))


def top_k(self, k: int, sorted: bool = True) -> tuple:  # noqa: A002 - MindSpore's name
    """(k largest values along the last axis, their Int32 indices): the deprecated spelling of `Tensor.topk`."""
    return F.topk(self, k, sorted=sorted)


def itemset(self, *args) -> Tensor:
    """A copy with one element set: `itemset(value)` for a one-element Tensor, `itemset(index, value)` with a flat
    int index or a tuple of one index per axis. The Tensor itself is unchanged, as MindSpore's."""
    if not args:
        raise ValueError("For 'Tensor.itemset', 'args' must contain at least one argument.")
    a = self._arr
    if len(args) == 1:
        if a.size != 1:
            raise IndexError("For 'Tensor.itemset', only a Tensor of size 1 can be set by a single value.")
        return wrap(jnp.full(a.shape, args[0], a.dtype))
    index, value = args[0], args[1]
    if isinstance(index, tuple):
        if len(index) != a.ndim:
            raise IndexError(f"Tuple index len({len(index)}) is not same to tensor dimension({a.ndim})")
        return wrap(a.at[index].set(value))
    return wrap(a.reshape(-1).at[index].set(value).reshape(a.shape))


def offload(self, file_path: str) -> bool:
    """Write the Tensor's bytes (C order) to `file_path`; True when written."""
    if not isinstance(file_path, str):
        raise TypeError(f"For 'Tensor.offload', the 'file_path' should be a str, but got {type(file_path).__name__}.")
    np.asarray(self._arr).tofile(file_path)
    return True


def storage_offset(self) -> int:
    """0: a mindgrad Tensor always starts its own storage."""
    return 0


def bernoulli(self, *, generator=None) -> Tensor:
    """0/1 draws with the probabilities in this Tensor, in its dtype (`mint.bernoulli`)."""
    _no_generator(generator, "bernoulli")
    return F.bernoulli(self, self)


def exponential_(self, lambd=1, *, generator=None) -> Tensor:
    """Fills the Tensor with draws of the exponential distribution of rate `lambd`; returns it."""
    _no_generator(generator, "exponential_")
    a = tensor_arr(self, "exponential_")
    draws = jax.random.exponential(functional_key(), a.shape, jnp.float32) / lambd
    return _inplace(self, wrap(draws))


def multinomial(self, num_samples: int, replacement: bool = True, seed=None) -> Tensor:
    """Indices of `num_samples` draws per row of the probabilities in this Tensor (`ops.multinomial`)."""
    return F.multinomial(self, num_samples, replacement, seed)


def addmm_(self, mat1, mat2, *, beta=1, alpha=1) -> Tensor:
    """self = beta * self + alpha * (mat1 @ mat2), in place."""
    return _inplace(self, F.addmm(self, mat1, mat2, beta=beta, alpha=alpha))


def _method(name: str):
    def method(self, *args, **kwargs):
        return getattr(F, name)(self, *args, **kwargs)
    method.__name__ = name
    method.__doc__ = f"`ops.{name}` of this Tensor."
    return method


def _inplace_method(name: str):
    def method(self):
        return _inplace(self, getattr(F, name)(self))
    method.__name__ = name + "_"
    method.__doc__ = f"`ops.{name}` of this Tensor, in place; returns the Tensor."
    return method


METHODS = {
    "byte": byte, "choose": choose, "bincount": bincount, "fill_diagonal": fill_diagonal,
    "fill_diagonal_": fill_diagonal_, "top_k": top_k, "itemset": itemset, "offload": offload,
    "storage_offset": storage_offset, "bernoulli": bernoulli, "exponential_": exponential_,
    "multinomial": multinomial, "addmm_": addmm_,
    "index_fill": lambda self, axis, index, value: T2.index_fill(self, axis, index, value),
    "slogdet": lambda self: T2.slogdet(self),
    "nanmean": lambda self, axis=None, keepdims=False, *, dtype=None: T2.nanmean(self, axis, keepdims, dtype=dtype),
    **{name: _method(name) for name in ("atanh", "frac", "logaddexp", "erfinv", "conj", "bmm")},
    **{name + "_": _inplace_method(name) for name in ("log", "exp", "erfinv")},
}

for _name, _fn in METHODS.items():
    if _name not in vars(Tensor):
        setattr(Tensor, _name, _fn)
