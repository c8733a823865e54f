"""The output cotangents of a gradient call: MindSpore's default sensitivity, or the user's `sens`, checked.

MindSpore's default sensitivity is ones on every floating output leaf; a given `sens` must match
the output's structure (a list stands for a tuple where the mode allows it), each leaf its shape
and dtype; a Python scalar stands for a 0-d output of any float dtype. Integer outputs made by a
float -> integer Cast take their cotangent in the float dtype they came from.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from ..common import dtype as mstype
from ..common.tensor import Tensor
from .calls import flatten, lists_to_tuples


class Sens(NamedTuple):
    """A user's `sens` as leaves: their arrays, the treedef, and which leaves were Python scalars."""
    values: list | None
    treedef: Any
    scalar: tuple | None


NO_SENS = Sens(None, None, None)   # a call without sens (or a JVP's tangents: `values` only)

_FLOATNESS: dict = {}


def is_float(dt) -> bool:
    known = _FLOATNESS.get(dt)
    if known is None:
        known = _FLOATNESS[dt] = bool(jnp.issubdtype(dt, jnp.inexact))
    return known


def sens_leaves(sens, op_name: str) -> Sens:
    """The leaves of a user's `sens` (None: `NO_SENS`)."""
    if sens is None:
        return NO_SENS
    leaves, treedef = flatten(lists_to_tuples(sens))
    arrays, scalar = [], []
    for leaf in leaves:
        if isinstance(leaf, Tensor):
            arrays.append(leaf._arr)
            scalar.append(False)
        elif isinstance(leaf, (bool, int, float)):
            arrays.append(np.asarray(leaf))
            scalar.append(True)
        else:
            raise TypeError(f"For '{op_name}', the 'sens' should be a Tensor or a tuple of Tensors "
                            f"matching the output, but got {type(leaf).__name__}.")
    return Sens(arrays, treedef, tuple(scalar))


def _zero(a):
    return jnp.zeros_like(a) if is_float(a.dtype) else np.zeros(a.shape, jax.dtypes.float0)


def cotangents(arrays: list, trace, sens_vals, sens_def, sens_scalar, op_name: str, sem) -> list:
    """Ones on every floating output (MindSpore's default sens), or the checked `sens`; with
    `has_aux` only the first output is differentiated (the others get zeros). `trace` is the
    entry's `TraceMeta`; `sem` its `modes.Semantics`, which picks the error types."""
    cast_dtypes = dict(trace.casts)
    is_tensor = trace.output.is_tensor
    n_diff = len(arrays) if trace.n_first is None else sum(is_tensor[:trace.n_first])
    if sens_vals is None:
        return [jnp.ones_like(a) if is_float(a.dtype) and k < n_diff else _zero(a)
                for k, a in enumerate(arrays)]
    out_def = trace.sens_def
    if sens_def != out_def:
        raise sem.sens_structure_error(
            f"For '{op_name}', the structure of 'sens' ({sens_def}) should be the same as the output of the "
            f"network ({out_def}): the given sens gradient's size should be same as out of network.")
    cts, k = [], -1
    # (with has_aux, `sens` covers the first output's leaves only: they come first)
    for leaf_is_tensor, s, scalar in zip(is_tensor, sens_vals, sens_scalar, strict=False):
        if not leaf_is_tensor:
            continue
        k += 1
        a = arrays[k]
        if k in cast_dtypes:
            a = jax.ShapeDtypeStruct(a.shape, cast_dtypes[k])
        if scalar:
            if a.ndim != 0:
                raise sem.sens_structure_error(
                    f"For '{op_name}', a Python scalar 'sens' needs a 0-d output, but the output has shape "
                    f"{list(a.shape)}: grad tensor should be broadcast to expected shape.")
            s = s.astype(a.dtype)
        if tuple(np.shape(s)) != tuple(a.shape):
            raise ValueError(f"For '{op_name}', the shape of 'sens' should be {list(a.shape)} "
                             f"(the shape of the output), but got {list(np.shape(s))}.")
        if s.dtype != a.dtype:
            raise sem.sens_dtype_error(f"For '{op_name}', the dtype of 'sens' should be "
                                       f"{mstype.from_numpy(a.dtype)}, but got {mstype.from_numpy(s.dtype)}.")
        if k in cast_dtypes:
            s = s.astype(arrays[k].dtype)
            a = arrays[k]
        cts.append(s if is_float(a.dtype) else np.zeros(a.shape, jax.dtypes.float0))
    return cts + [_zero(a) for a in arrays[len(cts):]]
