"""The way out to pure JAX: a Cell as `(params, apply)`, and the trained arrays back into the Cell.

    params, apply = mindgrad.to_jax(net)          # {parameter name: jax.Array}, a pytree
    logits = apply(params, x)                     # pure: usable under jax.jit, jax.grad, jax.vmap
    grads = jax.grad(lambda p: loss(apply(p, x), y))(params)
    mindgrad.from_jax(net, params)                # write trained arrays back into the Cell

`apply(params, *inputs)` runs the Cell's `construct` with each Parameter reading its array from
`params` (names missing from `params` read the Parameter's current value); inputs may be JAX or
NumPy arrays, and Tensors in the result come back as JAX arrays. It never changes the Cell:
Parameter writes made inside `construct` (BatchNorm's moving statistics in training mode, a
Dropout layer's random state) are dropped, so a random layer repeats its draw; call
`set_train(False)` on the Cell first for inference.

`mindgrad.export(net, *inputs, file_name=..., file_format=...)` (MindSpore's `ms.export`) writes what JAX can
write: `file_format="JAX"` a serialized `jax.export` artifact (`<file_name>.jax`, StableHLO with the weights inside,
loadable by `mindgrad.load` or `jax.export.deserialize`) and `"STABLEHLO"` the StableHLO module as MLIR text
(`<file_name>.mlir`). MindSpore's own formats (`"MINDIR"`, `"AIR"`, `"ONNX"`) raise NotImplementedError.
"""

from __future__ import annotations

from typing import Any, Callable

import jax
import jax.numpy as jnp
import numpy as np

from . import _state as binding
from .common.parameter import Parameter
from .common.tensor import Tensor, wrap
from .nn.cell import Cell

__all__ = ["to_jax", "from_jax", "export", "load"]


def _named_params(cell: Cell) -> dict[str, Parameter]:
    out: dict[str, Parameter] = {}
    for _, param in cell.parameters_and_names():
        if param.name in out:
            raise ValueError(f"Two Parameters of the Cell are named '{param.name}': give them unique names before "
                             f"mindgrad.to_jax / from_jax.")
        out[param.name] = param
    return out


def _to_tensor(x):
    if isinstance(x, Tensor):
        return x
    if isinstance(x, (jax.Array, np.ndarray, np.generic, jax.core.Tracer)):
        return wrap(jnp.asarray(x))
    return x


def _from_tensor(x):
    return x._arr if isinstance(x, Tensor) else x


def to_jax(cell: Cell, trainable_only: bool = False) -> tuple[dict[str, jax.Array], Callable[..., Any]]:
    """`(params, apply)`: the Cell's Parameter arrays by name and a pure function `apply(params, *inputs)`.

    With `trainable_only`, `params` holds only Parameters with `requires_grad` (the others keep
    their current values inside `apply`).
    """
    if not isinstance(cell, Cell):
        raise TypeError(f"mindgrad.to_jax expects a Cell, but got {type(cell).__name__}.")
    named = _named_params(cell)
    params = {name: p._arr for name, p in named.items() if p.requires_grad or not trainable_only}

    def apply(params: dict[str, Any], *inputs, **kwargs):
        unknown = [k for k in params if k not in named]
        if unknown:
            raise KeyError(f"apply: the Cell has no Parameters named {unknown}.")
        bound = {id(named[k]): jnp.asarray(v) for k, v in params.items()}
        args = jax.tree_util.tree_map(_to_tensor, inputs, is_leaf=lambda x: isinstance(x, Tensor))
        kwargs = jax.tree_util.tree_map(_to_tensor, kwargs, is_leaf=lambda x: isinstance(x, Tensor))
        with binding.bind(bound):
            out = cell(*args, **kwargs)
        return jax.tree_util.tree_map(_from_tensor, out, is_leaf=lambda x: isinstance(x, Tensor))

    return params, apply


def from_jax(cell: Cell, params: dict[str, Any]) -> Cell:
    """Write `{parameter name: array}` into the Cell's Parameters (each keeps its dtype); returns the Cell.

    Every name and shape is checked before any Parameter changes.
    """
    named = _named_params(cell)
    unknown = [k for k in params if k not in named]
    if unknown:
        raise KeyError(f"mindgrad.from_jax: the Cell has no Parameters named {unknown}.")
    updates = []
    for name, value in params.items():
        param = named[name]
        arr = jnp.asarray(value)
        if tuple(arr.shape) != tuple(param.shape):
            raise ValueError(f"mindgrad.from_jax: Parameter '{name}' has shape {tuple(param.shape)}, but the array "
                             f"given for it has shape {tuple(arr.shape)}. The Cell was not changed.")
        updates.append((param, arr.astype(param._arr.dtype)))
    for param, arr in updates:
        param.assign_value(wrap(arr))
    return cell


EXPORT_FORMATS = {"JAX": ".jax", "STABLEHLO": ".mlir"}


def _exported(net: Callable, inputs: tuple):
    """`jax.export.Exported` of `net(*inputs)` with the Cell's Parameters as constants."""
    if isinstance(net, Cell):
        params, apply = to_jax(net)

        def fn(*xs):
            return apply(params, *xs)
    else:
        def fn(*xs):
            out = net(*(wrap(x) for x in xs))
            return jax.tree_util.tree_map(_from_tensor, out, is_leaf=lambda x: isinstance(x, Tensor))
    specs = tuple(jax.ShapeDtypeStruct(tuple(x.shape), np.dtype(_from_tensor(x).dtype)) for x in inputs)
    return jax.export.export(jax.jit(fn))(*specs)


def export(net: Callable, *inputs, file_name: str, file_format: str, **kwargs) -> None:
    """Write `net` traced at `inputs` to `file_name` plus the format's suffix ("JAX": `.jax`, "STABLEHLO":
    `.mlir`); MindSpore's MINDIR, AIR and ONNX formats raise NotImplementedError."""
    if not isinstance(file_name, str):
        raise TypeError(f"For 'export', the 'file_name' should be str, but got {type(file_name).__name__}.")
    if file_format not in EXPORT_FORMATS:
        supported = ", ".join(repr(f) for f in EXPORT_FORMATS)
        if file_format in ("MINDIR", "AIR", "ONNX"):
            raise NotImplementedError(f"mindgrad cannot write MindSpore's {file_format} format; it exports what JAX "
                                      f"can write: file_format {supported}.")
        raise ValueError(f"For 'export', the 'file_format' should be one of {supported}, 'MINDIR', 'AIR' or 'ONNX', "
                         f"but got {file_format!r}.")
    if not inputs:
        raise ValueError("For 'export', give the network's inputs (Tensors of the shapes and dtypes to export).")
    exp = _exported(net, inputs)
    suffix = EXPORT_FORMATS[file_format]
    path = file_name if file_name.endswith(suffix) else file_name + suffix
    if file_format == "JAX":
        with open(path, "wb") as f:
            f.write(exp.serialize())
    else:
        with open(path, "w") as f:
            f.write(exp.mlir_module())


class LoadedGraph:
    """What `mindgrad.load` returns for a `.jax` file: callable on Tensors (or arrays), returning Tensors."""

    def __init__(self, exported) -> None:
        self.exported = exported

    def __call__(self, *inputs):
        out = self.exported.call(*(_from_tensor(x) for x in inputs))
        return jax.tree_util.tree_map(lambda a: wrap(jnp.asarray(a)), out)


def load(file_name: str, **kwargs) -> LoadedGraph:
    """Read a file written by `export(..., file_format="JAX")`; a MindIR file raises NotImplementedError."""
    if not isinstance(file_name, str):
        raise ValueError(f"For 'load', the argument 'file_name' must be string, but got {type(file_name).__name__}.")
    if file_name.endswith(".mindir"):
        raise NotImplementedError("mindgrad cannot read MindSpore's MINDIR format; it loads what mindgrad.export "
                                  "writes with file_format='JAX' (a .jax file).")
    try:
        with open(file_name, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise ValueError(f"For 'load', the argument 'file_name'({file_name}) does not exist, please check whether "
                         f"the 'file_name' is correct.") from None
    return LoadedGraph(jax.export.deserialize(bytearray(data)))
