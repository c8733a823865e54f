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

import itertools
import weakref
from collections import OrderedDict
from typing import Any, Iterator

import jax
import numpy as np

from ..common.parameter import Parameter, ParameterTuple
from ..common.tensor import Tensor
from .. import _state
from .._engine import custom_bprop
from .._engine.runner import CallRunner
from .._engine.steady import MISS
from .._engine.tracebacks import api_boundary, leaving
from ..context import compiling_allowed, is_graph_mode
from . import _hooks, _state_dict

_REGISTRIES = ("_params", "_cells", "_param_tuples")


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
        d["_id"] = 1
        d["_mindgrad_ready"] = True
        if flags:
            self.add_flags(**flags)

    # ---- attribute registration ---------------------------------------------
    def __setattr__(self, name: str, value: Any) -> None:
        """Register Parameters, ParameterTuples and Cells as MindSpore does.

        A Tensor assigned to a registered Parameter's name goes through `set_data`;
        anything else but None assigned to a registered Parameter or Cell is a TypeError.
        """
        d = self.__dict__
        if isinstance(value, Parameter):
            self.insert_param_to_cell(name, value)
            return
        if name == "phase":
            _hooks.set_phase(self, value)
            return
        if isinstance(value, ParameterTuple):
            self._set_param_tuple(name, value)
        elif isinstance(value, Cell):
            if "_mindgrad_ready" not in d:
                raise AttributeError(f"The '{type(self).__name__}' object has no attribute '_auto_prefix'.")
            if d["_auto_prefix"]:
                value.update_parameters_name(name + ".")
            self.insert_child_to_cell(name, value)
            return
        elif "_mindgrad_ready" in d and name in d["_params"]:
            if isinstance(value, Tensor) and d["_params"][name] is not None:
                d["_params"][name].set_data(value)
                return
            if value is not None:
                raise TypeError(f"Parameter '{name}' already exists in network, "
                                f"can not assign this type: '{type(value)}' as a parameter.")
            d["_params"][name] = None
        elif "_mindgrad_ready" in d and name in d["_cells"]:
            if value is not None:
                raise TypeError(f"Sub cell '{name}' already exists in network, "
                                f"can not assign this type: '{type(value)}' as a cell.")
            d["_cells"][name] = None
        elif "_mindgrad_ready" in d and not name.startswith("_mindgrad"):
            _state.needs_python(f"setting attribute '{name}' of a Cell")
        _state.bump()
        d[name] = value

    def _set_param_tuple(self, name: str, value: ParameterTuple) -> None:
        """Each Parameter registers under its own name (unnamed ones become `Parameter$N`); names must differ."""
        d = self.__dict__
        if "_mindgrad_ready" not in d:
            raise AttributeError("For 'insert_param_to_cell', please call Cell.__init__() firstly.")
        names: set[str] = set()
        keys = []
        for p in dict.fromkeys(value):
            if p._auto_named:
                p.name = f"Parameter${d['_id']}"
                d["_id"] += 1
            if p.name in names:
                raise ValueError(f"The value {value} , its name '{p.name}' already exists. "
                                 f"Please set a unique name for the parameter.")
            names.add(p.name)
            d["_params"][p.name] = p
            keys.append(p.name)
        d["_param_tuples"][name] = tuple(keys)

    def __delattr__(self, name: str) -> None:
        d = self.__dict__
        registered = [d[reg].pop(name) for reg in _REGISTRIES if reg in d and name in d[reg]]
        _state.bump()
        if name in d:
            del d[name]
        elif not registered:
            raise AttributeError(f"The '{type(self).__name__}' object has no attribute '{name}'.")

    def __getattr__(self, name: str) -> Any:
        """Registered Parameters (ParameterTuple members too) and Cells that are not plain attributes."""
        d = self.__dict__
        for reg in ("_params", "_cells"):
            if reg in d and name in d[reg]:
                return d[reg][name]
        raise AttributeError(f"The '{type(self).__name__}' object has no attribute '{name}'.")

    # ---- calling ----------------------------------------------------------------
    def construct(self, *args, **kwargs):
        raise AttributeError(f"For '{type(self).__name__}', the method 'construct' is not defined.")

    def __call__(self, *args, **kwargs):
        hit = _runners.get(id(self))
        if hit is not None and not kwargs and not _hooks.registered:  # the steady shortcut, past the boundary
            runner = hit[1].get(is_graph_mode())
            if runner is not None and hit[0]() is self:
                try:
                    result = runner.steady_call(args)
                except Exception as e:
                    leaving(e)
                    raise
                if result is not MISS:
                    return result
        return self._general_call(args, kwargs)

    @api_boundary
    def _general_call(self, args: tuple, kwargs: dict):
        if _has_bprop(type(self)):
            return custom_bprop.call_with_bprop(self, args, kwargs)
        if _hooks.registered:
            return _hooks.call_with_hooks(self, args, kwargs)
        frame = _state.current()
        if frame is None and compiling_allowed() and not _any_traced(args, kwargs):
            return _runner(self).call(args, kwargs)
        if frame is not None:  # (a gradient of this Cell on these arguments reuses this forward pass: `kinds`)
            frame.calls.add((id(self), tuple(map(id, args))))
        return self.construct(*args, **kwargs)

    # ---- hooks (nn/_hooks.py; while any Cell has one, Cell calls run eagerly) ----------------------
    register_forward_pre_hook = _hooks.register_forward_pre_hook
    register_forward_hook = _hooks.register_forward_hook
    register_backward_pre_hook = _hooks.register_backward_pre_hook
    register_backward_hook = _hooks.register_backward_hook
    phase = _hooks.phase

    # ---- flags ------------------------------------------------------------------
    @property
    def cls_name(self) -> str:
        return type(self).__name__

    def set_train(self, mode: bool = True) -> Cell:
        """Set `training` on this Cell and every sub-Cell."""
        for _, cell in self.cells_and_names():
            cell.__dict__["training"] = mode
            _hooks.set_train_phase(cell, mode)
        _state.bump()
        return self

    def set_grad(self, requires_grad: bool = True) -> Cell:
        """Mark this Cell (not its children) as used for gradients; not needed to take one."""
        self.__dict__["requires_grad"] = requires_grad
        return self

    def add_flags(self, **flags) -> Cell:
        self.__dict__.setdefault("_flags", {}).update(flags)
        _state.bump()
        return self

    def add_flags_recursive(self, **flags) -> Cell:
        for _, cell in self.cells_and_names():
            cell.add_flags(**flags)
        return self

    def to_float(self, dst_type) -> Cell:
        """Run this Cell and every sub-Cell in `dst_type` (Float16, Float32 or BFloat16): float inputs and
        Parameters are cast to it (`mindgrad.amp._cast`)."""
        from ..amp._cast import to_float
        return to_float(self, dst_type)

    def recompute(self, **kwargs) -> Cell:
        return self

    def set_inputs(self, *inputs, **kwargs) -> None:
        return None

    # ---- parameters ---------------------------------------------------------------
    def parameters_and_names(self, name_prefix: str = "", expand: bool = True) -> Iterator[tuple[str, Parameter]]:
        """(attribute path, Parameter), own Parameters first, each Parameter once."""
        seen: set[int] = set()
        cells = self.cells_and_names(name_prefix=name_prefix) if expand else [(name_prefix, self)]
        for prefix, cell in cells:
            dot = prefix + "." if prefix else ""
            for key, p in cell._params.items():
                if p is not None and id(p) not in seen:
                    seen.add(id(p))
                    yield dot + key, p

    load_state_dict = _state_dict.load_state_dict
    check_names = _state_dict.check_names

    def get_parameters(self, expand: bool = True) -> Iterator[Parameter]:
        for _, p in self.parameters_and_names(expand=expand):
            yield p

    def trainable_params(self, recurse: bool = True) -> list[Parameter]:
        return [p for p in self.get_parameters(expand=recurse) if p.requires_grad]

    def untrainable_params(self, recurse: bool = True) -> list[Parameter]:
        return [p for p in self.get_parameters(expand=recurse) if not p.requires_grad]

    def parameters_dict(self, recurse: bool = True) -> OrderedDict:
        return OrderedDict((p.name, p) for p in self.get_parameters(expand=recurse))

    def init_parameters_data(self, auto_parallel_mode: bool = False) -> dict:
        """MindSpore's: initialize every Parameter's data (mindgrad's hold data from creation) and
        return them as a dict mapping each Parameter to itself."""
        return {p: p for p in self.get_parameters()}

    def insert_param_to_cell(self, param_name: str, param: Parameter | None,
                             check_name_contain_dot: bool = True) -> None:
        """Register `param` (or None) as `param_name`; only an auto-generated name is replaced by it."""
        if not param_name:
            raise KeyError("For 'insert_param_to_cell', the argument 'param_name' should not be None.")
        if check_name_contain_dot and "." in param_name:
            raise KeyError("For 'insert_param_to_cell', the argument 'param_name' should not contain'.' ")
        d = self.__dict__
        if "_mindgrad_ready" not in d:
            raise AttributeError("For 'insert_param_to_cell', please call Cell.__init__() firstly.")
        if not isinstance(param, Parameter) and param is not None:
            raise TypeError(f"For 'insert_param_to_cell', the argument 'param' must be 'Parameter' if not None, "
                            f"but got {type(param)}.")
        if param is not None and param._auto_named:
            param.name = param_name
        d["_params"][param_name] = param
        d["_cells"].pop(param_name, None)
        d["_param_tuples"].pop(param_name, None)
        d[param_name] = param
        _state.bump()

    def insert_child_to_cell(self, child_name: str, child_cell: Cell | None) -> None:
        """Register `child_cell` (or None) as `child_name` (no renaming of its Parameters)."""
        if not isinstance(child_name, str):
            raise TypeError(f"For 'insert_child_to_cell', the type of parameter 'child_name' must be str, "
                            f"but got {type(child_name)}.")
        if not child_name or "." in child_name:
            raise KeyError("For 'insert_child_to_cell', the parameter 'child_name' can not be None and "
                           "can not contain '.' ")
        if not isinstance(child_cell, Cell) and child_cell is not None:
            raise TypeError(f"For 'insert_child_to_cell', the argument 'child_cell' must be 'Cell' if not None, "
                            f"but got type {type(child_cell)}.")
        d = self.__dict__
        d["_cells"][child_name] = child_cell
        d["_params"].pop(child_name, None)
        d["_param_tuples"].pop(child_name, None)
        d[child_name] = child_cell
        _state.bump()

    def update_parameters_name(self, prefix: str = "", recurse: bool = True) -> None:
        """Rename every Parameter to `prefix + attribute path` (MindSpore overwrites given names)."""
        if not isinstance(prefix, str):
            raise TypeError(f"For 'update_parameters_name', the 'prefix' should be str, "
                            f"but got {type(prefix).__name__}.")
        for path, p in self.parameters_and_names(expand=recurse):
            p.name = prefix + path

    # ---- cells --------------------------------------------------------------------------
    def cells_and_names(self, cells: set | None = None, name_prefix: str = "") -> Iterator[tuple[str, Cell]]:
        """(path, Cell) for this Cell (`name_prefix`, '' for the root) and every sub-Cell, depth first, each once."""
        seen = cells if cells is not None else set()
        if self in seen:
            return
        seen.add(self)
        yield name_prefix, self
        for key, cell in self._cells.items():
            if cell is not None:
                yield from cell.cells_and_names(seen, f"{name_prefix}.{key}" if name_prefix else key)

    def cells(self) -> Iterator[Cell]:
        return iter(self.name_cells().values())

    def name_cells(self) -> OrderedDict:
        """The direct sub-Cells by attribute name (None entries and repeats left out)."""
        out: OrderedDict = OrderedDict()
        for key, cell in self._cells.items():
            if cell is not None and all(cell is not c for c in out.values()):
                out[key] = cell
        return out

    # ---- printing -----------------------------------------------------------------------
    def extend_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        """`Name(extra)` on one line, else the extra lines and `(child): repr` lines indented by two."""
        extra = self.extend_repr()
        extra_lines = extra.split("\n") if extra else []
        child_lines = [f"({key}): " + repr(child).replace("\n", "\n  ") for key, child in self._cells.items()]
        lines = extra_lines + child_lines
        if not lines:
            return f"{type(self).__name__}()"
        if len(extra_lines) == 1 and not child_lines:
            return f"{type(self).__name__}({extra_lines[0]})"
        return f"{type(self).__name__}(\n  " + "\n  ".join(lines) + "\n)"

    # ---- pytree ----------------------------------------------------------------------------
    def tree_flatten(self):
        params = tuple(self._params.values())
        cells = tuple(self._cells.values())
        return params + cells, _CellDef(self)

    @classmethod
    def tree_unflatten(cls, aux: _CellDef, children):
        new = object.__new__(aux.cls)
        d = dict(aux.static)
        n = len(aux.param_keys)
        d["_params"] = OrderedDict(zip(aux.param_keys, children[:n], strict=True))
        d["_cells"] = OrderedDict(zip(aux.cell_keys, children[n:], strict=True))
        d["_param_tuples"] = OrderedDict(aux.tuples)
        d.update((k, d["_params"][k]) for k in aux.param_attrs)
        d.update(d["_cells"])
        for name, keys in aux.tuples:
            d[name] = ParameterTuple(d["_params"][k] for k in keys)
        new.__dict__.update(d)
        return new


_runners: dict[int, tuple[weakref.ref, dict]] = {}   # by id: a WeakKeyDictionary lookup costs a weakref


def _runner(cell: Cell) -> CallRunner:
    """The runner of a top-level Cell's compiled calls, one per mode. Both compile a call signature's
    first call; in PyNative a first trace that needs Python values gets a second chance (`CallRunner`)."""
    graph = is_graph_mode()
    hit = _runners.get(id(cell))
    if hit is None or hit[0]() is not cell:
        key = id(cell)
        hit = _runners[key] = (weakref.ref(cell, lambda _: _runners.pop(key, None)), {})
    runners = hit[1]
    runner = runners.get(graph)
    if runner is None:
        def construct(*args, **kwargs):
            return cell.construct(*args, **kwargs)

        runner = runners[graph] = CallRunner(cell, op_name=type(cell).__name__, plain=construct,
                                             second_chance=not graph)
    return runner


def _any_traced(args: tuple, kwargs: dict) -> bool:
    """Called from inside the user's own JAX transform: let that transform see the ops."""
    for a in itertools.chain(args, kwargs.values()):
        if isinstance(a, Tensor) and isinstance(a._arr, jax.core.Tracer):
            return True
    return False


def _has_bprop(cls) -> bool:
    """Whether a Cell class defines MindSpore's custom backward `bprop`."""
    return getattr(cls, "bprop", None) is not None


class _CellDef:
    """Static part of a Cell's pytree, taken when it is flattened: class, registered names, other attributes.

    Two are equal when the classes and names are and every other attribute is the
    same object or an equal plain value, so that a Cell and its gradient tree share
    one structure (`jax.tree_util.tree_map(f, net, grads)`), while a Cell whose
    Python state has changed since (`set_train()`) never reuses an old jit trace.
    """

    __slots__ = ("cls", "param_keys", "cell_keys", "param_attrs", "tuples", "static", "_key")

    def __init__(self, cell: Cell) -> None:
        d = cell.__dict__
        self.cls = type(cell)
        self.param_keys = tuple(cell._params)
        self.cell_keys = tuple(cell._cells)
        self.param_attrs = tuple(k for k in self.param_keys if k in d)
        self.tuples = tuple(cell._param_tuples.items())
        derived = set(self.param_keys) | set(self.cell_keys) | set(cell._param_tuples) | set(_REGISTRIES)
        self.static = {k: v for k, v in d.items() if k not in derived}
        self._key = (self.cls, self.param_keys, self.cell_keys, self.tuples, tuple(self.static))

    def __eq__(self, other) -> bool:
        if not isinstance(other, _CellDef) or other._key != self._key:
            return False
        return all(_same_static(v, other.static[k]) for k, v in self.static.items())

    def __hash__(self) -> int:
        return hash(self._key)


def _same_static(a, b) -> bool:
    """Whether two non-leaf attribute values are interchangeable in a trace."""
    if a is b:
        return True
    if type(a) is not type(b) or isinstance(a, (Tensor, Cell, ParameterTuple, jax.Array, np.ndarray)):
        return False
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - values without a plain equality are not interchangeable
        return False


def _register(cls) -> None:
    jax.tree_util.register_pytree_node(cls, cls.tree_flatten, cls.tree_unflatten)


Cell.__init_subclass__ = classmethod(lambda cls, **kwargs: _register(cls))  # type: ignore[assignment]
_register(Cell)
