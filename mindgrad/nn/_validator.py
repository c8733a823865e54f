"""Argument checks of `mindspore._checkparam`, with MindSpore's error types and messages.

Used by the nn layers, losses, optimizers and learning-rate helpers so that a bad
argument raises what MindSpore raises (TypeError for a wrong type, bool included
where a number is expected; ValueError for a wrong value).
"""

from __future__ import annotations

import math
from typing import Any, Iterable

_REL = {"gt": ("greater than", lambda a, b: a > b), "ge": ("greater than or equal to", lambda a, b: a >= b),
        "lt": ("less than", lambda a, b: a < b), "eq": ("equal to", lambda a, b: a == b)}


def _prefix(prim_name: str | None) -> str:
    return f"For '{prim_name}', the" if prim_name else "The"


def check_number(value: Any, bound: float, rel: str, arg_type: type, arg_name: str | None,
                 prim_name: str | None) -> Any:
    """`value` must be an `arg_type` (not bool) in relation `rel` to `bound`."""
    name = f"'{arg_name}'" if arg_name else "input value"
    info = f"{_prefix(prim_name)} {name}"
    if not isinstance(value, arg_type) or isinstance(value, bool):
        raise TypeError(f"{info} must be {arg_type.__name__}, but got '{type(value).__name__}'")
    if math.isinf(value) or math.isnan(value):
        raise ValueError(f"{info} must be a legal value, but got '{value}'.")
    words, ok = _REL[rel]
    if not ok(value, bound):
        raise ValueError(f"{info} must be {arg_type.__name__} and must {words} {bound}, but got '{value}' "
                         f"with type '{type(value).__name__}'.")
    return value


def check_positive_int(value: Any, arg_name: str | None = None, prim_name: str | None = None) -> int:
    return check_number(value, 0, "gt", int, arg_name, prim_name)


def check_non_negative_int(value: Any, arg_name: str | None = None, prim_name: str | None = None) -> int:
    return check_number(value, 0, "ge", int, arg_name, prim_name)


def check_positive_float(value: Any, arg_name: str | None = None, prim_name: str | None = None) -> float:
    return check_number(value, 0, "gt", float, arg_name, prim_name)


def check_non_negative_float(value: Any, arg_name: str | None = None, prim_name: str | None = None) -> float:
    return check_number(value, 0, "ge", float, arg_name, prim_name)


def check_is_float(value: Any, arg_name: str | None = None, prim_name: str | None = None) -> float:
    name = f"'{arg_name}'" if arg_name else "input value"
    if not isinstance(value, float):
        raise TypeError(f"{_prefix(prim_name)} type of {name} must be 'float', but got '{type(value).__name__}'.")
    return value


def check_bool(value: Any, arg_name: str | None = None, prim_name: str | None = None) -> bool:
    if not isinstance(value, bool):
        name = f"'{arg_name}'" if arg_name else "input value"
        raise TypeError(f"{_prefix(prim_name)} {name} must be a bool, but got {type(value).__name__}.")
    return value


def check_value_type(arg_name: str, value: Any, valid_types: Iterable[type] | type,
                     prim_name: str | None = None) -> Any:
    """`value` must be an instance of one of `valid_types`; a bool only where bool is listed."""
    types = tuple(valid_types) if isinstance(valid_types, Iterable) else (valid_types,)
    bad = (isinstance(value, bool) and bool not in types) or not isinstance(value, types)
    if bad:
        names = [t.__name__ for t in types]
        what = f"one of '{names}'" if len(types) > 1 else f"'{names[0]}'"
        raise TypeError(f"{_prefix(prim_name)} type of '{arg_name}' should be {what}, but got type "
                        f"'{type(value).__name__}'.")
    return value


def check_float_range(value: Any, lower: float, upper: float, inclusive: tuple[bool, bool], arg_name: str,
                      prim_name: str | None) -> float:
    """`value` must be a float (not bool) in the range, ends included as `inclusive` says."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise TypeError(f"{_prefix(prim_name)} '{arg_name}' must be 'float',  but got '{type(value).__name__}'.")
    low_ok = value >= lower if inclusive[0] else value > lower
    high_ok = value <= upper if inclusive[1] else value < upper
    if not (low_ok and high_ok):
        left, right = "[" if inclusive[0] else "(", "]" if inclusive[1] else ")"
        raise ValueError(f"{_prefix(prim_name)} '{arg_name}' must be in range of {left}{lower}, {upper}{right}, "
                         f"but got {value} with type '{type(value).__name__}'.")
    return value


def check_string(value: Any, valid: Iterable[str], arg_name: str, prim_name: str | None) -> str:
    valid = list(valid)
    if not (isinstance(value, str) and value in valid):
        raise ValueError(f"{_prefix(prim_name)} '{arg_name}' must be str and must be in '{valid}', "
                         f"but got '{value}'.")
    return value
