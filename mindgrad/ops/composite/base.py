"""`ops.GradOperation`: MindSpore's higher-order gradient function (PyNative semantics).

`GradOperation(get_all, get_by_list, sens_param)(fn, weights)` returns a
gradient function taking `fn`'s arguments (plus `sens` with `sens_param`).
Gradient functions are cached per (fn, weights), and the engine compiles each
once per call signature, so `self.grad(self.net, self.weights)(x, y)` inside a
training step traces once.
"""

from __future__ import annotations

from typing import Any, Callable

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ..._engine import cache, shaping
from ..._engine.vjp_core import GradCore


def check_bool(op: str, name: str, value) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"For '{op}', the '{name}' should be bool, but got {type(value).__name__}")


def normalize_weights(weights) -> tuple[tuple | None, bool]:
    """(the weights as a tuple, whether a single Parameter was given); None stays None."""
    if weights is None:
        return None, False
    if isinstance(weights, Parameter):
        return (weights,), True
    if isinstance(weights, Tensor):
        return (weights,), True
    if isinstance(weights, (tuple, list)):
        for w in weights:
            if not isinstance(w, Tensor):
                raise TypeError("The weights you provided is expected to be a tensor, or a list or tuple of "
                                f"Parameters, but got an element of type {type(w).__name__}.")
        return tuple(weights), False
    raise TypeError("The weights you provided is expected to be a tensor, or a list or tuple of Parameters, "
                    f"but got {type(weights).__name__}.")


def check_callable(fn) -> None:
    if not callable(fn):
        raise TypeError(f"The fn should be callable, but got {type(fn).__name__}")


class GradOperation:
    """Gradients of a Cell or function w.r.t. its first input, all inputs, and/or Parameters."""

    def __init__(self, get_all: bool = False, get_by_list: bool = False, sens_param: bool = False) -> None:
        check_bool("GradOperation", "get_all", get_all)
        check_bool("GradOperation", "get_by_list", get_by_list)
        check_bool("GradOperation", "sens_param", sens_param)
        self.get_all = get_all
        self.get_by_list = get_by_list
        self.sens_param = sens_param
        self._fns = cache.LRU(32)
        self._last: _GradFunction | None = None

    def __call__(self, fn: Callable, weights=None) -> Callable:
        last = self._last
        if last is not None and last.fn is fn and last.weights_arg is weights:
            return last
        check_callable(fn)
        ws, single = normalize_weights(weights) if self.get_by_list else (None, False)
        key = (id(fn), single, None if ws is None else tuple(id(w) for w in ws))
        hit = self._fns.get(key)
        if hit is None or hit.fn is not fn:
            hit = self._fns.put(key, _GradFunction(self, fn, ws, single))
        hit.weights_arg = weights
        self._last = hit
        return hit

    def __repr__(self) -> str:
        return (f"GradOperation(get_all={self.get_all}, get_by_list={self.get_by_list}, "
                f"sens_param={self.sens_param})")


class _GradFunction:
    """What `GradOperation(...)(fn, weights)` returns."""

    def __init__(self, op: GradOperation, fn: Callable, weights: tuple | None, single: bool) -> None:
        self.op = op
        self.fn = fn
        self.weights_arg = None
        self.single = single
        positions = "all" if op.get_all else (None if op.get_by_list else "first")
        auto = op.get_by_list and weights is None
        self.core = GradCore(fn, positions, weights if op.get_by_list else (), auto, op.sens_param)
        self.__name__ = "after_grad"
        self.__wrapped__ = fn

    def __call__(self, *args, **kwargs) -> Any:
        sens = None
        if self.op.sens_param:
            if "sens" in kwargs:
                sens = kwargs.pop("sens")
            elif args:
                sens, args = args[-1], args[:-1]
            else:
                raise TypeError("For 'GradOperation', 'sens_param' is True, so the gradient function needs the "
                                "'sens' argument (the last positional argument or sens=...), but none was given.")
        outcome = self.core(args, kwargs, sens)
        return shaping.grad_operation(outcome, self.op.get_all, self.op.get_by_list, self.single)
