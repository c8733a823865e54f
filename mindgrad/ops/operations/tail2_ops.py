"""More of issue 17's long tail of Primitives (ops17): `DeformableOffsets` (`P.nn_ops`), the deprecated
`MaxPoolWithArgmax`, `DynamicShape` and `identity`, `ScatterUpdate` and `SparseTensorDenseMatmul`."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ..function import array_shape_func as R
from ..function import math_func as M
from ..function import mint_fn_support_func as MF
from ..function import tail2_func as T2
from ..function import tail_func as T
from ..function.mint_nn_support_func import mish, selu
from ..function.tensor_more_func import lerp
from ..function._helpers import dtype_name, float_only, tensor_arr
from ..function.nn_func import _window_argmax
from ..function.parameter_func import _store
from ..primitive import Primitive, functional_primitive, prim_attr_register

__all__ = ["Addcdiv", "Addcmul", "Lerp", "Sinc", "Trace", "Trunc", "Polar", "Diag", "LogMatrixDeterminant", "Mish",
           "SeLU", "Cummax", "Cummin", "Tril", "Triu", "Cross", "Cdist", "Conv3DTranspose", "DeformableOffsets",
           "MaxPoolWithArgmax", "DynamicShape", "ScatterUpdate",
           "SparseTensorDenseMatmul", "identity"]  # P.identity: a class; ops/__init__.py keeps ops.identity the op



class Addcdiv(Primitive):
    """input + value * tensor1 / tensor2, `value` a Tensor (`ops.addcdiv`)."""

    _fn = staticmethod(MF.addcdiv)

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input, tensor1, tensor2, value):  # noqa: A002 - MindSpore's name
        if not isinstance(value, Tensor):
            raise TypeError(f"Failed calling {self.name} with \"{self.name}()(input=Tensor, tensor1=Tensor, "
                            f"tensor2=Tensor, value={type(value).__name__})\".")
        return type(self)._fn(input, tensor1, tensor2, value)


class Addcmul(Addcdiv):
    """input + value * tensor1 * tensor2, `value` a Tensor (`ops.addcmul`)."""

    _fn = staticmethod(MF.addcmul)


Lerp = functional_primitive("Lerp", lerp, __name__)
Sinc = functional_primitive("Sinc", MF.sinc, __name__)
Trace = functional_primitive("Trace", MF.trace, __name__)
Trunc = functional_primitive("Trunc", M.trunc, __name__)
Polar = functional_primitive("Polar", T.polar, __name__)
Diag = functional_primitive("Diag", R.diag, __name__)
Mish = functional_primitive("Mish", mish, __name__)
SeLU = functional_primitive("SeLU", selu, __name__)


class LogMatrixDeterminant(Primitive):
    """(sign, log |det|) of square matrices: `ops.slogdet`."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input):  # noqa: A002 - MindSpore's name
        return T2.slogdet(input)


class _AxisPrim(Primitive):
    """A Primitive whose call is `fn(input, <init argument>)`."""

    _fn = None

    def __call__(self, input):  # noqa: A002 - MindSpore's name
        return type(self)._fn(input, *self._args())


class Cummax(_AxisPrim):
    """(cumulative maximum along `axis`, Int64 index of each)."""

    _fn = staticmethod(MF.cummax)

    @prim_attr_register
    def __init__(self, axis):
        if isinstance(axis, bool) or not isinstance(axis, int):
            raise TypeError(f"For '{type(self).__name__}', the 'axis' should be an int, but got "
                            f"{type(axis).__name__}.")

    def _args(self) -> tuple:
        return (self.axis,)


class Cummin(Cummax):
    """(cumulative minimum along `axis`, Int64 index of each)."""

    _fn = staticmethod(MF.cummin)


class Tril(_AxisPrim):
    """The lower triangle (below the `diagonal`-th diagonal) of the last two axes."""

    _fn = staticmethod(R.tril)

    @prim_attr_register
    def __init__(self, diagonal=0):
        if isinstance(diagonal, bool) or not isinstance(diagonal, int):
            raise TypeError(f"For '{type(self).__name__}', the type of 'diagonal' should be int, but got "
                            f"{type(diagonal).__name__}.")

    def _args(self) -> tuple:
        return (self.diagonal,)


class Triu(Tril):
    """The upper triangle (above the `diagonal`-th diagonal) of the last two axes."""

    _fn = staticmethod(R.triu)


class Cross(Primitive):
    """The cross product along `dim` (the first axis of size 3 for the default -65530)."""

    @prim_attr_register
    def __init__(self, dim=-65530):
        pass

    def __call__(self, input, other):  # noqa: A002 - MindSpore's name
        return MF.cross(input, other, None if self.dim == -65530 else self.dim)


class Cdist(Primitive):
    """The p-norm distances between the rows of `x1` and `x2` (batched)."""

    @prim_attr_register
    def __init__(self, p=2.0):
        if not isinstance(p, float):
            raise TypeError(f"For 'Cdist', the type of 'p' should be float, but got {type(p).__name__}.")

    def __call__(self, x1, x2):
        return T.cdist(x1, x2, self.p)


class DeformableOffsets(Primitive):
    """The samples of a deformable convolution v2 (see `tail2_func.deformable_offsets`): (N, C, H_out * kh,
    W_out * kw) from `x` (N, C, H, W) and `offsets` (N, 3 * deformable_groups * kh * kw, H_out, W_out);
    `ops.deformable_conv2d` convolves them with stride `ksize`."""

    @prim_attr_register
    def __init__(self, strides, pads, ksize, dilations=(1, 1, 1, 1), data_format="NCHW", deformable_groups=1,
                 modulated=True):
        T2.check_deformable_args(strides, pads, ksize, dilations, data_format, deformable_groups, modulated)

    def __call__(self, x, offsets):
        return T2.deformable_offsets(x, offsets, self.strides, self.pads, self.ksize, self.dilations,
                                     self.data_format, self.deformable_groups)


def _triple(value, name: str, minimum: int) -> tuple:
    out = (value,) * 3 if isinstance(value, int) and not isinstance(value, bool) else value
    if isinstance(out, tuple) and len(out) == 5:
        out = out[2:]
    if (not isinstance(out, tuple) or len(out) != 3
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= minimum for v in out)):
        raise ValueError(f"For 'Conv3DTranspose', the '{name}' should be an int >= {minimum} or a tuple of three, but "
                         f"got {value}.")
    return out


class Conv3DTranspose(Primitive):
    """3-D transposed convolution of `dout` (N, C_in, D, H, W) by `weight` (C_in, C_out / group, kd, kh, kw), see
    `tail2_func.conv3d_transpose` for MindSpore's output sizes."""

    @prim_attr_register
    def __init__(self, in_channel, out_channel, kernel_size, mode=1, pad_mode="valid", pad=0, stride=1, dilation=1,
                 group=1, output_padding=0, data_format="NCDHW"):
        if not isinstance(pad_mode, str) or pad_mode.lower() not in ("valid", "same", "pad"):
            raise ValueError(f"For 'Conv3DTranspose', the 'pad_mode' must be str and must be in "
                             f"'['valid', 'same', 'pad']', but got '{pad_mode}'.")
        if data_format != "NCDHW":
            raise ValueError(f"For 'Conv3DTranspose', the 'data_format' must be 'NCDHW', but got {data_format}.")
        self.__dict__["_k"] = _triple(kernel_size, "kernel_size", 1)
        self.__dict__["_s"] = _triple(stride, "stride", 1)
        self.__dict__["_d"] = _triple(dilation, "dilation", 1)
        self.__dict__["_op"] = _triple(output_padding, "output_padding", 0)
        if self._d[0] != 1:
            raise ValueError(f"For 'Conv3DTranspose', the depth of parameter 'dilation' must be 1, but got "
                             f"{self._d[0]}.")
        pads = (pad,) * 6 if isinstance(pad, int) and not isinstance(pad, bool) else pad
        if not isinstance(pads, tuple) or len(pads) != 6 or not all(isinstance(v, int) and v >= 0 for v in pads):
            raise ValueError(f"For 'Conv3DTranspose', the 'pad' should be a non-negative int or a tuple of six, but "
                             f"got {pad}.")
        if pad_mode.lower() != "pad" and any(pads):
            raise ValueError(f"For 'Conv3DTranspose', the 'pad' must be zero or (0, 0, 0, 0, 0, 0) when 'pad_mode' is "
                             f"not \"pad\", but got 'pad' is {pad} and 'pad_mode' is {pad_mode}.")
        if in_channel % group or out_channel % group:
            raise ValueError("For 'Conv3DTranspose', 'in_channel' and 'out_channel' should be divisible by 'group'.")
        self.__dict__["_pads"] = pads

    def __call__(self, dout, weight):
        return T2.conv3d_transpose(dout, weight, self.pad_mode.lower(), self._pads, self._s, self._d, self.group,
                                   self._op)


def _pool_pair(value, name: str) -> tuple:
    pair = (value, value) if isinstance(value, int) and not isinstance(value, bool) else value
    if (not isinstance(pair, tuple) or len(pair) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in pair)):
        raise ValueError(f"For 'MaxPoolWithArgmax', the '{name}' should be a positive int or a tuple of two positive "
                         f"int, but got {value}.")
    return pair


class MaxPoolWithArgmax(Primitive):
    """(max pooling of NCHW `x`, Int32 flat C * H * W index of each maximum in its sample); 'same' pads each axis
    before by min(total // 2, (kernel - stride) // 2), as MindSpore's CPU kernel (deprecated in MindSpore for
    MaxPoolWithArgmaxV2)."""

    @prim_attr_register
    def __init__(self, kernel_size=1, strides=1, pad_mode="valid", data_format="NCHW"):
        if not isinstance(pad_mode, str):
            raise TypeError(f"For 'MaxPoolWithArgmax', the type of 'pad_mode' should be 'str', but got type "
                            f"'{type(pad_mode).__name__}'.")
        if pad_mode.upper() not in ("VALID", "SAME"):
            raise ValueError(f"For 'MaxPoolWithArgmax', the 'pad_mode' must be str and must be in "
                             f"'['VALID', 'SAME']', but got '{pad_mode.upper()}'.")
        if data_format != "NCHW":
            raise ValueError(f"For 'MaxPoolWithArgmax', the 'NHWC' format is only supported in GPU target, but got "
                             f"the 'data_format' is {data_format}.")
        self.__dict__["_k"] = _pool_pair(kernel_size, "kernel_size")
        self.__dict__["_s"] = _pool_pair(strides, "strides")

    def __call__(self, x):
        a = float_only(x, "MaxPoolWithArgmax", "x")
        if a.ndim != 4:
            raise ValueError(f"For 'MaxPoolWithArgmax', the 'x' should be 4-D, but got {a.ndim}-D.")
        k, s = self._k, self._s
        pads = []
        for size, ki, si in zip(a.shape[2:], k, s, strict=True):
            if self.pad_mode.upper() == "SAME":
                out = -(-size // si)
                total = max((out - 1) * si + ki - size, 0)
                before = min(total // 2, max(ki - si, 0) // 2)
                pads.append((before, total - before))
            else:
                pads.append((0, 0))
        out = jax.lax.reduce_window(a, -jnp.inf, jax.lax.max, (1, 1) + k, (1, 1) + s,
                                    [(0, 0), (0, 0)] + pads)
        index = _window_argmax(jax.lax.stop_gradient(a), k, s, pads, (1, 1)).astype(jnp.int32)
        index = index + (jnp.arange(a.shape[1], dtype=jnp.int32) * (a.shape[2] * a.shape[3]))[:, None, None]
        return wrap(out), wrap(index)


class DynamicShape(Primitive):
    """The shape of `input_x` as a 1-D Int64 Tensor (deprecated in MindSpore for `ops.shape`; MindSpore 2.10's
    CPU build cannot run it)."""

    @prim_attr_register
    def __init__(self, dtype=9):
        pass

    def __call__(self, input_x):
        return wrap(jnp.asarray(tensor_arr(input_x, "DynamicShape", "input_x").shape, jnp.int64))


class identity(Primitive):  # noqa: N801 - MindSpore's name
    """Returns its input (MindSpore's deprecated `P.identity`; `ops.identity` stays the function)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x):
        return x


@jax.custom_vjp
def _scatter_update(a, idx, u):
    """a.at[idx].set(u) with MindSpore's gradient: the sensitivity passes to `a` whole (rows written included),
    and its rows `idx` to `u`."""
    return jnp.asarray(a).at[idx].set(u)


_scatter_update.defvjp(lambda a, idx, u: (_scatter_update(a, idx, u), idx), lambda idx, g: (g, None, g[idx]))


class ScatterUpdate(Primitive):
    """Writes `updates` (indices.shape + input_x.shape[1:]) into the rows `indices` of the Parameter `input_x`;
    returns the updated value."""

    @prim_attr_register
    def __init__(self, use_locking=True):
        if not isinstance(use_locking, bool):
            raise TypeError(f"For 'ScatterUpdate', the type of 'use_locking' should be 'bool', but got type "
                            f"'{type(use_locking).__name__}'.")

    def __call__(self, input_x, indices, updates):
        a = tensor_arr(input_x, "ScatterUpdate", "input_x")
        idx, u = tensor_arr(indices, "ScatterUpdate", "indices"), tensor_arr(updates, "ScatterUpdate", "updates")
        if idx.dtype not in (jnp.int32, jnp.int64):
            raise TypeError(f"For 'ScatterUpdate', the 'indices' should be a Tensor of Int32 or Int64, but got "
                            f"{dtype_name(idx.dtype)}.")
        if u.shape != idx.shape + a.shape[1:]:
            raise ValueError(f"For 'ScatterUpdate', updates_shape = indices_shape + input_x_shape[1:], but got "
                             f"input_x_shape: {list(a.shape)}, indices_shape: {list(idx.shape)}, updates_shape: "
                             f"{list(u.shape)}.")
        out = wrap(_scatter_update(a, idx, u.astype(a.dtype)))
        _store(input_x, out, "ScatterUpdate")
        return out


class SparseTensorDenseMatmul(Primitive):
    """The product of the sparse matrix (`indices` (K, 2), `values` (K,), `sparse_shape`) and the dense matrix
    `dense`, each transposed (conjugated) first with `adjoint_st` / `adjoint_dt`."""

    @prim_attr_register
    def __init__(self, adjoint_st=False, adjoint_dt=False):
        for name, value in (("adjoint_st", adjoint_st), ("adjoint_dt", adjoint_dt)):
            if not isinstance(value, bool):
                raise TypeError(f"For 'SparseTensorDenseMatmul', the type of '{name}' should be 'bool', but got "
                                f"type '{type(value).__name__}'.")

    def __call__(self, indices, values, sparse_shape, dense):
        op = "SparseTensorDenseMatmul"
        idx, v, d = tensor_arr(indices, op, "indices"), tensor_arr(values, op, "values"), tensor_arr(dense, op, "dense")
        shape = tuple(int(s) for s in (sparse_shape.tolist() if hasattr(sparse_shape, "tolist") else sparse_shape))
        if idx.dtype not in (jnp.int32, jnp.int64):
            raise TypeError(f"For '{op}', the 'indices' should be a Tensor of Int32 or Int64, but got "
                            f"{dtype_name(idx.dtype)}.")
        if idx.ndim != 2 or idx.shape[1] != 2 or v.shape != idx.shape[:1] or len(shape) != 2 or d.ndim != 2:
            raise ValueError(f"For '{op}', expected indices (K, 2), values (K,), a 2-D sparse_shape and a 2-D dense, "
                             f"but got {list(idx.shape)}, {list(v.shape)}, {shape} and {list(d.shape)}.")
        if v.dtype != d.dtype:
            raise TypeError(f"For '{op}', the 'values' and 'dense' should have the same dtype, but got "
                            f"{dtype_name(v.dtype)} and {dtype_name(d.dtype)}.")
        sparse = jnp.zeros(shape, v.dtype).at[idx[:, 0], idx[:, 1]].add(v)
        if self.adjoint_st:
            sparse = jnp.conj(sparse.T)
        if self.adjoint_dt:
            d = jnp.conj(d.T)
        if sparse.shape[1] != d.shape[0]:
            raise ValueError(f"For '{op}', the inner dimensions of the sparse ({sparse.shape}) and dense "
                             f"({d.shape}) matrices should match.")
        return wrap(jnp.matmul(sparse, d))
