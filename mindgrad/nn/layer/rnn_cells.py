"""Recurrent cells: RNNCell, LSTMCell, GRUCell (`mindspore.nn.layer.rnn_cells`).

MindSpore's layout: `weight_ih` (chunks * hidden, input), `weight_hh` (chunks * hidden, hidden),
`bias_ih` / `bias_hh` (chunks * hidden,), all U(-1/sqrt(hidden), 1/sqrt(hidden)); LSTM gates in
the order (input, forget, cell, output), GRU gates (reset, update, new) with the new gate's
hidden part scaled by the reset gate. The step functions (`ops/operations/_rnn_math.py`) are shared
with `nn.LSTM`, `nn.GRU` and `nn.RNN` (`rnns.py`), which scan them over time, and the recurrent Primitives.
"""

from __future__ import annotations

import logging
import math

import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.initializer import Uniform, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ...ops.operations._rnn_math import STEPS
from ..cell import Cell

__all__ = ["RNNCellBase", "RNNCell", "LSTMCell", "GRUCell"]

_LOG = logging.getLogger("mindspore")


def check_tensor(arg_name: str, value, cls_name: str):
    """The array of a Tensor argument; anything else is MindSpore's TypeError naming the argument."""
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{cls_name}', the '{arg_name}' must be 'Tensor', but got '{type(value).__name__}'")
    return value._arr


def check_float_dtype(arg_name: str, a, cls_name: str) -> None:
    if a.dtype not in (jnp.float32, jnp.float16):
        raise TypeError(f"For '{cls_name}', the type of '{arg_name}' should be one of '['Float32', 'Float16']', "
                        f"but got '{mstype.from_numpy(a.dtype)}'.")


def check_state_tuple(hx, cls_name: str) -> tuple:
    """(h, c) arrays of an LSTM state: a tuple of two Tensors."""
    if not isinstance(hx, tuple):
        raise TypeError(f"For '{cls_name}', the 'hx' must be 'Tuple', but got '{type(hx).__name__}'")
    if len(hx) != 2:
        raise TypeError(f"For '{cls_name}', the length of 'hx' must be '2', but got '{len(hx)}'")
    return check_tensor("hx[0]", hx[0], cls_name), check_tensor("hx[1]", hx[1], cls_name)


class RNNCellBase(Cell):
    """Parameters and argument checks shared by the cells; `num_chunks` gates per hidden unit."""

    def __init__(self, input_size: int, hidden_size: int, has_bias: bool, num_chunks: int,
                 dtype=mstype.float32) -> None:
        super().__init__()
        V.check_value_type("has_bias", has_bias, [bool], self.cls_name)
        V.check_positive_int(hidden_size, "hidden_size", self.cls_name)
        V.check_positive_int(input_size, "input_size", self.cls_name)
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.has_bias = has_bias
        init = Uniform(1 / math.sqrt(hidden_size))
        self.weight_ih = Parameter(initializer(init, (num_chunks * hidden_size, input_size), dtype))
        self.weight_hh = Parameter(initializer(init, (num_chunks * hidden_size, hidden_size), dtype))
        if has_bias:
            self.bias_ih = Parameter(initializer(init, (num_chunks * hidden_size,), dtype))
            self.bias_hh = Parameter(initializer(init, (num_chunks * hidden_size,), dtype))
        else:
            self.bias_ih = None
            self.bias_hh = None

    def reset_parameters(self, dtype=mstype.float32) -> None:
        """Redraw every Parameter from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size))."""
        init = Uniform(1 / math.sqrt(self.hidden_size))
        for weight in self.get_parameters():
            weight.set_data(initializer(init, weight.shape, dtype))

    def _step(self, mode: str, x, hx):
        """One step of `mode` in the input's dtype."""
        dt = x.dtype
        biases = (self.bias_ih._arr.astype(dt), self.bias_hh._arr.astype(dt)) if self.has_bias else (None, None)
        return STEPS[mode](x, hx, self.weight_ih._arr.astype(dt), self.weight_hh._arr.astype(dt), *biases)


class RNNCell(RNNCellBase):
    """Elman cell: h' = tanh (or relu)(x W_ih^T + b_ih + h W_hh^T + b_hh)."""

    _non_linearity = ["tanh", "relu"]

    def __init__(self, input_size: int, hidden_size: int, has_bias: bool = True, nonlinearity: str = "tanh",
                 dtype=mstype.float32) -> None:
        super().__init__(input_size, hidden_size, has_bias, num_chunks=1, dtype=dtype)
        V.check_value_type("nonlinearity", nonlinearity, [str], self.cls_name)
        V.check_string(nonlinearity, self._non_linearity, "nonlinearity", self.cls_name)
        self.nonlinearity = nonlinearity

    def construct(self, x: Tensor, hx: Tensor) -> Tensor:
        a, h = check_tensor("x", x, self.cls_name), check_tensor("hx", hx, self.cls_name)
        check_float_dtype("x", a, self.cls_name)
        check_float_dtype("hx", h, self.cls_name)
        return wrap(self._step("RNN_TANH" if self.nonlinearity == "tanh" else "RNN_RELU", a, h))


class LSTMCell(RNNCellBase):
    """LSTM cell: (h', c') from x and (h, c); gates (i, f, g, o) stacked in that order."""

    def __init__(self, *args, **kwargs) -> None:
        _LOG.warning("LSTMCell has been changed from 'single LSTM layer' to 'single LSTM cell', if you still need "
                     "use single LSTM layer, please use `nn.LSTM` instead.")
        if len(args) > 3 or {"batch_size", "dropout", "bidirectional"} & set(kwargs):
            raise ValueError("The arguments of `nn.LSTMCell` from old MindSpore version(<1.6) are detected, if you "
                             "still need use single LSTM layer, please use `nn.LSTM` instead.")
        self._init(*args, **kwargs)

    def _init(self, input_size: int, hidden_size: int, has_bias: bool = True, dtype=mstype.float32) -> None:
        super().__init__(input_size, hidden_size, has_bias, num_chunks=4, dtype=dtype)

    def construct(self, x: Tensor, hx: tuple, *rest) -> tuple:
        if len(rest) == 2:
            raise ValueError(f"For '{self.cls_name}', the number of input args of construct is 4, if you are using "
                             "the implementation of `nn.LSTMCell` from old MindSpore version(<1.6), please notice "
                             "that: LSTMCell has been changed from 'single LSTM layer' to 'single LSTM cell', if you "
                             "still need use single LSTM layer, please use `nn.LSTM` instead.")
        a = check_tensor("x", x, self.cls_name)
        h, c = check_state_tuple(hx, self.cls_name)
        for arg_name, value in (("x", a), ("hx[0]", h), ("hx[1]", c)):
            check_float_dtype(arg_name, value, self.cls_name)
        h, c = self._step("LSTM", a, (h, c))
        return wrap(h), wrap(c)


class GRUCell(RNNCellBase):
    """GRU cell: r, z = sigmoid(...), n = tanh(x W_in + b_in + r * (h W_hn + b_hn)), h' = (1 - z) n + z h."""

    def __init__(self, input_size: int, hidden_size: int, has_bias: bool = True, dtype=mstype.float32) -> None:
        super().__init__(input_size, hidden_size, has_bias, num_chunks=3, dtype=dtype)

    def construct(self, x: Tensor, hx: Tensor) -> Tensor:
        a, h = check_tensor("x", x, self.cls_name), check_tensor("hx", hx, self.cls_name)
        check_float_dtype("x", a, self.cls_name)
        check_float_dtype("hx", h, self.cls_name)
        return wrap(self._step("GRU", a, h))
