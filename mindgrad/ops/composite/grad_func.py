"""`ms.grad`, `ms.value_and_grad`, `ops.vjp`, `ops.jvp`, `ops.jacfwd`, `ops.jacrev`, `ops.get_grad`.

All run on the engine's call runner (`mindgrad._engine.runner.CallRunner`) with
MindSpore's PyNative argument checks and result shapes: a 1-tuple `grad_position` is unwrapped,
`has_aux` returns the auxiliary outputs as a tuple, `value_and_grad` returns the full output,
`vjp_fn` always returns a tuple, vjp/jvp return their single auxiliary output bare.
"""

from __future__ import annotations

from typing import Any, Callable

import jax
import jax.numpy as jnp

from ... import _state
from ...common.tensor import Tensor, wrap
from ..._engine import cache, modes, shaping
from ..._engine.calls import map_leaves
from ..._engine.runner import CallRunner, Inputs
from ..._engine.tracebacks import api_boundary
from .base import check_bool, check_callable, normalize_weights


def _check_position(grad_position):
    if grad_position is None:
        return None
    if isinstance(grad_position, int):
        if grad_position < 0:
            raise ValueError("grad_position must be >= 0.")
        return grad_position
    if isinstance(grad_position, tuple):
        if not grad_position:
            raise RuntimeError("grad_position should not be empty when grad by position!")
        for p in grad_position:
            if not isinstance(p, int):
                raise TypeError("For 'F.grad', the 'grad_position' must be int or tuple.")
            if p < 0:
                raise ValueError("grad_position must be >= 0.")
        if len(set(grad_position)) != len(grad_position):
            raise ValueError("There are duplicate positions in `grad_position`, please check it")
        return grad_position
    raise TypeError("For 'F.grad', the 'grad_position' must be int or tuple.")


class _GradFn:
    """What `ms.grad(...)` / `ms.value_and_grad(...)` return."""

    def __init__(self, fn, grad_position, weights, has_aux, return_ids, sens_param, get_value) -> None:
        self.fn = fn
        self.position = grad_position
        self.weights, self.single = normalize_weights(weights)
        self.has_aux, self.return_ids, self.sens_param, self.get_value = has_aux, return_ids, sens_param, get_value
        inputs = Inputs.NONE if grad_position is None else (
            grad_position if isinstance(grad_position, tuple) else (grad_position,))
        self.runner = CallRunner(fn, op_name="value_and_grad" if get_value else "grad", inputs=inputs,
                                 weights=self.weights or (), has_aux=has_aux)
        self.__name__ = getattr(fn, "__name__", "grad_fn")
        self.__wrapped__ = fn

    @api_boundary
    def __call__(self, *args, **kwargs) -> Any:
        if kwargs and not modes.current().grad_kwargs:
            name = next(iter(k for k in kwargs if k != "sens"), "sens")
            raise TypeError(f"For '{self.__name__}', got an unexpected keyword argument '{name}': GRAPH_MODE "
                            f"gradient functions take positional arguments only.")
        sens = None
        if self.sens_param:
            if "sens" in kwargs:
                sens = kwargs.pop("sens")
            elif args:
                sens, args = args[-1], args[:-1]
        outcome = self.runner(args, kwargs, sens, want_value=self.get_value or self.has_aux)
        if self.position is None:
            grads = shaping.by_weights(outcome, self.single, self.return_ids)
        elif self.weights is None:
            grads = shaping.by_position(outcome, self.position, self.return_ids)
        else:
            grads = (shaping.by_position(outcome, self.position, self.return_ids),
                     shaping.by_weights(outcome, self.single, self.return_ids))
        if self.get_value:
            return outcome.value, grads
        if self.has_aux:
            return grads, tuple(outcome.value[1:])
        return grads


_made = cache.LRU(64)


def _make(fn, grad_position, weights, has_aux, return_ids, sens_param, get_value) -> _GradFn:
    check_callable(fn)
    grad_position = _check_position(grad_position)
    if grad_position is None and weights is None:
        raise ValueError("`grad_position` and `weight` can not be None at the same time.")
    check_bool("_Grad", "has_aux", has_aux)
    check_bool("_Grad", "return_ids", return_ids)
    check_bool("_Grad", "sens_param", sens_param)
    ws = normalize_weights(weights)[0]
    key = (id(fn), grad_position, None if ws is None else tuple(id(w) for w in ws), isinstance(weights, Tensor),
           has_aux, return_ids, sens_param, get_value)
    hit = _made.get(key)
    if hit is not None and hit.fn is fn and (ws is None or all(a is b for a, b in zip(hit.weights, ws, strict=True))):
        return hit
    return _made.put(key, _GradFn(fn, grad_position, weights, has_aux, return_ids, sens_param, get_value))


@api_boundary
def grad(fn: Callable, grad_position=0, weights=None, has_aux: bool = False, return_ids: bool = False,
         sens_param: bool = False) -> Callable:
    """Gradient function of `fn` w.r.t. the inputs at `grad_position` and/or `weights`."""
    return _make(fn, grad_position, weights, has_aux, return_ids, sens_param, get_value=False)


@api_boundary
def value_and_grad(fn: Callable, grad_position=0, weights=None, has_aux: bool = False, return_ids: bool = False,
                   sens_param: bool = False) -> Callable:
    """Like `grad`, returning `(fn's full output, gradients)`."""
    return _make(fn, grad_position, weights, has_aux, return_ids, sens_param, get_value=True)


def get_grad(gradients, identifier):
    """The gradient of position `identifier` (int) or Parameter `identifier` in a `return_ids` result."""
    key = identifier.name if hasattr(identifier, "name") and isinstance(identifier, Tensor) else identifier
    found = _find(gradients, key)
    if found is None:
        raise RuntimeError(f"Can not find the gradient for position or Parameter {key}")
    return found


def _find(tree, key):
    if isinstance(tree, tuple):
        if len(tree) == 2 and not isinstance(tree[0], (tuple, Tensor)) and tree[0] == key \
                and type(tree[0]) is type(key):
            return tree[1]
        for item in tree:
            hit = _find(item, key)
            if hit is not None:
                return hit
    return None


def _aux(value):
    """vjp/jvp auxiliary outputs: bare for exactly two outputs, else a tuple."""
    return value[1] if len(value) == 2 else tuple(value[1:])


@api_boundary
def vjp(fn: Callable, *inputs, weights=None, has_aux: bool = False):
    """`(fn(*inputs), vjp_fn[, aux])`; `vjp_fn(*v)` returns a tuple of input gradients, and
    `(inputs, weights)` gradients when `weights` is given."""
    check_callable(fn)
    check_bool("vjp", "has_aux", has_aux)
    for x in inputs:
        if not isinstance(x, Tensor):
            raise TypeError(f"For 'vjp', the inputs type must be Tensor, but got {type(x).__name__}.")
    ws, single = normalize_weights(weights)
    runner = CallRunner(fn, op_name="vjp", inputs=Inputs.ALL, weights=ws or (), has_aux=has_aux)
    lin = runner.linearize(tuple(inputs), {})

    @api_boundary
    def vjp_fn(*v):
        outcome = lin.pullback(v[0] if len(v) == 1 else tuple(v))
        grads = shaping.input_grads(outcome)
        if ws is None:
            return grads
        return grads, shaping.by_weights(outcome, single, False)

    if has_aux:
        return lin.value[0], vjp_fn, _aux(lin.value)
    return lin.value, vjp_fn


def _as_tensor_tuple(x, name: str) -> tuple:
    items = (x,) if isinstance(x, Tensor) else x
    if not isinstance(items, (tuple, list)) or not all(isinstance(i, Tensor) for i in items):
        raise TypeError(f"For 'jvp', the '{name}' must be a Tensor or a tuple/list of Tensors, "
                        f"but got {type(x).__name__}.")
    return tuple(items)


@api_boundary
def jvp(fn: Callable, inputs, v, has_aux: bool = False):
    """`(fn(*inputs), jvp_out[, aux])`: the forward-mode derivative along `v`."""
    check_callable(fn)
    xs, vs = _as_tensor_tuple(inputs, "inputs"), _as_tensor_tuple(v, "v")
    if len(xs) != len(vs):
        raise ValueError(f"v has invalid length: should be {len(xs)}, but got {len(vs)}.")
    runner = CallRunner(fn, op_name="jvp", inputs=Inputs.ALL, has_aux=has_aux)
    value, tangent = runner.jvp(xs, {}, [t._arr for t in vs])
    if has_aux:
        return value[0], tangent[0], _aux(value)
    return value, tangent


def _jacobian(transform, fn: Callable, grad_position, has_aux: bool) -> Callable:
    check_callable(fn)
    position = _check_position(grad_position)
    positions = position if isinstance(position, tuple) else (position,)

    def jacobian_fn(*args):
        for p in positions:
            if p >= len(args) or not isinstance(args[p], Tensor):
                raise TypeError(f"For 'jacobian', the input at position {p} must be a Tensor.")

        def pure(*arrays):
            call = list(args)
            for p, a in zip(positions, arrays, strict=True):
                call[p] = wrap(a)
            with _state.bind({}):
                out = fn(*call)
            arrays_out = map_leaves(lambda x: x._arr if isinstance(x, Tensor) else x, out)
            if has_aux:
                return arrays_out[0], tuple(arrays_out[1:])
            return arrays_out

        argnums = tuple(range(len(positions))) if isinstance(position, tuple) else 0
        result = transform(pure, argnums=argnums, has_aux=has_aux)(*[args[p]._arr for p in positions])
        wrapped = jax.tree_util.tree_map(lambda a: wrap(jnp.asarray(a)), result)
        if has_aux:
            jac, aux = wrapped
            return jac, aux[0] if len(aux) == 1 else aux
        return wrapped

    return jacobian_fn


def jacfwd(fn: Callable, grad_position=0, has_aux: bool = False) -> Callable:
    """Jacobian of `fn` by forward mode, w.r.t. the inputs at `grad_position`."""
    return _jacobian(jax.jacfwd, fn, grad_position, has_aux)


def jacrev(fn: Callable, grad_position=0, has_aux: bool = False) -> Callable:
    """Jacobian of `fn` by reverse mode, w.r.t. the inputs at `grad_position`."""
    return _jacobian(jax.jacrev, fn, grad_position, has_aux)
