"""More of MindSpore's basic layers (`mindspore.nn.layer.basic`): Linear, ClipByNorm, Upsample, Dropout2d,
Dropout3d, Norm, OneHot, Unfold, Tril, Triu, Unflatten.

MindSpore's behaviour mirrored: `Linear` is `Dense` with `bias` and no activation; `ClipByNorm`
scales x by clip_norm / max(||x||, clip_norm) over `axis`; `Dropout2d`/`Dropout3d` zero whole
channels of (N, C, H, W) / (N, C, D, H, W) input in training mode (keep 1 - p, survivors scaled by
1 / (1 - p)); `Norm` with the default axis=() sums over every axis and, without keep_dims, squeezes
every size-1 axis; `Unfold` is ExtractImagePatches (patch values ordered (row, col, channel));
`Tril`/`Triu` multiply by the mask in Float32; `Unflatten` splits `axis` into `unflattened_size`.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp

from ...common import dtype as mstype
from ...common import seed as _seed
from ...common.initializer import HeUniform, Uniform, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ..cell import Cell
from ._util import arr, is_int

__all__ = ["Linear", "ClipByNorm", "Upsample", "Dropout2d", "Dropout3d", "Norm", "OneHot", "Unfold", "Tril", "Triu",
           "Unflatten"]


class Linear(Cell):
    """`y = x @ weight.T + bias` on the last axis; weight (out_features, in_features) HeUniform(sqrt(5)), bias
    U(-1/sqrt(in_features), 1/sqrt(in_features))."""

    def __init__(self, in_features: int, out_features: int, bias: bool = True, weight_init=None, bias_init=None,
                 dtype=None) -> None:
        super().__init__()
        name = self.cls_name
        self.in_features = V.check_positive_int(in_features, "in_features", name)
        self.out_features = V.check_positive_int(out_features, "out_features", name)
        self.has_bias = V.check_bool(bias, "has_bias", name)
        dtype = mstype.float32 if dtype is None else dtype
        if isinstance(weight_init, Tensor) and (weight_init.ndim != 2 or weight_init.shape[0] != out_features
                                                or weight_init.shape[1] != in_features):
            raise ValueError(f"For '{name}', weight init shape error. The ndim of 'weight_init' must be equal to 2, "
                             f"and the first dim must be equal to 'out_features', and the second dim must be equal to "
                             f"'in_features'. But got 'weight_init': {weight_init}, 'out_features': {out_features}, "
                             f"'in_features': {in_features}.")
        weight_init = HeUniform(math.sqrt(5)) if weight_init is None else weight_init
        self.weight = Parameter(initializer(weight_init, [out_features, in_features], dtype=dtype), name="weight")
        self.bias = None
        if self.has_bias:
            if isinstance(bias_init, Tensor) and (bias_init.ndim != 1 or bias_init.shape[0] != out_features):
                raise ValueError(f"For '{name}', bias init shape error. The ndim of 'bias_init' must be equal to 1, "
                                 f"and the first dim must be equal to 'out_features'. But got 'bias_init': "
                                 f"{bias_init}, 'out_features': {out_features}.")
            bias_init = Uniform(scale=1 / math.sqrt(in_features)) if bias_init is None else bias_init
            self.bias = Parameter(initializer(bias_init, [out_features], dtype=dtype), name="bias")

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, "Dense")
        if a.shape[-1] != self.in_features:
            raise ValueError(f"For 'Dense', the last dimension of 'x' must be equal to the second dimension of "
                             f"'w', but got {a.shape[-1]} and {self.in_features}.")
        out = jnp.matmul(a, self.weight._arr.T)
        return wrap(out + self.bias._arr if self.has_bias else out)

    def extend_repr(self) -> str:
        return f"input_features={self.in_features}, output_features={self.out_features}, has_bias={self.has_bias}"


class ClipByNorm(Cell):
    """x * clip_norm / max(l2norm(x over `axis`), clip_norm), in x's dtype; `clip_norm` must be a Tensor.

    With `axis` given, MindSpore 2.10's CPU kernel mixes elements of other rows into each norm; mindgrad
    clips by each slice's own norm (the documented result)."""

    def __init__(self, axis=None) -> None:
        super().__init__()
        if axis is not None:
            V.check_value_type("axis", axis, (int, tuple, list), "ClipByNorm")
        self.axis = axis

    def construct(self, x: Tensor, clip_norm) -> Tensor:
        a = arr(x, "ClipByNorm")
        if not isinstance(clip_norm, Tensor):
            raise TypeError("For 'ClipByNorm', the input args must be tensor.")
        clip = clip_norm._arr
        axis = None if self.axis is None or self.axis == () else (
            tuple(self.axis) if isinstance(self.axis, (tuple, list)) else (self.axis,))
        a32, clip32 = a.astype(jnp.float32), clip.astype(jnp.float32)
        norm = jnp.sqrt(jnp.sum(jnp.square(a32), axis=axis, keepdims=True))
        return wrap((a32 * clip32 / jnp.maximum(norm, clip32)).astype(a.dtype))


class Upsample(Cell):
    """`ops.interpolate(x, size, scale_factor, mode, align_corners, recompute_scale_factor)`."""

    def __init__(self, size=None, scale_factor=None, mode: str = "nearest", align_corners=None,
                 recompute_scale_factor=None) -> None:
        super().__init__()
        self.size = size
        self.scale_factor = scale_factor
        self.mode = mode
        self.align_corners = align_corners
        self.recompute_scale_factor = recompute_scale_factor

    def construct(self, x: Tensor) -> Tensor:
        from ... import ops

        return ops.interpolate(x, self.size, self.scale_factor, self.mode, self.align_corners,
                               self.recompute_scale_factor)


class _DropoutNd(Cell):
    """Channel dropout over input of rank `_NDIM`: each (sample, channel) kept with probability 1 - p."""

    _NDIM, _PRIM = 4, "Dropout2D"

    def __init__(self, p: float = 0.5) -> None:
        super().__init__()
        V.check_value_type("p", p, [float], self.cls_name)
        if p < 0 or p > 1:
            raise ValueError(f"For '{self.cls_name}', the 'p' must be a number in range [0, 1], but got {p}.")
        self.keep_prob = 1.0 - p
        self.__dict__["_mindgrad_rng"] = _seed.new_stream("dropout")

    def construct(self, x: Tensor) -> Tensor:
        if not self.training or self.keep_prob == 1:
            return x
        a = arr(x, self.cls_name)
        if a.ndim != self._NDIM:
            raise ValueError(f"For '{self._PRIM}', the dimension of 'x' must be {self._NDIM}, but got {a.ndim}.")
        if self.keep_prob == 0:
            return wrap(jnp.zeros_like(a))
        mask = jax.random.bernoulli(_seed.next_key(self._mindgrad_rng), self.keep_prob,
                                    a.shape[:2] + (1,) * (a.ndim - 2))
        return wrap(a * mask.astype(a.dtype) * jnp.asarray(1.0 / self.keep_prob, a.dtype))

    def extend_repr(self) -> str:
        return f"p={self.keep_prob}"


class Dropout2d(_DropoutNd):
    """Zero whole channels of (N, C, H, W) input with probability `p` (training mode)."""

    _NDIM, _PRIM = 4, "Dropout2D"


class Dropout3d(_DropoutNd):
    """Zero whole channels of (N, C, D, H, W) input with probability `p` (training mode)."""

    _NDIM, _PRIM = 5, "Dropout3D"


def _axes(axis) -> tuple:
    return tuple(axis) if isinstance(axis, (tuple, list)) else (axis,)


class Norm(Cell):
    """sqrt(sum(x ** 2)) over `axis` (default: every axis)."""

    def __init__(self, axis=(), keep_dims: bool = False) -> None:
        super().__init__()
        V.check_value_type("keep_dims", keep_dims, [bool], self.cls_name)
        self.axis = axis
        self.keep_dims = keep_dims

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, "Norm")
        axes = _axes(self.axis)
        out = jnp.sqrt(jnp.sum(jnp.square(a), axis=axes or None, keepdims=True))
        if not self.keep_dims:
            out = jnp.squeeze(out, axis=tuple(ax % a.ndim for ax in axes) if axes else None)
        return wrap(out)

    def extend_repr(self) -> str:
        return f"axis={self.axis}, keep_dims={self.keep_dims}"


class OneHot(Cell):
    """`ops.OneHot(axis)(indices, depth, on_value, off_value)` with the values cast to `dtype`."""

    def __init__(self, axis: int = -1, depth: int = 1, on_value=1.0, off_value=0.0, dtype=mstype.float32) -> None:
        super().__init__()
        self.axis = axis
        self.depth = depth
        self.dtype = dtype
        self.on_value = on_value
        self.off_value = off_value

    def construct(self, indices: Tensor) -> Tensor:
        from ... import ops

        on = ops.cast(Tensor(self.on_value), self.dtype)
        off = ops.cast(Tensor(self.off_value), self.dtype)
        return ops.OneHot(self.axis)(indices, self.depth, on, off)


class Unfold(Cell):
    """Image patches of (N, C, H, W) input: output (N, C * kh * kw, out_h, out_w), patch values ordered
    (row, col, channel); `ksizes`, `strides`, `rates` as [1, row, col, 1]; padding 'valid' or 'same'."""

    def __init__(self, ksizes, strides, rates, padding: str = "valid") -> None:
        super().__init__()
        name = self.cls_name
        for arg_name, value in (("ksize", ksizes), ("stride", strides), ("rate", rates)):
            V.check_value_type(f"{arg_name}s", ksizes, [tuple, list], name)
            if len(value) != 4 or value[0] != 1 or value[3] != 1:
                raise ValueError(f"For '{name}' the format of '{arg_name}s' must be [1, {arg_name}_row, "
                                 f"{arg_name}_col, 1], but got {value}.")
            if not (is_int(value[1]) and is_int(value[2])) or value[1] < 1 or value[2] < 1:
                raise ValueError(f"For '{name}' the {arg_name}_row and {arg_name}_col in '{arg_name}s' must be an "
                                 f"positive integer number, but got {arg_name}_row is {value[1]}, {arg_name}_col is "
                                 f"{value[2]}")
        self.__dict__["_mindgrad_cfg"] = (tuple(ksizes[1:3]), tuple(strides[1:3]), tuple(rates[1:3]))
        self.padding = padding

    def construct(self, input_x: Tensor) -> Tensor:
        a = arr(input_x, "ExtractImagePatches", "input_x")
        if a.ndim != 4:
            raise ValueError(f"For 'ExtractImagePatches', the dimension of 'input_x' must be 4, but got {a.ndim}.")
        kernel, stride, rate = self._mindgrad_cfg
        V.check_value_type("padding", self.padding, [str], "ExtractImagePatches")
        padding = V.check_string(self.padding.upper(), ["VALID", "SAME"], "padding", "ExtractImagePatches")
        patches = jax.lax.conv_general_dilated_patches(a, kernel, stride, padding, rhs_dilation=rate,
                                                       dimension_numbers=("NCHW", "OIHW", "NCHW"))
        n, _, oh, ow = patches.shape
        c = a.shape[1]
        # lax orders patch values (channel, row, col); MindSpore (row, col, channel)
        patches = patches.reshape((n, c, kernel[0] * kernel[1], oh, ow)).transpose((0, 2, 1, 3, 4))
        return wrap(patches.reshape((n, -1, oh, ow)))


class _TriangleMask(Cell):
    """x times its (lower or upper) triangle mask, computed in Float32 and cast back."""

    _LOWER = True

    def construct(self, x: Tensor, k: int = 0) -> Tensor:
        a = arr(x, self.cls_name)
        name = "tril" if self._LOWER else "triu"
        if a.ndim < 1:
            raise ValueError(f"For '{name}', the 'x rank' must be >= 1, but got {a.ndim}.")
        V.check_value_type("k value", k, [int], name)
        ones = jnp.ones(a.shape, jnp.float32)
        mask = jnp.tril(ones, k) if self._LOWER else jnp.triu(ones, k)
        return wrap((a.astype(jnp.float32) * mask).astype(a.dtype))


class Tril(_TriangleMask):
    """Keep the elements on and below the k-th diagonal of the last two axes."""

    _LOWER = True


class Triu(_TriangleMask):
    """Keep the elements on and above the k-th diagonal of the last two axes."""

    _LOWER = False


class Unflatten(Cell):
    """Reshape axis `axis` into `unflattened_size` (MindSpore's shape arithmetic: input_shape[:axis] +
    unflattened_size + input_shape[axis + 1:], the tail dropped for axis=-1)."""

    def __init__(self, axis: int, unflattened_size) -> None:
        super().__init__()
        V.check_value_type("axis", axis, [int], "Unflatten")
        V.check_value_type("unflattended_size", unflattened_size, (list, tuple), "Unflatten")
        self.axis = axis
        self.unflattened_size = tuple(unflattened_size)

    def construct(self, input_x: Tensor) -> Tensor:
        a = arr(input_x, "Unflatten", "input_x")
        shape = a.shape[:self.axis] + self.unflattened_size
        if self.axis != -1:
            shape += a.shape[self.axis + 1:]
        if int(math.prod(d for d in shape if d != -1)) == 0 or shape.count(-1) > 1 or (
                -1 not in shape and math.prod(shape) != a.size):
            raise ValueError(f"For 'Reshape', the product of the 'input_x' shape should be equal to product of "
                             f"'input_shape', but got 'input_x' shape: {a.shape}, 'input_shape': {shape}.")
        return wrap(a.reshape(shape))
