"""Encode results of golden cases to JSON-able data and compare them.

Pure numpy + stdlib: this module is imported both by the recorder (running
under real MindSpore) and by the replaying test (running under mindgrad), so
it must not import either.  Tensors are recognised by duck typing (an
``asnumpy`` method and a ``dtype``); whether a tensor is a Parameter is read
from the names of its class hierarchy.

Encoded kinds (every node is a dict with a ``kind`` key):

* ``tensor``: ``shape`` (list of int), ``dtype`` (numpy dtype name),
  ``ms_dtype`` (``str(t.dtype)``, e.g. ``"Float32"``), ``is_parameter``,
  ``values`` (nested lists; non-finite floats as the strings
  ``"nan"``, ``"inf"``, ``"-inf"``).
* ``tuple`` / ``list``: ``items``.
* ``dict``: ``items`` as a list of ``[encoded_key, encoded_value]`` pairs,
  in insertion order.
* ``scalar``: ``type`` (``int``, ``float``, ``bool``, ``NoneType``, ``str``,
  or a numpy scalar type such as ``numpy.float32``) and ``value``.
* ``error``: ``type`` (class name), ``mro`` (class names of its MRO, most
  derived first, ``object`` excluded) and ``message`` (first line, cut).
"""

import builtins
import json
import math
import re

import numpy as np

__all__ = ["encode", "encode_error", "compare", "dumps", "CompareError", "DEFAULT_RTOL", "DEFAULT_ATOL"]

DEFAULT_RTOL = 1e-5
DEFAULT_ATOL = 1e-6
_MESSAGE_LIMIT = 400


class CompareError(AssertionError):
    """Raised by :func:`compare` with the path of the first mismatch."""


# --------------------------------------------------------------------------
# encoding
# --------------------------------------------------------------------------

def _class_names(obj):
    return [c.__name__ for c in type(obj).__mro__ if c is not object]


def _is_tensor(obj):
    return hasattr(obj, "asnumpy") and hasattr(obj, "dtype") and hasattr(obj, "shape")


def _is_parameter(obj):
    return "Parameter" in _class_names(obj)


def _float_to_json(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def _array_values(arr):
    if arr.dtype == np.bool_:
        return arr.tolist()
    if np.issubdtype(arr.dtype, np.integer):
        return arr.astype(np.int64).tolist()
    if np.issubdtype(arr.dtype, np.complexfloating):
        return [_array_values(arr.real), _array_values(arr.imag)]
    if arr.dtype in (np.float16, np.float32):
        # shortest decimal that round-trips at the array's own precision
        flat = [_float_to_json(float(str(v))) if np.isfinite(v) else _float_to_json(v)
                for v in arr.ravel()]
    else:
        flat = [_float_to_json(v) for v in arr.astype(np.float64).ravel()]
    if arr.ndim == 0:
        return flat[0]
    out = np.empty(len(flat), dtype=object)
    out[:] = flat
    return out.reshape(arr.shape).tolist()


def _numpy_dtype_name(arr):
    return arr.dtype.name


def encode_tensor(t):
    arr = np.asarray(t.asnumpy())
    return {
        "kind": "tensor",
        "shape": [int(d) for d in arr.shape],
        "dtype": _numpy_dtype_name(arr),
        "ms_dtype": str(t.dtype),
        "is_parameter": bool(_is_parameter(t)),
        "values": _array_values(arr),
    }


def encode_error(exc):
    msg = str(exc).strip().splitlines()
    first = msg[0] if msg else ""
    first = re.sub(r"0x[0-9a-fA-F]+", "0x?", first)  # addresses vary per run
    if len(first) > _MESSAGE_LIMIT:
        first = first[:_MESSAGE_LIMIT] + "..."
    return {
        "kind": "error",
        "type": type(exc).__name__,
        "mro": _class_names(exc),
        "message": first,
    }


def encode(obj):
    """Encode a case result (tensor / tuple / list / dict nest / scalar)."""
    if _is_tensor(obj):
        return encode_tensor(obj)
    if isinstance(obj, BaseException):
        return encode_error(obj)
    if isinstance(obj, tuple):
        return {"kind": "tuple", "items": [encode(o) for o in obj]}
    if isinstance(obj, list):
        return {"kind": "list", "items": [encode(o) for o in obj]}
    if isinstance(obj, dict):
        return {"kind": "dict", "items": [[encode(k), encode(v)] for k, v in obj.items()]}
    if isinstance(obj, np.ndarray):
        raise TypeError("case returned a numpy array; return a Tensor or convert to list")
    if isinstance(obj, np.generic):
        tname = "numpy." + type(obj).__name__
        val = obj.item()
        if isinstance(val, float):
            val = _float_to_json(val)
        return {"kind": "scalar", "type": tname, "value": val}
    if obj is None or isinstance(obj, (bool, int, float, str)):
        val = obj
        if isinstance(obj, float):
            val = _float_to_json(obj)
        return {"kind": "scalar", "type": type(obj).__name__, "value": val}
    raise TypeError("cannot encode object of type %r" % (type(obj).__name__,))


# --------------------------------------------------------------------------
# comparing
# --------------------------------------------------------------------------

_GENERIC_EXC = {"Exception", "BaseException"}


def _accepted_error_names(expected):
    """Names an actual exception may carry in its MRO to match ``expected``.

    The recorded class itself always matches (an actual subclass of it matches
    through the actual MRO).  When the recorded class is not a Python builtin
    (a MindSpore-specific class), its nearest builtin ancestor other than
    Exception/BaseException also matches.
    """
    names = [expected["type"]]
    if not isinstance(getattr(builtins, expected["type"], None), type):
        for n in expected.get("mro", [])[1:]:
            if n in _GENERIC_EXC:
                break
            if isinstance(getattr(builtins, n, None), type):
                names.append(n)
                break
    return names


def _json_to_float_array(values, shape):
    def conv(v):
        if isinstance(v, list):
            return [conv(x) for x in v]
        if isinstance(v, str):
            return float(v)
        return v
    arr = np.asarray(conv(values), dtype=np.float64)
    return arr.reshape(shape)


def _fail(path, msg):
    raise CompareError("%s: %s" % (path or "<root>", msg))


def _describe(node):
    kind = node.get("kind")
    if kind == "tensor":
        return "tensor(shape=%s, dtype=%s)" % (node["shape"], node["dtype"])
    if kind in ("tuple", "list", "dict"):
        return "%s of %d" % (kind, len(node["items"]))
    if kind == "scalar":
        return "%s %r" % (node["type"], node["value"])
    if kind == "error":
        return "%s: %s" % (node["type"], node["message"])
    return repr(node)


def _compare_nodes(exp, act, path, rtol, atol):
    ek, ak = exp["kind"], act["kind"]
    if ek == "error" or ak == "error":
        if ek != ak:
            _fail(path, "expected %s, got %s" % (_describe(exp), _describe(act)))
        accepted = _accepted_error_names(exp)
        if not any(n in act.get("mro", [act["type"]]) for n in accepted):
            _fail(path, "expected error %s (any of %s), got %s" % (
                _describe(exp), accepted, _describe(act)))
        return
    if ek != ak:
        _fail(path, "expected %s, got %s" % (_describe(exp), _describe(act)))
    if ek in ("tuple", "list"):
        if len(exp["items"]) != len(act["items"]):
            _fail(path, "expected %s, got %s" % (_describe(exp), _describe(act)))
        for i, (e, a) in enumerate(zip(exp["items"], act["items"], strict=False)):
            _compare_nodes(e, a, "%s[%d]" % (path, i), rtol, atol)
        return
    if ek == "dict":
        ekeys = [k for k, _ in exp["items"]]
        akeys = [k for k, _ in act["items"]]
        if len(ekeys) != len(akeys):
            _fail(path, "expected %s, got %s" % (_describe(exp), _describe(act)))
        amap = {}
        for k, v in act["items"]:
            amap[repr(sorted(k.items()))] = (k, v)
        for k, v in exp["items"]:
            key = repr(sorted(k.items()))
            if key not in amap:
                _fail(path, "missing dict key %s" % (_describe(k),))
            _compare_nodes(v, amap[key][1], "%s[%s]" % (path, _describe(k)), rtol, atol)
        return
    if ek == "scalar":
        if exp["type"] != act["type"]:
            _fail(path, "expected %s, got %s" % (_describe(exp), _describe(act)))
        ev, av = exp["value"], act["value"]
        if exp["type"] == "float" or exp["type"].startswith("numpy.float"):
            if not np.allclose(float(av), float(ev), rtol=rtol, atol=atol, equal_nan=True):
                _fail(path, "expected %s, got %s" % (_describe(exp), _describe(act)))
        elif ev != av:
            _fail(path, "expected %s, got %s" % (_describe(exp), _describe(act)))
        return
    if ek == "tensor":
        if list(exp["shape"]) != list(act["shape"]):
            _fail(path, "shape: expected %s, got %s" % (exp["shape"], act["shape"]))
        if exp["dtype"] != act["dtype"]:
            _fail(path, "dtype: expected %s, got %s" % (exp["dtype"], act["dtype"]))
        if exp["ms_dtype"] != act["ms_dtype"]:
            _fail(path, "ms dtype: expected %s, got %s" % (exp["ms_dtype"], act["ms_dtype"]))
        if exp["is_parameter"] != act["is_parameter"]:
            _fail(path, "is_parameter: expected %s, got %s" % (exp["is_parameter"], act["is_parameter"]))
        dt = exp["dtype"]
        if dt == "bool" or dt.startswith("int") or dt.startswith("uint"):
            e = np.asarray(exp["values"]).reshape(exp["shape"])
            a = np.asarray(act["values"]).reshape(act["shape"])
            if not np.array_equal(e, a):
                _fail(path, "values differ:\nexpected %s\ngot      %s" % (e.tolist(), a.tolist()))
            return
        if dt.startswith("complex"):
            pairs = zip(exp["values"], act["values"], strict=False)
            for part, (e, a) in zip(("real", "imag"), pairs, strict=False):
                e = _json_to_float_array(e, exp["shape"])
                a = _json_to_float_array(a, act["shape"])
                if not np.allclose(a, e, rtol=rtol, atol=atol, equal_nan=True):
                    _fail(path, "%s values differ:\nexpected %s\ngot      %s" % (part, e.tolist(), a.tolist()))
            return
        e = _json_to_float_array(exp["values"], exp["shape"])
        a = _json_to_float_array(act["values"], act["shape"])
        if not np.allclose(a, e, rtol=rtol, atol=atol, equal_nan=True):
            _fail(path, "values differ (rtol=%g, atol=%g):\nexpected %s\ngot      %s" % (
                rtol, atol, e.tolist(), a.tolist()))
        return
    _fail(path, "unknown kind %r" % (ek,))


def dumps(obj):
    """JSON text, sorted and indented; each tensor node and list of values on one line."""
    leaves = []

    def pack(node):
        if isinstance(node, dict) and node.get("kind") == "tensor":
            leaves.append(json.dumps(node, sort_keys=True, separators=(", ", ": ")))
            return "@@LEAF%d@@" % (len(leaves) - 1)
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                if k in ("values", "shape", "mro") and isinstance(v, list):
                    leaves.append(json.dumps(v, separators=(",", ":")))
                    out[k] = "@@LEAF%d@@" % (len(leaves) - 1)
                else:
                    out[k] = pack(v)
            return out
        if isinstance(node, list):
            return [pack(v) for v in node]
        return node

    text = json.dumps(pack(obj), sort_keys=True, indent=1)
    return re.sub(r'"@@LEAF(\d+)@@"', lambda m: leaves[int(m.group(1))], text) + "\n"


def compare(expected, actual, rtol=None, atol=None):
    """Compare two encoded results; raise :class:`CompareError` on mismatch.

    ``expected`` and ``actual`` are outputs of :func:`encode` (or
    :func:`encode_error`).  Structure must match exactly (a single tensor is
    not a 1-tuple; tuple is not list), dtypes exactly, float values within
    ``rtol``/``atol`` (defaults 1e-5 / 1e-6), errors by class name where the
    actual exception's MRO may contain the recorded class name.
    """
    rtol = DEFAULT_RTOL if rtol is None else rtol
    atol = DEFAULT_ATOL if atol is None else atol
    _compare_nodes(expected, actual, "", rtol, atol)
