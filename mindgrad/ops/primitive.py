"""`mindspore.ops.Primitive`: operator classes configured in `__init__`, applied by `__call__`.

`ops.MatMul(transpose_b=True)(a, b)`, `P.ReduceSum(keep_dims=True)(x, axis)`:
the constructor stores attributes (readable as `prim.transpose_b` and through
`prim.attrs`), the call computes. Subclasses implement `__call__`; attribute-free
primitives that only forward to a functional op are made by `functional_primitive`.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable


class Primitive:
    """Base class of MindSpore's operator classes."""

    def __init__(self, name: str | None = None) -> None:
        self.name = name or type(self).__name__
        self.attrs: dict[str, Any] = {}

    def add_prim_attr(self, name: str, value: Any) -> Primitive:
        self.attrs[name] = value
        setattr(self, name, value)
        return self

    def del_prim_attr(self, name: str) -> Primitive:
        self.attrs.pop(name, None)
        return self

    def init_prim_io_names(self, inputs, outputs) -> None:
        self.add_prim_attr("input_names", inputs)
        self.add_prim_attr("output_names", outputs)

    def set_prim_instance_name(self, instance_name: str) -> Primitive:
        self.instance_name = instance_name
        return self

    def shard(self, *args, **kwargs) -> Primitive:
        return self

    def recompute(self, mode: bool = True) -> Primitive:
        return self

    def __call__(self, *args, **kwargs):
        raise NotImplementedError(f"For '{self.name}', the primitive has no implementation.")

    def __repr__(self) -> str:
        shown = {k: v for k, v in self.attrs.items() if k not in ("input_names", "output_names")}
        attrs = ", ".join(f"{k}={v}" for k, v in shown.items())
        return f"Prim[{self.name}]" + (f"<{attrs}>" if attrs else "")


PrimitiveWithInfer = Primitive
PrimitiveWithCheck = Primitive


def prim_attr_register(init: Callable) -> Callable:
    """Decorator for a Primitive's `__init__`: records its arguments as attributes."""

    @functools.wraps(init)
    def wrapper(self, *args, **kwargs):
        Primitive.__init__(self, type(self).__name__)
        bound = inspect.signature(init).bind(self, *args, **kwargs)
        bound.apply_defaults()
        for name, value in list(bound.arguments.items())[1:]:
            self.add_prim_attr(name, value)
        init(self, *args, **kwargs)

    return wrapper


def functional_primitive(name: str, fn: Callable, module: str) -> type:
    """An attribute-free Primitive class whose call is the functional op `fn` (`ops.Exp()(x)` is `ops.exp(x)`)."""

    def __call__(self, *args, **kwargs):
        return fn(*args, **kwargs)

    sig = inspect.signature(fn)
    self_param = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    __call__.__signature__ = sig.replace(parameters=[self_param, *sig.parameters.values()])
    cls = type(name, (Primitive,), {
        "__init__": prim_attr_register(lambda self: None),
        "__call__": __call__,
        "__doc__": f"`ops.{name}()(...)`: the Primitive spelling of `ops.{fn.__name__}`.",
        "__module__": module,
    })
    return cls


def unsupported_primitive(name: str, reason: str, module: str, init: Callable) -> type:
    """A Primitive that can be constructed with MindSpore's arguments but raises NotImplementedError when called."""

    def __call__(self, *args, **kwargs):
        raise NotImplementedError(f"mindgrad does not implement '{name}': {reason}.")

    return type(name, (Primitive,), {
        "__init__": prim_attr_register(init),
        "__call__": __call__,
        "__doc__": f"`ops.{name}`: constructible, but calling it raises NotImplementedError ({reason}).",
        "__module__": module,
    })


def constexpr(fn: Callable | None = None, get_instance: bool = True, name: str | None = None,
              reuse_result: bool = True, check: bool = True):
    """MindSpore's `constexpr`: a function evaluated in Python on constant arguments."""
    if fn is None:
        return lambda f: f
    return fn
