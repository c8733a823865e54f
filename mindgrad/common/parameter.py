"""`mindspore.Parameter` and `mindspore.ParameterTuple`.

A Parameter is a Tensor (`isinstance(p, Tensor)`) with a name and a
`requires_grad` flag whose value can change. Its value is read through the
binding (`mindgrad._state`), so that while a gradient is
taken the Parameter stands for the traced value of this thread's transform,
and is never left holding it afterwards.
"""

from __future__ import annotations

import itertools
from typing import Iterable

import jax
import jax.numpy as jnp
import numpy as np

from ._tensor_format import parameter_repr
from .. import _state
from .tensor import Tensor, initialized, to_array, unwrap, wrap

PARAMETER_NAME_DEFAULT = "Parameter"  # the stem of an unnamed Parameter's name, as MindSpore's
_unnamed = itertools.count(1)


def _initial_array(default_input):
    """MindSpore's accepted `default_input`: int -> Int32, float -> Float32, a list as `Tensor(list)`, no bool."""
    if isinstance(default_input, Tensor):
        return default_input._arr
    if isinstance(default_input, bool):
        raise ValueError("Parameter data can not be `bool`")
    if isinstance(default_input, int):
        return jnp.asarray(default_input, dtype=jnp.int32)
    if isinstance(default_input, float):
        return jnp.asarray(default_input, dtype=jnp.float32)
    if isinstance(default_input, (np.ndarray, jax.Array)):
        return jnp.asarray(default_input)
    if isinstance(default_input, list):
        return to_array(default_input)
    raise TypeError("The type of the argument 'default_input' must be in ['Tensor', 'int', 'float', "
                    f"'numpy.ndarray', 'list']. But got type {type(default_input)}.")


class Parameter(Tensor):
    """MindSpore's Parameter: a named, trainable Tensor held by a Cell."""

    __slots__ = ("_value", "_owned", "_name", "_requires_grad", "_auto_named", "layerwise_parallel",
                 "parallel_optimizer", "init_mode", "is_init")

    def __init__(self, default_input, name: str | None = None, requires_grad: bool = True,
                 layerwise_parallel: bool = False, parallel_optimizer: bool = True,
                 storage_format: str = "", device=None) -> None:
        self._value = _initial_array(default_input)
        self._owned = False  # True while `_value` is a buffer only mindgrad holds (it may donate it)
        self.name = name
        self.requires_grad = requires_grad
        self.layerwise_parallel = layerwise_parallel
        self.parallel_optimizer = parallel_optimizer
        self.init_mode = None
        self.is_init = False

    # The value, through the binding of the current transform (if any).
    @property
    def _arr(self):
        return _state.read(self)

    def _set_array(self, arr) -> None:
        _state.write(self, arr)

    # ---- pytree: one leaf, the value; name and flag are static -------------
    def tree_flatten(self):
        return (self._arr,), (self._name, self._requires_grad)

    @classmethod
    def tree_unflatten(cls, aux, children):
        p = object.__new__(cls)
        p._value = children[0]
        p._owned = False
        p._name, p._requires_grad = aux
        p._auto_named = False
        p.layerwise_parallel, p.parallel_optimizer = False, True
        p.init_mode, p.is_init = None, False
        return p

    # ---- attributes -------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, value: str | None) -> None:
        """Set the name; None or a blank string gives a new `Parameter#N`, other non-str a ValueError."""
        if value is not None and not isinstance(value, str):
            raise ValueError(f"The type of the Parameter's name should be 'string' or 'None', but got {type(value)}.")
        value = None if value is None else value.strip()
        self._auto_named = not value
        self._name = value if value else f"{PARAMETER_NAME_DEFAULT}#{next(_unnamed)}"

    @property
    def requires_grad(self) -> bool:
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise TypeError("The argument `requires_grad` must be bool type")
        if getattr(self, "_requires_grad", value) != value:
            _state.bump()
        self._requires_grad = value

    @property
    def data(self) -> Parameter:
        return self

    def value(self) -> Tensor:
        return wrap(self._arr)

    # ---- updates ----------------------------------------------------------
    def set_data(self, data, slice_shape: bool = False) -> Parameter:
        """Replace the value (any shape), cast to the Parameter's own dtype; a float into an int one is refused."""
        own = self._arr.dtype
        if isinstance(data, Tensor):
            arr = data._arr
        elif isinstance(data, (int, float)):
            if isinstance(data, float) and jnp.issubdtype(own, jnp.integer):
                raise TypeError(f"Incoming Parameter dtype can not be converted to current dtype implicitly. "
                                f"Current dtype is {self.dtype}, and incoming is Float. "
                                f"Use .set_dtype(xxx) to change the dtype.")
            arr = jnp.asarray(data, dtype=own)
        else:
            raise TypeError(f"Parameter data must be [`Tensor`, `int`, `float`] or a kind of `Tensor` "
                            f"(like `Tensor`). But with type {type(data)}.")
        self._set_array(arr.astype(own) if arr.dtype != own else arr)
        return self

    def assign_value(self, value) -> Parameter:
        """Replace the value as it is: MindSpore takes the new shape and dtype too (unlike `set_data`)."""
        self._set_array(unwrap(value) if isinstance(value, Tensor) else to_array(value))
        return self

    def copy(self) -> Parameter:
        """`clone(init='same')`, as MindSpore's `Parameter.copy`."""
        return self.clone()

    def clone(self, init: str = "same") -> Parameter:
        """A new Parameter with the same name and flags; `init` 'same' copies the value."""
        if init == "same":
            value = wrap(jnp.array(self._arr, copy=True))
        else:
            value = initialized(init, self.shape, self.dtype)
        p = Parameter(value, name=self._name, requires_grad=self._requires_grad,
                      layerwise_parallel=self.layerwise_parallel, parallel_optimizer=self.parallel_optimizer)
        p._auto_named = self._auto_named
        return p

    def __repr__(self) -> str:
        return parameter_repr(self._name, self.shape, str(self.dtype), self._requires_grad)

    __str__ = __repr__

    def __reduce__(self):
        return (Parameter, (Tensor(np.asarray(self._value)), self._name, self._requires_grad))


jax.tree_util.register_pytree_node(Parameter, Parameter.tree_flatten, Parameter.tree_unflatten)


class ParameterTuple(tuple):
    """A tuple of Parameters (MindSpore's `ParameterTuple`); duplicates allowed."""

    def __new__(cls, iterable: Iterable = ()) -> ParameterTuple:
        items = tuple(iterable) if not isinstance(iterable, (list, tuple)) else tuple(iterable)
        for item in items:
            if not isinstance(item, Parameter):
                raise TypeError("For ParameterTuple initialization, ParameterTuple input should be 'Parameter' "
                                f"collection, but got a {type(iterable)}. ")
        return super().__new__(cls, items)

    def clone(self, prefix: str, init: str = "same") -> ParameterTuple:
        """Clones named `prefix.name` (how optimizers make their state), each keeping its requires_grad."""
        if not isinstance(prefix, str):
            raise TypeError(f"For 'ParameterTuple.clone', the 'prefix' should be str, but got "
                            f"{type(prefix).__name__}.")
        out = []
        for p in self:
            c = p.clone(init)
            c.name = f"{prefix}.{p.name}"
            out.append(c)
        return ParameterTuple(out)

    def __repr__(self) -> str:
        return "(" + ", ".join(repr(p) for p in self) + ("," if len(self) == 1 else "") + ")"
