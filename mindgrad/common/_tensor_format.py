"""Text formatting of tensors and parameters, matching MindSpore 2.10.0.

Pure NumPy: no JAX, no other mindgrad imports.  ``tensor_repr`` mirrors the
C++ printer behind ``repr(mindspore.Tensor)``; ``tensor_str`` mirrors
``str(Tensor)``, which MindSpore delegates to ``str(ndarray)`` (NumPy's current
print options apply); ``parameter_repr`` mirrors ``repr(mindspore.Parameter)``.

Rules reproduced (all observed on MindSpore 2.10.0):

* Float16/32/64 elements use ``%.4e`` / ``%.8e`` right-aligned to a fixed
  width (11 / 15, so ``1.00000000e+300`` gets no pad and ``-1.0e-300``
  overflows it); nan and inf are padded alike; a negative nan prints ``-nan``.
* Bool elements are right-aligned to width 5.
* Integer and BFloat16 elements (BFloat16 as ``%g``) are right-aligned to the
  widest *displayed* element.  Complex elements are ``%g`` pairs, unpadded.
* 0-d tensors print the bare value with ``%g`` for floating types.
* 1-D tensors with more than 1000 elements, and every axis longer than 6 of a
  tensor with two or more dimensions, show the first and last 3 entries.
* A full 1-D tensor breaks its line after every 12th element (floats, bool)
  or 24th element (other dtypes).
"""

from __future__ import annotations

import warnings
from typing import Callable, List, Sequence

import numpy as np

__all__ = ["tensor_repr", "tensor_str", "parameter_repr"]

# MindSpore dtype name -> NumPy dtype of the array the caller hands in.
_NUMPY_DTYPES = {
    "Float16": np.float16,
    "Float32": np.float32,
    "Float64": np.float64,
    "BFloat16": np.float32,
    "Int8": np.int8,
    "Int16": np.int16,
    "Int32": np.int32,
    "Int64": np.int64,
    "UInt8": np.uint8,
    "UInt16": np.uint16,
    "UInt32": np.uint32,
    "UInt64": np.uint64,
    "Bool": np.bool_,
    "Complex64": np.complex64,
    "Complex128": np.complex128,
}

# Fixed-width scientific layouts of the IEEE float dtypes: (format, width).
_SCIENTIFIC = {
    "Float16": ("%.4e", 11),
    "Float32": ("%.8e", 15),
    "Float64": ("%.8e", 15),
}

_EDGE = 3            # entries kept at each end of a summarized axis
_AXIS_LIMIT = 6      # ndim >= 2: an axis longer than this is summarized
_FLAT_LIMIT = 1000   # ndim == 1: more elements than this are summarized
_BOOL_WIDTH = 5


def _detect_legacy_pin() -> str | None:
    """The NumPy ``legacy`` print mode that restores NumPy-1.x float printing.

    MindSpore 2.10.0's extension is built against NumPy 1.x, so its ``str``
    output is NumPy 1.x's.  Recent NumPy 2 releases switch float16/float32 to
    scientific notation earlier (``legacy='2.2'`` undoes that); a NumPy that
    does not know that mode predates the change and needs nothing.
    """
    if int(np.__version__.split(".")[0]) < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            with np.printoptions(legacy="2.2"):
                pass
        except Exception:  # unknown mode: this NumPy predates the change
            return None
    return "2.2"


_LEGACY_PIN = _detect_legacy_pin()


def _as_array(arr: np.ndarray, dtype_name: str) -> np.ndarray:
    """Return ``arr`` as an ndarray of the NumPy dtype for ``dtype_name``."""
    try:
        np_dtype = _NUMPY_DTYPES[dtype_name]
    except KeyError:
        raise ValueError(f"unsupported dtype name: {dtype_name!r}") from None
    out = np.asarray(arr)
    if out.dtype != np_dtype:
        out = out.astype(np_dtype)
    if dtype_name == "BFloat16":
        out = _round_to_bfloat16(out)
    return out


def _round_to_bfloat16(values: np.ndarray) -> np.ndarray:
    """Round float32 values to the nearest bfloat16 (ties to even), as float32."""
    # Work on a 1-D copy: uint32 wrap-around then never warns as it would on scalars.
    flat = np.array(values, dtype=np.float32).reshape(-1)
    bits = flat.view(np.uint32)
    lsb = (bits >> np.uint32(16)) & np.uint32(1)
    rounded = (bits + np.uint32(0x7FFF) + lsb) & np.uint32(0xFFFF0000)
    # A NaN keeps its sign and stays quiet after dropping the low mantissa bits.
    nan_bits = (bits & np.uint32(0xFFFF0000)) | np.uint32(0x00400000)
    out = np.where(np.isnan(flat), nan_bits, rounded).astype(np.uint32)
    return out.view(np.float32).reshape(np.shape(values))


def _special(x: float) -> str | None:
    """C-printf spelling of nan/inf (the sign of a nan is kept), else None."""
    if x != x:
        return "-nan" if np.signbit(x) else "nan"
    if x in (float("inf"), float("-inf")):
        return "inf" if x > 0 else "-inf"
    return None


def _fmt_g(x: float) -> str:
    """``%g`` (precision 6) as C's printf writes it."""
    x = float(x)
    text = _special(x)
    return text if text is not None else "%g" % x


def _fmt_f(x: float) -> str:
    """``%f`` as C's printf writes it (used by MindSpore's NumPy bfloat16)."""
    x = float(x)
    text = _special(x)
    return text if text is not None else "%f" % x


def _fmt_complex(z: complex) -> str:
    """``<re>+<im>j`` with both parts in ``%g`` and the sign taken from ``im``."""
    z = complex(z)
    sign = "-" if np.signbit(z.imag) else "+"
    return f"{_fmt_g(z.real)}{sign}{_fmt_g(abs(z.imag))}j"


def _scalar_text(value: object, dtype_name: str) -> str:
    """The value of a 0-d tensor as ``repr`` shows it."""
    if dtype_name == "Bool":
        return "True" if bool(value) else "False"
    if dtype_name.startswith("Complex"):
        return _fmt_complex(value)  # type: ignore[arg-type]
    if dtype_name.startswith(("Int", "UInt")):
        return str(int(value))  # type: ignore[call-overload]
    return _fmt_g(value)  # type: ignore[arg-type]


def _element_formatter(shown: np.ndarray, dtype_name: str) -> Callable[[object], str]:
    """Build the per-element formatter for the displayed values ``shown``."""
    if dtype_name in _SCIENTIFIC:
        pattern, width = _SCIENTIFIC[dtype_name]

        def fmt_float(x: object) -> str:
            x = float(x)  # type: ignore[arg-type]
            text = _special(x)
            return (text if text is not None else pattern % x).rjust(width)

        return fmt_float
    if dtype_name == "Bool":
        return lambda x: ("True" if x else "False").rjust(_BOOL_WIDTH)
    if dtype_name.startswith("Complex"):
        return _fmt_complex  # type: ignore[return-value]
    if dtype_name == "BFloat16":
        base: Callable[[object], str] = _fmt_g  # type: ignore[assignment]
    else:
        base = lambda x: str(int(x))  # type: ignore[call-overload]  # noqa: E731
    width = max((len(base(x)) for x in shown.flat), default=0)
    return lambda x: base(x).rjust(width)


def _kept_indices(size: int, summarize: bool) -> List[int]:
    """Indices shown along an axis of length ``size``."""
    if not summarize:
        return list(range(size))
    return list(range(_EDGE)) + list(range(size - _EDGE, size))


def _render(shown: np.ndarray, cut: Sequence[bool], fmt: Callable[[object], str],
            per_line: int, depth: int = 0) -> str:
    """Render the displayed sub-array; ``cut[k]`` marks a summarized axis."""
    if shown.ndim == 1:
        items = [fmt(x) for x in shown]
        if cut[0]:
            return ("[" + ", ".join(items[:_EDGE]) + " ... "
                    + ", ".join(items[_EDGE:]) + "]")
        if depth > 0:
            return "[" + ", ".join(items) + "]"
        # A full, top-level 1-D tensor: break after every per_line-th element.
        parts = ["["]
        for i, item in enumerate(items):
            parts.append(item)
            if i != len(items) - 1:
                parts.append(", ")
            if (i + 1) % per_line == 0:
                parts.append("\n ")
        parts.append("]")
        return "".join(parts)
    indent = " " * (depth + 1)
    blocks = [_render(sub, cut[1:], fmt, per_line, depth + 1) for sub in shown]
    if cut[0]:
        head = (",\n" + indent).join(blocks[:_EDGE])
        tail = (",\n" + indent).join(blocks[_EDGE:])
        body = head + ",\n" + indent + "...\n" + indent + tail
    else:
        body = (",\n" + indent).join(blocks)
    return "[" + body + "]"


def _value_text(arr: np.ndarray, dtype_name: str) -> str:
    """Everything ``repr`` prints between ``value=`` and the closing ``)``."""
    if arr.ndim == 0:
        return " " + _scalar_text(arr[()], dtype_name)
    lead = " " if arr.ndim == 1 else "\n"
    if arr.size == 0:
        return lead
    if arr.ndim == 1:
        cut = [arr.shape[0] > _FLAT_LIMIT]
    else:
        cut = [n > _AXIS_LIMIT for n in arr.shape]
    shown = arr
    for axis, (size, summarize) in enumerate(zip(arr.shape, cut, strict=False)):
        if summarize:
            shown = np.take(shown, _kept_indices(size, True), axis=axis)
    fmt = _element_formatter(shown, dtype_name)
    per_line = 12 if (dtype_name in _SCIENTIFIC or dtype_name == "Bool") else 24
    return lead + _render(shown, cut, fmt, per_line)


def tensor_repr(arr: np.ndarray, dtype_name: str) -> str:
    """Return what ``repr(mindspore.Tensor)`` prints for ``arr``.

    ``dtype_name`` is MindSpore's dtype name (``"Float32"``, ``"Int64"``, ...);
    for ``"BFloat16"`` pass the values as a float32 array.
    """
    data = _as_array(arr, dtype_name)
    shape = "[" + ", ".join(str(int(n)) for n in data.shape) + "]"
    return (f"Tensor(shape={shape}, dtype={dtype_name}, value="
            f"{_value_text(data, dtype_name)})")


def tensor_str(arr: np.ndarray, dtype_name: str) -> str:
    """Return what ``str(mindspore.Tensor)`` (and ``print``) shows for ``arr``.

    MindSpore hands this to NumPy, so NumPy's current print options apply;
    the output is NumPy 1.x's even under NumPy 2.x (see ``_detect_legacy_pin``).
    BFloat16 elements (float32 input) print like MindSpore's NumPy bfloat16
    scalar type: ``%f`` without padding.
    """
    data = _as_array(arr, dtype_name)
    if _LEGACY_PIN is not None and np.get_printoptions()["legacy"] is False:
        with np.printoptions(legacy=_LEGACY_PIN):
            return _numpy_str(data, dtype_name)
    return _numpy_str(data, dtype_name)


def _numpy_str(data: np.ndarray, dtype_name: str) -> str:
    """``str`` of the array as the NumPy that MindSpore hands it to prints it."""
    if dtype_name != "BFloat16":
        return str(data)
    if data.ndim == 0:
        return _fmt_f(data[()])
    return np.array2string(data, separator=" ", prefix="",
                           formatter={"all": _fmt_f})


def parameter_repr(name: str, shape: tuple, dtype_name: str,
                   requires_grad: bool) -> str:
    """Return what ``repr(mindspore.Parameter)`` prints."""
    dims = tuple(int(n) for n in shape)
    return (f"Parameter (name={name}, shape={dims!r}, dtype={dtype_name}, "
            f"requires_grad={bool(requires_grad)})")
