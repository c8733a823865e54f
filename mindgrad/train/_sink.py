"""`mindspore.data_sink` (also `mindspore.train.data_sink`)."""

from __future__ import annotations

import functools
from typing import Callable

import jax

from .._engine.sink import Prefetcher, SinkProgram, SinkUnavailable
from ..common.tensor import Tensor, wrap
from .dataset_helper import as_tensors, chunks, device_chunks, endless_rows

__all__ = ["data_sink"]


def data_sink(fn: Callable, dataset, sink_size: int = 1, jit_config=None, input_signature=None) -> Callable:
    """A function that calls `fn` on each of the next `sink_size` items of `dataset` (read without end, across its
    epochs) and returns the last result, as MindSpore's data sinking does; its arguments are ignored.

    The `sink_size` steps run as one compiled program (a scan whose carry is the Parameters `fn` reads and writes),
    the next items read and put on the device meanwhile; step by step where `fn` needs Python values. MindSpore
    compiles only with a `jit_config` and sinks on Ascend/GPU only; mindgrad sinks on every device.
    """
    if not isinstance(sink_size, int) or isinstance(sink_size, bool):
        raise TypeError(f"For 'Data sink', the type of 'sink_size' should be 'int', but got type "
                        f"'{type(sink_size).__name__}'.")
    if sink_size <= 0:
        raise ValueError(f"The 'sink_size' must be positive, but got sink_size {sink_size}.")
    dataset.get_dataset_size()  # a dataset (AttributeError otherwise, as MindSpore)
    program = SinkProgram(fn, (), last_only=True)
    feed: list = []

    @functools.wraps(fn)
    def sink_process(*args, **kwargs):
        if not feed:
            feed.append(Prefetcher(chunks(endless_rows(dataset), sink_size), device_chunks))
        rows, runs = next(feed[0])
        out = run_chunk(program, rows, runs, True)
        feed[0].ready()  # the next chunk, made while this one runs
        return out

    return sink_process


def run_chunk(program: SinkProgram, rows: list, runs: list, last_only: bool):
    """The outputs of `program.fn` over a chunk's `rows` (`runs`: the same on the device, stacked per run of equal
    shapes): of its last step, or a list of every step's. One compiled program per run; step by step from the
    first run whose function needs Python values."""
    outs: list = []
    done = 0
    for columns in runs:
        try:
            out = program.run(columns)
        except SinkUnavailable:
            break
        n = len(columns[0])
        outs += [out] if last_only else [step_of(out, k) for k in range(n)]
        done += n
    for row in rows[done:]:
        outs.append(program.fn(*as_tensors([row])[0]))
    return outs[-1] if last_only else outs


def step_of(outputs, k: int):
    """Step `k`'s outputs out of outputs stacked per step."""
    return jax.tree_util.tree_map(lambda t: wrap(t._arr[k]) if isinstance(t, Tensor) else t, outputs,
                                  is_leaf=lambda t: isinstance(t, Tensor))
