"""Names of `mindspore.train.serialization` beyond checkpoints: `export` (see `mindgrad._jax_export`), the
strategy-file helpers of distributed checkpoints (also in `mindgrad.parallel`) and the dtype tables."""

from __future__ import annotations

import json
import os

import numpy as np

from .. import context
from .._jax_export import export, load
from ..common import dtype as mstype

__all__ = ["export", "load", "context", "build_searched_strategy", "merge_sliced_parameter", "tensor_to_np_type",
           "tensor_to_ms_type"]

tensor_to_ms_type = {"Int8": mstype.int8, "UInt8": mstype.uint8, "Int16": mstype.int16, "UInt16": mstype.uint16,
                     "Int32": mstype.int32, "UInt32": mstype.uint32, "Int64": mstype.int64, "UInt64": mstype.uint64,
                     "Float16": mstype.float16, "Float32": mstype.float32, "Float64": mstype.float64,
                     "BFloat16": mstype.bfloat16, "Bool": mstype.bool_}
"""Checkpoint dtype names to MindSpore dtypes."""

tensor_to_np_type = {"Int8": np.int8, "UInt8": np.uint8, "Int16": np.int16, "UInt16": np.uint16, "Int32": np.int32,
                     "UInt32": np.uint32, "Int64": np.int64, "UInt64": np.uint64, "Float16": np.float16,
                     "Float32": np.float32, "Float64": np.float64, "Bool": np.bool_}
"""Checkpoint dtype names to NumPy dtypes."""


def build_searched_strategy(strategy_filename: str) -> dict:
    """The entries of a JSON strategy file (mindgrad writes none: data parallelism needs no slicing plan)."""
    if not os.path.exists(strategy_filename):
        raise ValueError(f"For 'build_searched_strategy', the strategy file {strategy_filename} does not exist.")
    with open(strategy_filename) as f:
        try:
            return json.load(f)
        except ValueError:
            return {}


def merge_sliced_parameter(sliced_parameters: list, strategy=None):
    """One Parameter from slices; with data parallelism every slice is the whole value, so the first is returned."""
    if not sliced_parameters:
        raise ValueError("For 'merge_sliced_parameter', the 'sliced_parameters' should not be empty.")
    return sliced_parameters[0]
