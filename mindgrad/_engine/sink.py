"""Data sinking: many steps of a function as one compiled program, and batches made ahead of their step.

`SinkProgram(fn, params)` runs `fn` (a training network: it reads Parameters, writes new values
to them, returns a loss) over a chunk of batches stacked on a leading axis as one `jax.jit` of a
`lax.scan`: the Parameters are the scan's carry, bound to the carried values in a strict Frame
(`_state.bind`) while `fn` is traced, the Frame's writes are the next carry. The values are written
back to the Parameters once per chunk. Parameters the trace touched without being bound are bound
too and the program traced again; a function that needs Python values raises `SinkUnavailable` (as does any
call while data parallelism is on).

`Prefetcher(source, make, group)` makes the next items of `source` (batches, or chunks of batches, put
on the device) while the work dispatched on the current one runs.
"""

from __future__ import annotations

import collections
import itertools
import operator
from typing import Callable, Iterable, Iterator

import jax
import numpy as np

from .. import _state
from ..common.tensor import Tensor, wrap
from . import cache, parallel

_PYTHON_NEEDED = (jax.errors.ConcretizationTypeError, jax.errors.TracerArrayConversionError,
                  jax.errors.TracerIntegerConversionError, jax.errors.TracerBoolConversionError,
                  _state.EagerRequired)


class SinkUnavailable(Exception):
    """The function needs Python values of Tensors: it cannot run as one compiled program."""


class _Unbound(Exception):
    def __init__(self, params: dict) -> None:
        super().__init__("unbound Parameters")
        self.params = params


def _is_tensor(x) -> bool:
    return isinstance(x, Tensor)


def _unique(params: Iterable) -> list:
    seen, out = set(), []
    for p in params:
        if id(p) not in seen:
            seen.add(id(p))
            out.append(p)
    return out


class SinkProgram:
    """`fn` over chunks of batches as one compiled program; the Parameters it writes updated once per chunk.

    `run(columns)` takes one array per input of `fn`, each holding the chunk's batches on axis 0,
    and returns `fn`'s output: of the last step (`last_only`), else every step's stacked on axis 0.
    """

    def __init__(self, fn: Callable, params: Iterable, last_only: bool = True) -> None:
        self.fn = fn
        self.params = _unique(params)
        self.last_only = last_only
        self._jitted = None
        self._version = None
        self._out_def = None   # (treedef, which leaves are Tensors) of the output, from the latest trace
        self.compiles = True   # False once a trace needed Python values: not tried again

    def _step(self, vals: list, batch: list) -> tuple[list, list]:
        """One step, pure: (Parameter values, one batch) -> (the values after it, output arrays)."""
        with _state.bind({id(p): v for p, v in zip(self.params, vals, strict=True)}, strict=True) as frame:
            out = self.fn(*[wrap(b) for b in batch])
        if frame.free:
            raise _Unbound(dict(frame.free))
        leaves, treedef = jax.tree_util.tree_flatten(out, is_leaf=_is_tensor)
        self._out_def = (treedef, tuple(_is_tensor(t) for t in leaves))
        arrays = [t._arr if _is_tensor(t) else jax.numpy.asarray(t) for t in leaves]
        new = [jax.lax.convert_element_type(frame.values[id(p)], v.dtype) for p, v in zip(self.params, vals,
                                                                                          strict=True)]
        return new, arrays

    def _program(self, vals: list, columns: list) -> tuple[list, list]:
        cache.count_trace()
        vals = [jax.lax.convert_element_type(v, v.dtype) for v in vals]  # a carry without weak types
        final, outs = jax.lax.scan(lambda carry, batch: self._step(carry, batch), vals, columns)
        return final, [o[-1] for o in outs] if self.last_only else outs

    def run(self, columns: list):
        """Run one chunk; the Parameters get their values after its last step."""
        if not self.compiles or parallel.active():  # (data parallel: the engine's per-step programs shard)
            raise SinkUnavailable("the function needs Python values")
        version = _state.version()
        if self._jitted is None or self._version != version:
            self._jitted, self._version = jax.jit(lambda vals, columns: self._program(vals, columns)), version
        while True:
            try:
                final, outs = self._jitted([p._value for p in self.params], columns)
                break
            except _Unbound as e:
                self.params = _unique(self.params + list(e.params.values()))
            except _PYTHON_NEEDED as e:
                self.compiles = False
                raise SinkUnavailable(str(e)) from None
        for p, v in zip(self.params, final, strict=True):
            p._value = v
            p._owned = False
        treedef, is_tensor = self._out_def
        return treedef.unflatten([wrap(a) if t else a for a, t in zip(outs, is_tensor, strict=True)])


# NumPy arrays to device arrays through JAX's C++ dispatch, several times faster than `jax.device_put`'s Python
# path for one batch; a copy (on the CPU, `device_put` would share the NumPy array's memory with the caller).
to_device = jax.jit(lambda *arrays: arrays)


def stack_runs(rows: list) -> list[list]:
    """Consecutive rows (lists of NumPy arrays) of equal shapes and dtypes, each run stacked per column and put on
    the device. On the CPU the stacked NumPy arrays themselves: the compiled call takes them without a copy, and
    sooner than `jax.device_put`'s Python path would move them."""
    signatures = [tuple(map(_shape_dtype, row)) for row in rows] if all(
        type(a) is np.ndarray for row in rows for a in row) else [_signature(row) for row in rows]
    runs: list[list] = []
    start = 0
    for k in range(1, len(rows) + 1):
        if k == len(rows) or signatures[k] != signatures[start]:
            runs.append([np.stack([r[c] for r in rows[start:k]]) for c in range(len(rows[start]))])
            start = k
    return runs if jax.default_backend() == "cpu" else [jax.device_put(run) for run in runs]


_shape_dtype = operator.attrgetter("shape", "dtype")


def _signature(row: list) -> tuple:
    return tuple((np.shape(a), np.asarray(a).dtype) for a in row)


class Prefetcher:
    """The items of `source`, made `group` at a time by `make` (a list of items -> the list of made items: batches
    put on the device in one call) before they are needed: `ready()`, called once the work on the current item is
    dispatched (JAX runs it asynchronously), makes the next group meanwhile where none is left.

    On the calling thread: a background thread was measured slower, its items handed over under the GIL."""

    def __init__(self, source: Iterator, make: Callable, group: int = 1) -> None:
        self._source = iter(source)
        self._make = make
        self._group = group
        self._made: collections.deque = collections.deque()
        self._done = False

    def ready(self) -> None:
        if self._made or self._done:
            return
        items = list(itertools.islice(self._source, self._group))
        self._done = len(items) < self._group  # (the source ended: never asked again, an iterator of epochs
        if items:                               # would start the next)
            self._made.extend(self._make(items))

    def __iter__(self) -> Prefetcher:
        return self

    def __next__(self):
        self.ready()
        if not self._made:
            raise StopIteration
        return self._made.popleft()
