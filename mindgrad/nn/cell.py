"""`mindspore.nn.Cell`: the base class of networks, and a JAX pytree.

Mirrors MindSpore: `construct` is called by `__call__`; Parameters, Cells and
ParameterTuples assigned as attributes are registered; with `auto_prefix`
(the default) assigning a child Cell renames all its Parameters to
`attribute.path` (user names included), while a top-level Cell keeps the
names given; `training` starts False and `set_train` is recursive while
`set_grad` is not. As a pytree a Cell's leaves are its Parameters' values, so
`jax.tree_util`, `jax.jit` and `jax.grad` accept a Cell.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Iterator

import jax

from ..common.parameter import Parameter, ParameterTuple
from ..common.tensor import Tensor
from .._engine import binding, cache

_INTERNAL = ("_params", "_cells", "_param_tuples", "_auto_prefix", "training", "requires_grad",
             "_mindgrad_ready")


class Cell:
    """Base class for all networks (`mindspore.nn.Cell`)."""

    def __init__(self, auto_prefix: bool = True, flags: dict | None = None) -> None:
        d = self.__dict__
        d["_params"] = OrderedDict()
        d["_cells"] = OrderedDict()
        d["_param_tuples"] = OrderedDict()
        d["_auto_prefix"] = auto_prefix
        d["training"] = False
        d["requires_grad"] = False
        d["_mindgrad_ready"] = True
        if flags:
            self.add_flags(**flags)

    def _check_init(self) -> None:
        if "_mindgrad_ready" not in self.__dict__:
            raise RuntimeError(f"For '{type(self).__name__}', 'super().__init__()' must be called in "
                               f"'__init__' before assigning Parameters or Cells.")

    # ---- attribute registration ---------------------------------------------
    def __setattr__(self, name: str, value: Any) -> None:
        d = self.__dict__
        if isinstance(value, Parameter):
            self._check_init()
            if value._auto_named:
                value.name = name
            d["_params"][name] = value
            cache.bump()
            d["_cells"].pop(name, None)
            d["_param_tuples"].pop(name, None)
        elif isinstance(value, Cell):
            self._check_init()
            if d["_auto_prefix"]:
                value.update_parameters_name(name + ".")
            d["_cells"][name] = value
            cache.bump()
            d["_params"].pop(name, None)
            d["_param_tuples"].pop(name, None)
        elif isinstance(value, ParameterTuple):
            self._check_init()
            d["_param_tuples"][name] = value
            d["_params"].pop(name, None)
            d["_cells"].pop(name, None)
        else:
            if "_mindgrad_ready" in d:
                d["_params"].pop(name, None)
                d["_cells"].pop(name, None)
                d["_param_tuples"].pop(name, None)
                if not name.startswith("_mindgrad"):
                    binding.python_side_effect(f"setting attribute '{name}' of a Cell")
            cache.bump()
        d[name] = value

    def __delattr__(self, name: str) -> None:
        d = self.__dict__
        for reg in ("_params", "_cells", "_param_tuples"):
            if reg in d:
                d[reg].pop(name, None)
        cache.bump()
        del d[name]

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    # ---- calling ----------------------------------------------------------------
    def construct(self, *args, **kwargs):
        raise NotImplementedError(f"For '{type(self).__name__}', the method 'construct' is not defined.")

    def __call__(self, *args, **kwargs):
        return self.construct(*args, **kwargs)

    # ---- flags ------------------------------------------------------------------
    @property
    def cls_name(self) -> str:
        return type(self).__name__

    def set_train(self, mode: bool = True) -> Cell:
        """Set `training` on this Cell and every sub-Cell."""
        for _, cell in self.cells_and_names():
            cell.__dict__["training"] = mode
        cache.bump()
        return self

    def set_grad(self, requires_grad: bool = True) -> Cell:
        """Mark this Cell (not its children) as used for gradients; not needed to take one."""
        self.__dict__["requires_grad"] = requires_grad
        return self

    def add_flags(self, **flags) -> Cell:
        self.__dict__.setdefault("_flags", {}).update(flags)
        cache.bump()
        return self

    def add_flags_recursive(self, **flags) -> Cell:
        for _, cell in self.cells_and_names():
            cell.add_flags(**flags)
        return self

    def to_float(self, dst_type) -> Cell:
        """MindSpore casts a Cell's float inputs; mindgrad records the flag."""
        self.__dict__["_mindgrad_float"] = dst_type
        cache.bump()
        return self

    def recompute(self, **kwargs) -> Cell:
        return self

    def set_inputs(self, *inputs, **kwargs) -> None:
        return None

    # ---- parameters ---------------------------------------------------------------
    def parameters_and_names(self, name_prefix: str = "", expand: bool = True) -> Iterator[tuple[str, Parameter]]:
        """(attribute path, Parameter), own Parameters first, each Parameter once."""
        seen: set[int] = set()
        cells = self.cells_and_names(name_prefix) if expand else [(name_prefix, self)]
        for prefix, cell in cells:
            dot = prefix + "." if prefix else ""
            for key, p in cell._params.items():
                if id(p) not in seen:
                    seen.add(id(p))
                    yield dot + key, p
            for pt in cell._param_tuples.values():
                for p in pt:
                    if id(p) not in seen:
                        seen.add(id(p))
                        yield dot + p.name, p

    def get_parameters(self, expand: bool = True) -> Iterator[Parameter]:
        for _, p in self.parameters_and_names(expand=expand):
            yield p

    def trainable_params(self, recurse: bool = True) -> list[Parameter]:
        return [p for p in self.get_parameters(expand=recurse) if p.requires_grad]

    def untrainable_params(self, recurse: bool = True) -> list[Parameter]:
        return [p for p in self.get_parameters(expand=recurse) if not p.requires_grad]

    def parameters_dict(self, recurse: bool = True) -> OrderedDict:
        return OrderedDict((p.name, p) for p in self.get_parameters(expand=recurse))

    def insert_param_to_cell(self, param_name: str, param: Parameter, check_name_contain_dot: bool = True) -> None:
        if not isinstance(param_name, str) or not param_name:
            raise KeyError(f"For 'insert_param_to_cell', the 'param_name' should be a non-empty str, "
                           f"but got {param_name!r}.")
        if check_name_contain_dot and "." in param_name:
            raise KeyError(f"For 'insert_param_to_cell', the 'param_name' can not contain '.', "
                           f"but got {param_name!r}.")
        if not isinstance(param, Parameter) and param is not None:
            raise TypeError(f"For 'insert_param_to_cell', the 'param' should be a Parameter, "
                            f"but got {type(param).__name__}.")
        setattr(self, param_name, param)

    def insert_child_to_cell(self, child_name: str, child_cell: Cell) -> None:
        if not isinstance(child_cell, Cell) and child_cell is not None:
            raise TypeError(f"For 'insert_child_to_cell', the 'child_cell' should be a Cell, "
                            f"but got {type(child_cell).__name__}.")
        setattr(self, child_name, child_cell)

    def update_parameters_name(self, prefix: str = "", recurse: bool = True) -> None:
        """Rename every Parameter to `prefix + attribute path` (MindSpore overwrites given names)."""
        if not isinstance(prefix, str):
            raise TypeError(f"For 'update_parameters_name', the 'prefix' should be str, "
                            f"but got {type(prefix).__name__}.")
        for path, p in self.parameters_and_names(expand=recurse):
            p.name = prefix + path

    # ---- cells --------------------------------------------------------------------------
    def cells_and_names(self, cell_prefix: str = "") -> Iterator[tuple[str, Cell]]:
        """(path, Cell) for this Cell ('' for the root) and every sub-Cell, each once."""
        seen: set[int] = set()
        stack = [(cell_prefix, self)]
        order = []
        while stack:
            prefix, cell = stack.pop(0)
            if id(cell) in seen:
                continue
            seen.add(id(cell))
            order.append((prefix, cell))
            children = [((prefix + "." if prefix else "") + k, c) for k, c in cell._cells.items()]
            stack = children + stack
        return iter(order)

    def cells(self) -> Iterator[Cell]:
        return iter(self._cells.values())

    def name_cells(self) -> OrderedDict:
        return OrderedDict(self._cells)

    # ---- printing -----------------------------------------------------------------------
    def extend_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        extra = self.extend_repr()
        if not self._cells:
            return f"{type(self).__name__}({extra})"
        lines = [f"{type(self).__name__}("] + ([f"  {extra}"] if extra else [])
        for key, child in self._cells.items():
            child_repr = repr(child).replace("\n", "\n  ")
            lines.append(f"  ({key}): {child_repr}")
        return "\n".join(lines) + "\n)"

    # ---- pytree ----------------------------------------------------------------------------
    def tree_flatten(self):
        params = tuple(self._params.values())
        cells = tuple(self._cells.values())
        return params + cells, _CellDef(self)

    @classmethod
    def tree_unflatten(cls, aux: _CellDef, children):
        template = aux.cell
        new = object.__new__(type(template))
        d = dict(template.__dict__)
        n = len(template._params)
        d["_params"] = OrderedDict(zip(template._params.keys(), children[:n]))
        d["_cells"] = OrderedDict(zip(template._cells.keys(), children[n:]))
        d.update(d["_params"])
        d.update(d["_cells"])
        new.__dict__.update(d)
        return new


class _CellDef:
    """Static part of a Cell's pytree: the Cell it was flattened from (compared by identity)."""

    __slots__ = ("cell",)

    def __init__(self, cell: Cell) -> None:
        self.cell = cell

    def __eq__(self, other) -> bool:
        return isinstance(other, _CellDef) and other.cell is self.cell

    def __hash__(self) -> int:
        return id(self.cell)


def _register(cls) -> None:
    jax.tree_util.register_pytree_node(cls, cls.tree_flatten, cls.tree_unflatten)


Cell.__init_subclass__ = classmethod(lambda cls, **kwargs: _register(cls))  # type: ignore[assignment]
_register(Cell)
