"""Custom operators (`ops.Custom`, `P.PyFunc`) and the registration helpers model code builds for them
(`ops.CustomRegOp`, `ops.DataType`).

Only Python functions can run on JAX: `Custom(func, out_shape, out_dtype, func_type="pyfunc")` and
`PyFunc` call `func` on NumPy arrays (through `jax.pure_callback` inside compiled calls); a `bprop`
given to `Custom` becomes the gradient. Other `func_type`s (compiled AKG/TBE/AOT kernels) raise
NotImplementedError when called. `CustomRegOp` records what it is given and `get_op_info()` returns it;
`DataType` holds MindSpore's (dtype, format) pairs (`DataType.F32_Default == ("float32", "DefaultFormat")`).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor, wrap
from ..primitive import Primitive, prim_attr_register

_DTYPES = {"None": "", "BOOL": "bool", "I8": "int8", "U8": "uint8", "I16": "int16", "U16": "uint16", "I32": "int32",
           "U32": "uint32", "I64": "int64", "U64": "uint64", "F16": "float16", "F32": "float32", "F64": "float64",
           "BF16": "bfloat16", "C64": "complex64", "C128": "complex128"}
_FORMATS = {"None": "", "Default": "DefaultFormat", "5HD": "NC1HWC0", "FracZ": "FRACTAL_Z", "FracNZ": "FRACTAL_NZ",
            "C1HWNCoC0": "C1HWNCoC0", "NCHW": "NCHW", "NHWC": "NHWC", "HWCN": "HWCN", "NDHWC": "NDHWC",
            "NCDHW": "NCDHW", "DHWCN": "DHWCN", "NDC1HWC0": "NDC1HWC0", "NC1HWC0": "NC1HWC0",
            "FRACTAL_Z_3D": "FRACTAL_Z_3D", "FracZNLSTM": "FRACTAL_ZN_LSTM", "FracZNRNN": "FRACTAL_ZN_RNN",
            "ND_RNNBIAS": "ND_RNN_BIAS", "ChannelLast": "ChannelLast", "Default_Tuple": "DefaultFormat",
            "Default_List": "DefaultFormat"}

DataType = type("DataType", (), {
    "__doc__": "MindSpore's (dtype, format) pairs for `CustomRegOp.dtype_format`, e.g. `DataType.F32_Default`.",
    "__module__": __name__,
    **{f"{p}_{s}": (d, f) for p, d in _DTYPES.items() for s, f in _FORMATS.items()},
})


class CustomRegOp:
    """Registration information of a custom operator: the builder calls are recorded and returned by
    `get_op_info()` (mindgrad runs Python custom operators only, so nothing else reads them)."""

    def __init__(self, op_name: str = "Custom") -> None:
        self.op_name = op_name
        self.info: dict = {"op_name": op_name, "inputs": [], "outputs": [], "dtype_format": [], "attrs": [],
                           "target": None}

    def input(self, index=None, name=None, param_type="required", **kwargs) -> CustomRegOp:
        self.info["inputs"].append({"index": index, "name": name, "paramType": param_type, **kwargs})
        return self

    def output(self, index=None, name=None, param_type="required", **kwargs) -> CustomRegOp:
        self.info["outputs"].append({"index": index, "name": name, "paramType": param_type, **kwargs})
        return self

    def dtype_format(self, *args) -> CustomRegOp:
        self.info["dtype_format"].append(list(args))
        return self

    def attr(self, name=None, param_type=None, value_type=None, default_value=None, **kwargs) -> CustomRegOp:
        self.info["attrs"].append({"name": name, "paramType": param_type, "type": value_type,
                                   "defaultValue": default_value, **kwargs})
        return self

    def target(self, target=None) -> CustomRegOp:
        self.info["target"] = target
        return self

    def get_op_info(self) -> dict:
        return self.info


def _out_spec(spec, args):
    return spec(*[a.shape if isinstance(a, Tensor) else a for a in args]) if callable(spec) else spec


def _np_dtype(dt):
    return mstype.to_numpy(dt) if isinstance(dt, mstype.Type) else np.dtype(dt)


def _run_python(func, args, shapes, dtypes, multiple: bool):
    """`func` on the NumPy values of `args`; a `jax.pure_callback` when any argument is being traced."""
    arrays = [a._arr if isinstance(a, Tensor) else a for a in args]
    if any(isinstance(a, jax.core.Tracer) for a in arrays):
        outs = [jax.ShapeDtypeStruct(tuple(s), _np_dtype(d)) for s, d in zip(shapes, dtypes, strict=True)]

        def host(*values):
            res = func(*[np.asarray(v) for v in values])
            res = res if multiple else (res,)
            return tuple(np.asarray(r, o.dtype) for r, o in zip(res, outs, strict=True))

        result = jax.pure_callback(host, tuple(outs), *arrays)
    else:
        res = func(*[np.asarray(a) if isinstance(a, jax.Array) else a for a in arrays])
        result = tuple(jnp.asarray(r) for r in (res if multiple else (res,)))
    return tuple(wrap(r) for r in result)


class Custom(Primitive):
    """A custom operator. With func_type 'pyfunc' (a Python function of NumPy arrays) it runs on JAX; `out_shape`
    and `out_dtype` are values or functions of the input shapes/dtypes; `bprop(*inputs, out, dout)` is its
    gradient. Compiled-kernel func_types raise NotImplementedError when called."""

    @prim_attr_register
    def __init__(self, func, out_shape=None, out_dtype=None, func_type="pyfunc", bprop=None, reg_info=None):
        if not callable(func) and func_type == "pyfunc":
            raise TypeError(f"For 'Custom', the 'func' should be callable when func_type is 'pyfunc', but got "
                            f"{type(func).__name__}.")

    def __call__(self, *args):
        if self.func_type != "pyfunc":
            raise NotImplementedError(f"For 'Custom', mindgrad runs func_type 'pyfunc' only (Python functions on "
                                      f"JAX), but got {self.func_type!r}.")
        shape = _out_spec(self.out_shape, args)
        dtype = self.out_dtype(*[a.dtype for a in args if isinstance(a, Tensor)]) if callable(self.out_dtype) \
            else self.out_dtype
        multiple = isinstance(dtype, (tuple, list))
        shapes, dtypes = (list(shape), list(dtype)) if multiple else ([shape], [dtype])
        if self.bprop is None:
            out = _run_python(self.func, args, shapes, dtypes, multiple)
            return out if multiple else out[0]
        return self._with_bprop(args, shapes, dtypes, multiple)

    def _with_bprop(self, args, shapes, dtypes, multiple: bool):
        tensors = [i for i, a in enumerate(args) if isinstance(a, Tensor)]

        def forward(*arrays):
            full = list(args)
            for i, a in zip(tensors, arrays, strict=True):
                full[i] = wrap(a)
            return tuple(t._arr for t in _run_python(self.func, full, shapes, dtypes, multiple))

        def fwd(*arrays):
            out = forward(*arrays)
            return out, (arrays, out)

        def bwd(res, g):
            arrays, out = res
            outs = tuple(wrap(o) for o in out)
            douts = tuple(wrap(d) for d in g)
            grads = self.bprop(*[wrap(a) for a in arrays], outs if multiple else outs[0],
                               douts if multiple else douts[0])
            return tuple(jnp.asarray(gr._arr if isinstance(gr, Tensor) else gr) for gr in grads)

        fn = jax.custom_vjp(forward)
        fn.defvjp(fwd, bwd)
        out = tuple(wrap(o) for o in fn(*[args[i]._arr for i in tensors]))
        return out if multiple else out[0]


class PyFunc(Primitive):
    """Runs the Python function `fn` on NumPy arrays; results have `out_types` / `out_shapes` (lists)."""

    @prim_attr_register
    def __init__(self, fn, in_types, in_shapes, out_types, out_shapes, stateful=True):
        if not callable(fn):
            raise TypeError(f"For 'PyFunc', the 'fn' should be callable, but got {type(fn).__name__}.")

    def __call__(self, *args):
        return _run_python(self.fn, args, self.out_shapes, self.out_types, True)
