"""`mindspore.nn.GraphCell`: a Cell running a graph loaded by `load`.

MindSpore wraps a MindIR graph; mindgrad wraps what `mindgrad.load` returns for a file that
`mindgrad.export(..., file_format="JAX")` wrote (a serialized `jax.export` artifact, weights inside).
"""

from __future__ import annotations

from .._jax_export import LoadedGraph
from .cell import Cell


class GraphCell(Cell):
    """`GraphCell(graph)(*inputs)`: run `graph` (from `mindgrad.load`) as a Cell; its weights are constants of
    the graph, so `params_init` may only be empty."""

    def __init__(self, graph: LoadedGraph, params_init: dict | None = None, obf_random_seed=None):
        super().__init__()
        if obf_random_seed is not None:
            raise NotImplementedError("Dynamic structure obfuscation is not supported now.")
        if not isinstance(graph, LoadedGraph):
            raise TypeError("For 'GraphCell', the argument 'graph' must be a graph loaded by mindgrad.load from a "
                            f"file that mindgrad.export wrote with file_format='JAX', but got type {type(graph)}.")
        params_init = {} if params_init is None else params_init
        if not isinstance(params_init, dict):
            raise TypeError(f"For 'GraphCell', the argument 'params_init' must be a dict, but got {type(params_init)}.")
        for name in params_init:
            if not isinstance(name, str):
                raise TypeError("For 'GraphCell', the key of the 'params_init' must be str, "
                                f"but got {type(name)}.")
        if params_init:
            raise NotImplementedError("For 'GraphCell', mindgrad's exported graphs hold their weights as constants: "
                                      "'params_init' cannot update them (export the network again instead).")
        self.graph = graph

    def construct(self, *inputs):
        return self.graph(*inputs)
