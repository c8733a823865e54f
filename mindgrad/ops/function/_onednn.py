"""MindSpore's CPU LogSoftmax numerics: oneDNN's log-softmax kernel, reproduced in float32.

MindSpore 2.10 runs LogSoftmax on CPU through oneDNN, whose `log` of the sum of exponentials is
table-based: x = 2**E * m, i = the top 5 mantissa bits, r_i ~ 1/m from a 32-entry table whose
companion entry stores -log(r_i) - 127 * ln2 rounded to float32, and
log(x) = E_biased * ln2 + table_i + p(m * r_i - 1) with p a degree-5 polynomial. The table
entries are ~88 in magnitude, so their float32 rounding leaves errors up to 3.8e-6 in log(x):
more than `allclose(rtol=1e-5, atol=1e-6)` tolerates for small log-probabilities. This module
evaluates the same steps (FMAs done exactly in float64, then rounded) and matches MindSpore's
log to the bit; the log-softmax then agrees to float32 rounding. The gradient is MindSpore's:
dy - exp(y) * sum(dy).
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

_TABLE = np.array([
    0x3f800000, 0xc2b00f34, 0x3f780000, 0xc2affef2, 0x3f700000, 0xc2afee29, 0x3f680000, 0xc2afdccd,
    0x3f600000, 0xc2afcad6, 0x3f580000, 0xc2afb837, 0x3f580000, 0xc2afb837, 0x3f500000, 0xc2afa4e4,
    0x3f480000, 0xc2af90cf, 0x3f480000, 0xc2af90cf, 0x3f400000, 0xc2af7be9, 0x3f400000, 0xc2af7be9,
    0x3f380000, 0xc2af661e, 0x3f380000, 0xc2af661e, 0x3f300000, 0xc2af4f5c, 0x3f300000, 0xc2af4f5c,
    0x3fa80000, 0xc2b09a6f, 0x3fa80000, 0xc2b09a6f, 0x3fa00000, 0xc2b08174, 0x3fa00000, 0xc2b08174,
    0x3fa00000, 0xc2b08174, 0x3f980000, 0xc2b06731, 0x3f980000, 0xc2b06731, 0x3f900000, 0xc2b04b82,
    0x3f900000, 0xc2b04b82, 0x3f900000, 0xc2b04b82, 0x3f900000, 0xc2b04b82, 0x3f880000, 0xc2b02e3e,
    0x3f880000, 0xc2b02e3e, 0x3f880000, 0xc2b02e3e, 0x3f800000, 0xc2b00f34, 0x3f800000, 0xc2b00f34,
], np.uint32).view(np.float32)
_POLY = np.array([0xbf000000, 0x3eaaaaab, 0xbe8004ab, 0x3e4cc8a3], np.uint32).view(np.float32)
_LN2 = np.array(0x3f317218, np.uint32).view(np.float32)


def _fma(a, b, c):
    """a * b + c rounded once to float32 (the product of two float32 values is exact in float64)."""
    return (a.astype(jnp.float64) * b.astype(jnp.float64) + c.astype(jnp.float64)).astype(jnp.float32)


def onednn_log(x):
    """oneDNN's float32 log of positive finite x (1 gives exactly 0)."""
    bits = jax.lax.bitcast_convert_type(x, jnp.int32)
    index = ((bits >> 18) & 0x1F) * 2
    upper = index >> 5                       # mantissa >= 1.5: use m / 2 and E + 1
    exponent = ((bits >> 23) + upper).astype(jnp.float32)
    m = jax.lax.bitcast_convert_type((bits & 0x7FFFFF) | ((upper ^ 127) << 23), jnp.float32)
    table = jnp.asarray(_TABLE)
    z = _fma(table[index], m, jnp.float32(-1.0))
    p = jnp.full_like(z, _POLY[3])
    for c in (_POLY[2], _POLY[1], _POLY[0], np.float32(1.0)):
        p = _fma(p, z, jnp.asarray(c))
    p = p * z
    partial_sum = _fma(exponent, jnp.asarray(_LN2), table[index + 1])
    hi = p + partial_sum
    result = hi + ((hi - partial_sum) - p)
    return jnp.where(x == 1, jnp.float32(0), result)


@partial(jax.custom_vjp, nondiff_argnums=(1,))
def _log_softmax(a, axis: int):
    shifted = a - jnp.max(a, axis=axis, keepdims=True)
    total = jnp.sum(jnp.exp(shifted), axis=axis, keepdims=True)
    # (oneDNN's log on the CPU; elsewhere the device's own, as MindSpore's GPU kernel: chosen when lowered)
    return shifted - jax.lax.platform_dependent(total, cpu=onednn_log, default=jnp.log)


def _fwd(a, axis):
    y = _log_softmax(a, axis)
    return y, y


def _bwd(axis, y, g):
    return (g - jnp.exp(y) * jnp.sum(g, axis=axis, keepdims=True),)


_log_softmax.defvjp(_fwd, _bwd)

log_softmax_f32 = jax.jit(_log_softmax, static_argnums=1)
log_softmax_f32.__doc__ = ("(x - max) - log(sum(exp(x - max))) along `axis` of a float32 array, the log as "
                           "oneDNN's; compiled once per shape and axis.")
