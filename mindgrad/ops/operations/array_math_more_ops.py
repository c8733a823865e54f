"""More array, math and random Primitives (`P.ReverseV2`, `P.Einsum`, `P.Unique`, `P.ScatterNdUpdate`, ...):
the class spellings of the functions in `function/array_shape_func.py`, `array_select_func.py`,
`elementwise_func.py`, `linalg_func.py`, `creation_func.py` and `sampling_func.py`.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common import dtype as mstype
from ...common import seed as _seed
from ...common.tensor import Tensor, wrap
from ..function import array_func as A
from ..function import array_select_func as S
from ..function import array_shape_func as R
from ..function import creation_func as C
from ..function import elementwise_func as E
from ..function import linalg_func as L
from ..function._helpers import dtype_name, np_dtype, tensor_arr
from ..function.parameter_func import _store
from ..primitive import Primitive, functional_primitive, prim_attr_register


def _fp(name: str, fn):
    return functional_primitive(name, fn, __name__)


ACos = _fp("ACos", E.acos)
Log1p = _fp("Log1p", E.log1p)
Expm1 = _fp("Expm1", E.expm1)
Atan = _fp("Atan", E.atan)
Atan2 = _fp("Atan2", E.atan2)
Rint = _fp("Rint", E.rint)
Mod = _fp("Mod", E.mod)
BitwiseAnd = _fp("BitwiseAnd", E.bitwise_and)
BitwiseOr = _fp("BitwiseOr", E.bitwise_or)
BitwiseXor = _fp("BitwiseXor", E.bitwise_xor)
MaskedSelect = _fp("MaskedSelect", S.masked_select)
Unique = _fp("Unique", S.unique)
NonZero = _fp("NonZero", A.nonzero)


class LinSpace(Primitive):
    """`num` values from the 0-D Tensor `start` to the 0-D Tensor `stop` inclusive."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, start, stop, num):
        if not isinstance(start, Tensor) or not isinstance(stop, Tensor) or not isinstance(num, (int, Tensor)):
            raise TypeError(f"Failed calling LinSpace with \"LinSpace()(start={type(start).__name__}, "
                            f"stop={type(stop).__name__}, num={type(num).__name__})\".")
        return C.linspace(start, stop, num)


class ReverseV2(Primitive):
    """The order of elements reversed along each axis in `axis`."""

    @prim_attr_register
    def __init__(self, axis):
        pass

    def __call__(self, input):  # noqa: A002
        return R.reverse(input, self.axis)


class Meshgrid(Primitive):
    """Coordinate grids of a tuple of 1-D Tensors."""

    @prim_attr_register
    def __init__(self, indexing: str = "xy"):
        pass

    def __call__(self, inputs):
        return R.meshgrid(*inputs, indexing=self.indexing)


class DepthToSpace(Primitive):
    """NCHW depth (channel) blocks moved into spatial blocks of `block_size`."""

    @prim_attr_register
    def __init__(self, block_size: int):
        pass

    def __call__(self, x):
        return R.depth_to_space(x, self.block_size)


class ReverseSequence(Primitive):
    """The first seq_lengths[b] elements along `seq_dim` of each batch entry reversed."""

    @prim_attr_register
    def __init__(self, seq_dim: int, batch_dim: int = 0):
        pass

    def __call__(self, x, seq_lengths):
        return R.reverse_sequence(x, seq_lengths, self.seq_dim, self.batch_dim)


class Einsum(Primitive):
    """Einstein summation of a tuple of Tensors by `equation`."""

    @prim_attr_register
    def __init__(self, equation: str):
        if not isinstance(equation, str):
            raise TypeError(f"For 'Einsum', the 'equation' should be str, but got {type(equation).__name__}.")

    def __call__(self, operands):
        return L.einsum(self.equation, *operands)


class LpNorm(Primitive):
    """(sum |x|**p)**(1/p) over `axis`."""

    @prim_attr_register
    def __init__(self, axis, p: int = 2, keep_dims: bool = False, epsilon: float = 1e-12):
        pass

    def __call__(self, input):  # noqa: A002
        return L.lp_norm(input, self.axis, self.p, self.keep_dims, self.epsilon)


class ScatterNdUpdate(Primitive):
    """Writes `updates` into the Parameter `input_x` at the index tuples of `indices`."""

    @prim_attr_register
    def __init__(self, use_locking: bool = True):
        pass

    def __call__(self, input_x, indices, updates):
        return S.scatter_nd_update(input_x, indices, updates)


class ScatterAdd(Primitive):
    """Adds `updates` (indices.shape + input_x.shape[1:]) into the rows `indices` of the Parameter `input_x`;
    returns the updated value."""

    @prim_attr_register
    def __init__(self, use_locking: bool = False):
        pass

    def __call__(self, input_x, indices, updates):
        a = tensor_arr(input_x, "ScatterAdd", "input_x")
        idx, u = tensor_arr(indices, "ScatterAdd", "indices"), tensor_arr(updates, "ScatterAdd", "updates")
        if idx.dtype not in (jnp.int32, jnp.int64):
            raise TypeError(f"For 'ScatterAdd', the 'indices' should be a Tensor of Int32 or Int64, but got "
                            f"{dtype_name(idx.dtype)}.")
        if u.shape != idx.shape + a.shape[1:]:
            raise ValueError(f"For 'ScatterAdd', the 'updates' should have shape "
                             f"{list(idx.shape + a.shape[1:])}, but got {list(u.shape)}.")
        return _store(input_x, wrap(a.at[idx].add(u.astype(a.dtype))), "ScatterAdd")


class _RandomPrim(Primitive):
    """A random Primitive with its own stream (as `random_ops`)."""

    def _key(self):
        if "_stream" not in self.__dict__:
            self.__dict__["_stream"] = _seed.new_stream(type(self).__name__)
        return _seed.next_key(self._stream)


class Multinomial(_RandomPrim):
    """`num_samples` category indices per row of the probabilities `x`, with replacement, in `dtype`."""

    @prim_attr_register
    def __init__(self, seed: int = 0, seed2: int = 0, dtype=mstype.int32):
        pass

    def __call__(self, x, num_samples):
        p = tensor_arr(x, "Multinomial", "x")
        if isinstance(num_samples, Tensor):
            num_samples = num_samples.item()
        if p.ndim not in (1, 2):
            raise ValueError(f"For 'Multinomial', the dimension of 'x' should be 1 or 2, but got {p.ndim}.")
        rows = jnp.log(p.reshape(-1, p.shape[-1]).astype(jnp.float32))
        idx = jax.random.categorical(self._key(), rows, axis=-1, shape=(num_samples, rows.shape[0])).T
        return wrap(idx.reshape(p.shape[:-1] + (num_samples,)).astype(np_dtype(self.dtype, "Multinomial")))


class RandomCategorical(_RandomPrim):
    """`num_sample` category indices per row of the 2-D `logits`, in `dtype`."""

    @prim_attr_register
    def __init__(self, dtype=mstype.int64):
        pass

    def __call__(self, logits, num_sample, seed=0):
        a = tensor_arr(logits, "RandomCategorical", "logits")
        if a.ndim != 2:
            raise ValueError(f"For 'RandomCategorical', the 'logits' should be 2-D, but got {a.ndim}-D.")
        if not isinstance(num_sample, int) or num_sample <= 0:
            raise ValueError(f"For 'RandomCategorical', the 'num_sample' should be a positive int, but got "
                             f"{num_sample}.")
        idx = jax.random.categorical(self._key(), a, axis=-1, shape=(num_sample, a.shape[0])).T
        return wrap(idx.astype(np_dtype(self.dtype, "RandomCategorical")))


__all__ = [name for name, obj in list(globals().items())
           if isinstance(obj, type) and issubclass(obj, Primitive) and obj.__module__ == __name__
           and not name.startswith("_")]
