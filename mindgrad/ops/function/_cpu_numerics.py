"""MindSpore's CPU kernel formulas, where they differ from exact math by more than float32 rounding.

MindSpore's CPU kernels compute some float32 functions with short polynomial or
rational approximations. Where the difference to exact math exceeds what
`np.allclose(rtol=1e-5, atol=1e-6)` tolerates, mindgrad evaluates the same
formula, so that results agree with MindSpore's to float32 rounding
(measured against MindSpore 2.10.0 CPU on dense grids of inputs):

* `exp`: Cody-Waite reduction x = n*ln2' + r with the constant ln2' = 0.693147
  (not ln 2; this gives a relative error growing to 2.3e-5 at |x| = 88),
  n = x*log2(e) rounded half away from zero, e^r by its degree-5 Taylor
  polynomial, the result assembled as 2 * 2**(n-1) * p(r); results below
  2**-126 are 0 and x >= 88.7228 gives inf. Within 2 ulp of MindSpore's
  (bitwise equal for 90% of inputs); exact math differs by up to 2.3e-5.
* `sigmoid`: 1 / (1 + exp(-x)) with that exp (bitwise equal). In Float16 each
  step (exp, 1 + e, 1 / s) is rounded to Float16, as MindSpore's Float16 kernel
  computes (one Float32 evaluation rounded once is off by up to 2 Float16 ulps);
  `half_steps` is that per-step rounding, shared with Float16 softmax.
* `tanh`: the [7/6] Padé approximant of Lambert's continued fraction,
  saturated to +-1 for |x| > 5 (error up to 1.5e-4 near |x| = 5); its
  gradient 1 - y**2 uses the approximated y, as MindSpore's TanhGrad does
  (in Float16: dout * (1 - y**2) in Float32, rounded once; SigmoidGrad:
  dout * (y * (1 - y)) rounded per step).

Float16 and bfloat16 exp and tanh are computed in float32 and rounded; float64 is exact
(MindSpore's float64 kernels are exact). These are the CPU's formulas: on a GPU or TPU, exp and tanh
are the device's own (as MindSpore's GPU kernels are), which is also what XLA runs fastest there.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

_LN2 = np.float32(0.693147)
# ln2' split so that n * _LN2_HI is exact in float32 (|n| < 2**8): x - n*ln2' in two exact-ish steps.
_LN2_HI = np.array(_LN2).view(np.int32) & ~0xFFF
_LN2_HI = np.array(_LN2_HI, np.int32).view(np.float32)[()]
_LN2_LO = np.float32(float(_LN2) - float(_LN2_HI))
_LOG2E = np.float32(1.44269504088896341)
_TAYLOR = [np.float32(c) for c in (1 / 120, 1 / 24, 1 / 6, 0.5, 1.0, 1.0)]


def _exp_f32(x):
    t = x * _LOG2E
    n = jnp.trunc(jnp.where(x > 0, t + 0.5, t - 0.5))
    r = (x - n * _LN2_HI) - n * _LN2_LO
    p = _TAYLOR[0]
    for c in _TAYLOR[1:]:
        p = c + r * p
    e = jnp.clip(n, -127, 129).astype(jnp.int32) + 126
    scale = jax.lax.bitcast_convert_type(jnp.clip(e, 0, 255) << 23, jnp.float32)
    y = p * scale * np.float32(2)
    return jnp.where(jnp.isnan(x) | (x == np.inf), x, jnp.where(e <= 0, np.float32(0), y))


def _tanh_f32(x):
    x2 = x * x
    num = (((x2 + 378.0) * x2 + 17325.0) * x2 + 135135.0) * x
    den = ((28.0 * x2 + 3150.0) * x2 + 62370.0) * x2 + 135135.0
    return jnp.where(x > 5, np.float32(1), jnp.where(x < -5, np.float32(-1), num / den)).astype(x.dtype)


def _in_f32(kernel, exact):
    """Apply `kernel` (float32 formula) to float32/16 arrays and `exact` to float64 ones, on the CPU; on
    other platforms (MindSpore's GPU kernels call the device's own exp and tanh) `exact` throughout. The
    platform is chosen when the program is lowered (`lax.platform_dependent`), so it costs nothing."""
    def on_cpu(x):
        if x.dtype == jnp.float32:
            return kernel(x)
        return kernel(x.astype(jnp.float32)).astype(x.dtype)

    def fn(x):
        if x.dtype == jnp.float64:
            return exact(x)
        return jax.lax.platform_dependent(x, cpu=on_cpu, default=exact)
    return fn


def half_steps(dtype, fn, *args):
    """`fn` evaluated in Float32 on Float16/BFloat16 `args` and rounded to `dtype` (other dtypes: as is): one
    correctly rounded Float16 step of a MindSpore kernel that rounds after every operation (XLA's own
    Float16 division is not correctly rounded)."""
    if dtype not in (jnp.float16, jnp.bfloat16):
        return fn(*args)
    return fn(*(a.astype(jnp.float32) for a in args)).astype(dtype)


_exp_value = _in_f32(_exp_f32, jnp.exp)
_tanh_value = _in_f32(_tanh_f32, jnp.tanh)


@jax.custom_jvp
def _exp(x):
    return _exp_value(x)


@_exp.defjvp
def _exp_jvp(primals, tangents):
    y = _exp(primals[0])
    return y, tangents[0] * y


@jax.custom_jvp
def _tanh(x):
    return _tanh_value(x)


@_tanh.defjvp
def _tanh_jvp(primals, tangents):
    y = _tanh(primals[0])
    if y.dtype in (jnp.float16, jnp.bfloat16):  # Float16 TanhGrad: dout * (1 - y**2) in Float32, rounded once
        return y, half_steps(y.dtype, lambda t, v: t * (1 - v * v), tangents[0], y)
    return y, tangents[0] * (1 - y * y)


@jax.custom_jvp
def _sigmoid(x):
    if x.dtype == jnp.float64:
        return jax.nn.sigmoid(x)
    if x.dtype == jnp.float32:
        return 1 / (1 + _exp(-x))
    return half_steps(x.dtype, lambda v: 1 / v, half_steps(x.dtype, lambda e: 1 + e, _exp(-x)))


@_sigmoid.defjvp
def _sigmoid_jvp(primals, tangents):
    y = _sigmoid(primals[0])
    if y.dtype in (jnp.float16, jnp.bfloat16):  # Float16 SigmoidGrad: dout * (y * (1 - y)), rounded per step
        return y, tangents[0] * (y * (1 - y))
    return y, tangents[0] * y * (1 - y)


@jax.custom_jvp
def erf(x):
    """erf, rounded once to the input dtype; gradient dout * (2/sqrt(pi) * exp(-x**2)) with each Float16
    step rounded (MindSpore's ErfGrad, as `ops.gelu` composes it)."""
    return half_steps(x.dtype, jax.scipy.special.erf, x)


@erf.defjvp
def _erf_jvp(primals, tangents):
    x = primals[0]
    coef = jnp.asarray(2 / np.sqrt(np.pi), x.dtype) * half_steps(x.dtype, jnp.exp, -(x * x))
    return erf(x), tangents[0] * coef


# Compiled as a whole, so that an eager call is one kernel rather than a dozen small ones.
exp = jax.jit(_exp)
exp.__doc__ = "MindSpore's CPU exp (see the module docstring); gradient dout * y."
tanh = jax.jit(_tanh)
tanh.__doc__ = "MindSpore's CPU tanh (Padé [7/6]); gradient dout * (1 - y**2) with the approximated y."
sigmoid = jax.jit(_sigmoid)
sigmoid.__doc__ = "MindSpore's CPU sigmoid, 1 / (1 + exp(-x)) with its exp; gradient dout * y * (1 - y)."
