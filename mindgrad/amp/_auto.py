"""MindSpore 2.10's "auto" mixed-precision level, applied to a Cell tree.

MindSpore's "auto" casts per operator at run time: the operators of its auto white list run in the low
type, those of its auto black list in Float32, those of its promote list in the widest float type of
their inputs, and every other operator in the type of its inputs; the network's outputs are not cast.
mindgrad applies these rules where the operators are reached from the Cell tree (as MindSpore 2.10 does on
its CPU, checked against it): Primitives held as Cell attributes by their class name, and the Cells whose
MindSpore implementation is one such operator: Dense and the convolutions run their matmul/convolution
in the low type and add their bias in Float32; PReLU runs in the low type; the normalisation, softmax
and listed loss Cells run in Float32 (LayerNorm with gamma and beta first rounded to its input's type,
as MindSpore's LayerNorm casts them). The network's `construct` runs with the casts of the functional ops
(`ops.matmul(...)`, `x @ w`) and of the Primitives it creates (see `_autocast.py`). Cells set with
`to_float` keep their type.
"""

from __future__ import annotations

import jax.numpy as jnp

from .. import _state, nn
from ..common import dtype as mstype
from ..common.tensor import Tensor
from ..ops.primitive import Primitive
from ._autocast import (AUTO_BLACK_PRIMITIVES, AUTO_PROMOTE_PRIMITIVES, AUTO_WHITE_PRIMITIVES, auto_class,
                        watch_globals)
from ._cast import BIAS_AFTER_CELLS, cast_floats, precision_set_by_user, set_precision

# Cells by what MindSpore 2.10's implementation of them runs under "auto" (observed on its CPU).
_LOW_CELLS = ("PReLU",)
_FLOAT32_CELLS = ("BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "LayerNorm", "GroupNorm", "Softmax", "LogSoftmax",
                  "LogSigmoid", "SmoothL1Loss", "KLDivLoss", "BCEWithLogitsLoss", "SoftMarginLoss",
                  "CrossEntropyLoss", "NLLLoss")
_ROUND_PARAMS_CELLS = ("LayerNorm",)   # casts gamma and beta to its input's type first


def _float_dtypes(value) -> list:
    if isinstance(value, Tensor):
        return [value.dtype] if jnp.issubdtype(value._arr.dtype, jnp.floating) else []
    if isinstance(value, (tuple, list)):
        return [d for v in value for d in _float_dtypes(v)]
    return []


class AutoCastPrimitive:
    """A Primitive under the "auto" level: float inputs cast to `dtype` (white list), to Float32 (black
    list) or, with `dtype` None, to the widest float type among them (promote list); outputs as computed."""

    def __init__(self, prim, dtype: mstype.Type | None) -> None:
        self.prim = prim
        self.dtype = dtype

    def __call__(self, *args, **kwargs):
        dtype = self.dtype
        if dtype is None:
            found = _float_dtypes((args, tuple(kwargs.values())))
            if not found:
                return self.prim(*args, **kwargs)
            widest = found[0].np_dtype
            for d in found[1:]:
                widest = jnp.promote_types(widest, d.np_dtype)
            dtype = mstype.from_numpy(widest)
        return self.prim(*cast_floats(args, dtype), **{k: cast_floats(v, dtype) for k, v in kwargs.items()})

    def __getattr__(self, name: str):
        return getattr(self.__dict__["prim"], name)

    def __repr__(self) -> str:
        return repr(self.prim)


def _primitive_rule(value, dtype):
    """(True, the dtype to cast to) for a listed Primitive (None: promote), else (False, None)."""
    name = type(value).__name__
    if name in AUTO_WHITE_PRIMITIVES:
        return True, dtype
    if name in AUTO_BLACK_PRIMITIVES:
        return True, mstype.float32
    if name in AUTO_PROMOTE_PRIMITIVES:
        return True, None
    return False, None


def _apply(cell: nn.Cell, dtype: mstype.Type) -> None:
    for key, value in list(cell.__dict__.items()):
        if isinstance(value, Primitive):
            listed, target = _primitive_rule(value, dtype)
            if listed:
                cell.__dict__[key] = AutoCastPrimitive(value, target)
                _state.bump()
    name = type(cell).__name__
    if name in BIAS_AFTER_CELLS:
        set_precision(cell, dtype, bias_axis=BIAS_AFTER_CELLS[name])
    elif name in _LOW_CELLS:
        set_precision(cell, dtype)
    elif name in _FLOAT32_CELLS:
        set_precision(cell, mstype.float32, round_params=name in _ROUND_PARAMS_CELLS)
        return
    for sub in cell.name_cells().values():
        if sub is not cell and not precision_set_by_user(sub):
            _apply(sub, dtype)


def auto_level(network: nn.Cell, dtype: mstype.Type) -> nn.Cell:
    """`network` with the "auto" rules applied to its Cell tree (in place)."""
    if not precision_set_by_user(network):
        _apply(network, dtype)
    network.__dict__["_mindgrad_amp_auto"] = dtype
    for _, cell in network.cells_and_names():
        watch_globals(type(cell))  # (ops its code imported by name)
    object.__setattr__(network, "__class__", auto_class(type(network)))
    _state.bump()
    return network
