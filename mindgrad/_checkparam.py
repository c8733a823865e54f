"""`mindspore._checkparam` (imported by MindSpore code as `Validator`, e.g. `mindspore.train.serialization.Validator`):
the argument checks whose signatures and errors match MindSpore's, plus `check_isinstance` and
`check_file_name_by_regular`."""

from __future__ import annotations

import re
from typing import Any

from .nn._validator import (check_bool, check_is_float, check_non_negative_float, check_non_negative_int,
                            check_positive_float, check_positive_int, check_string, check_value_type)

__all__ = ["check_bool", "check_is_float", "check_non_negative_float", "check_non_negative_int", "check_positive_float",
           "check_positive_int", "check_string", "check_value_type", "check_isinstance", "check_file_name_by_regular"]


def check_isinstance(arg_name: str, arg_value: Any, classes) -> Any:
    """`arg_value` if it is an instance of `classes`, else ValueError (MindSpore's type)."""
    if not isinstance(arg_value, classes):
        raise ValueError(f"The parameter '{arg_name}' must be isinstance of {classes}, but got {arg_value}.")
    return arg_value


def check_file_name_by_regular(target: Any, reg: str | None = None, prim_name: str | None = None) -> bool:
    """A file name: a str, not ending in a path separator, of letters, digits and `@_-.:/\\` (or matching `reg`)."""
    who = f"For '{prim_name}', the" if prim_name else "The"
    if not isinstance(target, str):
        raise TypeError(f"{who} '{target}' must be string, but got {type(target)}.")
    if target.endswith(("\\", "/")):
        raise ValueError(f"{who} '{target}' cannot be a directory path.")
    reg = r"^[0-9a-zA-Z@\_\-\.\:\/\\]+$" if reg is None else reg
    if re.match(reg, target) is None:
        raise ValueError(f"{who} '{target}' is illegal, it must be match regular '{reg}'.")
    return True
