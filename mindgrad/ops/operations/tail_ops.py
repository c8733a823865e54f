"""The tail of issue 17's Primitives (ops17): `CTCLoss` (sparse labels, TensorFlow's semantics), `GridSampler2D/3D`
and small math/array Primitives (`CumProd`, `IndexAdd`, `MatrixInverse`, `MirrorPad`, `FillDiagonal`, ...)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.tensor import wrap
from ..function import ctc_func, grid_func
from ..function import tail_func as T
from ..function._helpers import check_axis, check_int, dtype_name, tensor_arr
from ..function.nn_func import gelu
from ..function.tensor_more_func import index_add, inverse
from ..primitive import Primitive, functional_primitive, prim_attr_register

__all__ = ["CTCLoss", "GridSampler2D", "GridSampler3D", "Inv", "CumProd", "HSwish", "HSigmoid", "IndexAdd",
           "MatrixInverse", "TensorScatterUpdate", "DiagPart", "Gelu", "Fmax", "Fmin", "MirrorPad",
           "FillDiagonal", "FFTWithSize"]

Inv = functional_primitive("Inv", T.inv, __name__)
HSwish = functional_primitive("HSwish", T.hardswish, __name__)
HSigmoid = functional_primitive("HSigmoid", T.hardsigmoid, __name__)
TensorScatterUpdate = functional_primitive("TensorScatterUpdate", T.tensor_scatter_update, __name__)
Fmax = functional_primitive("Fmax", T.fmax, __name__)
Fmin = functional_primitive("Fmin", T.fmin, __name__)


def _check_bool(value, name: str, op: str) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"For '{op}', the type of '{name}' should be 'bool', but got type '{type(value).__name__}'.")


class CTCLoss(Primitive):
    """(loss (N,), gradient (T, N, C)) of CTC for logits `x` (T, N, C) and sparse labels (`labels_indices` Int64
    (K, 2), `labels_values` Int32 (K,)), `sequence_length` Int32 (N,); the blank is class C - 1. Its own gradient
    is the returned one times the loss' sensitivity."""

    @prim_attr_register
    def __init__(self, preprocess_collapse_repeated=False, ctc_merge_repeated=True,
                 ignore_longer_outputs_than_inputs=False):
        for name in ("preprocess_collapse_repeated", "ctc_merge_repeated", "ignore_longer_outputs_than_inputs"):
            _check_bool(getattr(self, name), name, "CTCLoss")

    def __call__(self, x, labels_indices, labels_values, sequence_length):
        return ctc_func.ctc_loss_sparse(x, labels_indices, labels_values, sequence_length,
                                        self.preprocess_collapse_repeated, self.ctc_merge_repeated,
                                        self.ignore_longer_outputs_than_inputs)


class GridSampler2D(Primitive):
    """`ops.grid_sample` of an (N, C, H, W) input, modes set at construction."""

    _nd = 2

    @prim_attr_register
    def __init__(self, interpolation_mode="bilinear", padding_mode="zeros", align_corners=False):
        grid_func.check_grid_args(interpolation_mode, padding_mode, f"grid_sampler_{self._nd}d")

    def __call__(self, input_x, grid):
        return grid_func.grid_sampler(input_x, grid, self.interpolation_mode, self.padding_mode, self.align_corners,
                                      self._nd)


class GridSampler3D(GridSampler2D):
    """`ops.grid_sample` of an (N, C, D, H, W) input."""

    _nd = 3


class CumProd(Primitive):
    """Cumulative product along `axis`; `exclusive` starts from 1, `reverse` runs from the end."""

    @prim_attr_register
    def __init__(self, exclusive=False, reverse=False):
        _check_bool(exclusive, "exclusive", "CumProd")
        _check_bool(reverse, "reverse", "CumProd")

    def __call__(self, x, axis):
        a = tensor_arr(x, "CumProd", "x")
        axis = check_axis(axis, a.ndim, "CumProd")
        if self.reverse:
            a = jnp.flip(a, axis)
        if self.exclusive:
            a = jnp.concatenate([jnp.ones_like(jnp.take(a, jnp.arange(1), axis=axis)),
                                 jnp.take(a, jnp.arange(a.shape[axis] - 1), axis=axis)], axis=axis)
        out = jnp.cumprod(a, axis=axis, dtype=a.dtype)
        return wrap(jnp.flip(out, axis) if self.reverse else out)


class IndexAdd(Primitive):
    """`ops.index_add` along the `axis` set at construction."""

    @prim_attr_register
    def __init__(self, axis, use_lock=True, check_index_bound=True):
        check_int(axis, "IndexAdd", "axis")

    def __call__(self, input_x, indices, input_y):
        return index_add(input_x, indices, input_y, self.axis)


class MatrixInverse(Primitive):
    """The inverse of square matrices (of their conjugate transposes with `adjoint`)."""

    @prim_attr_register
    def __init__(self, adjoint=False):
        _check_bool(adjoint, "adjoint", "MatrixInverse")

    def __call__(self, x):
        a = tensor_arr(x, "MatrixInverse", "x")
        if a.dtype not in (np.float32, np.float64, np.complex64, np.complex128):
            raise TypeError(f"For 'MatrixInverse', the 'x' should be a Tensor of Float32, Float64, Complex64 or "
                            f"Complex128, but got {dtype_name(a.dtype)}.")
        out = inverse(x)._arr
        return wrap(jnp.conj(jnp.swapaxes(out, -1, -2)) if self.adjoint else out)


class DiagPart(Primitive):
    """The diagonal of a rank-2k Tensor of shape (d1..dk, d1..dk): out[i..] = x[i.., i..]."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input_x):
        a = tensor_arr(input_x, "DiagPart", "input_x")
        k = a.ndim // 2
        if a.ndim == 0 or a.ndim % 2 or a.shape[:k] != a.shape[k:]:
            raise ValueError(f"For 'DiagPart', the 'input_x' should have an even rank 2k and shape (d1..dk, d1..dk), "
                             f"but got {list(a.shape)}.")
        n = int(np.prod(a.shape[:k]))
        return wrap(jnp.diagonal(a.reshape(n, n)).reshape(a.shape[:k]))


class Gelu(Primitive):
    """The deprecated spelling of `ops.GeLU`: the tanh approximation."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x):
        return gelu(x, approximate="tanh")


class MirrorPad(Primitive):
    """`input_x` padded by mirroring: `paddings` an (ndim, 2) integer Tensor; 'REFLECT' leaves out the edge,
    'SYMMETRIC' repeats it."""

    @prim_attr_register
    def __init__(self, mode="REFLECT"):
        if mode not in ("REFLECT", "SYMMETRIC"):
            raise ValueError(f"For 'MirrorPad', the 'mode' should be one of ['REFLECT', 'SYMMETRIC'], but got "
                             f"{mode!r}.")

    def __call__(self, input_x, paddings):
        a = tensor_arr(input_x, "MirrorPad", "input_x")
        pads = tensor_arr(paddings, "MirrorPad", "paddings")
        if pads.dtype not in (np.int32, np.int64):
            raise TypeError(f"For 'MirrorPad', the 'paddings' should be a Tensor of Int32 or Int64, but got "
                            f"{dtype_name(pads.dtype)}.")
        pads = np.asarray(pads).astype(int)
        if pads.shape != (a.ndim, 2):
            raise ValueError(f"For 'MirrorPad', the 'paddings' should have shape ({a.ndim}, 2), but got "
                             f"{list(pads.shape)}.")
        limit = [s - (self.mode == "REFLECT") for s in a.shape]
        if (pads < 0).any() or any(p > m for row, m in zip(pads, limit, strict=True) for p in row):
            raise ValueError(f"For 'MirrorPad', each padding should be in [0, {limit}] of its axis, but got "
                             f"{pads.tolist()}.")
        return wrap(jnp.pad(a, [tuple(r) for r in pads.tolist()], mode=self.mode.lower()))


class FillDiagonal(Primitive):
    """`input_x` (all sides equal when above 2-D) with its main diagonal set to `fill_value`; with `wrap` a tall
    matrix's diagonal restarts every columns + 1 rows."""

    @prim_attr_register
    def __init__(self, fill_value, wrap=False):
        if not isinstance(fill_value, (int, float)) or isinstance(fill_value, bool):
            raise TypeError(f"For 'FillDiagonal', the 'fill_value' should be float, but got "
                            f"{type(fill_value).__name__}.")
        _check_bool(wrap, "wrap", "FillDiagonal")

    def __call__(self, input_x):
        a = tensor_arr(input_x, "FillDiagonal", "input_x")
        if a.ndim < 2 or (a.ndim > 2 and len(set(a.shape)) != 1):
            raise ValueError(f"For 'FillDiagonal', the 'input_x' should be 2-D or have all sides equal, but got "
                             f"{list(a.shape)}.")
        step = int(sum(np.prod(a.shape[i + 1:]) for i in range(a.ndim)))
        end = a.size if (a.ndim == 2 and self.wrap) else min(a.shape) * step - step + 1
        flat = jnp.asarray(a).reshape(-1).at[np.arange(0, end, step)].set(self.fill_value)
        return wrap(flat.reshape(a.shape))


class FFTWithSize(Primitive):
    """The discrete Fourier transform over the last `signal_ndim` axes: complex (i)fft, or with `real` an rfft
    (`onesided`: the last axis halved) or an irfft to `signal_sizes` (default 2 * (n - 1) on the last axis);
    `norm` is 'backward', 'forward' or 'ortho'."""

    @prim_attr_register
    def __init__(self, signal_ndim, inverse, real, norm="backward", onesided=True, signal_sizes=()):
        if signal_ndim not in (1, 2, 3):
            raise ValueError(f"For 'FFTWithSize', the 'signal_ndim' should be 1, 2 or 3, but got {signal_ndim}.")
        for name in ("inverse", "real", "onesided"):
            _check_bool(getattr(self, name), name, "FFTWithSize")
        if norm not in ("backward", "forward", "ortho"):
            raise ValueError(f"For 'FFTWithSize', the 'norm' should be 'backward', 'forward' or 'ortho', but got "
                             f"{norm!r}.")

    def __call__(self, x):
        a = tensor_arr(x, "FFTWithSize", "x")
        if a.ndim < self.signal_ndim:
            raise ValueError(f"For 'FFTWithSize', the rank of 'x' should be at least signal_ndim = "
                             f"{self.signal_ndim}, but got {a.ndim}.")
        axes = tuple(range(-self.signal_ndim, 0))
        if not self.real:
            a = a if jnp.iscomplexobj(a) else a.astype(jnp.complex64)
            fn = jnp.fft.ifftn if self.inverse else jnp.fft.fftn
            return wrap(fn(a, axes=axes, norm=self.norm))
        if not self.inverse:
            a = a.astype(jnp.float64 if a.dtype == jnp.float64 else jnp.float32)
            fn = jnp.fft.rfftn if self.onesided else jnp.fft.fftn
            return wrap(fn(a, axes=axes, norm=self.norm))
        sizes = tuple(self.signal_sizes) or (*a.shape[-self.signal_ndim:-1], 2 * (a.shape[-1] - 1))
        if not self.onesided:
            return wrap(jnp.real(jnp.fft.ifftn(a, axes=axes, norm=self.norm)))
        return wrap(jnp.fft.irfftn(a, s=sizes, axes=axes, norm=self.norm))
