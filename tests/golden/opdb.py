"""The op database: one `OpInfo` entry per op, from which golden cases are generated.

A suite module `tests/golden/<suite>_cases.py` lists its ops and turns them into cases:

    from opdb import OpInfo, S, cases
    OPS = [
        OpInfo("numpy.tan", [S(x)], grad=True),
        OpInfo("numpy.arange", [S(5), S(1, 7, 2, dtype="float32")], dtypes=None),
        OpInfo("ops.Tan", [S(x)], init={}, grad=True),            # a Primitive: built, then called
        OpInfo("Tensor.repeat", [S(x, 2, axis=0)]),                # a Tensor method: called on the first arg
    ]
    globals().update(cases(OPS))

`python -m tests.golden.record <suite>` records every generated case from MindSpore into `<suite>.json`;
`tests/test_opdb.py` replays every suite whose cases module has `OPS` (structure, dtype, shape,
values, error class), runs `jax.test_util.check_grads` in float64 on the first sample of each
`grad=True` entry, and checks that each case has a recording. Adding an op is adding an entry.

Sample arguments: NumPy arrays become `ms.Tensor`s (`Raw(arr)` passes the array itself); other
values (scalars, lists, tuples, dtype names given as `Dtype("float32")`) pass as they are. `dtypes`
re-runs every sample with its floating-point arrays cast to each dtype (None: as given). With
`grad=True` a case returns `(output, gradients)`: the gradients of all Tensor arguments from
`GradOperation(get_all=True, sens_param=True)` with a fixed random sens shaped like the output.
"""

from __future__ import annotations

import dataclasses
import importlib
import re

import numpy as np


@dataclasses.dataclass(frozen=True)
class Raw:
    """A NumPy array passed to the op as an array, not converted to a Tensor."""
    value: object


@dataclasses.dataclass(frozen=True)
class Dtype:
    """A MindSpore dtype argument, by name (`Dtype("float16")` is `ms.float16`)."""
    name: str


class S:
    """One sample call: positional and keyword arguments."""

    def __init__(self, *args, **kwargs) -> None:
        self.args = args
        self.kwargs = kwargs


@dataclasses.dataclass
class OpInfo:
    """One op: `path` below the top-level module (`numpy.tan`, `ops.Tan`, `Tensor.repeat`), its samples,
    the float dtypes its samples run in, whether gradients are recorded, a Primitive's init
    arguments, a comparison tolerance, a case-name suffix when one op has several entries, and `expect`
    "quirk" (MindSpore is wrong here) or "differs" (a documented difference) for cases that must differ."""
    path: str
    samples: list
    dtypes: tuple | None = ("float32",)
    grad: bool = False
    init: dict | None = None
    rtol: float | None = None
    atol: float | None = None
    tag: str = ""
    expect: str = ""

    @property
    def slug(self) -> str:
        base = re.sub(r"\W", "_", self.path.replace(".", "__"))
        return base + ("_" + self.tag if self.tag else "")


def resolve(ms, path: str):
    """The object at `path` below module `ms`, importing submodules on the way (`numpy.tan`)."""
    obj = ms
    for part in path.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            obj = importlib.import_module(obj.__name__ + "." + part)
    return obj


def _cast(value, dtype):
    if isinstance(value, np.ndarray) and dtype is not None and value.dtype.kind == "f":
        return value.astype(dtype)
    return value


def _convert(ms, value):
    if isinstance(value, np.ndarray):
        return ms.Tensor(value)
    if isinstance(value, Raw):
        return value.value
    if isinstance(value, Dtype):
        return getattr(ms, value.name)
    if isinstance(value, (list, tuple)) and any(isinstance(v, (np.ndarray, Raw, Dtype)) for v in value):
        return type(value)(_convert(ms, v) for v in value)
    return value


def callable_of(ms, info: OpInfo):
    """The function a case calls: the op, a built Primitive, or a Tensor method on the first argument."""
    if info.path.startswith("Tensor."):
        method = info.path[len("Tensor."):]
        return lambda x, *args, **kwargs: getattr(x, method)(*args, **kwargs)
    op = resolve(ms, info.path)
    return op(**info.init) if info.init is not None else op


def call(ms, info: OpInfo, sample: S, dtype: str | None):
    """Run one sample of `info` on `ms`; with `grad`, also return the gradients of its Tensor arguments."""
    args = [_convert(ms, _cast(a, dtype)) for a in sample.args]
    kwargs = {k: _convert(ms, _cast(v, dtype)) for k, v in sample.kwargs.items()}
    fn = callable_of(ms, info)
    if not info.grad:
        return fn(*args, **kwargs)
    positions = [i for i, a in enumerate(args) if isinstance(a, ms.Tensor)]

    def forward(*tensors):
        full = list(args)
        for i, t in zip(positions, tensors, strict=True):
            full[i] = t
        return fn(*full, **kwargs)

    tensors = [args[i] for i in positions]
    out = forward(*tensors)
    rs = np.random.RandomState(0)
    if isinstance(out, (tuple, list)):
        sens = tuple(ms.Tensor(rs.standard_normal(o.shape).astype(o.asnumpy().dtype)) for o in out)
    else:
        sens = ms.Tensor(rs.standard_normal(out.shape).astype(out.asnumpy().dtype))
    grads = ms.ops.GradOperation(get_all=True, sens_param=True)(forward)(*tensors, sens)
    return out, grads


def _case(info: OpInfo, sample: S, dtype: str | None):
    def case(ms):
        return call(ms, info, sample, dtype)
    case.rtol, case.atol = info.rtol, info.atol
    case.opinfo = info
    return case


def cases(ops: list) -> dict:
    """`case_<slug>__<sample>[_<dtype>]` functions for every sample and dtype of every entry."""
    out = {}
    for info in ops:
        for k, sample in enumerate(info.samples):
            for dtype in info.dtypes or (None,):
                suffix = f"_{dtype}" if info.dtypes and len(info.dtypes) > 1 else ""
                name = f"case_{info.slug}__{k}{suffix}" + (f"_{info.expect}" if info.expect else "")
                if name in out:
                    raise ValueError(f"two op entries make the case {name}: give one a tag")
                out[name] = _case(info, sample, dtype)
    return out
