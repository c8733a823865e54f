"""`ops.MultitypeFuncGraph`: a function dispatched on the MindSpore type names of its arguments.

`mg.register("Tensor", "Number")` registers an implementation. A call uses the first
registration whose types match (a bool counts as a Number). As in MindSpore, a graph with a
single registration calls it whatever the argument types; with several, no match is a
ValueError.
"""

from __future__ import annotations

from typing import Any, Callable

from ...common.tensor import Tensor


def _type_name(x) -> str:
    if isinstance(x, Tensor):
        return "Tensor"
    if isinstance(x, bool):
        return "Bool"
    if isinstance(x, (int, float)):
        return "Number"
    if isinstance(x, str):
        return "String"
    if x is None:
        return "None"
    if isinstance(x, tuple):
        return "Tuple"
    if isinstance(x, list):
        return "List"
    if isinstance(x, dict):
        return "Dict"
    if callable(x):
        return "Function"
    return type(x).__name__


_ALIASES = {"tensor": "Tensor", "number": "Number", "bool": "Bool", "string": "String", "str": "String",
            "none": "None", "tuple": "Tuple", "list": "List", "dict": "Dict", "function": "Function",
            "rowtensor": "RowTensor", "int": "Number", "float": "Number"}


def _normalize(name) -> str:
    if not isinstance(name, str):
        name = getattr(name, "__name__", str(name))
    return _ALIASES.get(name.lower(), name)


def _matches(wanted: str, got: str) -> bool:
    return wanted == got or (wanted == "Number" and got == "Bool")


class MultitypeFuncGraph:
    """A named function with implementations per argument-type signature."""

    def __init__(self, name: str, read_value: bool = False, doc_url: str = "") -> None:
        self.name = name
        self.read_value = read_value
        self._entries: list[tuple[tuple[str, ...], Callable]] = []

    def register(self, *type_names) -> Callable[[Callable], Callable]:
        signature = tuple(_normalize(t) for t in type_names)

        def deco(fn: Callable) -> Callable:
            self._entries.append((signature, fn))
            return fn

        return deco

    def __call__(self, *args) -> Any:
        got = tuple(_type_name(a) for a in args)
        if len(self._entries) == 1:
            return self._entries[0][1](*args)
        for signature, fn in self._entries:
            if len(signature) == len(got) and all(_matches(w, g) for w, g in zip(signature, got, strict=False)):
                return fn(*args)
        known = [sig for sig, _ in self._entries]
        raise ValueError(f"For 'MultitypeFuncGraph', cannot find fn match given args. Got (sigs): {known}, "
                         f"and the type of args is: {list(got)}.")
