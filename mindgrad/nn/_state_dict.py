"""`Cell.load_state_dict` and `Cell.check_names`, MindSpore 2.10's torch-style loading of Parameter values by
their attribute paths (the names `parameters_and_names()` gives), bound onto `Cell` as methods."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from ..common.tensor import Tensor


class _IncompatibleKeys(NamedTuple):
    """What `load_state_dict` returns: the paths it found no value for, and the keys it did not use."""
    missing_keys: list
    unexpected_keys: list

    def __repr__(self) -> str:
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return f"_IncompatibleKeys(missing_keys={self.missing_keys}, unexpected_keys={self.unexpected_keys})"


def _quoted(keys: list) -> str:
    return ", ".join(f'"{k}"' for k in keys)


def load_state_dict(self, state_dict: Mapping[str, Any], strict: bool = True) -> _IncompatibleKeys:
    """Set each Parameter to the Tensor `state_dict` holds under its path (`"l1.weight"`). With `strict`, a
    missing or unexpected key is an error; a value that is not a Tensor or has another shape always is. Every
    value is checked before any Parameter changes (RuntimeError listing every problem, as MindSpore words them)."""
    if not isinstance(state_dict, Mapping):
        raise TypeError(f"Expected state_dict to be dict-like, got {type(state_dict)}.")
    params = dict(self.parameters_and_names())
    missing = [k for k in params if k not in state_dict]
    unexpected = [k for k in state_dict if k not in params]
    errors = []
    if strict and missing:
        errors.append(f"Missing key(s) in state_dict: {_quoted(missing)}. ")
    if strict and unexpected:
        errors.append(f"Unexpected key(s) in state_dict: {_quoted(unexpected)}. ")
    for key, value in state_dict.items():
        param = params.get(key)
        if param is None:
            continue
        if not isinstance(value, Tensor):
            errors.append(f'While copying the parameter named "{key}", expected Tensor or Tensor-like object from '
                          f"checkpoint but received {type(value)}")
        elif tuple(value.shape) != tuple(param.shape):
            errors.append(f"size mismatch for {key}: copying a param with shape {tuple(value.shape)} from checkpoint, "
                          f"the shape in current model is {tuple(param.shape)}.")
    if errors:
        raise RuntimeError(f"Error(s) in loading state_dict for {type(self).__name__}:\n\t" + "\n\t".join(errors))
    for key, value in state_dict.items():
        if key in params:
            params[key].set_data(value.astype(params[key].dtype))
    return _IncompatibleKeys(missing, unexpected)


def check_names(self) -> None:
    """ValueError when two Parameters of the Cell share a name."""
    names: set = set()
    for path, param in self.parameters_and_names():
        if param.name in names:
            raise ValueError(f"The value of {path} is {param}, its name '{param.name}' already exists. "
                             "Please set a unique name for the parameter.")
        names.add(param.name)
