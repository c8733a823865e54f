"""The recurrent math shared by `nn.RNN`/`nn.LSTM`/`nn.GRU` (and their cells) and the recurrent Primitives
(`ops.LSTM`, `ops.DynamicRNN`, `ops.DynamicGRUV2`): MindSpore's gate equations, one step each, and the time scan.

Weights in MindSpore's layout: `w_ih` (chunks * hidden, input), `w_hh` (chunks * hidden, hidden); LSTM gates in
the order (input, forget, cell, output), GRU gates (reset, update, new) with the new gate's hidden part scaled by
the reset gate.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp


def _gates(x, h, w_ih, w_hh, b_ih, b_hh) -> tuple:
    """(x @ w_ih.T + b_ih, h @ w_hh.T + b_hh); no bias when `b_ih` is None."""
    gi, gh = x @ w_ih.T, h @ w_hh.T
    if b_ih is not None:
        gi, gh = gi + b_ih, gh + b_hh
    return gi, gh


def _rnn_tanh_step(x, h, w_ih, w_hh, b_ih, b_hh):
    gi, gh = _gates(x, h, w_ih, w_hh, b_ih, b_hh)
    return jnp.tanh(gi + gh)


def _rnn_relu_step(x, h, w_ih, w_hh, b_ih, b_hh):
    gi, gh = _gates(x, h, w_ih, w_hh, b_ih, b_hh)
    return jax.nn.relu(gi + gh)


def _lstm_gates(x, h, w_ih, w_hh, b_ih, b_hh) -> tuple:
    """The activated LSTM gates (input, forget, cell, output)."""
    gi, gh = _gates(x, h, w_ih, w_hh, b_ih, b_hh)
    i, f, g, o = jnp.split(gi + gh, 4, axis=-1)
    return jax.nn.sigmoid(i), jax.nn.sigmoid(f), jnp.tanh(g), jax.nn.sigmoid(o)


def _lstm_step(x, state, w_ih, w_hh, b_ih, b_hh):
    h, c = state
    i, f, g, o = _lstm_gates(x, h, w_ih, w_hh, b_ih, b_hh)
    c = f * c + i * g
    return o * jnp.tanh(c), c


def _gru_gates(x, h, w_ih, w_hh, b_ih, b_hh) -> tuple:
    """(reset, update, new gate, hidden part of the new gate before the reset scaling)."""
    gi, gh = _gates(x, h, w_ih, w_hh, b_ih, b_hh)
    i_r, i_z, i_n = jnp.split(gi, 3, axis=-1)
    h_r, h_z, h_n = jnp.split(gh, 3, axis=-1)
    r, z = jax.nn.sigmoid(i_r + h_r), jax.nn.sigmoid(i_z + h_z)
    return r, z, jnp.tanh(i_n + r * h_n), h_n


def _gru_step(x, h, w_ih, w_hh, b_ih, b_hh):
    _, z, n, _ = _gru_gates(x, h, w_ih, w_hh, b_ih, b_hh)
    return n + z * (h - n)


STEPS = {"RNN_TANH": _rnn_tanh_step, "RNN_RELU": _rnn_relu_step, "LSTM": _lstm_step, "GRU": _gru_step}


def _scan(step, x, state, weights, lengths, is_lstm: bool):
    """Run `step` over axis 0 of `x` from `state`; with `lengths`, steps past a sequence's length keep its
    state and output zeros. Returns (outputs, final state)."""

    def body(carry, inputs):
        x_t, t = inputs
        new = step(x_t, carry, *weights)
        h_new = new[0] if is_lstm else new
        if lengths is None:
            return new, h_new
        live = (t < lengths)[:, None]
        kept = jax.tree_util.tree_map(lambda n, o: jnp.where(live, n, o), new, carry)
        return kept, jnp.where(live, h_new, jnp.zeros_like(h_new))

    final, outputs = jax.lax.scan(body, state, (x, jnp.arange(x.shape[0])))
    return outputs, final


def _reverse(x, lengths):
    """Reverse axis 0 of (seq, batch, ...) `x`, each sequence within its length when `lengths` is given."""
    if lengths is None:
        return x[::-1]
    t = jnp.arange(x.shape[0])[:, None]
    src = jnp.where(t < lengths[None, :], lengths[None, :] - 1 - t, t)
    return jnp.take_along_axis(x, src[..., None], axis=0)
