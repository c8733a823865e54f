"""`F.linearize`, `F.jet` and `F.derivative`: MindSpore's forward-mode and Taylor-mode
derivatives, on `jax.linearize` and nested `jax.jvp` (compiled once per function, order and call
signature).

MindSpore's conventions: series terms are derivatives (x(t) = x0 + x1 t + x2 t^2/2! + ...), as in
JAX's `jet`; integer primals are differentiated as float32; `derivative` moves every primal along
ones. Where MindSpore 2.10 has no Taylor rule for an op (Pow, Neg, Tanh raise RuntimeError there),
mindgrad computes the derivative JAX's rules give.
"""

from __future__ import annotations

from typing import Callable

import math

import jax
import jax.numpy as jnp

from ... import _state
from ..._engine.cache import LRU
from ..._engine.calls import flatten
from ..._engine.runner import CallRunner
from ...common.tensor import Tensor, wrap

_SEQ = (tuple, list)


def _float(a):
    return a if jnp.issubdtype(a.dtype, jnp.inexact) else a.astype(jnp.float32)


def _pure(fn: Callable, n: int):
    """`fn` as a function of arrays: (output arrays, output treedef) via `info`."""
    info: dict = {}

    def pure(*arrays):
        out = fn(*[wrap(a) for a in arrays[:n]])
        leaves, info["def"] = flatten(out)
        return [x._arr if isinstance(x, Tensor) else jnp.asarray(x) for x in leaves]

    return pure, info


def _rebuild(info: dict, arrays: list):
    return jax.tree_util.tree_unflatten(info["def"], [wrap(a) for a in arrays])


def _check_callable(fn) -> None:
    if not callable(fn):
        raise RuntimeError(f"'TaylorOperation' arg0 must be a 'Function' or 'Cell', but got {type(fn).__name__}.")


def linearize(fn: Callable, inputs):
    """`(fn(*inputs), jvp_fn)`: `jvp_fn(v)` is the forward-mode derivative of `fn` at `inputs` along
    `v` (a Tensor, or a tuple of Tensors for several inputs), computed from one linearization."""
    if isinstance(inputs, Tensor):
        xs = (inputs,)
    elif isinstance(inputs, _SEQ) and inputs and all(isinstance(x, Tensor) for x in inputs):
        xs = tuple(inputs)
    else:
        raise TypeError("The inputs type must be a Tensor, tuple or list of Tensors.")
    pure, info = _pure(fn, len(xs))
    out, lin = jax.linearize(pure, *[_float(x._arr) for x in xs])

    def jvp_fn(v):
        vs = (v,) if isinstance(v, Tensor) else tuple(v) if isinstance(v, _SEQ) else None
        if vs is None or len(vs) != len(xs) or not all(isinstance(t, Tensor) for t in vs):
            raise TypeError(f"For 'linearize', 'v' must be a Tensor or a tuple of {len(xs)} Tensors matching "
                            f"the inputs, but got {type(v).__name__}.")
        for t, x in zip(vs, xs, strict=True):
            if t.shape != x.shape:
                raise ValueError(f"For 'linearize', the shape of 'v' should be {list(x.shape)}, the shape of "
                                 f"its input, but got {list(t.shape)}.")
        return _rebuild(info, lin(*[t._arr.astype(_float(x._arr).dtype) for t, x in zip(vs, xs, strict=True)]))

    return _rebuild(info, out), jvp_fn


def _series_terms(primal, series) -> list:
    """A primal's series Tensor as a list of terms, each of the primal's shape."""
    p, s = primal._arr, series._arr
    if s.ndim == p.ndim:
        s = s[None]
    if tuple(s.shape[1:]) != tuple(p.shape):
        raise ValueError("In series, the shape of each element must be the same as the primals.")
    dtype = _float(p).dtype
    return [wrap(s[k].astype(dtype)) for k in range(s.shape[0])]


class _Taylor:
    """The Taylor terms of one function for one order: the k-th derivative at t = 0 of
    t -> fn(x(t)), x(t) = x0 + sum_k x_k t^k / k!, by k nested `jax.jvp`s (which, unlike
    `jax.experimental.jet`, go through the custom derivative rules of mindgrad's CPU-matching
    exp/tanh/sigmoid). At the top level it runs as a compiled call of the engine (once per call
    signature, Parameters as inputs); inside another transform, inline."""

    def __init__(self, fn: Callable, n: int, order: int) -> None:
        self.pure, self.info = _pure(fn, n)
        self.order = order
        self.runner = None

    def terms(self, primals: tuple, series: list) -> tuple[list, list]:
        x0 = [_float(p._arr) for p in primals]
        t0 = jnp.zeros((), jnp.result_type(*x0))

        def path(t):
            xs = []
            for x, terms in zip(x0, series, strict=True):
                for k, term in enumerate(terms, start=1):
                    x = x + term._arr * (t ** k / math.factorial(k)).astype(x.dtype)
                xs.append(x)
            return self.pure(*xs)

        def derivative_of(g):
            return lambda t: jax.jvp(g, (t,), (jnp.ones_like(t),))[1]

        out, terms, g = path(t0), [], path
        for _ in range(self.order):
            g = derivative_of(g)
            terms.append(g(t0))
        return [wrap(o) for o in out], [wrap(jnp.stack([t[i] for t in terms])) for i in range(len(out))]

    def __call__(self, primals: tuple, series: list) -> tuple[list, list]:
        if _state.current() is not None:
            return self.terms(primals, series)
        if self.runner is None:
            self.runner = CallRunner(self.terms, op_name="jet")
        return self.runner.call((primals, series), {})


_taylors = LRU(64)


def _taylor(fn: Callable, primals: tuple, series: list):
    """(outputs, per output its stacked series, output layout), `series` a list of term lists (one per
    primal)."""
    orders = {len(terms) for terms in series}
    if len(orders) != 1:
        raise ValueError("In series, the shape of each element must be the same as the primals.")
    key = (fn, len(primals), orders.pop())
    taylor = _taylors.get(key) or _taylors.put(key, _Taylor(fn, *key[1:]))
    outs, stacked = taylor(tuple(primals), series)
    return list(outs), list(stacked), taylor.info


def _primals(primals, what: str) -> tuple:
    if isinstance(primals, Tensor):
        return (primals,)
    if isinstance(primals, tuple) and primals and all(isinstance(p, Tensor) for p in primals):
        return primals
    raise TypeError(f"For 'F.{what}', the 'primals' must be a Tensor or a tuple of Tensors, but got "
                    f"{type(primals).__name__}.")


def _one_or_list(info: dict, items: list):
    """One output as itself; several as a list, as MindSpore returns them."""
    return items[0] if info["def"].num_leaves == 1 and info["def"].num_nodes == 1 else list(items)


def jet(fn: Callable, primals, series):
    """`(fn(primals), out_series)`: Taylor-mode derivatives of `fn` along `series` (shape
    (order, *primal.shape) per primal, or the primal's shape for order 1)."""
    _check_callable(fn)
    if not ((isinstance(primals, Tensor) and isinstance(series, Tensor))
            or (isinstance(primals, tuple) and isinstance(series, tuple))):
        raise TypeError("For 'F.jet', the 'primals' and `series` must be both Tensor or tuple.")
    ps = _primals(primals, "jet")
    ss = (series,) if isinstance(series, Tensor) else series
    if len(ss) != len(ps) or not all(isinstance(s, Tensor) for s in ss):
        raise TypeError("For 'F.jet', the 'series' must hold one Tensor per primal.")
    outs, stacked, info = _taylor(fn, ps, [_series_terms(p, s) for p, s in zip(ps, ss, strict=True)])
    return _one_or_list(info, outs), _one_or_list(info, stacked)


def derivative(fn: Callable, primals, order: int):
    """`(fn(primals), the order-th derivative of fn)` along ones for every primal."""
    _check_callable(fn)
    if not isinstance(order, int) or isinstance(order, bool):
        raise TypeError("For `F.derivative`, the type of order must be int.")
    if order < 1:
        raise ValueError(f"For `F.derivative`, value of order should not be less than 1, but got {order}.")
    ps = _primals(primals, "derivative")
    series = []
    for p in ps:
        x = _float(p._arr)
        series.append([wrap(jnp.ones_like(x))] + [wrap(jnp.zeros_like(x))] * (order - 1))
    outs, stacked, info = _taylor(fn, ps, series)
    return _one_or_list(info, outs), _one_or_list(info, [wrap(s._arr[order - 1]) for s in stacked])
