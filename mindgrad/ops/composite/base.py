"""`ops.GradOperation`: MindSpore's higher-order gradient function.

The mode set with `set_context` when the gradient function runs decides the meaning where
MindSpore's PYNATIVE_MODE and GRAPH_MODE differ (`mindgrad._engine.modes`).

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
from ..._engine import cache, modes, shaping
from ..._engine.runner import CallRunner, Inputs
from ..._engine.steady import MISS
from ..._engine.tracebacks import api_boundary, leaving


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

    @api_boundary
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
            return last  # the same function and weights object as last time (a training loop)
        return self._grad_function(fn, weights)

    @api_boundary
    def _grad_function(self, fn: Callable, weights) -> Callable:
        sem = modes.current()
        if not callable(fn):
            if sem.not_callable_error is TypeError:
                check_callable(fn)
            return _not_callable(fn, sem)
        keys = None
        if self.get_by_list and isinstance(weights, dict) and sem.weights_dict:
            keys, weights_seq = tuple(weights.keys()), tuple(weights.values())
            ws, single = normalize_weights(weights_seq)
        else:
            ws, single = normalize_weights(weights) if self.get_by_list else (None, False)
        key = (id(fn), single, keys, None if ws is None else tuple(id(w) for w in ws))
        hit = self._fns.get(key)
        if hit is None or hit.fn is not fn:
            hit = self._fns.put(key, _GradFunction(self, fn, ws, single, keys))
        hit.weights_arg = weights
        self._last = hit
        return hit

    def __repr__(self) -> str:
        return (f"GradOperation(get_all={self.get_all}, get_by_list={self.get_by_list}, "
                f"sens_param={self.sens_param})")


class _GradFunction:
    """What `GradOperation(...)(fn, weights)` returns."""

    def __init__(self, op: GradOperation, fn: Callable, weights: tuple | None, single: bool,
                 keys: tuple | None = None) -> None:
        self.op = op
        self.fn = fn
        self.weights_arg = None
        self.weights = weights
        self.single = single
        self.keys = keys
        self._runners: dict[bool, CallRunner] = {}
        self._steady_runner: CallRunner | None = None
        self.shape = (op.get_all, op.get_by_list, single)  # of the result (`shaping.grad_operation`)
        self.__name__ = "after_grad"
        self.__wrapped__ = fn

    def _runner(self, sem: modes.Semantics) -> CallRunner:
        """weights=None means "the trainable Parameters used" in PyNative and "none" in GRAPH_MODE."""
        auto = self.op.get_by_list and self.weights is None and sem.weights_none_uses_params
        runner = self._runners.get(auto)
        if runner is None:
            inputs = Inputs.ALL if self.op.get_all else (Inputs.NONE if self.op.get_by_list else Inputs.FIRST)
            weights = (self.weights or ()) if self.op.get_by_list else ()
            runner = self._runners[auto] = CallRunner(self.fn, op_name="GradOperation", inputs=inputs,
                                                      weights=weights, auto_weights=auto)
        return runner

    def __call__(self, *args, **kwargs) -> Any:
        runner = self._steady_runner
        if runner is not None and not kwargs:
            try:
                result = runner.steady_grad_operation(args, self.shape)
            except Exception as e:
                leaving(e)
                raise
            if result is not MISS:
                return result
        return self._call(args, kwargs)

    @api_boundary
    def _call(self, args: tuple, kwargs: dict) -> Any:
        sem = modes.current()
        sens = None
        if self.op.sens_param:
            if "sens" in kwargs:
                sens = kwargs.pop("sens")
                if isinstance(sens, (tuple, list)) and not sem.tuple_sens_keyword:
                    raise RuntimeError("For 'GradOperation', got an unexpected keyword argument 'sens': in "
                                       "GRAPH_MODE only a single Tensor can be passed as sens=.")
            elif args:
                sens, args = args[-1], args[:-1]
            else:
                raise TypeError("For 'GradOperation', 'sens_param' is True, so the gradient function needs the "
                                "'sens' argument (the last positional argument or sens=...), but none was given.")
            if not sem.list_sens and _has_list(sens):
                raise TypeError("For 'GradOperation', the 'sens' of a tuple output must be a tuple in GRAPH_MODE: "
                                "Type Join Failed: Abstract type AbstractList cannot join with AbstractTuple.")
        runner = self._runner(sem)
        outcome = runner(args, kwargs, sens)
        # A plain call (no sens, no keywords, weights not a dict) may take the steady shortcut next time.
        self._steady_runner = runner if sens is None and not kwargs and self.keys is None else None
        result = shaping.grad_operation(outcome, self.op.get_all, self.op.get_by_list, self.single)
        if self.keys is not None:
            grads = dict(zip(self.keys, outcome.param_grads, strict=True))
            return (result[0], grads) if self.op.get_all else grads
        return result


def _not_callable(fn, sem: modes.Semantics) -> Callable:
    """GRAPH_MODE builds the gradient function and fails when it is called."""
    def after_grad(*args, **kwargs):
        raise sem.not_callable_error("For 'GradOperation', the first argument must be a 'Function' or 'Cell', "
                                     f"but got {type(fn).__name__}.")
    return after_grad


def _has_list(x) -> bool:
    if isinstance(x, list):
        return True
    return isinstance(x, tuple) and any(_has_list(i) for i in x)
