"""Recurrent Primitives (`mindspore.ops.operations.nn_ops`): `LSTM`, `DynamicRNN`, `DynamicGRUV2`.

They share the gate math and the time scan of `nn.LSTM` / `nn.GRU` (`_rnn_math.py`).
`DynamicRNN` and `DynamicGRUV2` run on Ascend only in MindSpore; here they follow MindSpore's documented formulas.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor, wrap
from ..primitive import Primitive, prim_attr_register
from ._rnn_math import _gru_gates, _lstm_gates, _lstm_step, _reverse, _scan

__all__ = ["LSTM", "DynamicRNN", "DynamicGRUV2"]

# MindSpore's CPU kernel returns a (7168, 1) workspace as `reserve` (backend scratch, not reproducible).
_RESERVE_ROWS = 7168


def _check_type(op: str, name: str, value, types: tuple, type_name: str) -> None:
    if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
        raise TypeError(f"For '{op}', the type of '{name}' should be '{type_name}', but got type "
                        f"'{type(value).__name__}'.")


def _tensor(op: str, name: str, value, dtypes: tuple):
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{op}', the '{name}' should be a Tensor, but got {type(value).__name__}.")
    a = value._arr
    if a.dtype.name not in dtypes:
        raise TypeError(f"For '{op}', the dtype of '{name}' should be one of {list(dtypes)}, but got {value.dtype}.")
    return a


class LSTM(Primitive):
    """`LSTM(input_size, hidden_size, num_layers, has_bias, bidirectional, dropout, proj_size=0)(x, h, c, w)`:
    a stacked LSTM over time-major `x` (seq, batch, input); returns (output, h_n, c_n, reserve, state).

    `w` holds the flat weights as MindSpore's CPU kernel reads them, shape (size, 1, 1): every `weight_ih`
    (4 * hidden, layer input) by layer and direction, then every `weight_hh` (4 * hidden, hidden), then (with
    `has_bias`) one bias (4 * hidden) per layer and direction; gates in the order (input, forget, cell, output).
    With `proj_size` > 0, `weight_hh` is (4 * hidden, proj_size), every projection `weight_hr` (proj_size, hidden)
    comes after the `weight_hh`s, and h (and the output) have proj_size features.
    Elements past those (MindSpore sizes `w` with two biases per layer and direction) are not read, as on CPU.
    `reserve` ((7168, 1), the CPU kernel's workspace) and `state` ((1, 1)) are zeros here. `dropout` is not
    applied (MindSpore's CPU kernel does not apply it either).
    """

    @prim_attr_register
    def __init__(self, input_size: int, hidden_size: int, num_layers: int, has_bias: bool, bidirectional: bool,
                 dropout: float, proj_size: int = 0) -> None:
        op = "LSTM"
        for name in ("input_size", "hidden_size", "num_layers", "proj_size"):
            _check_type(op, name, getattr(self, name), (int,), "int")
        for name in ("has_bias", "bidirectional"):
            _check_type(op, name, getattr(self, name), (bool,), "bool")
        _check_type(op, "dropout", dropout, (float,), "float")
        if not 0.0 <= dropout <= 1.0:
            raise ValueError(f"For '{op}', the 'dropout' should be in range [0.0, 1.0], but got {dropout}.")
        if not 0 <= proj_size < hidden_size:
            raise ValueError(f"For '{op}', the 'proj_size' should be in range [0, {hidden_size}), but got "
                             f"{proj_size}.")
        self.num_directions = 2 if bidirectional else 1
        self.real_hidden_size = proj_size or hidden_size

    def _split_weights(self, flat, dt) -> list:
        """Per (layer, direction): (w_ih, w_hh, b_ih, b_hh) from the flat weight vector."""
        gate, hidden, dirs = 4 * self.hidden_size, self.hidden_size, self.num_directions
        real, proj = self.real_hidden_size, self.proj_size
        inputs = [self.input_size] + [real * dirs] * (self.num_layers - 1)
        count = self.num_layers * dirs
        need = gate * (sum(inputs) * dirs + real * count) + proj * hidden * count
        need += gate * count if self.has_bias else 0
        if flat.size < need:
            raise ValueError(f"For 'LSTM', the number of elements of 'w' should be at least {need}, but got "
                             f"{flat.size}.")
        pos = 0

        def take(*shape):
            nonlocal pos
            size = int(np.prod(shape))
            pos += size
            return flat[pos - size:pos].reshape(shape).astype(dt)

        w_ih = [take(gate, inputs[k // dirs]) for k in range(count)]
        w_hh = [take(gate, real) for _ in range(count)]
        w_hr = [(take(proj, hidden),) if proj else () for _ in range(count)]
        zero = jnp.zeros((gate,), dt)
        biases = [take(gate) for _ in range(count)] if self.has_bias else [zero] * count
        return [(w_ih[k], w_hh[k], biases[k], zero, *w_hr[k]) for k in range(count)]

    def __call__(self, x, h, c, w):
        floats = ("float16", "float32", "float64")
        a = _tensor("LSTM", "x", x, floats)
        h0, c0 = _tensor("LSTM", "h", h, floats), _tensor("LSTM", "c", c, floats)
        flat = _tensor("LSTM", "w", w, floats).reshape(-1)
        dirs, dt = self.num_directions, a.dtype
        if a.ndim != 3 or a.shape[2] != self.input_size:
            raise ValueError(f"For 'LSTM', the 'x' should be a 3-D Tensor of shape (seq_len, batch_size, "
                             f"{self.input_size}), but got {list(a.shape)}.")
        for name, s, size in (("h", h0, self.real_hidden_size), ("c", c0, self.hidden_size)):
            state_shape = (self.num_layers * dirs, a.shape[1], size)
            if s.shape != state_shape:
                raise ValueError(f"For 'LSTM', the shape of '{name}' should be {list(state_shape)}, but got "
                                 f"{list(s.shape)}.")
        outs = _lstm_forward(a, h0, c0, flat, self)
        return tuple(wrap(o) for o in outs) + (wrap(jnp.zeros((_RESERVE_ROWS, 1), dt)), wrap(jnp.zeros((1, 1), dt)))


@functools.partial(jax.jit, static_argnums=4)
def _lstm_forward(a, h0, c0, flat, prim: LSTM):
    """(output, h_n, c_n) of the stacked LSTM, compiled once per configuration (`prim` hashes by identity)."""
    dt, dirs = a.dtype, prim.num_directions
    weights = prim._split_weights(flat, dt)
    layer_in, h_n, c_n = a, [], []
    for layer in range(prim.num_layers):
        outs = []
        for direction in range(dirs):
            k = layer * dirs + direction
            seq = _reverse(layer_in, None) if direction else layer_in
            step = _projected_lstm_step if prim.proj_size else _lstm_step
            out, (h_k, c_k) = _scan(step, seq, (h0[k].astype(dt), c0[k].astype(dt)), weights[k], None, True)
            outs.append(_reverse(out, None) if direction else out)
            h_n.append(h_k)
            c_n.append(c_k)
        layer_in = outs[0] if dirs == 1 else jnp.concatenate(outs, axis=2)
    return layer_in, jnp.stack(h_n), jnp.stack(c_n)


def _projected_lstm_step(x, state, w_ih, w_hh, b_ih, b_hh, w_hr):
    """An LSTM step whose hidden state is projected by `w_hr` (proj_size, hidden_size)."""
    h, c = _lstm_step(x, state, w_ih, w_hh, b_ih, b_hh)
    return h @ w_hr.T, c


def _check_only(op: str, name: str, value, allowed) -> None:
    if value != allowed:
        raise ValueError(f"For '{op}', the '{name}' should be {allowed!r} (the only value MindSpore supports), but "
                         f"got {value!r}.")


class DynamicRNN(Primitive):
    """`DynamicRNN(cell_type='LSTM', direction='UNIDIRECTIONAL', cell_depth=1, use_peephole=False, keep_prob=1.0,
    cell_clip=-1.0, num_proj=0, time_major=True, activation='tanh', forget_bias=0.0, is_training=True)
    (x, w, b, seq_length, init_h, init_c)`: a one-layer LSTM over time-major `x` with `w` of shape
    (input + hidden, 4 * hidden) applied to concat(x_t, h) and gates in the order (i, j, f, o) (j the cell
    candidate), `forget_bias` added to f before its sigmoid. Returns (y, output_h, output_c, i, j, f, o, tanhct),
    each (num_step, batch, hidden). MindSpore runs it on Ascend only; this is its documented formula."""

    @prim_attr_register
    def __init__(self, cell_type: str = "LSTM", direction: str = "UNIDIRECTIONAL", cell_depth: int = 1,
                 use_peephole: bool = False, keep_prob: float = 1.0, cell_clip: float = -1.0, num_proj: int = 0,
                 time_major: bool = True, activation: str = "tanh", forget_bias: float = 0.0,
                 is_training: bool = True) -> None:
        op = "DynamicRNN"
        for name in ("cell_type", "direction", "activation"):
            _check_type(op, name, getattr(self, name), (str,), "str")
        for name in ("cell_depth", "num_proj"):
            _check_type(op, name, getattr(self, name), (int,), "int")
        for name in ("keep_prob", "cell_clip", "forget_bias"):
            _check_type(op, name, getattr(self, name), (float,), "float")
        for name in ("use_peephole", "time_major", "is_training"):
            _check_type(op, name, getattr(self, name), (bool,), "bool")
        _check_only(op, "cell_type", cell_type, "LSTM")
        _check_only(op, "direction", direction, "UNIDIRECTIONAL")
        _check_only(op, "activation", activation, "tanh")
        _check_only(op, "time_major", time_major, True)
        if use_peephole or num_proj or cell_clip != -1.0 or keep_prob != 1.0:
            raise NotImplementedError("mindgrad's ops.DynamicRNN supports use_peephole=False, num_proj=0, "
                                      "cell_clip=-1.0 and keep_prob=1.0 only.")

    def __call__(self, x, w, b, seq_length, init_h, init_c):
        op = "DynamicRNN"
        a = _tensor(op, "x", x, ("float16",))
        w_a = _tensor(op, "w", w, ("float16",))
        b_a = _tensor(op, "b", b, ("float16", "float32"))
        h0, c0 = _tensor(op, "init_h", init_h, ("float16",)), _tensor(op, "init_c", init_c, ("float16",))
        if seq_length is not None:
            raise ValueError(f"For '{op}', the 'seq_length' should be None (the only value MindSpore supports).")
        hidden = b_a.shape[0] // 4
        if a.ndim != 3 or w_a.shape != (a.shape[2] + hidden, 4 * hidden):
            raise ValueError(f"For '{op}', the shape of 'w' should be (input_size + hidden_size, 4 * hidden_size) "
                             f"= {[a.shape[-1] + hidden, 4 * hidden]}, but got {list(w_a.shape)}.")
        f32 = jnp.float32
        # (i, j, f, o) columns -> nn.LSTM's (i, f, g, o) rows
        order = jnp.concatenate([jnp.arange(hidden) + k * hidden for k in (0, 2, 1, 3)])
        w_t = w_a.astype(f32).T[order]
        bias = b_a.astype(f32)[order].at[hidden:2 * hidden].add(self.forget_bias)
        w_ih, w_hh = w_t[:, :a.shape[2]], w_t[:, a.shape[2]:]

        def body(state, x_t):
            h, c = state
            i, f, g, o = _lstm_gates(x_t, h, w_ih, w_hh, bias, jnp.zeros_like(bias))
            c = f * c + i * g
            tanh_c = jnp.tanh(c)
            h = o * tanh_c
            return (h, c), (h, c, i, g, f, o, tanh_c)

        _, (hs, cs, i, j, f, o, tanh_c) = jax.lax.scan(body, (h0[0].astype(f32), c0[0].astype(f32)), a.astype(f32))
        out_dt = b_a.dtype
        return (wrap(hs.astype(out_dt)), wrap(hs.astype(jnp.float16)),
                *(wrap(t.astype(out_dt)) for t in (cs, i, j, f, o, tanh_c)))


class DynamicGRUV2(Primitive):
    """`DynamicGRUV2(direction='UNIDIRECTIONAL', cell_depth=1, keep_prob=1.0, cell_clip=-1.0, num_proj=0,
    time_major=True, activation='tanh', gate_order='rzh', reset_after=True, is_training=True)(x, weight_input,
    weight_hidden, bias_input, bias_hidden, seq_length, init_h)`: a one-layer GRU over time-major `x` with weights
    (input, 3 * hidden) / (hidden, 3 * hidden) in `gate_order` ('rzh' or 'zrh'). With `reset_after=False` the reset
    gate scales h before the hidden matmul of the new gate. Returns (y, output_h, update, reset, new, hidden_new),
    each (num_step, batch, hidden); hidden_new is the hidden part of the new gate. MindSpore runs it on Ascend
    only; this is its documented formula."""

    @prim_attr_register
    def __init__(self, direction: str = "UNIDIRECTIONAL", cell_depth: int = 1, keep_prob: float = 1.0,
                 cell_clip: float = -1.0, num_proj: int = 0, time_major: bool = True, activation: str = "tanh",
                 gate_order: str = "rzh", reset_after: bool = True, is_training: bool = True) -> None:
        op = "DynamicGRUV2"
        for name in ("direction", "activation", "gate_order"):
            _check_type(op, name, getattr(self, name), (str,), "str")
        for name in ("cell_depth", "num_proj"):
            _check_type(op, name, getattr(self, name), (int,), "int")
        for name in ("keep_prob", "cell_clip"):
            _check_type(op, name, getattr(self, name), (float,), "float")
        for name in ("time_major", "reset_after", "is_training"):
            _check_type(op, name, getattr(self, name), (bool,), "bool")
        _check_only(op, "direction", direction, "UNIDIRECTIONAL")
        _check_only(op, "activation", activation, "tanh")
        if gate_order not in ("rzh", "zrh"):
            raise ValueError(f"For '{op}', the 'gate_order' should be 'rzh' or 'zrh', but got {gate_order!r}.")
        if num_proj or cell_clip != -1.0 or keep_prob != 1.0 or not time_major:
            raise NotImplementedError("mindgrad's ops.DynamicGRUV2 supports num_proj=0, cell_clip=-1.0, "
                                      "keep_prob=1.0 and time_major=True only.")

    def __call__(self, x, weight_input, weight_hidden, bias_input, bias_hidden, seq_length, init_h):
        op = "DynamicGRUV2"
        a = _tensor(op, "x", x, ("float16",))
        w_i = _tensor(op, "weight_input", weight_input, ("float16",))
        w_h = _tensor(op, "weight_hidden", weight_hidden, ("float16",))
        h0 = _tensor(op, "init_h", init_h, ("float16", "float32"))
        if seq_length is not None:
            raise ValueError(f"For '{op}', the 'seq_length' should be None (the only value MindSpore supports).")
        hidden = w_h.shape[0]
        if a.ndim != 3 or w_i.shape != (a.shape[2], 3 * hidden) or w_h.shape != (hidden, 3 * hidden):
            raise ValueError(f"For '{op}', the shapes of 'weight_input' and 'weight_hidden' should be "
                             f"{[a.shape[-1], 3 * hidden]} and {[hidden, 3 * hidden]}, but got {list(w_i.shape)} "
                             f"and {list(w_h.shape)}.")
        out_dt = h0.dtype
        biases = []
        for name, bias in (("bias_input", bias_input), ("bias_hidden", bias_hidden)):
            if bias is None:
                biases.append(jnp.zeros((3 * hidden,), jnp.float32))
                continue
            biases.append(_tensor(op, name, bias, ("float16", "float32")).astype(jnp.float32))
        if bias_input is not None:
            out_dt = bias_input._arr.dtype
        elif bias_hidden is not None:
            out_dt = bias_hidden._arr.dtype
        f32 = jnp.float32
        # gate_order columns -> nn.GRU's (r, z, n) rows
        order = jnp.arange(3 * hidden) if self.gate_order == "rzh" else jnp.concatenate(
            [jnp.arange(hidden) + k * hidden for k in (1, 0, 2)])
        w_ih, w_hh = w_i.astype(f32).T[order], w_h.astype(f32).T[order]
        b_ih, b_hh = biases[0][order], biases[1][order]

        def body(h, x_t):
            if self.reset_after:
                r, z, n, h_n = _gru_gates(x_t, h, w_ih, w_hh, b_ih, b_hh)
            else:
                r, z, _, _ = _gru_gates(x_t, h, w_ih, w_hh, b_ih, b_hh)
                h_n = (r * h) @ w_hh[2 * hidden:].T + b_hh[2 * hidden:]
                n = jnp.tanh(x_t @ w_ih[2 * hidden:].T + b_ih[2 * hidden:] + h_n)
            h = n + z * (h - n)
            return h, (h, z, r, n, h_n)

        _, outs = jax.lax.scan(body, h0.astype(f32), a.astype(f32))
        hs = outs[0]
        return (wrap(hs.astype(out_dt)), *(wrap(t.astype(out_dt)) for t in outs))
