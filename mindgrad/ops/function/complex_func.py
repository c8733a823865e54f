"""Complex-number ops: `ops.real`, `ops.imag`, `ops.conj`, `ops.angle` and the Primitives `Complex`,
`ComplexAbs` (MindSpore 2.10's behaviour: `real`/`conj` of a real Tensor return it, `imag` of one
gives zeros of its dtype, `angle` takes complex Tensors only). Gradients with respect to complex
inputs follow JAX's convention: for a real loss L of z = x + iy, dL/dx - i dL/dy, the conjugate of
the dL/dx + i dL/dy MindSpore 2.10 reports where it differentiates complex inputs (and mindgrad also
differentiates the ops MindSpore raises for, Mul among them)."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ._helpers import dtype_name, tensor_arr

_REAL_PARTS = (jnp.dtype(jnp.float32), jnp.dtype(jnp.float64))


def real(input) -> Tensor:  # noqa: A002 - MindSpore's name
    """The real part (a real Tensor is returned as it is)."""
    a = tensor_arr(input, "Real")
    return wrap(jnp.real(a)) if jnp.iscomplexobj(a) else input


def imag(input) -> Tensor:  # noqa: A002
    """The imaginary part (zeros of a real Tensor's dtype)."""
    a = tensor_arr(input, "Imag")
    return wrap(jnp.imag(a) if jnp.iscomplexobj(a) else jnp.zeros_like(a))


def conj(input) -> Tensor:  # noqa: A002
    """The complex conjugate (a real Tensor is returned as it is)."""
    a = tensor_arr(input, "Conj")
    return wrap(jnp.conj(a)) if jnp.iscomplexobj(a) else input


def angle(input) -> Tensor:  # noqa: A002
    """The argument of each complex element, atan2(imag, real), in the matching real dtype."""
    a = tensor_arr(input, "Angle")
    if not jnp.iscomplexobj(a):
        raise TypeError(f"For 'Angle', the 'input' should be a Tensor of Complex64 or Complex128, but got "
                        f"{dtype_name(a.dtype)}.")
    return wrap(jnp.angle(a))


def complex_abs(x) -> Tensor:
    """|z| of a complex Tensor, in the matching real dtype (`ops.ComplexAbs`)."""
    a = tensor_arr(x, "ComplexAbs", "x")
    return wrap(jnp.abs(a))


def make_complex(real, imag) -> Tensor:  # noqa: A002
    """real + i imag from two Float32 (Complex64) or two Float64 (Complex128) Tensors (`ops.Complex`)."""
    re, im = tensor_arr(real, "Complex", "real"), tensor_arr(imag, "Complex", "imag")
    for name, a in (("real", re), ("imag", im)):
        if a.dtype not in _REAL_PARTS:
            raise TypeError(f"For primitive[Complex], the input argument[{name}] must be a type of "
                            f"{{Tensor[Float32], Tensor[Float64]}}, but got Tensor[{dtype_name(a.dtype)}].")
    if re.dtype != im.dtype:
        raise TypeError(f"For primitive[Complex], the input type must be same. name:[imag]:Tensor"
                        f"[{dtype_name(im.dtype)}]. name:[real]:Tensor[{dtype_name(re.dtype)}].")
    return wrap(jax.lax.complex(re, im))
