"""Math layers of `mindspore.nn.layer.math`: MatMul, Range, Moments.

`MatMul` broadcasts batch axes and treats 1-D operands as NumPy does (optionally transposing the
last two axes first); `Range` is the constant `np.arange(start, limit, delta)` as Float32 (float
arguments) or Int32; `Moments` returns (mean, variance) over `axis` (all by default; the
variance's gradient does not flow through the mean), Float16 input computed in Float32.
"""

from __future__ import annotations

import logging

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ..cell import Cell
from ._util import arr

__all__ = ["MatMul", "Range", "Moments"]

_LOG = logging.getLogger("mindspore")


class MatMul(Cell):
    """Batched matrix product of x1 and x2 (transposed first with `transpose_x1`/`transpose_x2`)."""

    def __init__(self, transpose_x1: bool = False, transpose_x2: bool = False) -> None:
        super().__init__()
        V.check_value_type("transpose_x1", transpose_x1, [bool], self.cls_name)
        V.check_value_type("transpose_x2", transpose_x2, [bool], self.cls_name)
        self.transpose_x1 = transpose_x1
        self.transpose_x2 = transpose_x2

    def construct(self, x1: Tensor, x2: Tensor) -> Tensor:
        a, b = arr(x1, self.cls_name, "x1"), arr(x2, self.cls_name, "x2")
        if self.transpose_x1 and a.ndim > 1:
            a = jnp.swapaxes(a, -1, -2)
        if self.transpose_x2 and b.ndim > 1:
            b = jnp.swapaxes(b, -1, -2)
        col = a.shape[-1]
        row = b.shape[-2] if b.ndim > 1 else b.shape[-1]
        if col != row:
            raise ValueError(f"For '{self.cls_name}', the column of input 'x1' must be equal to the row of input "
                             f"'x2', but got x1_col: {col} and x2_row: {row}.")
        return wrap(jnp.matmul(a, b))


class Range(Cell):
    """The constant np.arange(start, limit, delta): Float32 for float arguments, else Int32."""

    def __init__(self, start, limit=None, delta=1) -> None:
        super().__init__()
        _LOG.warning("The Range class will be deprecated in the future,this function can be replaced by "
                     ":func:`ops.range`")
        if delta == 0:
            raise ValueError(f"For '{self.cls_name}', the 'delta' can not be zero.")
        data = np.arange(start, limit, delta)
        self.ms_dtype = mstype.float32 if data.dtype == np.float64 else mstype.int32
        self.result_tensor = Tensor(data, dtype=self.ms_dtype)

    def construct(self) -> Tensor:
        return self.result_tensor


class Moments(Cell):
    """(mean, variance) of x over `axis`; keep_dims False squeezes the reduced axes (all size-1 axes when
    `axis` is empty)."""

    def __init__(self, axis=None, keep_dims: bool | None = None) -> None:
        super().__init__()
        _LOG.warning("The Moments class will be deprecated in the future,this function can be replaced by "
                     ":func:`ops.var_mean`")
        axis = () if axis is None else axis
        if isinstance(axis, tuple):
            for idx, item in enumerate(axis):
                V.check_value_type(f"axis[{idx}]", item, [int], self.cls_name)
        self.axis = V.check_value_type("axis", axis, [int, tuple], self.cls_name)
        self.keep_dims = V.check_value_type("keep_dims", False if keep_dims is None else keep_dims, [bool],
                                            self.cls_name)

    def construct(self, x: Tensor) -> tuple:
        a = arr(x, self.cls_name)
        if a.dtype not in (jnp.float16, jnp.float32):
            raise TypeError(f"For '{self.cls_name}', the type of 'input x' should be one of '['Float16', "
                            f"'Float32']', but got '{mstype.from_numpy(a.dtype)}'.")
        dt = a.dtype
        a = a.astype(jnp.float32)
        axes = self.axis if isinstance(self.axis, tuple) else (self.axis,)
        mean = jnp.mean(a, axis=axes or None, keepdims=True)
        var = jnp.mean(jnp.square(a - jax.lax.stop_gradient(mean)), axis=axes or None, keepdims=True)
        if not self.keep_dims:
            squeeze = tuple(ax % a.ndim for ax in axes) if axes else None
            mean, var = jnp.squeeze(mean, squeeze), jnp.squeeze(var, squeeze)
        return wrap(mean.astype(dt)), wrap(var.astype(dt))
