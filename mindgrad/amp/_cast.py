"""The casts of mixed precision: a Cell that runs in a float type, a Primitive in low precision, and the
output casts of MindSpore's `_OutputTo16` / `_OutputTo32` wrappers.

MindSpore's `Cell.to_float(dst_type)` sets the flag `fp16`, `fp32` or `bf16` on the Cell and every sub-Cell;
a flagged Cell casts its float inputs and its own float Parameters to that type before `construct` (the
gradients flow back through the casts, so Parameters keep their dtype and get gradients of it). mindgrad
gives a flagged Cell a subclass of its class (same name) whose `construct` does the casts: the Parameter
casts are bound in the current transform, and a write to such a Parameter inside (`ops.assign`) is cast
back to the Parameter's dtype. MindSpore casts where an operator consumes a value, so an input that a
Float16 Cell passes on unchanged to a Float32 Cell (a BatchNorm kept in Float32) reaches it unrounded:
while a flagged Cell runs, each input it cast remembers its source, and an inner Cell casts the source.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

import jax.numpy as jnp

from .. import _state
from ..common import dtype as mstype
from ..common.tensor import Tensor, wrap

FLOAT_TYPES = (mstype.float16, mstype.float32, mstype.bfloat16)
# The Cells whose MindSpore implementation adds the bias with BiasAdd after the matmul/convolution, by the
# axis of the bias in their output.
BIAS_AFTER_CELLS = {"Dense": -1, "Conv1d": 1, "Conv2d": 1, "Conv3d": 1, "Conv1dTranspose": 1, "Conv2dTranspose": 1,
                    "Conv3dTranspose": 1}
_FLAG_NAMES = {mstype.float16: "fp16", mstype.float32: "fp32", mstype.bfloat16: "bf16"}


def _is_float(a) -> bool:
    return jnp.issubdtype(a.dtype, jnp.floating)


class _Sources(threading.local):
    """While flagged Cells run (per thread): `{id(cast input): (cast input, its source)}` and the depth."""
    casts: dict | None = None
    depth = 0


_sources = _Sources()


def _cast_input(value: Any, dtype: mstype.Type) -> Any:
    """An input of a flagged Cell cast to `dtype`, from the value it was cast from if it is such a cast."""
    if isinstance(value, Tensor):
        hit = _sources.casts.get(id(value))
        source = hit[1] if hit is not None and hit[0] is value else value
        out = cast_floats(source, dtype)
        if out is not source:
            _sources.casts[id(out)] = (out, source)
        return out
    if isinstance(value, (tuple, list)):
        return type(value)(_cast_input(v, dtype) for v in value)
    return value


def cast_floats(value: Any, dtype: mstype.Type) -> Any:
    """`value` with every float Tensor (in tuples and lists too) cast to `dtype` (MindSpore's
    `mixed_precision_cast`); other values unchanged."""
    if isinstance(value, Tensor):
        a = value._arr
        if _is_float(a) and a.dtype != dtype.np_dtype:
            return wrap(a.astype(dtype.np_dtype))
        return value
    if isinstance(value, (tuple, list)):
        return type(value)(cast_floats(v, dtype) for v in value)
    return value


def _run_cast(cell, construct: Callable, args: tuple, kwargs: dict):
    """Run `construct` with the Cell's float inputs and own float Parameters cast to its float type."""
    dtype, out32 = cell.__dict__["_mindgrad_amp"]
    if _sources.depth == 0:
        _sources.casts = {}
    _sources.depth += 1
    try:
        source = _first_float(args)
        args = _cast_input(args, dtype)
        kwargs = {k: _cast_input(v, dtype) for k, v in kwargs.items()}
        if cell.__dict__.get("_mindgrad_amp_round_params") and source is not None:
            low = source.np_dtype
            out = _run_construct(cell, construct, lambda v: v.astype(low).astype(dtype.np_dtype), args, kwargs)
        elif "_mindgrad_amp_bias_axis" in cell.__dict__:
            out = _run_bias_after(cell, construct, dtype, args, kwargs)
        elif dtype != mstype.float32 and _is_batchnorm(cell):
            out = _run_low_batchnorm(cell, construct, dtype, args, kwargs)
        else:
            target = dtype.np_dtype
            out = _run_construct(cell, construct, lambda v: v.astype(target) if v.dtype != target else None,
                                 args, kwargs)
    finally:
        _sources.depth -= 1
        if _sources.depth == 0:
            _sources.casts = None
    return cast_floats(out, mstype.float32) if out32 else out


def _first_float(value) -> mstype.Type | None:
    """The dtype of the first float Tensor in `value` (tuples and lists searched), else None."""
    if isinstance(value, Tensor):
        return value.dtype if _is_float(value._arr) else None
    if isinstance(value, (tuple, list)):
        for v in value:
            found = _first_float(v)
            if found is not None:
                return found
    return None


def _is_batchnorm(cell) -> bool:
    """A BatchNorm1d/2d Cell (the Cells holding a `use_batch_statistics` switch and moving statistics)."""
    return "use_batch_statistics" in cell.__dict__ and "moving_mean" in cell._params


def _run_low_batchnorm(cell, construct: Callable, dtype: mstype.Type, args: tuple, kwargs: dict):
    """A BatchNorm in Float16/BFloat16 as MindSpore's CPU kernel runs it: on the low-precision input, in
    Float32, rounded once at the output. With batch statistics, gamma, beta and the moving statistics stay
    Float32 (the moving statistics update in Float32); with the moving statistics, every Parameter is
    rounded to the low type first."""
    low = dtype.np_dtype
    batch_stats = cell.training if cell.use_batch_statistics is None else cell.use_batch_statistics
    if batch_stats:
        def convert(v):
            return None
    else:
        def convert(v):
            return v.astype(low).astype(v.dtype)
    args = cast_floats(args, mstype.float32)
    kwargs = {k: cast_floats(v, mstype.float32) for k, v in kwargs.items()}
    return cast_floats(_run_construct(cell, construct, convert, args, kwargs), dtype)


def _run_bias_after(cell, construct: Callable, dtype: mstype.Type, args: tuple, kwargs: dict):
    """A Dense or convolution Cell in a low type: the matmul/convolution in `dtype`, then the bias (cast to
    `dtype`, or under the "auto" level kept in its type: BiasAdd is in the promote list) added in the wider
    of the two types and the Dense activation applied. As MindSpore's CPU BiasAdd, the add is computed in
    Float32 and rounded once, and so is the bias gradient (the sum of the output's gradient, which a sum in
    Float16 would get wrong by cancellation)."""
    d = cell.__dict__
    has_bias, act = d.get("has_bias", False), d.get("activation_flag", False)
    bias = cell.bias._arr if has_bias else None
    if bias is not None and d.get("_mindgrad_amp_bias_low"):
        bias = bias.astype(dtype.np_dtype)
    d["has_bias"] = False
    if act:
        d["activation_flag"] = False
    target = dtype.np_dtype
    try:
        out = _run_construct(cell, construct, lambda v: v.astype(target) if v.dtype != target else None,
                             args, kwargs)
    finally:
        d["has_bias"] = has_bias
        if act:
            d["activation_flag"] = act
    if bias is not None:
        a = out._arr
        shape = (-1,) if d["_mindgrad_amp_bias_axis"] == -1 else (1, -1) + (1,) * (a.ndim - 2)
        result = jnp.promote_types(a.dtype, bias.dtype)
        wide = jnp.promote_types(result, jnp.float32)
        out = wrap((a.astype(wide) + bias.astype(wide).reshape(shape)).astype(result))
    return cell.activation(out) if act else out


def _run_construct(cell, construct: Callable, convert: Callable, args: tuple, kwargs: dict):
    """`construct` with the Cell's own float Parameters replaced by `convert(value)` (None: unchanged) in the
    current transform; a write to a converted Parameter is cast back to the Parameter's dtype."""
    params = [p for p in cell._params.values() if p is not None]
    frame = _state.current()
    if frame is None:
        cast = {}
        for p in params:
            new = convert(p._arr) if _is_float(p._arr) else None
            if new is not None:
                cast[id(p)] = new
        with _state.bind(cast) as inner:
            out = construct(cell, *args, **kwargs)
        for param, value in inner.writes.values():
            param._set_array(value.astype(param._value.dtype))
    else:
        saved = []
        for p in params:
            value = _state.read(p)
            new = convert(value) if _is_float(value) else None
            if new is None:
                continue
            key = id(p)
            saved.append((p, key, value, key in frame.values, frame.writes.get(key)))
            frame.values[key] = new
        try:
            out = construct(cell, *args, **kwargs)
        finally:
            for p, key, value, bound, write in saved:
                now = frame.writes.get(key)
                if now is not write:
                    frame.values[key] = now[1].astype(value.dtype)
                    frame.writes[key] = (p, frame.values[key])
                elif bound:
                    frame.values[key] = value
                else:
                    del frame.values[key]
    return out


_FLOAT_CLASSES: dict[type, type] = {}


def _float_class(cls: type) -> type:
    """The subclass of a Cell class whose `construct` runs `_run_cast` (named as the class)."""
    if "_mindgrad_amp_base" in cls.__dict__:
        return cls
    sub = _FLOAT_CLASSES.get(cls)
    if sub is None:
        def construct(self, *args, **kwargs):
            return _run_cast(self, cls.construct, args, kwargs)

        sub = type(cls.__name__, (cls,), {"construct": construct, "__module__": cls.__module__,
                                          "__qualname__": cls.__qualname__, "_mindgrad_amp_base": cls})
        _FLOAT_CLASSES[cls] = sub
    return sub


def set_precision(cell, dtype: mstype.Type, out32: bool = False, bias_axis: int | None = None,
                  round_params: bool = False) -> None:
    """Make one Cell cast its float inputs and own Parameters to `dtype` (and with `out32` its float
    outputs back to Float32), without MindSpore's user-visible flags. With `bias_axis` (-1 for Dense, 1 for
    a convolution) the bias is left out of the low-precision computation and added after it; with
    `round_params` the Parameters are first rounded to the type of the first float input (MindSpore's
    LayerNorm casts gamma and beta to its input's type before its operator's inputs are cast). A Dense or
    convolution Cell in a low type gets the bias axis of `BIAS_AFTER_CELLS`, its bias cast to `dtype`."""
    d = cell.__dict__
    d["_mindgrad_amp"] = (dtype, out32)
    if round_params:
        d["_mindgrad_amp_round_params"] = True
    d.pop("_mindgrad_amp_bias_axis", None)
    d.pop("_mindgrad_amp_bias_low", None)
    if bias_axis is not None:
        d["_mindgrad_amp_bias_axis"] = bias_axis
    elif dtype != mstype.float32 and type(cell).__name__ in BIAS_AFTER_CELLS:
        d["_mindgrad_amp_bias_axis"] = BIAS_AFTER_CELLS[type(cell).__name__]
        d["_mindgrad_amp_bias_low"] = True
    object.__setattr__(cell, "__class__", _float_class(type(cell)))
    _state.bump()


def to_float(cell, dst_type):
    """`Cell.to_float`: flag the Cell and every sub-Cell to run in `dst_type` (Float16, Float32 or BFloat16)."""
    if dst_type not in FLOAT_TYPES:
        raise ValueError(f"For 'to_float', the argument 'dst_type' must be mstype.float32, mstype.float16 or "
                         f"mstype.bfloat16, but got type: {type(dst_type)} and value: {dst_type}.")
    for _, sub in cell.cells_and_names():
        d = sub.__dict__
        for t, flag in _FLAG_NAMES.items():
            d[flag] = t == dst_type
        set_precision(sub, dst_type)
    return cell


def precision_set_by_user(cell) -> bool:
    """Whether `to_float` was called on the Cell (MindSpore's `_precision_set_by_user`)."""
    return any(cell.__dict__.get(flag) for flag in _FLAG_NAMES.values())


class CastPrimitive:
    """A Primitive run in low precision: float inputs cast to `dtype`, float outputs back to Float32
    (the cast pair MindSpore's O1 puts around a white-listed Primitive)."""

    def __init__(self, prim, dtype: mstype.Type) -> None:
        self.prim = prim
        self.dtype = dtype

    def __call__(self, *args, **kwargs):
        out = self.prim(*cast_floats(args, self.dtype), **{k: cast_floats(v, self.dtype) for k, v in kwargs.items()})
        return cast_floats(out, mstype.float32)

    def __getattr__(self, name: str):
        return getattr(self.__dict__["prim"], name)

    def __repr__(self) -> str:
        return repr(self.prim)
