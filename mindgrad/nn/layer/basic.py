"""Basic layers: Dense, Flatten, Identity, Dropout, Pad (`mindspore.nn.layer.basic`)."""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp

from ...common import dtype as mstype
from ...common import seed as _seed
from ...common.initializer import HeUniform, Uniform, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from ...ops.primitive import Primitive
from .. import _validator as V
from ..cell import Cell
from ._util import arr
from .activation import get_activation

__all__ = ["Dense", "Flatten", "Identity", "Dropout", "Pad"]


class Dense(Cell):
    """`y = activation(x @ weight.T + bias)`; weight has shape (out_channels, in_channels).

    Defaults as MindSpore: weight HeUniform(sqrt(5)), bias U(-1/sqrt(in), 1/sqrt(in)). An input of
    any rank is computed on its last axis, as MindSpore's reshape to 2-D and back.
    """

    def __init__(self, in_channels: int, out_channels: int, weight_init=None, bias_init=None,
                 has_bias: bool = True, activation=None, dtype=mstype.float32) -> None:
        super().__init__()
        self.in_channels = V.check_positive_int(in_channels, "in_channels", "Dense")
        self.out_channels = V.check_positive_int(out_channels, "out_channels", "Dense")
        self.has_bias = V.check_bool(has_bias, "has_bias", "Dense")
        if isinstance(weight_init, Tensor) and (weight_init.ndim != 2 or weight_init.shape[0] != out_channels
                                                or weight_init.shape[1] != in_channels):
            raise ValueError("For 'Dense', weight init shape error. The ndim of 'weight_init' must be equal to 2, and "
                             "the first dim must be equal to 'out_channels', and the second dim must be equal to "
                             f"'in_channels'. But got 'weight_init': {weight_init}, 'out_channels': {out_channels}, "
                             f"'in_channels': {in_channels}.")
        if weight_init is None:
            weight_init = HeUniform(math.sqrt(5))
        self.weight = Parameter(initializer(weight_init, [out_channels, in_channels], dtype=dtype), name="weight")
        self.bias = None
        if self.has_bias:
            if isinstance(bias_init, Tensor) and (bias_init.ndim != 1 or bias_init.shape[0] != out_channels):
                raise ValueError("For 'Dense', bias init shape error. The ndim of 'bias_init' must be equal to 1, and "
                                 "the first dim must be equal to 'out_channels'. But got 'bias_init': "
                                 f"{bias_init}, 'out_channels': {out_channels}.")
            if bias_init is None:
                bias_init = Uniform(scale=1 / math.sqrt(in_channels))
            self.bias = Parameter(initializer(bias_init, [out_channels], dtype=dtype), name="bias")
        self.activation = get_activation(activation) if isinstance(activation, str) else activation
        if activation is not None and not isinstance(self.activation, (Cell, Primitive)):
            raise TypeError(f"For 'Dense', the 'activation' must be str or Cell or Primitive, but got "
                            f"{type(activation).__name__}.")
        self.activation_flag = self.activation is not None

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, "Dense")
        cols = a.shape[-1] if a.ndim else 1
        if cols != self.in_channels:
            raise ValueError(f"For 'MatMul' the input dimensions must be equal, but got 'x1_col': {cols} and "
                             f"'x2_row': {self.in_channels}.")
        out = jnp.matmul(a, self.weight._arr.T)
        if self.has_bias:
            out = out + self.bias._arr
        y = wrap(out)
        return self.activation(y) if self.activation_flag else y

    def extend_repr(self) -> str:
        s = f"input_channels={self.in_channels}, output_channels={self.out_channels}"
        if self.has_bias:
            s += f", has_bias={self.has_bias}"
        if self.activation_flag:
            s += f", activation={self.activation}"
        return s


class Flatten(Cell):
    """Flatten dimensions `start_dim..end_dim` (default: all but the batch axis); a 0-d input gives shape (1,)."""

    def __init__(self, start_dim: int = 1, end_dim: int = -1) -> None:
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, "Flatten")
        ndim = a.ndim if a.ndim else 1
        for axis in (self.start_dim, self.end_dim):
            if axis < -ndim or axis >= ndim:
                raise ValueError("'start_dim' or 'end_dim' out of range.")
        if a.ndim == 0:
            return wrap(a.reshape((1,)))
        start, end = self.start_dim % ndim, self.end_dim % ndim
        if start > end:
            raise ValueError("For 'flatten', 'start_dim' cannot come after 'end_dim'.")
        return wrap(a.reshape(a.shape[:start] + (-1,) + a.shape[end + 1:]))


class Identity(Cell):
    """Returns its input (any constructor arguments are ignored)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__()

    def construct(self, x):
        return x


class Dropout(Cell):
    """Zero each element with probability `p` (or 1 - `keep_prob`) and scale the rest by 1 / keep.

    Identity in eval mode (a new Cell is in eval mode), for keep_prob == 1 and for p == 0. `keep_prob`
    keeps its default 0.5 when `p` is given, as in MindSpore. Masks come from a random stream
    seeded by `ms.set_seed` (reproducible per seed) and advance on every call, gradient calls
    included.
    """

    def __init__(self, keep_prob: float = 0.5, p: float | None = None, dtype=mstype.float32) -> None:
        super().__init__()
        if p is None:
            V.check_value_type("keep_prob", keep_prob, [float], "Dropout")
            if keep_prob <= 0 or keep_prob > 1:
                raise ValueError(f"For 'Dropout', the 'keep_prob' must be a number in range (0, 1], but got "
                                 f"{keep_prob}.")
        else:
            V.check_value_type("p", p, [float, int], "Dropout")
            if p < 0 or p >= 1:
                raise ValueError(f"For 'Dropout', the 'p' must be a number in range [0, 1), but got {p}.")
        self.p = p
        self.keep_prob = keep_prob
        self.__dict__["_mindgrad_rng"] = _seed.new_stream("dropout")

    def construct(self, x: Tensor) -> Tensor:
        if not self.training or self.keep_prob == 1 or self.p == 0:
            return x
        a = arr(x, "Dropout")
        keep = 1.0 - self.p if self.p is not None else self.keep_prob
        mask = jax.random.bernoulli(_seed.next_key(self._mindgrad_rng), keep, a.shape)
        return wrap(a * mask.astype(a.dtype) * jnp.asarray(1.0 / keep, a.dtype))

    def extend_repr(self) -> str:
        return f"keep_prob={self.keep_prob}" if self.p is None else f"p={self.p}"


class Pad(Cell):
    """Pad by `paddings` ((before, after) per dimension) in mode 'CONSTANT' (zeros), 'REFLECT' or 'SYMMETRIC'."""

    _MODES = {"CONSTANT": "constant", "REFLECT": "reflect", "SYMMETRIC": "symmetric"}

    def __init__(self, paddings: tuple, mode: str = "CONSTANT") -> None:
        super().__init__()
        self.mode = mode
        self.paddings = paddings
        V.check_string(self.mode, ["CONSTANT", "REFLECT", "SYMMETRIC"], "mode", "Pad")
        if not isinstance(paddings, tuple):
            raise TypeError(f"For 'Pad', the type of 'paddings' must be tuple, but got {type(paddings).__name__}.")
        for item in paddings:
            if len(item) != 2:
                raise ValueError(f"For 'Pad', the dimension of 'paddings' must be (n, 2), but got {paddings}.")
        if len(paddings) > 4:
            raise ValueError(f"For 'Pad', only 'paddings' up to 4 dims is supported, but got {len(paddings)}.")
        self.__dict__["_mindgrad_pads"] = tuple((int(a), int(b)) for a, b in paddings)

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, "Pad")
        pads = self._mindgrad_pads
        if len(pads) != a.ndim:
            raise ValueError(f"For 'Pad', the size of 'paddings' must be equal to the rank of the input {a.ndim}, "
                             f"but got {len(pads)}.")
        if self.mode != "CONSTANT":
            for dim, (before, after) in zip(a.shape, pads, strict=False):
                limit = dim if self.mode == "SYMMETRIC" else dim - 1
                if before > limit or after > limit:
                    raise ValueError(f"For 'MirrorPad', the paddings {pads} must be no greater than the input "
                                     f"dimension{'' if self.mode == 'SYMMETRIC' else ' - 1'} in mode {self.mode}.")
        return wrap(jnp.pad(a, pads, mode=self._MODES[self.mode]))
