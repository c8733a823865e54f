"""Stacked recurrent layers: RNN, GRU, LSTM (`mindspore.nn.layer.rnns`).

MindSpore's Parameters and names, so its checkpoints load: ParameterTuples `w_ih_list`,
`w_hh_list`, `b_ih_list`, `b_hh_list` holding `weight_ih_l{k}[_reverse]` ((gates * hidden,
layer input)), `weight_hh_l{k}[_reverse]`, `bias_ih_l{k}[_reverse]`, `bias_hh_l{k}[_reverse]`,
drawn from U(-1/sqrt(hidden), 1/sqrt(hidden)) by NumPy's global generator as MindSpore does.
Inputs (seq, batch, input) or, with `batch_first`, (batch, seq, input); `hx` zeros by default;
`seq_length` (batch,) int32/int64 freezes each sequence's state after its length and zeroes its
later outputs (the reverse direction reads each sequence reversed within its length). Dropout
(training mode) applies to every layer's output but the last. Each direction of each layer is
one `lax.scan` over time.
"""

from __future__ import annotations

import logging
import math

import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ..cell import Cell
from .basic import Dropout
from ...ops.operations._rnn_math import _reverse, _scan
from .rnn_cells import STEPS, check_float_dtype, check_state_tuple, check_tensor

__all__ = ["RNN", "GRU", "LSTM"]

_LOG = logging.getLogger("mindspore")
_GATES = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}


class _RNNBase(Cell):
    """Shared constructor, checks and stacking of the recurrent layers."""

    def __init__(self, mode: str, input_size: int, hidden_size: int, num_layers: int = 1, has_bias: bool = True,
                 batch_first: bool = False, dropout: float = 0.0, bidirectional: bool = False,
                 dtype=mstype.float32) -> None:
        super().__init__()
        name = self.cls_name
        V.check_positive_int(hidden_size, "hidden_size", name)
        V.check_positive_int(input_size, "input_size", name)
        V.check_positive_int(num_layers, "num_layers", name)
        V.check_is_float(dropout, "dropout", name)
        V.check_value_type("has_bias", has_bias, [bool], name)
        V.check_value_type("batch_first", batch_first, [bool], name)
        V.check_value_type("bidirectional", bidirectional, [bool], name)
        if not 0 <= dropout < 1:
            raise ValueError(f"For '{name}', the 'dropout' must be a number in range [0, 1) representing the "
                             f"probability of an element being zeroed, but got {dropout}.")
        if dropout > 0 and num_layers == 1:
            _LOG.warning("dropout option adds dropout after all but last recurrent layer, so non-zero dropout "
                         "expects num_layers greater than 1, but got dropout=%s and num_layers=%s", dropout,
                         num_layers)
        self.__dict__["_mindgrad_mode"] = mode
        self.hidden_size = hidden_size
        self.batch_first = batch_first
        self.num_layers = num_layers
        self.dropout = dropout
        self.dropout_op = Dropout(p=float(dropout))
        self.bidirectional = bidirectional
        self.has_bias = has_bias
        self.is_lstm = mode == "LSTM"
        gate_size = _GATES[mode] * hidden_size
        directions = 2 if bidirectional else 1
        stdv = 1 / math.sqrt(hidden_size)
        lists: dict = {"w_ih": [], "w_hh": [], "b_ih": [], "b_hh": []}

        def new(shape, param_name):
            values = np.random.uniform(-stdv, stdv, shape).astype(np.float32)
            return Parameter(Tensor(values, dtype=dtype), name=param_name)

        for layer in range(num_layers):
            for direction in range(directions):
                layer_input = input_size if layer == 0 else hidden_size * directions
                suffix = f"l{layer}_reverse" if direction else f"l{layer}"
                lists["w_ih"].append(new((gate_size, layer_input), f"weight_ih_{suffix}"))
                lists["w_hh"].append(new((gate_size, hidden_size), f"weight_hh_{suffix}"))
                if has_bias:
                    lists["b_ih"].append(new((gate_size,), f"bias_ih_{suffix}"))
                    lists["b_hh"].append(new((gate_size,), f"bias_hh_{suffix}"))
        self.w_ih_list = ParameterTuple(lists["w_ih"])
        self.w_hh_list = ParameterTuple(lists["w_hh"])
        self.b_ih_list = ParameterTuple(lists["b_ih"])
        self.b_hh_list = ParameterTuple(lists["b_hh"])

    def _weights(self, index: int, dt) -> tuple:
        w = (self.w_ih_list[index]._arr.astype(dt), self.w_hh_list[index]._arr.astype(dt))
        if self.has_bias:
            return w + (self.b_ih_list[index]._arr.astype(dt), self.b_hh_list[index]._arr.astype(dt))
        return w + (None, None)

    def _check_hx(self, hx, a):
        """The initial state arrays (zeros by default), checked as MindSpore checks them."""
        name = self.cls_name
        batch = a.shape[0] if self.batch_first else a.shape[1]
        shape = (self.num_layers * (2 if self.bidirectional else 1), batch, self.hidden_size)
        if hx is None:
            zeros = jnp.zeros(shape, a.dtype)
            return (zeros, zeros) if self.is_lstm else zeros
        if self.is_lstm:
            h, c = check_state_tuple(hx, name)
            states, labels = (h, c), ("hx[0]", "hx[1]")
        else:
            states, labels = (check_tensor("h", hx, name),), ("hx",)
        for label, s in (("x", a),) + tuple(zip(labels, states, strict=True)):
            check_float_dtype(label, s, name)
            if s.dtype != a.dtype:
                raise TypeError(f"For '{name}', the type of '{label}' should be same with 'x', but got "
                                f"'{mstype.from_numpy(s.dtype)}' and '{mstype.from_numpy(a.dtype)}'.")
        for s in states:
            if tuple(s.shape) != shape:
                raise ValueError(f"For '{name}', the shape of 'hx' must be {shape}, but got {tuple(s.shape)}.")
        return states if self.is_lstm else states[0]

    def construct(self, x: Tensor, hx=None, seq_length: Tensor | None = None):
        name = self.cls_name
        a = check_tensor("x", x, name)
        if a.ndim != 3:
            raise ValueError(f"For '{name}', the 'x' must be a 3-D Tensor, but got {a.ndim}-D.")
        state = self._check_hx(hx, a)
        lengths = None
        if seq_length is not None:
            lengths = check_tensor("seq_length", seq_length, name)
            if lengths.dtype not in (jnp.int32, jnp.int64):
                raise TypeError(f"For '{name}', the type of 'seq_length' should be one of '['Int32', 'Int64']', "
                                f"but got '{mstype.from_numpy(lengths.dtype)}'.")
            batch = a.shape[0] if self.batch_first else a.shape[1]
            if lengths.shape[0] != batch:
                raise ValueError(f"For '{name}' batch size of x and seq_length must be equal, but got {batch} of x "
                                 f"and {lengths.shape[0]} of seq_length.")
        dt = a.dtype
        if self.batch_first:
            a = jnp.swapaxes(a, 0, 1)
        step = STEPS[self._mindgrad_mode]
        directions = 2 if self.bidirectional else 1
        h_n, c_n = [], []
        layer_in = a
        for layer in range(self.num_layers):
            outs = []
            for direction in range(directions):
                k = layer * directions + direction
                init = (state[0][k], state[1][k]) if self.is_lstm else state[k]
                seq = _reverse(layer_in, lengths) if direction else layer_in
                out, final = _scan(step, seq, init, self._weights(k, dt), lengths, self.is_lstm)
                outs.append(_reverse(out, lengths) if direction else out)
                if self.is_lstm:
                    h_n.append(final[0])
                    c_n.append(final[1])
                else:
                    h_n.append(final)
            output = outs[0] if directions == 1 else jnp.concatenate(outs, axis=2)
            layer_in = output
            if self.dropout != 0 and layer < self.num_layers - 1:
                layer_in = self.dropout_op(wrap(output))._arr
        if self.batch_first:
            output = jnp.swapaxes(output, 0, 1)
        if self.is_lstm:
            return wrap(output.astype(dt)), (wrap(jnp.stack(h_n).astype(dt)), wrap(jnp.stack(c_n).astype(dt)))
        return wrap(output.astype(dt)), wrap(jnp.stack(h_n).astype(dt))


class RNN(_RNNBase):
    """Stacked Elman RNN: h_t = tanh (or relu)(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh).

    `RNN(input_size, hidden_size, num_layers=1, has_bias=True, batch_first=False, dropout=0.0,
    bidirectional=False, dtype=mstype.float32, nonlinearity='tanh')` (`nonlinearity` by keyword only, as in
    MindSpore); returns (output, h_n).
    """

    def __init__(self, *args, **kwargs) -> None:
        nonlinearity = kwargs.pop("nonlinearity", "tanh")
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"For '{self.cls_name}', the 'nonlinearity' must be in ['tanh', 'relu'], but got "
                             f"{nonlinearity}.")
        super().__init__("RNN_TANH" if nonlinearity == "tanh" else "RNN_RELU", *args, **kwargs)


class GRU(_RNNBase):
    """Stacked GRU; `GRU(input_size, hidden_size, num_layers=1, has_bias=True, batch_first=False, dropout=0.0,
    bidirectional=False, dtype=mstype.float32)`; returns (output, h_n)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__("GRU", *args, **kwargs)


class LSTM(_RNNBase):
    """Stacked LSTM; `LSTM(input_size, hidden_size, num_layers=1, has_bias=True, batch_first=False, dropout=0.0,
    bidirectional=False, dtype=mstype.float32)`; `hx` is (h_0, c_0); returns (output, (h_n, c_n))."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__("LSTM", *args, **kwargs)
